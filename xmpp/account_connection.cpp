#include "xmpp/account_connection.h"

#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppStanza.h>

#include <QRandomGenerator>
#include <algorithm>
#include <cmath>
#if defined(Q_OS_LINUX)
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#endif

namespace mpenc::xmpp {

int ReconnectPolicy::baseDelayMs(int attempt) const {
  const double cap = std::max(1, maxDelayMs);
  const double d = std::max(1, initialDelayMs) * std::pow(std::max(1.0, factor), std::clamp(attempt, 0, 62));
  return static_cast<int>(std::min(d, cap));
}

int ReconnectPolicy::delayMs(int attempt, double unit) const {
  const double base = baseDelayMs(attempt);
  const double j = std::clamp(jitter, 0.0, 1.0) * (2.0 * std::clamp(unit, 0.0, 1.0) - 1.0);
  const double d = base * (1.0 + j);
  return static_cast<int>(std::clamp(d, 1.0, static_cast<double>(std::max(1, maxDelayMs))));
}

int AccountSettings::effectiveKeepAliveTimeoutS() const {
  const int t = std::max(1, keepAliveTimeoutS);
  return keepAliveIntervalS > 0 ? std::min(t, std::max(1, keepAliveIntervalS - 1)) : t;
}

namespace {

QXmppConfiguration::StreamSecurityMode securityMode(TlsPolicy p) {
  switch (p) {
    case TlsPolicy::Required:
      return QXmppConfiguration::TLSRequired;
    case TlsPolicy::IfAvailable:
      return QXmppConfiguration::TLSEnabled;
    case TlsPolicy::DisabledUnsafe:
      return QXmppConfiguration::TLSDisabled;
  }
  return QXmppConfiguration::TLSRequired;
}

}  // namespace

AccountConnection::AccountConnection(AccountSettings settings, QObject* parent)
    : QObject(parent), settings_(std::move(settings)), client_(new QXmppClient(this)) {
  reconnectTimer_.setSingleShot(true);
  connect(&reconnectTimer_, &QTimer::timeout, this, [this] {
    if (wanted_ && state_ == State::Disconnected) {
      ++attempt_;
      const int keep = attempt_;
      connectToServer();
      attempt_ = keep;  // connectToServer() resets it for explicit calls only
    }
  });
  establishTimer_.setSingleShot(true);
  connect(&establishTimer_, &QTimer::timeout, this, &AccountConnection::onEstablishTimeout);
  connect(client_, &QXmppClient::stateChanged, this, [this](QXmppClient::State) { onClientStateChanged(); });
  // Connected only once the stream is up: QXmpp 1.4 reports ConnectedState as
  // soon as a new TCP connection opens after a lost session (a stale
  // "session started"), before any reply from the server: over a dead network
  // the client looked connected and rejoined its rooms into nothing.
  connect(client_, &QXmppClient::connected, this, [this] {
    streamUp_ = true;
    onClientStateChanged();
  });
  connect(client_, &QXmppClient::disconnected, this, [this] {
    streamUp_ = false;
    onClientStateChanged();
  });
  connect(client_, &QXmppClient::error, this,
          [this](QXmppClient::Error e) { onClientError(static_cast<int>(e)); });
  watchStreamSockets();
}

AccountConnection::~AccountConnection() {
  wanted_ = false;
  reconnectTimer_.stop();
  establishTimer_.stop();
  // Disconnect from the client's signals before it goes away with us.
  client_->disconnect(this);
  if (client_->state() != QXmppClient::DisconnectedState) client_->disconnectFromServer();
}

QString AccountConnection::jid() const {
  const auto slash = settings_.jid.indexOf(QLatin1Char('/'));
  return slash < 0 ? settings_.jid : settings_.jid.left(slash);
}

QString AccountConnection::fullJid() const {
  return state_ == State::Connected ? client_->configuration().jid() : QString();
}

void AccountConnection::connectToServer() {
  wanted_ = true;
  fatal_ = false;
  attempt_ = 0;
  reconnectTimer_.stop();
  if (client_->state() != QXmppClient::DisconnectedState) return;

  QXmppConfiguration config;
  config.setJid(settings_.jid);
  config.setPassword(settings_.password);
  if (!settings_.host.isEmpty()) config.setHost(settings_.host);
  if (settings_.port != 0) config.setPort(settings_.port);
  config.setStreamSecurityMode(securityMode(settings_.tls));
  config.setIgnoreSslErrors(settings_.ignoreSslErrors);
  // Reconnects are ours (backoff, room rejoin); QXmpp's own would race them.
  config.setAutoReconnectionEnabled(false);
  config.setKeepAliveInterval(settings_.keepAliveIntervalS);
  config.setKeepAliveTimeout(settings_.effectiveKeepAliveTimeoutS());
  streamUp_ = false;
  setState(State::Connecting);
  watchStreamSockets();  // a socket QXmpp created since (none in 1.4 / 1.10: it keeps one)
  establishTimer_.start(std::max(1, settings_.connectTimeoutS) * 1000);
  client_->connectToServer(config);
}

// The attempt did not get its stream up in time: give it up (the socket is
// closed) and let the backoff retry, saying what happened.
void AccountConnection::onEstablishTimeout() {
  if (state_ == State::Connected || client_->state() == QXmppClient::DisconnectedState) return;
  const int s = std::max(1, settings_.connectTimeoutS);
  emit attemptTimedOut(s);
  emit errorOccurred(
      QStringLiteral("The server did not complete the connection within %1 s (no answer)").arg(s));
  client_->disconnectFromServer();
}

// ---- TCP_NODELAY (issue 12) ---------------------------------------------------------

QList<QAbstractSocket*> AccountConnection::streamSockets() const {
  QList<QAbstractSocket*> out;
  for (QAbstractSocket* s : client_->findChildren<QAbstractSocket*>())
    if (qobject_cast<QAbstractSocket*>(s->parent()) == nullptr) out.append(s);  // not QSslSocket's inner one
  return out;
}

void AccountConnection::watchStreamSockets() {
  for (QAbstractSocket* s : streamSockets()) {
    connect(s, &QAbstractSocket::connected, this, &AccountConnection::setLowDelay, Qt::UniqueConnection);
    connect(s, &QIODevice::readyRead, this, &AccountConnection::ackPromptly, Qt::UniqueConnection);
  }
}

// The server's side of the same problem: a server that keeps Nagle's
// algorithm on (Prosody's default) holds its next stanza to us back until
// we acked the previous one, and Linux delays that ack up to ~40 ms. Quick-ack
// mode acks at once (setting it also sends an ack already pending); the
// kernel leaves the mode by itself, so it is set again on every read.
// Measured through Prosody with its default settings (mpenc_bench_xmpp_session,
// issue 12): a two-member session took 47 ms to establish before, see
// docs/performance.md for after. Linux only; elsewhere a no-op.
void AccountConnection::ackPromptly() {
#if defined(Q_OS_LINUX)
  auto* s = qobject_cast<QAbstractSocket*>(sender());
  if (s == nullptr || s->state() != QAbstractSocket::ConnectedState) return;
  const qintptr fd = s->socketDescriptor();
  if (fd < 0) return;
  const int on = 1;
  (void)::setsockopt(static_cast<int>(fd), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
#endif
}

// Every stanza is small and most wait for an answer: without TCP_NODELAY
// Nagle's algorithm holds a write back until the previous one is acked
// (delayed acks: ~40 ms on Linux). Set on each new connection (a reconnect
// opens a new descriptor); also on reaching Connected, in case a socket
// connected before we saw it.
void AccountConnection::setLowDelay() {
  for (QAbstractSocket* s : streamSockets())
    if (s->state() == QAbstractSocket::ConnectedState) s->setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

void AccountConnection::disconnectFromServer() {
  wanted_ = false;
  reconnectTimer_.stop();
  establishTimer_.stop();
  if (client_->state() != QXmppClient::DisconnectedState) {
    client_->disconnectFromServer();
  } else {
    setState(State::Disconnected);
  }
}

void AccountConnection::onClientStateChanged() {
  switch (client_->state()) {
    case QXmppClient::ConnectingState:
      setState(State::Connecting);
      break;
    case QXmppClient::ConnectedState:
      if (!streamUp_) {  // TCP is up, the XMPP stream is not (yet)
        setState(State::Connecting);
        break;
      }
      attempt_ = 0;
      establishTimer_.stop();
      setLowDelay();
      setState(State::Connected);
      break;
    case QXmppClient::DisconnectedState:
      establishTimer_.stop();
      setState(State::Disconnected);
      scheduleReconnect();
      break;
  }
}

void AccountConnection::onClientError(int error) {
  QString message;
  switch (static_cast<QXmppClient::Error>(error)) {
    case QXmppClient::NoError:
      return;
    case QXmppClient::SocketError:
      message = QStringLiteral("Connection to the server failed: ") + client_->socketErrorString();
      break;
    case QXmppClient::KeepAliveError:  // a dead network on which TCP stays up
      message = QStringLiteral("The server stopped answering: no reply to a ping within %1 s")
                    .arg(settings_.effectiveKeepAliveTimeoutS());
      break;
    case QXmppClient::XmppStreamError: {
      const auto condition = client_->xmppStreamError();
      if (condition == QXmppStanza::Error::NotAuthorized) {
        fatal_ = true;
        message = QStringLiteral("Authentication failed: check the account name and password");
      } else {
        message = QStringLiteral("The server closed the XMPP stream (error condition %1)")
                      .arg(static_cast<int>(condition));
      }
      break;
    }
  }
  emit errorOccurred(message);
}

void AccountConnection::scheduleReconnect() {
  if (!wanted_ || fatal_ || !settings_.reconnect.enabled || reconnectTimer_.isActive()) return;
  const int delay = settings_.reconnect.delayMs(attempt_, QRandomGenerator::global()->generateDouble());
  emit reconnectScheduled(attempt_ + 1, delay);
  reconnectTimer_.start(delay);
}

void AccountConnection::setState(State s) {
  if (s == state_) return;
  state_ = s;
  emit stateChanged(s);
  if (s == State::Connected) emit connected();
  if (s == State::Disconnected) emit disconnected();
}

}  // namespace mpenc::xmpp
