// XmppClient: the real XMPP account behind the window's ClientBackend.
//
// It owns one AccountConnection (QXmpp, reconnect with backoff), the
// account's identity key (IdentityStore through loadAccountIdentity: the OS
// keychain, or honestly a 0600 file under the data directory), the TOFU
// TrustStore of the data directory, and the rooms (XmppRoom) opened through
// joinRoom.
//
// Connection status (ConnectionStatus): Connecting → Connected; after an
// unexpected loss Reconnecting with a countdown to the next attempt; Failed
// when retrying cannot help (wrong password, server not found, TLS could not
// be set up on the first connection) or the identity key could not be loaded.
// The detail is a user-facing sentence built from what QXmpp reports (socket
// error, stream error, TLS errors); it never contains the password.
//
// The account last used (JID, server, port, TLS) is kept in QSettings; the
// password only in the OS keychain (PasswordStore), never in a file. With
// MPENC_NO_KEYCHAIN=1 (or useKeychain false) passwords are not remembered and
// identity keys go to the file fallback.
#pragma once

#include <QPointer>
#include <QString>
#include <QTimer>
#include <QVector>
#include <chrono>
#include <memory>
#include <optional>

#include "mpenc/crypto/primitives.h"
#include "ui/presentation/client_backend.h"
#include "xmpp/account_settings.h"

namespace mpenc::xmpp {

namespace history {
class HistoryStore;
}
class AccountConnection;
class ServerBookmarks;
class TrustStore;
class XmppRoom;

struct XmppClientOptions {
  /// Identity keys and trust.json; empty = QStandardPaths::AppDataLocation.
  QString dataDir;
  /// An INI file for the saved account; empty = the application's QSettings.
  QString settingsFile;
  /// Identity keys and passwords in the OS keychain (MPENC_NO_KEYCHAIN also turns it off).
  bool useKeychain = true;
  /// SessionHostOptions::fast(): short protocol timers, for tests only.
  bool fastTimers = false;
  /// MembershipConfig::autoIncludeJoiners (T-ES).
  bool autoInclude = false;
  /// Accept any server certificate: only for tests with self-signed certificates.
  bool ignoreSslErrors = false;
  /// Keep an encrypted local history (<dataDir>/history/): xmpp/history_store.h.
  bool keepHistory = true;
  /// At connect, join the autojoin bookmarks and the rooms open at the last quit.
  bool restoreRooms = true;
  /// XMPP ping (XEP-0199) every `keepAliveIntervalS`; no reply within
  /// `keepAliveTimeoutS` ends the stream as dead (then: reconnect). Keep the
  /// timeout below the interval (AccountSettings::effectiveKeepAliveTimeoutS).
  int keepAliveIntervalS = AccountSettings{}.keepAliveIntervalS;
  int keepAliveTimeoutS = AccountSettings{}.keepAliveTimeoutS;
  /// AccountSettings::connectTimeoutS: an attempt whose stream is not up by then is retried.
  int connectTimeoutS = AccountSettings{}.connectTimeoutS;
  /// SessionConfig::joinTimeout (T-TO1) for tests; nullopt = the session host's choice.
  std::optional<std::chrono::milliseconds> joinTimeout;
};

class XmppClient : public mpenc::present::ClientBackend {
  Q_OBJECT

 public:
  explicit XmppClient(XmppClientOptions options = {}, QObject* parent = nullptr);
  ~XmppClient() override;

  // ---- ClientBackend -----------------------------------------------------------
  mpenc::present::ConnectionStatus connection() const override { return status_; }
  std::optional<mpenc::present::AccountForm> savedAccount() const override;
  /// ok with a non-empty message: connecting, but something is worth saying
  /// (the password could not be remembered, the trust store was set aside).
  mpenc::present::ActionOutcome connectAccount(const mpenc::present::AccountForm& form) override;
  void disconnectAccount() override;
  mpenc::present::ActionOutcome joinRoom(const QString& roomJid, const QString& nick) override;
  void closeRoom(mpenc::present::RoomBackend* room) override;
  QVector<mpenc::present::RoomBackend*> rooms() const override;
  QVector<mpenc::present::Bookmark> bookmarks() const override;
  mpenc::present::ActionOutcome setBookmark(const mpenc::present::Bookmark& b) override;
  void removeBookmark(const QString& roomJid) override;
  void setAutoIncludeJoiners(bool on) override;

  // ---- beyond the interface --------------------------------------------------------
  AccountConnection* account() const { return account_; }
  TrustStore* trustStore() const { return trust_.get(); }
  /// The open room with this JID (case-insensitive), nullptr if none.
  XmppRoom* room(const QString& roomJid) const;
  QString dataDir() const { return options_.dataDir; }
  /// The account's history store (open after connectAccount), nullptr before.
  history::HistoryStore* historyStore() const { return history_.get(); }
  /// Why the history is not being saved, empty when it is.
  QString historyProblem() const { return historyProblem_; }
  /// The server keeps our bookmarks (XEP-0048 private storage) and they arrived.
  bool serverBookmarksAvailable() const;
  /// Where the history of `bareJid` is kept under `dataDir`.
  static QString historyPath(const QString& dataDir, const QString& bareJid);

  /// "room@service" lower-cased when `roomJid` is a usable bare room JID; else
  /// empty and `*why` says what is wrong (user-facing).
  static QString normalizeRoomJid(const QString& roomJid, QString* why = nullptr);

 private:
  void setPhase(mpenc::present::ConnectionPhase phase);
  void wireAccount();
  void onAccountState();
  void onClientError(int error);
  void onDisconnected();
  void evaluateDisconnect();
  void onReconnectScheduled(int attempt, int delayMs);
  void onAttemptTimedOut(int seconds);
  void tickCountdown();
  void onRoomLeft(XmppRoom* room);
  void saveSettings(const mpenc::present::AccountForm& form);
  void openHistory(const QString& bare);
  /// Join the autojoin bookmarks and the rooms open at the last quit.
  void restoreRooms();
  /// Remember which rooms are open (they reopen at the next start).
  void rememberOpenRooms();
  /// The server's bookmarks arrived: merge them with the local ones (union on both sides).
  void onServerBookmarks(const QVector<mpenc::present::Bookmark>& server);
  /// Store the local list (and on the server, when it keeps bookmarks).
  void storeBookmarks(const QVector<mpenc::present::Bookmark>& list);
  QString socketProblem() const;

  XmppClientOptions options_;
  mpenc::present::ConnectionStatus status_;
  AccountSettings settings_;
  AccountConnection* account_ = nullptr;
  std::optional<mpenc::crypto::Ed25519KeyPair> identity_;
  std::unique_ptr<TrustStore> trust_;
  std::unique_ptr<history::HistoryStore> history_;  // declared before rooms_: rooms go first
  QString historyProblem_;
  bool restoring_ = false;
  ServerBookmarks* serverBookmarks_ =
      nullptr;  // child of account_  // restoreRooms() is joining: remember the list once at the end
  QVector<XmppRoom*> rooms_;
  QVector<QPointer<XmppRoom>> dying_;  // closed, deleteLater() pending
  QString lastProblem_;                // the last error QXmpp reported, user-facing
  bool retryUseless_ = false;          // that error will not go away by retrying
  bool everConnected_ = false;         // since connectAccount()
  bool sawError_ = false;              // an error arrived for the current attempt
  bool reconnectPending_ = false;
  bool userDisconnected_ = false;
  QString tlsDetail_;  // the last TLS errors (certificate problems)
  QTimer countdown_;
  qint64 reconnectAtMs_ = 0;
  bool evaluatePosted_ = false;
};

}  // namespace mpenc::xmpp
