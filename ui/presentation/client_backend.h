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

/// A saved room: shown in the sidebar, joined at connect when autojoin is set.
struct Bookmark {
  QString roomJid;  ///< bare room JID, lower case
  QString nick;
  bool autojoin = true;
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
  /// The "include joiners automatically" setting (T-ES, MembershipConfig::
  /// autoIncludeJoiners), for the open rooms and those opened later. Members
  /// whose key changed are still never included without consent.
  virtual void setAutoIncludeJoiners(bool on) = 0;

  // ---- bookmarks and the rooms of the last run (issue 11) ----------------------
  /// The account's bookmarks, in the order they were added.
  virtual QVector<Bookmark> bookmarks() const { return {}; }
  /// Add or update the bookmark of `b.roomJid`.
  virtual ActionOutcome setBookmark(const Bookmark& b) {
    Q_UNUSED(b)
    return ActionOutcome::failure(QObject::tr("Bookmarks are not available here."));
  }
  virtual void removeBookmark(const QString& roomJid) { Q_UNUSED(roomJid) }

  // ---- several accounts (issue 11) ------------------------------------------------
  // connection(), savedAccount(), connectAccount(), disconnectAccount(),
  // joinRoom() and the bookmarks are those of the *current* account; rooms()
  // are the rooms of every account. A backend with one account keeps the defaults.
  /// The accounts (bare JIDs; an account being added and not connected yet is "").
  virtual QStringList accounts() const { return {connection().account}; }
  virtual int currentAccount() const { return 0; }
  virtual void setCurrentAccount(int index) { Q_UNUSED(index) }
  /// Whether this backend can hold several accounts.
  virtual bool canAddAccounts() const { return false; }
  /// Start adding an account: a new, empty current account (connectAccount fills it).
  virtual bool beginAddAccount() { return false; }
  /// Forget the current account if it never connected (an "add" that was cancelled).
  virtual void cancelAddAccount() {}
  /// The account a room belongs to (bare JID).
  virtual QString accountOf(RoomBackend* room) const {
    Q_UNUSED(room)
    return connection().account;
  }

 signals:
  void connectionChanged();
  /// A room was opened; owned by this backend until roomClosed.
  void roomOpened(mpenc::present::RoomBackend* room);
  void roomClosed(mpenc::present::RoomBackend* room);
  void bookmarksChanged();
  /// The list of accounts or the current one changed.
  void accountsChanged();
};

}  // namespace mpenc::present
