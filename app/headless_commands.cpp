// The headless front end's command handlers: state checks, the actions they
// start, and the "status" object (docs/headless.md). The fields were parsed
// and checked by parseHeadlessLine() (app/headless_command.h).
#include <QDir>
#include <QJsonArray>
#include <memory>
#include <utility>

#include "app/headless.h"
#include "app/headless_json.h"
#include "ui/presentation/wording.h"
#include "xmpp/account_connection.h"
#include "xmpp/identity_store.h"
#include "xmpp/trust_store.h"

namespace mpenc::app {

using namespace mpenc::session;  // NOLINT(google-build-using-namespace): session names
using headless_json::hex;
using headless_json::peerKindName;
using headless_json::stateName;
using headless_json::strArray;
using headless_json::trustName;
using headless_json::warning;
using xmpp::SessionHost;

// ---- commands -----------------------------------------------------------------------

void Headless::cmdConnect(const HeadlessCommand& c, const QJsonValue& id) {
  const QString cmd = QStringLiteral("connect");
  if (account_) {
    replyError(id, cmd, QStringLiteral("already-connected"), QStringLiteral("one account per process"));
    return;
  }
  if (!goodArguments(c, cmd)) return;
  xmpp::AccountSettings s = c.account;

  // The identity key of this account, and the trust store, in the data dir.
  if (!QDir().mkpath(options_.dataDir)) {
    replyError(id, cmd, QStringLiteral("identity"),
               QStringLiteral("cannot create the data directory %1").arg(options_.dataDir));
    return;
  }
  // A --data-dir keeps everything in that directory (never the OS keychain).
  xmpp::IdentityStore store(options_.dataDir, /*useKeychain=*/false);
  QString error;
  auto loaded = store.loadOrCreate(xmpp::normalizeBareJid(s.jid), &error);
  if (!loaded) {
    replyError(id, cmd, QStringLiteral("identity"), error);
    return;
  }
  if (!trust_) {
    trust_ = std::make_unique<xmpp::TrustStore>(options_.dataDir);
    if (trust_->loadError().kind != xmpp::TrustStore::ErrorKind::None)
      write({{QStringLiteral("event"), QStringLiteral("error")},
             {QStringLiteral("detail"),
              QString(QStringLiteral("trust store: ") + trust_->loadError().message)}});
  }
  const auto& pub = loaded->key.publicKey();
  fingerprint_ = xmpp::TrustStore::fingerprint(
      QByteArray(reinterpret_cast<const char*>(pub.data()), static_cast<int>(pub.size())));
  const bool created = loaded->created;
  const QString identityWarning = loaded->warning;
  identity_.emplace(std::move(loaded->key));

  account_ = new xmpp::AccountConnection(std::move(s), this);
  connect(account_, &xmpp::AccountConnection::stateChanged, this, [this](xmpp::AccountConnection::State) {
    write({{QStringLiteral("event"), QStringLiteral("connection")},
           {QStringLiteral("state"), connectionState()}});
  });
  connect(account_, &xmpp::AccountConnection::errorOccurred, this, [this](const QString& message) {
    write({{QStringLiteral("event"), QStringLiteral("connection")},
           {QStringLiteral("state"), QStringLiteral("error")},
           {QStringLiteral("detail"), message}});
  });
  connect(account_, &xmpp::AccountConnection::reconnectScheduled, this, [this](int attempt, int delayMs) {
    write({{QStringLiteral("event"), QStringLiteral("connection")},
           {QStringLiteral("state"), QStringLiteral("reconnecting")},
           {QStringLiteral("attempt"), attempt},
           {QStringLiteral("delay_ms"), delayMs},
           {QStringLiteral("detail"), QStringLiteral("attempt %1 in %2 ms").arg(attempt).arg(delayMs)}});
  });
  QJsonObject extras{{QStringLiteral("fingerprint"), fingerprint_},
                     {QStringLiteral("identity_created"), created}};
  if (!identityWarning.isEmpty()) extras.insert(QStringLiteral("identity_warning"), identityWarning);
  reply(id, cmd, extras);
  account_->connectToServer();
}

void Headless::cmdJoin(const HeadlessCommand& c, const QJsonValue& id) {
  const QString cmd = QStringLiteral("join");
  if (!account_) {
    replyError(id, cmd, QStringLiteral("not-connected"), QStringLiteral("connect first"));
    return;
  }
  if (!goodArguments(c, cmd)) return;
  const QString& room = c.room;
  const QString& nick = c.nick;
  if (host_) {
    if (!roomOver_ || host_->state() != SessionState::Parted) {
      replyError(id, cmd, QStringLiteral("already-joined"),
                 QStringLiteral("in %1 already: part first").arg(host_->roomJid()));
      return;
    }
    delete host_;
    host_ = nullptr;
    fullyReported_.clear();
  }
  roomOver_ = false;
  partRequested_ = false;
  const xmpp::SessionHostOptions opts =
      options_.fastTimers ? xmpp::SessionHostOptions::fast(options_.autoInclude) : [this] {
        xmpp::SessionHostOptions o;
        o.autoIncludeJoiners = options_.autoInclude;
        return o;
      }();
  host_ = new SessionHost(account_, room, nick, *identity_, opts, trust_.get(), this);
  connect(host_, &SessionHost::sessionEvent, this, &Headless::onSessionEvent);
  connect(host_, &SessionHost::keyObserved, this, &Headless::onKey);
  connect(host_, &SessionHost::unencryptedMessage, this, [this](const QString& from, const QString& text) {
    write({{QStringLiteral("event"), QStringLiteral("plain")},
           {QStringLiteral("from"), from},
           {QStringLiteral("text"), text}});
  });
  connect(host_, &SessionHost::plainOccupantsChanged, this, [this](const QStringList& occupants) {
    write({{QStringLiteral("event"), QStringLiteral("occupants")},
           {QStringLiteral("plain"), QJsonArray::fromStringList(occupants)}});
  });
  connect(host_, &SessionHost::channelWarning, this, [this](const QString& text) {
    auto o = warning("channel", "ChannelWarning", text);
    write(o);
  });
  connect(host_, &SessionHost::roomLeft, this, [this](present::LeaveReason reason, const QString& text) {
    // Kicked, banned or removed: the room is over (join may be used again).
    // Disconnects are rejoined automatically; requested leaves end the room
    // only after a part (the session may leave and re-enter on its own, T-TO1).
    using present::LeaveReason;
    if (reason == LeaveReason::Kicked || reason == LeaveReason::Banned || reason == LeaveReason::Removed ||
        (reason == LeaveReason::Requested && partRequested_))
      roomOver_ = true;
    write({{QStringLiteral("event"), QStringLiteral("room")},
           {QStringLiteral("what"), QStringLiteral("left")},
           {QStringLiteral("reason"), present::leaveReasonCode(reason)},
           {QStringLiteral("detail"), text}});
  });
  connect(host_, &SessionHost::joinFailed, this, [this](const QString& text) {
    roomOver_ = true;
    write({{QStringLiteral("event"), QStringLiteral("room")},
           {QStringLiteral("what"), QStringLiteral("join-failed")},
           {QStringLiteral("detail"), text}});
  });
  connect(host_, &SessionHost::kickFailed, this, [this](const QString& member, const QString& text) {
    write({{QStringLiteral("event"), QStringLiteral("room")},
           {QStringLiteral("what"), QStringLiteral("kick-failed")},
           {QStringLiteral("member"), member},
           {QStringLiteral("detail"), text}});
  });
  reply(id, cmd, {{QStringLiteral("self"), host_->selfJid()}});
  host_->join();
}

void Headless::cmdSend(const HeadlessCommand& c, const QJsonValue& id) {
  const QString cmd = QStringLiteral("send");
  if (!needRoom(id, cmd)) return;
  if (!goodArguments(c, cmd)) return;
  const auto r = host_->send(c.text);
  replyResult(id, cmd, r, {{QStringLiteral("message"), r.messageId}});
}

void Headless::membersCommand(const HeadlessCommand& c, const QJsonValue& id, bool include) {
  const QString cmd = include ? QStringLiteral("include") : QStringLiteral("exclude");
  if (!needRoom(id, cmd)) return;
  if (!goodArguments(c, cmd)) return;
  const QStringList& members = c.members;
  replyResult(id, cmd, include ? host_->include(members) : host_->exclude(members));
}

void Headless::cmdInclude(const HeadlessCommand& c, const QJsonValue& id) {
  membersCommand(c, id, true);
}
void Headless::cmdExclude(const HeadlessCommand& c, const QJsonValue& id) {
  membersCommand(c, id, false);
}

void Headless::cmdRefresh(const HeadlessCommand&, const QJsonValue& id) {
  const QString cmd = QStringLiteral("refresh");
  if (needRoom(id, cmd)) replyResult(id, cmd, host_->refresh());
}
void Headless::cmdAbort(const HeadlessCommand&, const QJsonValue& id) {
  const QString cmd = QStringLiteral("abort");
  if (needRoom(id, cmd)) replyResult(id, cmd, host_->abortOperation());
}
void Headless::cmdAck(const HeadlessCommand&, const QJsonValue& id) {
  const QString cmd = QStringLiteral("ack");
  if (needRoom(id, cmd)) replyResult(id, cmd, host_->ackNow());
}
void Headless::cmdConsistency(const HeadlessCommand&, const QJsonValue& id) {
  const QString cmd = QStringLiteral("consistency");
  if (needRoom(id, cmd)) replyResult(id, cmd, host_->requestConsistency());
}

void Headless::cmdPart(const HeadlessCommand&, const QJsonValue& id) {
  const QString cmd = QStringLiteral("part");
  if (!needRoom(id, cmd)) return;
  reply(id, cmd);
  partRequested_ = true;
  if (host_->state() == SessionState::Parted) roomOver_ = true;  // not in the room: nothing to leave
  host_->part();
}

void Headless::cmdStatus(const HeadlessCommand&, const QJsonValue& id) {
  reply(id, QStringLiteral("status"), {{QStringLiteral("status"), statusObject()}});
}

void Headless::cmdVerify(const HeadlessCommand& c, const QJsonValue& id) {
  const QString cmd = QStringLiteral("verify");
  if (!needRoom(id, cmd)) return;
  if (!goodArguments(c, cmd)) return;
  if (host_->resolveMember(c.member).isEmpty()) {
    QString detail;
    host_->resolveMember(c.member, &detail);
    replyError(id, cmd, QStringLiteral("unknown-member"), detail);
    return;
  }
  QString detail;
  const bool ok = host_->verify(c.member, c.fingerprint, &detail);
  QJsonObject extras{{QStringLiteral("verified"), ok}};
  if (!ok) extras.insert(QStringLiteral("detail"), detail);
  reply(id, cmd, extras);
}

void Headless::cmdAcceptKey(const HeadlessCommand& c, const QJsonValue& id) {
  const QString cmd = QStringLiteral("accept-key");
  if (!needRoom(id, cmd)) return;
  if (!goodArguments(c, cmd)) return;
  QString detail;
  if (host_->resolveMember(c.member, &detail).isEmpty()) {
    replyError(id, cmd, QStringLiteral("unknown-member"), detail);
    return;
  }
  if (!host_->acceptKey(c.member, &detail)) {
    replyError(id, cmd, QStringLiteral("no-changed-key"), detail);
    return;
  }
  reply(id, cmd);
}

void Headless::cmdQuit(const HeadlessCommand&, const QJsonValue& id) {
  reply(id, QStringLiteral("quit"));
  beginQuit();
}

// ---- status -----------------------------------------------------------------------------

QString Headless::connectionState() const {
  if (!account_) return QStringLiteral("none");
  switch (account_->state()) {
    case xmpp::AccountConnection::State::Disconnected:
      return QStringLiteral("disconnected");
    case xmpp::AccountConnection::State::Connecting:
      return QStringLiteral("connecting");
    case xmpp::AccountConnection::State::Connected:
      return QStringLiteral("connected");
  }
  return QStringLiteral("disconnected");
}

QJsonObject Headless::statusObject() const {
  QJsonObject s{{QStringLiteral("connection"), connectionState()}};
  if (account_) s.insert(QStringLiteral("account"), account_->jid());
  if (!fingerprint_.isEmpty()) s.insert(QStringLiteral("fingerprint"), fingerprint_);
  if (!host_) {
    s.insert(QStringLiteral("state"), stateName(SessionState::Parted));
    return s;
  }
  const Session& ses = host_->session();
  s.insert(QStringLiteral("room"), host_->roomJid());
  s.insert(QStringLiteral("state"), stateName(ses.state()));
  s.insert(QStringLiteral("self"), host_->selfJid());
  s.insert(QStringLiteral("members"), strArray(ses.members()));
  s.insert(QStringLiteral("channel"), strArray(ses.channelMembers()));
  s.insert(QStringLiteral("plain_occupants"), QJsonArray::fromStringList(host_->plainOccupants()));
  const auto sid = ses.sessionId();
  s.insert(QStringLiteral("sid"), sid ? QJsonValue(hex(*sid)) : QJsonValue());
  const auto ch = ses.chainHash();
  s.insert(QStringLiteral("chain_hash"), ch ? QJsonValue(hex(*ch)) : QJsonValue());
  const auto idx = ses.currentIndex();
  s.insert(QStringLiteral("subsession"), idx ? QJsonValue(static_cast<qint64>(*idx)) : QJsonValue());
  s.insert(QStringLiteral("operation_ongoing"), ses.operationOngoing());
  s.insert(QStringLiteral("consistent"), ses.isConsistent());
  s.insert(QStringLiteral("stopped"), ses.stopped());
  const auto& log = ses.log();
  qint64 unacked = 0;
  for (const auto& r : log.rows())
    if (!r.fullyAcked) ++unacked;
  s.insert(QStringLiteral("messages"), static_cast<qint64>(log.size()));
  s.insert(QStringLiteral("unacked"), unacked);
  s.insert(QStringLiteral("held"), static_cast<qint64>(ses.current() ? ses.current()->held() : 0));
  s.insert(QStringLiteral("undecryptable"), static_cast<qint64>(ses.undecryptableHeld()));
  QJsonArray keys;
  for (const auto& k : host_->keys())
    keys.append(QJsonObject{{QStringLiteral("member"), k.member},
                            {QStringLiteral("peer"), k.peer},
                            {QStringLiteral("peer_kind"), peerKindName(k.kind)},
                            {QStringLiteral("fingerprint"), k.fingerprint},
                            {QStringLiteral("trust"), trustName(k.trust)}});
  s.insert(QStringLiteral("keys"), keys);
  return s;
}

}  // namespace mpenc::app
