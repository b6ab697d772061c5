// The account side of the window: connection state, own identity, and opening
// rooms. Implemented by the real XMPP client (xmpp/xmpp_client.h) and by the
// offline demo (app/demo/demo_client.h). Like RoomBackend, plain Qt data only.
#pragma once

#include <QObject>
#include <QString>
#include <QVector>
#include <optional>

#include "ui/presentation/room_backend.h"

namespace mpenc::present {

enum class TlsChoice { Required, IfAvailable, DisabledUnsafe };

/// What the account dialog collects.
struct AccountForm {
  QString jid;
  QString password;
  QString host;  ///< optional server override
  quint16 port = 0;
  TlsChoice tls = TlsChoice::Required;
  bool rememberPassword = true;  ///< keep it in the OS keychain
};

enum class ConnectionPhase { NoAccount, Disconnected, Connecting, Connected, Reconnecting, Failed };

struct ConnectionStatus {
  ConnectionPhase phase = ConnectionPhase::NoAccount;
  QString account;         ///< bare JID
  QString detail;          ///< the last problem, user-facing (never contains the password)
  int reconnectInS = 0;    ///< Reconnecting: seconds until the next attempt
  QString ownFingerprint;  ///< 8 groups of 8 hex digits; empty before an identity exists
  /// Where the identity key lives, user-facing ("the system keychain", "a file
  /// readable only by you (no keychain available)").
  QString keyStorage;
  bool keyStorageWarning = false;  ///< the honest fallback is in use
  bool demo = false;               ///< the offline demo: nothing leaves this computer
};

class ClientBackend : public QObject {
  Q_OBJECT

 public:
  using QObject::QObject;
  ~ClientBackend() override = default;

  virtual ConnectionStatus connection() const = 0;
  /// The account last used (password filled from the keychain when remembered).
  virtual std::optional<AccountForm> savedAccount() const = 0;
  /// Connect with these settings (progress and result through connectionChanged).
  virtual ActionOutcome connectAccount(const AccountForm& form) = 0;
  virtual void disconnectAccount() = 0;
  /// Join a room; on success roomOpened() follows (at once or when joined).
  virtual ActionOutcome joinRoom(const QString& roomJid, const QString& nick) = 0;
  /// Leave and close a room opened by this backend (roomClosed follows).
  virtual void closeRoom(RoomBackend* room) = 0;
  /// Rooms open now, in the order they were opened.
  virtual QVector<RoomBackend*> rooms() const = 0;

 signals:
  void connectionChanged();
  /// A room was opened; owned by this backend until roomClosed.
  void roomOpened(mpenc::present::RoomBackend* room);
  void roomClosed(mpenc::present::RoomBackend* room);
};

}  // namespace mpenc::present
