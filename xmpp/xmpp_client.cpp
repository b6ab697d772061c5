#include "xmpp/xmpp_client.h"

#include <QXmppClient.h>
#include <QXmppStanza.h>

#include <QAbstractSocket>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QSslError>
#include <QStandardPaths>
#include <algorithm>
#include <utility>

#include "xmpp/account_connection.h"
#include "xmpp/account_identity.h"
#include "xmpp/history_store.h"
#include "xmpp/identity_store.h"
#include "xmpp/keychain_job.h"
#include "xmpp/password_store.h"
#include "xmpp/server_bookmarks.h"
#include "xmpp/session_host.h"
#include "xmpp/settings_file.h"
#include "xmpp/trust_store.h"
#include "xmpp/xmpp_room.h"

namespace mpenc::xmpp {

using mpenc::present::AccountForm;
using mpenc::present::ActionOutcome;
using mpenc::present::ConnectionPhase;
using mpenc::present::TlsChoice;

namespace {

constexpr int kMaxJidPartBytes = 1023;  // RFC 7622: each part at most 1023 octets

TlsPolicy policyOf(TlsChoice c) {
  switch (c) {
    case TlsChoice::Required:
      return TlsPolicy::Required;
    case TlsChoice::IfAvailable:
      return TlsPolicy::IfAvailable;
    case TlsChoice::DisabledUnsafe:
      return TlsPolicy::DisabledUnsafe;
  }
  return TlsPolicy::Required;
}

QString tlsName(TlsChoice c) {
  switch (c) {
    case TlsChoice::Required:
      return QStringLiteral("required");
    case TlsChoice::IfAvailable:
      return QStringLiteral("if-available");
    case TlsChoice::DisabledUnsafe:
      return QStringLiteral("disabled-unsafe");
  }
  return QStringLiteral("required");
}

TlsChoice tlsFromName(const QString& s) {
  if (s == QLatin1String("if-available")) return TlsChoice::IfAvailable;
  if (s == QLatin1String("disabled-unsafe")) return TlsChoice::DisabledUnsafe;
  return TlsChoice::Required;  // the safe default for anything unknown
}

bool hasSpaceOrControl(const QString& s) {
  for (const QChar c : s)
    if (c.isSpace() || c.category() == QChar::Other_Control) return true;
  return false;
}

}  // namespace

XmppClient::XmppClient(XmppClientOptions options, QObject* parent)
    : ClientBackend(parent), options_(std::move(options)) {
  if (options_.dataDir.isEmpty())
    options_.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  countdown_.setInterval(1000);
  connect(&countdown_, &QTimer::timeout, this, &XmppClient::tickCountdown);
  const auto settings = openSettingsFile(options_.settingsFile);
  const QString saved = settings->value(QStringLiteral("account/jid")).toString();
  if (!normalizeBareJid(saved).isEmpty()) {
    status_.phase = ConnectionPhase::Disconnected;
    status_.account = normalizeBareJid(saved);
  }
}

void XmppClient::openHistory(const QString& bare) {
  // One history file per account, sealed under a key derived from its
  // identity seed (history_codec.h): readable only with that keychain entry.
  const QString path = historyPath(options_.dataDir, bare);
  if (history_ && history_->isOpen() && history_->path() == path) return;
  history_ = std::make_unique<history::HistoryStore>();
  historyProblem_.clear();
  if (!options_.keepHistory) return;
  const auto st = history_->open(path, history::StorageKey::fromIdentitySeed(identity_->seed().view()));
  if (!st.ok()) historyProblem_ = st.message;
}

QString XmppClient::historyPath(const QString& dataDir, const QString& bareJid) {
  const QByteArray h =
      QCryptographicHash::hash(normalizeBareJid(bareJid).toUtf8(), QCryptographicHash::Sha256).toHex();
  return dataDir + QStringLiteral("/history/") + QString::fromLatin1(h) + QStringLiteral(".sqlite");
}

XmppClient::~XmppClient() {
  // Rooms use the account (and the trust store): they go first.
  const auto rooms = std::exchange(rooms_, {});
  for (XmppRoom* r : rooms) {
    r->disconnect(this);
    delete r;
  }
  for (const QPointer<XmppRoom>& r : std::as_const(dying_)) delete r.data();  // closed, not deleted yet
  delete account_;
  account_ = nullptr;
}

// ---- the saved account --------------------------------------------------------------

std::optional<AccountForm> XmppClient::savedAccount() const {
  const auto s = openSettingsFile(options_.settingsFile);
  AccountForm form;
  form.jid = s->value(QStringLiteral("account/jid")).toString();
  if (normalizeBareJid(form.jid).isEmpty()) return std::nullopt;
  form.host = s->value(QStringLiteral("account/host")).toString();
  const int port = s->value(QStringLiteral("account/port"), 0).toInt();
  form.port = port > 0 && port <= 65535 ? static_cast<quint16>(port) : 0;
  form.tls = tlsFromName(s->value(QStringLiteral("account/tls")).toString());
  form.rememberPassword = s->value(QStringLiteral("account/rememberPassword"), true).toBool();
  if (form.rememberPassword) {
    const PasswordStore passwords(options_.useKeychain);
    if (auto pw = passwords.read(form.jid)) form.password = std::move(*pw);
  }
  return form;
}

void XmppClient::saveSettings(const AccountForm& form) {
  const auto s = openSettingsFile(options_.settingsFile);
  s->setValue(QStringLiteral("account/jid"), normalizeBareJid(form.jid));
  s->setValue(QStringLiteral("account/host"), form.host.trimmed());
  s->setValue(QStringLiteral("account/port"), static_cast<int>(form.port));
  s->setValue(QStringLiteral("account/tls"), tlsName(form.tls));
  s->setValue(QStringLiteral("account/rememberPassword"), form.rememberPassword);
  // Never the password: that lives in the keychain only (PasswordStore).
  s->sync();
}

// ---- connecting ----------------------------------------------------------------------

ActionOutcome XmppClient::connectAccount(const AccountForm& form) {
  const QString jid = form.jid.trimmed();
  const QString bare = normalizeBareJid(jid);
  if (bare.isEmpty() || !jid.contains(QLatin1Char('@')) || jid.startsWith(QLatin1Char('@')))
    return ActionOutcome::failure(tr("Enter your address as name@server, for example alice@example.org."));
  if (form.password.isEmpty()) return ActionOutcome::failure(tr("Enter the password of %1.").arg(bare));
  if (hasSpaceOrControl(form.host.trimmed()))
    return ActionOutcome::failure(
        tr("The server name cannot contain spaces. Leave it empty to use the "
           "server of your address."));

  AccountSettings s;
  s.jid = jid;
  s.password = form.password;
  s.host = form.host.trimmed();
  s.port = form.port;
  s.tls = policyOf(form.tls);
  s.ignoreSslErrors = options_.ignoreSslErrors;
  s.keepAliveIntervalS = options_.keepAliveIntervalS;
  s.keepAliveTimeoutS = options_.keepAliveTimeoutS;
  s.connectTimeoutS = options_.connectTimeoutS;

  if (account_) {
    const bool same = normalizeBareJid(settings_.jid) == bare && settings_.password == s.password &&
                      settings_.host == s.host && settings_.port == s.port && settings_.tls == s.tls;
    if (!rooms_.isEmpty() && !same)
      return ActionOutcome::failure(
          tr("Leave the open rooms before changing the account settings, then connect again."));
    if (same) {  // again with the same settings: just retry now (if not on the way already)
      if (account_->state() != AccountConnection::State::Disconnected) return ActionOutcome::success();
      userDisconnected_ = false;
      for (XmppRoom* r : std::as_const(rooms_)) r->setDisconnectRequested(false);
      everConnected_ = false;
      lastProblem_.clear();
      status_.detail.clear();
      setPhase(ConnectionPhase::Connecting);
      account_->connectToServer();
      return ActionOutcome::success();
    }
    for (const QPointer<XmppRoom>& r : std::as_const(dying_)) delete r.data();  // they use the account
    dying_.clear();
    account_->disconnect(this);
    delete account_;
    account_ = nullptr;
    serverBookmarks_ = nullptr;  // it was a child of the account
  }

  // The identity key of this account (keychain, or honestly a file).
  status_.account = bare;
  QString error;
  const auto loaded = loadAccountIdentity(options_.dataDir, options_.useKeychain, bare, &error);
  if (!loaded) {
    identity_.reset();
    status_.ownFingerprint.clear();
    status_.detail = error;
    setPhase(ConnectionPhase::Failed);
    return ActionOutcome::failure(error);
  }
  identity_.emplace(loaded->key.clone());
  status_.ownFingerprint = loaded->fingerprint;
  if (loaded->inKeychain) {
    status_.keyStorage = tr("the system keychain");
    status_.keyStorageWarning = false;
  } else {
    status_.keyStorage = keychainAllowed(options_.useKeychain)
                             ? tr("a file readable only by you (no keychain available)")
                             : tr("a file readable only by you (the system keychain is turned off)");
    status_.keyStorageWarning = true;
  }
  QString notes;
  if (!trust_) {
    trust_ = std::make_unique<TrustStore>(options_.dataDir);
    if (trust_->loadError().kind != TrustStore::ErrorKind::None) notes = trust_->loadError().message;
  }
  openHistory(bare);
  if (!historyProblem_.isEmpty())
    notes = notes.isEmpty() ? historyProblem_ : notes + QLatin1Char(' ') + historyProblem_;

  // The password: in the keychain when asked for and possible, else nowhere.
  PasswordStore passwords(options_.useKeychain);
  if (form.rememberPassword && passwords.available()) {
    QString why;
    if (!passwords.write(bare, form.password, &why))
      notes = notes.isEmpty() ? why : notes + QLatin1Char(' ') + why;
  } else if (!form.rememberPassword) {
    passwords.remove(bare);
  }
  saveSettings(form);

  settings_ = s;
  account_ = new AccountConnection(std::move(s), this);
  serverBookmarks_ = new ServerBookmarks(account_->client(), account_);
  connect(serverBookmarks_, &ServerBookmarks::received, this, &XmppClient::onServerBookmarks);
  wireAccount();
  userDisconnected_ = false;
  everConnected_ = false;
  sawError_ = false;
  retryUseless_ = false;
  reconnectPending_ = false;
  lastProblem_.clear();
  tlsDetail_.clear();
  status_.detail.clear();
  status_.reconnectInS = 0;
  setPhase(ConnectionPhase::Connecting);
  account_->connectToServer();
  if (options_.restoreRooms) restoreRooms();  // they enter as soon as the account is connected
  if (!notes.isEmpty()) return ActionOutcome{true, notes};
  return ActionOutcome::success();
}

void XmppClient::disconnectAccount() {
  if (!account_) return;
  userDisconnected_ = true;
  for (XmppRoom* r : std::as_const(rooms_)) r->setDisconnectRequested(true);
  countdown_.stop();
  reconnectPending_ = false;
  account_->disconnectFromServer();
  status_.detail.clear();
  status_.reconnectInS = 0;
  setPhase(ConnectionPhase::Disconnected);
}

void XmppClient::wireAccount() {
  connect(account_, &AccountConnection::stateChanged, this,
          [this](AccountConnection::State) { onAccountState(); });
  connect(account_, &AccountConnection::reconnectScheduled, this, &XmppClient::onReconnectScheduled);
  connect(account_, &AccountConnection::attemptTimedOut, this, &XmppClient::onAttemptTimedOut);
  QXmppClient* c = account_->client();
  connect(c, &QXmppClient::error, this, [this](QXmppClient::Error e) { onClientError(static_cast<int>(e)); });
  connect(c, &QXmppClient::sslErrors, this, [this](const QList<QSslError>& errors) {
    QStringList texts;
    for (const QSslError& e : errors) texts << e.errorString();
    texts.removeDuplicates();
    tlsDetail_ = texts.join(QStringLiteral("; ")).left(300);
  });
}

void XmppClient::setPhase(ConnectionPhase phase) {
  status_.phase = phase;
  if (phase != ConnectionPhase::Reconnecting) {
    countdown_.stop();
    status_.reconnectInS = 0;
  }
  emit connectionChanged();
}

void XmppClient::onAccountState() {
  switch (account_->state()) {
    case AccountConnection::State::Connecting:
      sawError_ = false;
      reconnectPending_ = false;
      // An automatic attempt after a loss stays "reconnecting" (the last problem is kept).
      setPhase(everConnected_ || account_->reconnectAttempts() > 0 ? ConnectionPhase::Reconnecting
                                                                   : ConnectionPhase::Connecting);
      break;
    case AccountConnection::State::Connected:
      everConnected_ = true;
      reconnectPending_ = false;
      lastProblem_.clear();
      tlsDetail_.clear();
      retryUseless_ = false;
      status_.detail.clear();
      setPhase(ConnectionPhase::Connected);
      break;
    case AccountConnection::State::Disconnected:
      onDisconnected();
      break;
  }
}

QString XmppClient::socketProblem() const {
  QXmppClient* c = account_->client();
  const QString server = settings_.host.isEmpty()
                             ? normalizeBareJid(settings_.jid).section(QLatin1Char('@'), 1)
                             : settings_.host;
  const int port = settings_.port != 0 ? settings_.port : 5222;
  switch (c->socketError()) {
    case QAbstractSocket::HostNotFoundError:
      return tr("The server %1 was not found. Check the server name (or the part of your address after "
                "“@”) and your network connection.")
          .arg(server);
    case QAbstractSocket::ConnectionRefusedError:
      return tr("%1 refused the connection on port %2. Check the port, or try again when the server is up.")
          .arg(server)
          .arg(port);
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInvalidUserDataError:
    case QAbstractSocket::SslInternalError:
      return tr("A secure (TLS) connection to %1 could not be set up: %2. Check the server name, or ask the "
                "server's administrator about its certificate.")
          .arg(server, tlsDetail_.isEmpty() ? c->socketErrorString() : tlsDetail_);
    case QAbstractSocket::SocketTimeoutError:
      return tr("%1 did not answer in time. Check your network connection.").arg(server);
    case QAbstractSocket::RemoteHostClosedError:
      return tr("%1 closed the connection.").arg(server);
    case QAbstractSocket::NetworkError:
      return tr("The network is unreachable. Check your network connection.");
    default:
      return tr("The connection to %1 failed: %2.").arg(server, c->socketErrorString());
  }
}

void XmppClient::onClientError(int error) {
  QXmppClient* c = account_->client();
  sawError_ = true;
  switch (static_cast<QXmppClient::Error>(error)) {
    case QXmppClient::NoError:
      sawError_ = false;
      return;
    case QXmppClient::SocketError: {
      lastProblem_ = socketProblem();
      const auto e = c->socketError();
      retryUseless_ = e == QAbstractSocket::HostNotFoundError ||
                      e == QAbstractSocket::SslHandshakeFailedError ||
                      e == QAbstractSocket::SslInvalidUserDataError || e == QAbstractSocket::SslInternalError;
      break;
    }
    case QXmppClient::KeepAliveError:  // a dead network on which TCP stays up
      lastProblem_ = tr("The server stopped answering: no reply to a ping within %1 s. The network "
                        "connection may be down.")
                         .arg(settings_.effectiveKeepAliveTimeoutS());
      retryUseless_ = false;
      break;
    case QXmppClient::XmppStreamError:
      switch (c->xmppStreamError()) {
        case QXmppStanza::Error::NotAuthorized:
          lastProblem_ = tr("The server did not accept the password for %1. Check your address and password.")
                             .arg(normalizeBareJid(settings_.jid));
          retryUseless_ = true;
          break;
        case QXmppStanza::Error::Conflict:
          lastProblem_ =
              tr("The server closed this connection because the account logged in elsewhere "
                 "with the same resource.");
          retryUseless_ = false;
          break;
        case QXmppStanza::Error::PolicyViolation:
        case QXmppStanza::Error::NotAllowed:
        case QXmppStanza::Error::Forbidden:
          lastProblem_ =
              tr("The server refused the connection (its policy). Ask the server's administrator.");
          retryUseless_ = true;
          break;
        default:
          // QXmpp 1.4 reports most stream errors (e.g. system-shutdown) as
          // undefined-condition: no more to say than that it ended.
          lastProblem_ = tr("The server closed the connection.");
          retryUseless_ = false;
          break;
      }
      break;
  }
  status_.detail = lastProblem_;
  emit connectionChanged();
}

void XmppClient::onAttemptTimedOut(int seconds) {
  // Comes before the disconnect it causes: evaluateDisconnect keeps this reason.
  sawError_ = true;
  retryUseless_ = false;  // a busy server or a flaky network: worth another try
  lastProblem_ = tr("The server accepted the connection but did not answer within %1 s. Trying again; "
                    "check your network connection.")
                     .arg(seconds);
  status_.detail = lastProblem_;
  emit connectionChanged();
}

void XmppClient::onDisconnected() {
  // The error (if any) and the reconnect decision may come right after the
  // state change: decide once the current signals are through.
  if (evaluatePosted_) return;
  evaluatePosted_ = true;
  QTimer::singleShot(0, this, &XmppClient::evaluateDisconnect);
}

void XmppClient::evaluateDisconnect() {
  evaluatePosted_ = false;
  if (!account_ || account_->state() != AccountConnection::State::Disconnected) return;
  if (userDisconnected_) {
    setPhase(ConnectionPhase::Disconnected);
    return;
  }
  if (!sawError_ && !everConnected_) {
    lastProblem_ =
        settings_.tls == TlsPolicy::Required
            ? tr("The server closed the connection while logging in. If it does not offer a secure "
                 "(TLS) connection, it cannot be used with “TLS required”.")
            : tr("The server closed the connection while logging in.");
    retryUseless_ = settings_.tls == TlsPolicy::Required;
  } else if (!sawError_) {
    lastProblem_ = tr("The connection to the server was lost.");
  }
  status_.detail = lastProblem_;
  const bool giveUp = !reconnectPending_ || (retryUseless_ && !everConnected_);
  if (giveUp) {
    account_->disconnectFromServer();  // no further automatic attempts
    reconnectPending_ = false;
    setPhase(ConnectionPhase::Failed);
    return;
  }
  status_.reconnectInS = static_cast<int>(
      std::max<qint64>(0, (reconnectAtMs_ - QDateTime::currentMSecsSinceEpoch() + 999) / 1000));
  setPhase(ConnectionPhase::Reconnecting);
  countdown_.start();
}

void XmppClient::onReconnectScheduled(int attempt, int delayMs) {
  Q_UNUSED(attempt)
  reconnectPending_ = true;
  reconnectAtMs_ = QDateTime::currentMSecsSinceEpoch() + delayMs;
}

void XmppClient::tickCountdown() {
  if (status_.phase != ConnectionPhase::Reconnecting) {
    countdown_.stop();
    return;
  }
  const int left = static_cast<int>(
      std::max<qint64>(0, (reconnectAtMs_ - QDateTime::currentMSecsSinceEpoch() + 999) / 1000));
  if (left == status_.reconnectInS) return;
  status_.reconnectInS = left;
  if (left == 0) countdown_.stop();
  emit connectionChanged();
}

// ---- rooms -----------------------------------------------------------------------------

QString XmppClient::normalizeRoomJid(const QString& roomJid, QString* why) {
  const QString s = roomJid.trimmed();
  auto fail = [why](const QString& text) {
    if (why) *why = text;
    return QString();
  };
  const QString example = QStringLiteral("team@conference.example.org");
  if (s.isEmpty()) return fail(tr("Enter the room address, like %1.").arg(example));
  if (hasSpaceOrControl(s))
    return fail(tr("A room address cannot contain spaces. It looks like %1.").arg(example));
  if (s.contains(QLatin1Char('/')))
    return fail(tr("Enter the room address without a nickname (no “/”), like %1.").arg(example));
  const int at = s.indexOf(QLatin1Char('@'));
  const QString domain = s.mid(at + 1);
  if (at <= 0 || at != s.lastIndexOf(QLatin1Char('@')) || domain.isEmpty() ||
      domain.startsWith(QLatin1Char('.')) || domain.endsWith(QLatin1Char('.')) ||
      domain.contains(QStringLiteral("..")))
    return fail(tr("“%1” is not a room address. A room address looks like %2.").arg(s.left(100), example));
  if (s.left(at).toUtf8().size() > kMaxJidPartBytes || domain.toUtf8().size() > kMaxJidPartBytes)
    return fail(tr("The room address is too long."));
  return s.toLower();
}

XmppRoom* XmppClient::room(const QString& roomJid) const {
  const QString jid = roomJid.trimmed().toLower();
  for (XmppRoom* r : rooms_)
    if (r->roomJid() == jid) return r;
  return nullptr;
}

QVector<mpenc::present::RoomBackend*> XmppClient::rooms() const {
  QVector<mpenc::present::RoomBackend*> out;
  out.reserve(rooms_.size());
  for (XmppRoom* r : rooms_) out << r;
  return out;
}

ActionOutcome XmppClient::joinRoom(const QString& roomJid, const QString& nick) {
  if (!account_ || !identity_)
    return ActionOutcome::failure(tr("Set up and connect your account first, then join the room."));
  QString why;
  const QString jid = normalizeRoomJid(roomJid, &why);
  if (jid.isEmpty()) return ActionOutcome::failure(why);
  const QString n = nick.trimmed();
  if (n.isEmpty()) return ActionOutcome::failure(tr("Enter the nickname to use in %1.").arg(jid));
  for (const QChar c : n)
    if (c.category() == QChar::Other_Control)
      return ActionOutcome::failure(tr("A nickname cannot contain control characters."));
  if (n.toUtf8().size() > kMaxJidPartBytes) return ActionOutcome::failure(tr("The nickname is too long."));
  if (XmppRoom* open = room(jid)) {
    if (open->isLeaving())
      return ActionOutcome::failure(tr("%1 is still being left. Join it again in a moment.").arg(jid));
    return ActionOutcome::failure(tr("You are in %1 already; it is in the room list.").arg(jid));
  }

  SessionHostOptions opts;
  if (options_.fastTimers) {
    opts = SessionHostOptions::fast(options_.autoInclude);
  } else {
    opts.autoIncludeJoiners = options_.autoInclude;
  }
  if (options_.joinTimeout) opts.joinTimeout = *options_.joinTimeout;
  auto* r = new XmppRoom(account_, jid, n, *identity_, opts, trust_.get(), this);
  r->setShortTimers(options_.fastTimers);
  if (history_ && history_->isOpen())
    r->attachHistory(history_.get());  // before anything live: saved rows come first
  else if (!historyProblem_.isEmpty())
    r->setHistoryProblem(historyProblem_);
  connect(r, &XmppRoom::leaveFinished, this, [this, r] { onRoomLeft(r); });
  rooms_.append(r);
  r->join();
  rememberOpenRooms();
  emit roomOpened(r);
  return ActionOutcome::success();
}

void XmppClient::setAutoIncludeJoiners(bool on) {
  options_.autoInclude = on;  // rooms joined later
  for (XmppRoom* r : std::as_const(rooms_)) r->setAutoIncludeJoiners(on);
}

void XmppClient::closeRoom(mpenc::present::RoomBackend* room) {
  for (XmppRoom* r : rooms_) {
    if (r == room) {
      r->leave();  // leaveFinished → onRoomLeft (at once when already out)
      rememberOpenRooms();
      return;
    }
  }
}

void XmppClient::onRoomLeft(XmppRoom* room) {
  const int i = rooms_.indexOf(room);
  if (i < 0) return;
  rooms_.remove(i);
  room->disconnect(this);
  rememberOpenRooms();  // closed by the user: not reopened at the next start
  emit roomClosed(room);
  dying_.removeAll(QPointer<XmppRoom>());  // already deleted
  dying_.append(room);
  room->deleteLater();  // we may be inside one of its signals
}

}  // namespace mpenc::xmpp
