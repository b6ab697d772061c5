// One XMPP account: one QXmppClient, its connection state, and automatic
// reconnect with exponential backoff. Rooms (MucChannel) sit on top of it.
#pragma once

#include <QAbstractSocket>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include "xmpp/account_settings.h"

class QXmppClient;

namespace mpenc::xmpp {

class AccountConnection : public QObject {
  Q_OBJECT

 public:
  enum class State { Disconnected, Connecting, Connected };
  Q_ENUM(State)

  explicit AccountConnection(AccountSettings settings, QObject* parent = nullptr);
  ~AccountConnection() override;

  /// Connect (or reconnect) now; resets the backoff.
  void connectToServer();
  /// Disconnect on purpose: no automatic reconnect until connectToServer().
  void disconnectFromServer();

  State state() const { return state_; }
  bool isConnected() const { return state_ == State::Connected; }
  /// The bare account JID (user@domain).
  QString jid() const;
  /// The full JID of the current stream (empty while disconnected).
  QString fullJid() const;
  /// The underlying client (for rooms and other extensions); owned by this object.
  QXmppClient* client() const { return client_; }
  const AccountSettings& settings() const { return settings_; }
  void setReconnectPolicy(const ReconnectPolicy& policy) { settings_.reconnect = policy; }
  /// Reconnect attempts since the last successful connection.
  int reconnectAttempts() const { return attempt_; }
  /// The client's stream sockets (QXmpp 1.4 and 1.10 create one QSslSocket
  /// per client and expose no accessor: found in the client's object tree;
  /// the plain socket inside a QSslSocket is not listed).
  /// TCP_NODELAY (QAbstractSocket::LowDelayOption) is set on each of them
  /// every time it connects (issue 12: Nagle held back ~40 ms per round).
  QList<QAbstractSocket*> streamSockets() const;

 signals:
  void stateChanged(mpenc::xmpp::AccountConnection::State state);
  void connected();
  void disconnected();
  /// A human-readable problem (never contains the password).
  void errorOccurred(const QString& message);
  /// The next reconnect attempt will start in `delayMs`.
  void reconnectScheduled(int attempt, int delayMs);
  /// The running attempt's stream was not up within AccountSettings::connectTimeoutS:
  /// it is given up now (then disconnected(), and a reconnect with the backoff).
  void attemptTimedOut(int seconds);

 private:
  void onClientStateChanged();
  void onClientError(int error);
  void scheduleReconnect();
  void setState(State s);
  void watchStreamSockets();
  void setLowDelay();
  void ackPromptly();
  void onEstablishTimeout();

  AccountSettings settings_;
  QXmppClient* client_ = nullptr;
  QTimer reconnectTimer_;
  QTimer establishTimer_;  // AccountSettings::connectTimeoutS for the running attempt
  State state_ = State::Disconnected;
  bool wanted_ = false;    // the user wants to be connected
  bool fatal_ = false;     // last error must not be retried (e.g. bad password)
  bool streamUp_ = false;  // QXmppClient::connected() came, disconnected() not since
  int attempt_ = 0;
};

}  // namespace mpenc::xmpp
