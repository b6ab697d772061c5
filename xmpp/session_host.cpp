#include "xmpp/session_host.h"

#include <QXmppClient.h>
#include <QXmppMucIq.h>
#include <QXmppPresence.h>

#include <QPointer>
#include <algorithm>
#include <climits>
#include <set>

#include "mpenc/common/bytes.h"
#include "xmpp/account_connection.h"
#include "xmpp/muc_channel.h"
#include "xmpp/trust_store.h"

namespace mpenc::xmpp {

using mpenc::session::ChannelEvent;
using mpenc::session::Millis;
using mpenc::session::Session;
using mpenc::session::SessionErrc;
using mpenc::session::SessionError;
using mpenc::session::SessionEvent;

namespace {

QString hex(mpenc::ByteView b) {
  return QString::fromStdString(mpenc::toHex(b));
}

QString errcCode(SessionErrc e) {
  switch (e) {
    case SessionErrc::NotInChannel:
      return QStringLiteral("not-in-channel");
    case SessionErrc::NoSubsession:
      return QStringLiteral("no-subsession");
    case SessionErrc::Parting:
      return QStringLiteral("parting");
    case SessionErrc::Stopped:
      return QStringLiteral("stopped");
    case SessionErrc::Send:
      return QStringLiteral("send");
    case SessionErrc::Propose:
      return QStringLiteral("propose");
    case SessionErrc::UnknownMember:
      return QStringLiteral("unknown-member");
  }
  return QStringLiteral("error");
}

QString errorDetail(const SessionError& e) {
  QString d = QString::fromStdString(e.detail);
  if (e.propose) {
    const QString p = QString::fromUtf8(mpenc::session::proposeErrcName(*e.propose).data(),
                                        static_cast<int>(mpenc::session::proposeErrcName(*e.propose).size()));
    d = d.isEmpty() ? p : p + QStringLiteral(": ") + d;
  }
  if (d.isEmpty()) {
    const auto s = mpenc::session::toString(e.code);
    d = QString::fromUtf8(s.data(), static_cast<int>(s.size()));
  }
  return d;
}

mpenc::present::LeaveReason leaveReasonOf(MucChannel::LeaveReason r) {
  using mpenc::present::LeaveReason;
  switch (r) {
    case MucChannel::LeaveReason::Requested:
      return LeaveReason::Requested;
    case MucChannel::LeaveReason::Kicked:
      return LeaveReason::Kicked;
    case MucChannel::LeaveReason::Banned:
      return LeaveReason::Banned;
    case MucChannel::LeaveReason::Removed:
      return LeaveReason::Removed;
    case MucChannel::LeaveReason::Disconnected:
      return LeaveReason::Disconnected;
    case MucChannel::LeaveReason::Timeout:
      return LeaveReason::Timeout;
  }
  return LeaveReason::Removed;
}

SessionHost::KeyTrust fromStoreTrust(TrustStore::Trust t) {
  switch (t) {
    case TrustStore::Trust::New:
      return SessionHost::KeyTrust::New;
    case TrustStore::Trust::Pinned:
      return SessionHost::KeyTrust::Pinned;
    case TrustStore::Trust::Verified:
      return SessionHost::KeyTrust::Verified;
    case TrustStore::Trust::Changed:
      return SessionHost::KeyTrust::Changed;
    case TrustStore::Trust::Invalid:
      return SessionHost::KeyTrust::Unknown;
  }
  return SessionHost::KeyTrust::Unknown;
}

/// "Room@Service/nick" → "room@service/nick" (the nick is case-sensitive).
QString normalizeOccupant(const QString& jid) {
  return bareOf(jid).toLower() + QLatin1Char('/') + resourceOf(jid);
}

}  // namespace

SessionHostOptions SessionHostOptions::fast(bool autoInclude) {
  SessionHostOptions o;
  o.autoIncludeJoiners = autoInclude;
  o.timing = mpenc::session::Timing::fromBase(Millis{500}, Millis{2500});
  o.operationTimeout = Millis{5000};
  o.chainAckTimeout = Millis{3000};
  o.joinTimeout = Millis{15000};
  return o;
}

SessionHost::SessionHost(AccountConnection* account, const QString& roomJid, const QString& nick,
                         const mpenc::crypto::Ed25519KeyPair& identity, const SessionHostOptions& options,
                         TrustStore* trust, QObject* parent)
    : QObject(parent),
      account_(account),
      nick_(nick),
      identity_(identity.clone()),
      options_(options),
      trust_(trust) {
  static const int kEventType = qRegisterMetaType<mpenc::session::SessionEvent>();
  static const int kKeyType = qRegisterMetaType<mpenc::xmpp::SessionHost::KeyInfo>();
  static const int kLeaveType = qRegisterMetaType<mpenc::present::LeaveReason>();
  Q_UNUSED(kEventType)
  Q_UNUSED(kKeyType)
  Q_UNUSED(kLeaveType)
  mpenc::crypto::initialize();
  clock_.start();
  const auto& pub = identity_.publicKey();
  capability_.identityKey =
      QByteArray(reinterpret_cast<const char*>(pub.data()), static_cast<int>(pub.size()));
  capability_.features =
      QStringList{QString::fromLatin1(mpenc::session::kFeatureAbort.data(),
                                      static_cast<int>(mpenc::session::kFeatureAbort.size())),
                  QString::fromLatin1(mpenc::session::kFeatureChainAck.data(),
                                      static_cast<int>(mpenc::session::kFeatureChainAck.size()))};

  // Connected before the channel: Qt calls slots in connection order, so the
  // real JID of an occupant is known when the channel reports it.
  connect(account_->client(), &QXmppClient::presenceReceived, this, &SessionHost::onPresence);
  channel_ = new MucChannel(account_, roomJid, nick, capability_, this);
  channel_->setEventSink([this](const ChannelEvent& ev) { onChannelEvent(ev); });
  connect(channel_, &MucChannel::plainOccupantsChanged, this, [this](const QStringList& occupants) {
    post([this, occupants] { emit plainOccupantsChanged(occupants); });
  });
  connect(channel_, &MucChannel::unencryptedMessage, this, [this](const QString& from, const QString& body) {
    post([this, from, body] { emit unencryptedMessage(from, body); });
  });
  connect(channel_, &MucChannel::warning, this,
          [this](const QString& text) { post([this, text] { emit channelWarning(text); }); });
  connect(channel_, &MucChannel::left, this, [this](MucChannel::LeaveReason reason, const QString& text) {
    const auto r = leaveReasonOf(reason);
    post([this, r, text] { emit roomLeft(r, text); });
  });
  connect(channel_, &MucChannel::joinFailed, this,
          [this](const QString& text) { post([this, text] { emit joinFailed(text); }); });
  connect(channel_, &MucChannel::kickFailed, this, [this](const QString& member, const QString& text) {
    post([this, member, text] { emit kickFailed(member, text); });
  });
  connect(channel_, &MucChannel::identityChanged, this, [this](const QString& occupant) {
    // A member advertised a new key while staying in the room: loud (trust
    // store "changed" unless it was seen before), and the session learns it.
    inbox_.push_back([this, occupant] { noteMembers({toMemberId(occupant)}); });
    pump();
  });

  timer_.setSingleShot(true);
  timer_.setTimerType(Qt::PreciseTimer);
  connect(&timer_, &QTimer::timeout, this, [this] {
    inbox_.push_back([this] { session_->advance(now()); });
    pump();
  });

  buildSession(toMemberId(channel_->roomJid() + QLatin1Char('/') + nick_));
}

SessionHost::~SessionHost() {
  timer_.stop();
  channel_->setEventSink({});
  channel_->disconnect(this);
  account_->client()->disconnect(this);  // the account outlives us (see the constructor)
  session_.reset();
  delete channel_;
}

void SessionHost::buildSession(const std::string& self) {
  // MembershipConfig is not default-constructible (the identity key pair is
  // not); the fields left out keep their defaults (latestPm, rejoining, … are
  // supplied by the session).
#if defined(__GNUC__)  // GCC and Clang; MSVC does not warn here
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
  mpenc::session::SessionConfig cfg{
      .membership = {.self = self,
                     .identity = identity_.clone(),
                     .staticKeyOf = [this](std::string_view member) { return staticKeyOf(member); }}};
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
  // T-ES, switchable while the session runs (the settings dialog): the
  // engine's fixed flag stays off and the `rejoining` hook, asked for every
  // member that enters, says yes to everyone while the option is on, and
  // otherwise to the session's own former members (the engine's default).
  cfg.membership.autoIncludeJoiners = false;
  cfg.membership.rejoining = [this](const std::string& member) {
    return options_.autoIncludeJoiners || (session_ && session_->isRejoining(member));
  };
  // Consent first: a member whose identity key changed (and was neither
  // verified nor accepted) is never included automatically, not even as a
  // former member coming back (issue: "never re-included without consent").
  cfg.membership.autoIncludeVeto = [this](const std::string& member) {
    const auto k = keys_.constFind(fromMemberId(member));
    return k != keys_.cend() && k->trust == KeyTrust::Changed;
  };
  if (options_.operationTimeout) cfg.membership.operationTimeout = *options_.operationTimeout;
  cfg.timing = options_.timing;
  if (options_.chainAckTimeout) cfg.chainAckTimeout = *options_.chainAckTimeout;
  if (options_.joinTimeout) cfg.joinTimeout = *options_.joinTimeout;
  session_ = std::make_unique<Session>(std::move(cfg), *channel_, rng_);
  session_->setListener([this](const SessionEvent& e) { post([this, e] { emit sessionEvent(e); }); });
  std::set<std::string> ours;
  for (const QString& f : capability_.features) ours.insert(f.toStdString());
  session_->setPeerFeatures(self, std::move(ours));
}

// ---- input --------------------------------------------------------------------

void SessionHost::onChannelEvent(const ChannelEvent& ev) {
  inbox_.push_back([this, ev] { feed(ev); });
  pump();
}

void SessionHost::feed(const ChannelEvent& ev) {
  if (ev.kind == ChannelEvent::Kind::SelfEnter) {
    // The server may have given us another nick than the one asked for: the
    // session's member ID must be the occupant JID the others see.
    const std::string self = toMemberId(channel_->selfJid());
    if (!channel_->selfJid().isEmpty() && self != session_->self()) {
      buildSession(self);
      session_->join(now());  // the channel is in already: enter() is a no-op
    }
  }
  if (ev.kind == ChannelEvent::Kind::SelfEnter || ev.kind == ChannelEvent::Kind::OthersEnter)
    noteMembers(ev.members);
  session_->onChannelEvent(ev, now());
}

void SessionHost::noteMembers(const mpenc::session::MemberSet& members) {
  for (const auto& m : members) {
    if (m == session_->self()) continue;
    const auto cap = channel_->capabilityOf(fromMemberId(m));
    if (!cap) continue;
    if (const auto key = mpenc::toFixed<32>(mpenc::asBytes(std::string_view(
            cap->identityKey.constData(), static_cast<std::size_t>(cap->identityKey.size())))))
      knownKeys_[m] = *key;
    std::set<std::string> features;
    for (const QString& f : cap->features) features.insert(f.toStdString());
    session_->setPeerFeatures(m, std::move(features));
    observeKey(fromMemberId(m));
  }
}

void SessionHost::observeKey(const QString& member) {
  const auto cap = channel_->capabilityOf(member);
  if (!cap) return;
  KeyInfo info;
  info.member = member;
  const auto real = realJids_.constFind(member);
  if (real != realJids_.cend()) {
    info.peer = *real;
    info.kind = TrustStore::PeerKind::Jid;
  } else {
    info.peer = normalizeOccupant(member);
    info.kind = TrustStore::PeerKind::Nick;
  }
  info.fingerprint = TrustStore::fingerprint(cap->identityKey);
  if (trust_) {
    const auto seen = trust_->observe(account_->jid(), info.peer, info.kind, cap->identityKey);
    info.trust = fromStoreTrust(seen.trust);
  }
  keys_.insert(member, info);
  post([this, info] { emit keyObserved(info); });
}

void SessionHost::onPresence(const QXmppPresence& p) {
  const QString from = p.from();
  if (bareOf(from).toLower() != channel_->roomJid() || resourceOf(from).isEmpty()) return;
  if (p.type() == QXmppPresence::Unavailable) {
    realJids_.remove(from);
    return;
  }
  const QString real = p.mucItem().jid();
  if (!real.isEmpty()) realJids_.insert(from, bareOf(real).toLower());
}

std::optional<mpenc::crypto::Ed25519Public> SessionHost::staticKeyOf(std::string_view member) const {
  if (session_ && member == session_->self()) return identity_.publicKey();
  const auto cap = channel_->capabilityOf(fromMemberId(std::string(member)));
  if (cap) {
    if (const auto key = mpenc::toFixed<32>(mpenc::asBytes(std::string_view(
            cap->identityKey.constData(), static_cast<std::size_t>(cap->identityKey.size())))))
      return key;
  }
  // Gone from the room: the key it advertised while present.
  const auto it = knownKeys_.find(std::string(member));
  if (it != knownKeys_.end()) return it->second;
  return std::nullopt;
}

// ---- the queue ------------------------------------------------------------------

void SessionHost::post(std::function<void()> emitter) {
  outbox_.push_back(std::move(emitter));
  pump();
}

void SessionHost::pump() {
  if (pumping_ || inSession_) return;
  pumping_ = true;
  const QPointer<SessionHost> alive(this);
  for (;;) {
    if (!inbox_.empty()) {
      auto input = std::move(inbox_.front());
      inbox_.pop_front();
      inSession_ = true;
      input();
      inSession_ = false;
      continue;
    }
    if (!outbox_.empty()) {
      auto emitter = std::move(outbox_.front());
      outbox_.pop_front();
      emitter();  // a slot may delete us
      if (!alive) return;
      continue;
    }
    break;
  }
  pumping_ = false;
  rearm();
}

void SessionHost::rearm() {
  const auto deadline = session_->nextDeadline();
  if (!deadline) {
    timer_.stop();
    return;
  }
  // At least 1 ms: a deadline that is already due runs on the next loop turn
  // without spinning if the session leaves it in the past.
  const qint64 delta = std::clamp<qint64>(deadline->count() - clock_.elapsed(), 1, INT_MAX / 2);
  timer_.start(static_cast<int>(delta));
}

template <class F>
auto SessionHost::guarded(F&& f) {
  inSession_ = true;
  auto r = f();
  inSession_ = false;
  pump();
  return r;
}

// ---- actions ----------------------------------------------------------------------

namespace {
SessionHost::ActionResult busy() {
  return {false, QStringLiteral("busy"), QStringLiteral("called from inside a session call"), {}};
}
}  // namespace

SessionHost::ActionResult SessionHost::fromStatus(const mpenc::Status<SessionError>& s) const {
  if (s) return {};
  return {false, errcCode(s.error().code), errorDetail(s.error()), {}};
}

void SessionHost::join() {
  if (inSession_) return;
  guarded([this] {
    session_->join(now());
    return 0;
  });
}

void SessionHost::part() {
  if (inSession_) return;
  guarded([this] {
    session_->part(now());
    return 0;
  });
}

SessionHost::ActionResult SessionHost::send(const QString& text) {
  if (inSession_) return busy();
  return guarded([&] {
    const auto r = session_->send(text.toStdString(), now());
    if (!r) return ActionResult{false, errcCode(r.error().code), errorDetail(r.error()), {}};
    return ActionResult{true, {}, {}, hex(*r)};
  });
}

std::vector<std::string> SessionHost::resolveAll(const QStringList& members, QString* detail) const {
  std::vector<std::string> out;
  for (const QString& m : members) {
    const QString jid = resolveMember(m, detail);
    if (jid.isEmpty()) return {};
    out.push_back(toMemberId(jid));
  }
  return out;
}

SessionHost::ActionResult SessionHost::onMembers(
    const QStringList& members,
    const std::function<mpenc::Status<mpenc::session::SessionError>(const std::vector<std::string>&)>& act) {
  if (inSession_) return busy();
  QString detail;
  const auto ids = resolveAll(members, &detail);
  if (ids.empty())
    return {false,
            QStringLiteral("unknown-member"),
            members.isEmpty() ? QStringLiteral("no members given") : detail,
            {}};
  return guarded([&] { return fromStatus(act(ids)); });
}

SessionHost::ActionResult SessionHost::include(const QStringList& members) {
  return onMembers(members,
                   [this](const std::vector<std::string>& ids) { return session_->include(ids, now()); });
}

SessionHost::ActionResult SessionHost::exclude(const QStringList& members) {
  return onMembers(members,
                   [this](const std::vector<std::string>& ids) { return session_->exclude(ids, now()); });
}

SessionHost::ActionResult SessionHost::refresh() {
  if (inSession_) return busy();
  return guarded([&] { return fromStatus(session_->refresh(now())); });
}

SessionHost::ActionResult SessionHost::abortOperation() {
  if (inSession_) return busy();
  return guarded([&] { return fromStatus(session_->abortOperation(now())); });
}

SessionHost::ActionResult SessionHost::ackNow() {
  if (inSession_) return busy();
  return guarded([&] { return fromStatus(session_->ackNow(now())); });
}

SessionHost::ActionResult SessionHost::requestConsistency() {
  if (inSession_) return busy();
  return guarded([&] { return fromStatus(session_->requestConsistency(now())); });
}

bool SessionHost::verify(const QString& member, const QString& fingerprint, QString* detail) {
  const QString jid = resolveMember(member, detail);
  if (jid.isEmpty()) return false;
  const auto it = keys_.find(jid);
  if (it == keys_.end()) {
    if (detail) *detail = QStringLiteral("%1 has not advertised an identity key").arg(jid);
    return false;
  }
  if (!trust_) {
    if (detail) *detail = QStringLiteral("no trust store");
    return false;
  }
  if (!trust_->verify(account_->jid(), it->peer, it->kind, fingerprint)) {
    if (detail) *detail = QStringLiteral("the fingerprint does not match the key %1 advertises").arg(jid);
    return false;
  }
  it->trust = KeyTrust::Verified;
  const KeyInfo info = *it;
  post([this, info] { emit keyObserved(info); });
  return true;
}

bool SessionHost::acceptKey(const QString& member, QString* detail) {
  const QString jid = resolveMember(member, detail);
  if (jid.isEmpty()) return false;
  const auto it = keys_.find(jid);
  if (it == keys_.end() || !trust_ || !trust_->acceptNewKey(account_->jid(), it->peer, it->kind)) {
    if (detail) *detail = QStringLiteral("no changed key of %1 is waiting to be accepted").arg(jid);
    return false;
  }
  it->trust = KeyTrust::Pinned;
  const KeyInfo info = *it;
  post([this, info] { emit keyObserved(info); });
  return true;
}

// ---- queries ----------------------------------------------------------------------

QString SessionHost::roomJid() const {
  return channel_->roomJid();
}

QString SessionHost::selfJid() const {
  return fromMemberId(session_->self());
}

QStringList SessionHost::plainOccupants() const {
  return channel_->plainOccupants();
}

bool SessionHost::isModerator() const {
  return channel_ && channel_->isModerator();
}

QStringList SessionHost::channelMembers() const {
  QStringList out;
  if (const auto m = channel_->members())
    for (const auto& id : *m) out << fromMemberId(id);
  return out;
}

QString SessionHost::resolveMember(const QString& jidOrNick, QString* detail) const {
  const QString arg = jidOrNick.trimmed();
  QString wanted;
  if (arg.contains(QLatin1Char('/'))) {
    wanted = normalizeOccupant(arg);
  } else {
    wanted = channel_->roomJid() + QLatin1Char('/') + arg;
  }
  std::set<QString> known;
  for (const auto& m : session_->members()) known.insert(fromMemberId(m));
  for (const auto& m : session_->channelMembers()) known.insert(fromMemberId(m));
  for (const QString& p : channel_->plainOccupants()) known.insert(p);
  if (!arg.isEmpty() && known.count(wanted)) return wanted;
  if (detail)
    *detail = arg.isEmpty() ? QStringLiteral("empty member name")
                            : QStringLiteral("nobody called \"%1\" in %2").arg(arg, channel_->roomJid());
  return {};
}

QList<SessionHost::KeyInfo> SessionHost::keys() const {
  return keys_.values();
}

QString SessionHost::ownFingerprint() const {
  return TrustStore::fingerprint(capability_.identityKey);
}

}  // namespace mpenc::xmpp
