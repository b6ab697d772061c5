// DemoRoom (demo_room.h): the engine plumbing and the RoomBackend actions.
// The simulated members' behaviour (the intro, replies) is in demo_script.cpp.
#include "app/demo/demo_room.h"

#include <QCoreApplication>
#include <algorithm>

#include "mpenc/common/bytes.h"
#include "ui/presentation/session_presenter.h"
#include "ui/presentation/wording.h"

namespace mpenc::demo {

using mpenc::present::ActionOutcome;
using mpenc::present::KeyView;
using mpenc::present::nickOf;
using mpenc::present::nicksOf;
using mpenc::present::Trust;
using mpenc::session::ChannelEvent;
using mpenc::session::Millis;
using mpenc::session::Session;
using mpenc::session::SessionErrc;
using mpenc::session::SessionError;
using mpenc::session::SessionEvent;

namespace {

// Virtual time: the intro's first minute runs in ~1 s (60 ticks of 16 ms, 1 s
// of virtual time each), processed in steps of 50 ms of virtual time.
constexpr Millis kIntroLength{60000};
constexpr Millis kForwardPerTick{1000};
constexpr Millis kStep{50};
constexpr int kForwardTickMs = 16;
constexpr int kRealTickMs = 50;
constexpr Millis kRejoinDelay{1500};

// The user's identity is the same in every demo room (one demo account).
constexpr std::uint64_t kUserKeySeed = 0x6d70656e63646d6fULL;

QString formatFingerprint(const mpenc::crypto::Ed25519Public& key) {
  return mpenc::present::fingerprintText(
      QByteArray(reinterpret_cast<const char*>(key.data()), static_cast<int>(key.size())));  // NOLINT
}

QString normalizedFingerprint(const QString& fp) {
  QString out;
  for (const QChar c : fp)
    if (!c.isSpace() && c != QLatin1Char(':')) out.append(c.toLower());
  return out;
}

std::set<std::string> allFeatures() {
  return {std::string(mpenc::session::kFeatureAbort), std::string(mpenc::session::kFeatureChainAck)};
}

const std::vector<std::string>& simNicks() {
  static const std::vector<std::string> nicks{"alice", "bob", "carol", "dave", "frank"};
  return nicks;
}

}  // namespace

DemoRoom::DemoRoom(const QString& roomJid, const QString& nick, bool intro, QObject* parent)
    : RoomBackend(parent),
      roomJid_(roomJid.toLower()),
      nick_(nick),
      intro_(intro),
      keyRng_(std::hash<std::string>{}(roomJid.toLower().toStdString())) {
  mpenc::crypto::initialize();
  buildUser();  // first: the presenter reads the session from the start
  presenter_ =
      new mpenc::present::SessionPresenter([this]() -> const Session& { return *user_; }, &state_, this);
  presenter_->setRoom(roomJid_, roomJid_.section(QLatin1Char('@'), 0, 0));
  presenter_->setOwnFingerprint(ownFingerprint());
  presenter_->setConnected(true);
  for (const char* n : {"alice", "bob", "carol", "dave"}) addSim(n);
  scheduleSetup();
  if (intro_) scheduleIntro();
  presenter_->onJoining();

  connect(&timer_, &QTimer::timeout, this, &DemoRoom::tick);
  timer_.setTimerType(Qt::PreciseTimer);
  timer_.start(kForwardTickMs);
}

DemoRoom::~DemoRoom() {
  timer_.stop();
  delete presenter_;  // it reads the user's session and writes state_: gone first
  // The sessions act on the hub's channels: drop them before the hub.
  sims_.clear();
  user_.reset();
}

std::string DemoRoom::memberId(const std::string& nick) const {
  return roomJid_.toStdString() + "/" + nick;
}

QString DemoRoom::userFingerprint() {
  mpenc::crypto::initialize();
  mpenc::crypto::SeededRng rng(kUserKeySeed);
  return formatFingerprint(mpenc::crypto::Ed25519KeyPair::generate(rng).publicKey());
}

QStringList DemoRoom::simulatedNicks() {
  QStringList out;
  for (const auto& n : simNicks()) out << QString::fromStdString(n);
  return out;
}

QString DemoRoom::ownFingerprint() const {
  return formatFingerprint(directory_.at(user_->self()));
}

QString DemoRoom::fingerprintOf(const QString& member) const {
  const auto it = directory_.find(member.toStdString());
  return it == directory_.end() ? QString() : formatFingerprint(it->second);
}

// ---- engine plumbing -----------------------------------------------------------

mpenc::crypto::Ed25519KeyPair& DemoRoom::identityOf(const std::string& id, bool fresh) {
  auto it = identities_.find(id);
  if (it == identities_.end() || fresh) {
    if (it != identities_.end()) identities_.erase(it);
    auto key = id == memberId(nick_.toStdString())
                   ? [] {
                       mpenc::crypto::SeededRng rng(kUserKeySeed);
                       return mpenc::crypto::Ed25519KeyPair::generate(rng);
                     }()
                   : mpenc::crypto::Ed25519KeyPair::generate(keyRng_);
    directory_[id] = key.publicKey();
    it = identities_.emplace(id, std::move(key)).first;
  }
  return it->second;
}

bool DemoRoom::wouldAutoInclude(const std::string& nick) const {
  return user_ && user_->membership().autoIncludable(memberId(nick));
}

mpenc::session::SessionConfig DemoRoom::configFor(const std::string& id, bool user) {
#if defined(__GNUC__)  // GCC and Clang; MSVC does not warn here
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
  mpenc::session::SessionConfig cfg{
      .membership = {
          .self = id,
          .identity = identityOf(id).clone(),
          .staticKeyOf = [this](std::string_view member) -> std::optional<mpenc::crypto::Ed25519Public> {
            const auto it = directory_.find(std::string(member));
            if (it == directory_.end()) return std::nullopt;
            return it->second;
          }}};
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
  // Short timers (like SessionHostOptions::fast), with heartbeats on: every
  // member runs this engine, so all of them read heartbeat bodies (W-8).
  cfg.timing = mpenc::session::Timing::fromBase(Millis{500}, Millis{2500});
  cfg.timing.heartbeats = true;
  cfg.timing.heartbeatIdle = Millis{6000};
  cfg.timing.presenceExpiry = Millis{10000};
  cfg.membership.operationTimeout = Millis{8000};
  cfg.membership.timeoutStagger = Millis{500};
  cfg.membership.excludedLeaveTimeout = Millis{10000};
  cfg.chainAckTimeout = Millis{3000};
  cfg.membership.autoIncludeJoiners = false;
  if (user) {
    cfg.joinTimeout = Millis{15000};
    // Re-include a former member coming back after a lost connection, as the
    // engine does by default, but never one whose key changed until the user
    // verified or accepted the new key (consent first).
    // With auto-include on (the settings, T-ES) every member entering is
    // included, with the same consent rule.
    cfg.membership.rejoining = [this](const std::string& member) {
      return (autoInclude_ || (user_ && user_->isRejoining(member))) && !keyChangeUnresolved(member);
    };
  } else {
    // The simulated members only include whom the script says (no T-TO1 churn).
    cfg.joinTimeout = Millis{3'600'000};
    cfg.membership.rejoining = [](const std::string&) { return false; };
  }
  return cfg;
}

void DemoRoom::buildUser() {
  const std::string self = memberId(nick_.toStdString());
  identityOf(self);
  userRng_ = std::make_unique<mpenc::crypto::SeededRng>(kUserKeySeed + (++simSeed_));
  userChannel_ =
      &hub_.attach(self, [this](const ChannelEvent& ev, Millis now) { onUserChannelEvent(ev, now); });
  user_ = std::make_unique<Session>(configFor(self, true), *userChannel_, *userRng_);
  user_->setListener([this](const SessionEvent& e) {
    userEvents_.push_back(e);
    userPending_.push_back(e);
  });
  user_->setPeerFeatures(self, allFeatures());
  for (const auto& n : simNicks()) user_->setPeerFeatures(memberId(n), allFeatures());
}

DemoRoom::Sim& DemoRoom::addSim(const std::string& nick) {
  auto& slot = sims_[nick];
  if (!slot) {
    slot = std::make_unique<Sim>();
    slot->nick = nick;
    slot->id = memberId(nick);
    slot->channel = &hub_.attach(slot->id, [this, nick](const ChannelEvent& ev, Millis now) {
      Sim* s = sim(nick);
      if (s && s->session) s->session->onChannelEvent(ev, now);
    });
  }
  Sim& s = *slot;
  s.rng = std::make_unique<mpenc::crypto::SeededRng>(std::hash<std::string>{}(s.id) + (++simSeed_));
  s.session = std::make_unique<Session>(configFor(s.id, false), *s.channel, *s.rng);
  s.session->setListener([this, nick](const SessionEvent& e) { onSimEvent(nick, e); });
  s.session->setPeerFeatures(memberId(nick_.toStdString()), allFeatures());
  for (const auto& n : simNicks()) s.session->setPeerFeatures(memberId(n), allFeatures());
  return s;
}

void DemoRoom::restartSim(const std::string& nick) {
  identityOf(memberId(nick), /*fresh=*/true);  // a new installation: a new identity key
  Sim& s = addSim(nick);
  s.session->join(now_);
}

DemoRoom::Sim* DemoRoom::sim(const std::string& nick) {
  const auto it = sims_.find(nick);
  return it == sims_.end() ? nullptr : it->second.get();
}

void DemoRoom::onUserChannelEvent(const ChannelEvent& ev, Millis now) {
  if (!user_) return;
  if (ev.kind == ChannelEvent::Kind::SelfEnter || ev.kind == ChannelEvent::Kind::OthersEnter)
    for (const auto& m : ev.members)
      if (m != user_->self()) observeKey(m);  // before the session decides anything about them
  user_->onChannelEvent(ev, now);
  flushUserEvents();
  if (ev.kind == ChannelEvent::Kind::SelfLeave) {
    presenter_->onLeft(
        userLeaving_ ? mpenc::present::LeaveReason::Requested : mpenc::present::LeaveReason::Kicked, {});
    userLeaving_ = false;
  }
}

void DemoRoom::flushUserEvents() {
  // Given to the presenter after the Session call returned (as SessionHost does).
  while (!userPending_.empty()) {
    std::vector<SessionEvent> batch;
    batch.swap(userPending_);
    for (const auto& e : batch)
      if (presenter_) presenter_->onSessionEvent(e);
  }
}

// ---- keys (the user's trust-on-first-use view) ---------------------------------------

void DemoRoom::observeKey(const std::string& member) {
  const auto it = directory_.find(member);
  if (it == directory_.end()) return;
  const QString fp = formatFingerprint(it->second);
  auto k = keys_.find(member);
  if (k == keys_.end()) {
    KeyEntry e;
    e.pinned = e.current = fp;
    // Alice's key was verified "earlier" (the demo shows all three states).
    e.trust = member == memberId("alice") ? Trust::Verified : Trust::Unverified;
    keys_.emplace(member, e);
  } else if (k->second.current != fp) {
    k->second.current = fp;
    if (k->second.pinned != fp) {
      k->second.previous = k->second.pinned;
      k->second.trust = Trust::Changed;
    }
  }
  publishKey(member);
}

void DemoRoom::publishKey(const std::string& member) {
  const auto k = keys_.find(member);
  if (k == keys_.end() || !presenter_) return;
  KeyView v;
  v.member = QString::fromStdString(member);
  v.fingerprint = k->second.current;
  v.previousFingerprint = k->second.trust == Trust::Changed ? k->second.previous : QString();
  v.trust = k->second.trust;
  presenter_->setKey(v);
}

bool DemoRoom::keyChangeUnresolved(const std::string& member) const {
  const auto k = keys_.find(member);
  return k != keys_.end() && k->second.trust == Trust::Changed;
}

// ---- the clock -----------------------------------------------------------------------

void DemoRoom::tick() {
  if (!realTime_) {
    runUntil(now_ + kForwardPerTick);
    if (now_ >= kIntroLength || !intro_) {
      realTime_ = true;
      virtualBase_ = now_;
      clock_.start();
      timer_.setInterval(kRealTickMs);
      emit introDone();
    }
    return;
  }
  runUntil(virtualBase_ + Millis{clock_.elapsed()});
}

void DemoRoom::runUntil(Millis target) {
  if (stepping_) return;
  stepping_ = true;
  while (now_ < target) stepTo(std::min(target, now_ + kStep));
  stepping_ = false;
}

void DemoRoom::stepTo(Millis t) {
  now_ = std::max(now_, t);
  hub_.setNow(now_);
  while (!cues_.empty() && cues_.begin()->first <= now_) {
    auto cue = std::move(cues_.begin()->second);
    cues_.erase(cues_.begin());
    cue();
    flushUserEvents();
  }
  hub_.deliver(now_);
  // Timers: each session at most once per step (a deadline left in the past
  // runs again on the next step instead of spinning). A frozen client is hung:
  // its timers do not run either.
  if (user_ && !hub_.frozen(user_->self())) {
    if (const auto d = user_->nextDeadline(); d && *d <= now_) {
      user_->advance(now_);
      flushUserEvents();
    }
  }
  for (auto& [nick, s] : sims_) {
    if (!s->session || hub_.frozen(s->id)) continue;
    if (const auto d = s->session->nextDeadline(); d && *d <= now_) s->session->advance(now_);
  }
  hub_.deliver(now_);
}

void DemoRoom::at(Millis when, std::function<void()> cue) {
  cues_.emplace(when, std::move(cue));
}

// ---- RoomBackend ------------------------------------------------------------------------

QString DemoRoom::describe(const SessionError& e, const QStringList& members) const {
  const QString who = nicksOf(members).join(QStringLiteral(", "));
  switch (e.code) {
    case SessionErrc::NotInChannel:
      return tr("You are not in the room. Use \"Start a new session\" to enter it again.");
    case SessionErrc::NoSubsession:
      return tr(
          "The encrypted session is not set up yet. Wait a moment until it is established, then try "
          "again.");
    case SessionErrc::Parting:
      return tr("You are leaving this session. Use \"Start a new session\" to keep talking.");
    case SessionErrc::Stopped:
      return tr("This session has stopped. Use \"Start a new session\" to continue.");
    case SessionErrc::Send:
      return tr("The message could not be sent in this session. Shorten it or try again in a moment.");
    case SessionErrc::UnknownMember:
      return tr("%1 is not in this room. Check the name and try again.").arg(who);
    case SessionErrc::Propose:
      break;
  }
  using mpenc::session::ProposeErrc;
  switch (e.propose.value_or(ProposeErrc::Greet)) {
    case ProposeErrc::NotInChannel:
      return tr("You are not in the room. Use \"Start a new session\" to enter it again.");
    case ProposeErrc::NotSynced:
      return tr("You are not in the encrypted session yet. Wait until you are added, then try again.");
    case ProposeErrc::OperationOngoing:
      return tr("Another membership change is in progress. Wait until it finishes, then try again.");
    case ProposeErrc::BeingExcluded:
      return tr("You were removed from this session. Use \"Start a new session\" to rejoin.");
    case ProposeErrc::TargetNotInChannel:
      return tr("%1 is not in the room right now. Wait until they enter, then try again.").arg(who);
    case ProposeErrc::IncludesExcludedMember:
      return tr("%1 must leave the room and come back before they can be added again. Try again in a "
                "moment.")
          .arg(who);
    case ProposeErrc::IncludeAndExclude:
      return tr("Add and remove members in two separate steps.");
    case ProposeErrc::SelfExclusion:
      return tr("To remove yourself, leave the room.");
    case ProposeErrc::NoChange:
      return tr("Nothing to change: %1 already has that membership.").arg(who);
    case ProposeErrc::Greet:
      break;
  }
  return tr("The membership change could not be started. Try again in a moment.");
}

ActionOutcome DemoRoom::outcome(const mpenc::Status<SessionError>& s, const QStringList& members) {
  flushUserEvents();
  if (s) return ActionOutcome::success();
  return ActionOutcome::failure(describe(s.error(), members));
}

std::vector<std::string> DemoRoom::resolve(const QStringList& members, QString* problem) const {
  std::set<std::string> known = hub_.present();
  for (const auto& m : user_->members()) known.insert(m);
  std::vector<std::string> out;
  for (const QString& raw : members) {
    const QString m = raw.trimmed();
    const std::string id = m.contains(QLatin1Char('/')) ? m.toStdString() : memberId(m.toStdString());
    if (m.isEmpty() || !known.count(id)) {
      *problem =
          tr("%1 is not in this room. Check the name and try again.").arg(nickOf(m.isEmpty() ? raw : m));
      return {};
    }
    out.push_back(id);
  }
  if (out.empty()) *problem = tr("Choose at least one member first.");
  return out;
}

ActionOutcome DemoRoom::send(const QString& text) {
  if (text.trimmed().isEmpty()) return ActionOutcome::failure(tr("Type a message first."));
  const auto r = user_->send(text.toStdString(), now_);
  flushUserEvents();
  if (!r) return ActionOutcome::failure(describe(r.error(), {}));
  planReplies(*r, text.toStdString());
  return ActionOutcome::success();
}

ActionOutcome DemoRoom::include(const QStringList& members) {
  QString problem;
  const auto ids = resolve(members, &problem);
  if (ids.empty()) return ActionOutcome::failure(problem);
  for (const auto& id : ids)
    if (keyChangeUnresolved(id))
      return ActionOutcome::failure(tr("%1's key changed. Verify or accept the new key first, then add them.")
                                        .arg(nickOf(QString::fromStdString(id))));
  return outcome(user_->include(ids, now_), members);
}

ActionOutcome DemoRoom::exclude(const QStringList& members) {
  QString problem;
  const auto ids = resolve(members, &problem);
  if (ids.empty()) return ActionOutcome::failure(problem);
  return outcome(user_->exclude(ids, now_), members);
}

ActionOutcome DemoRoom::verify(const QString& member, const QString& fingerprint) {
  auto k = keys_.find(member.toStdString());
  if (k == keys_.end())
    return ActionOutcome::failure(
        tr("No key is known for %1 yet. Wait until they enter the room.").arg(nickOf(member)));
  if (normalizedFingerprint(fingerprint) != normalizedFingerprint(k->second.current))
    return ActionOutcome::failure(
        tr("The fingerprint does not match the key %1 uses now. Compare it again, over a channel you "
           "trust (in person or by phone).")
            .arg(nickOf(member)));
  k->second.pinned = k->second.current;
  k->second.previous.clear();
  k->second.trust = Trust::Verified;
  publishKey(k->first);
  return ActionOutcome::success();
}

ActionOutcome DemoRoom::acceptKey(const QString& member) {
  auto k = keys_.find(member.toStdString());
  if (k == keys_.end() || k->second.trust != Trust::Changed)
    return ActionOutcome::failure(
        tr("%1's key has not changed: there is nothing to accept.").arg(nickOf(member)));
  k->second.pinned = k->second.current;
  k->second.previous.clear();
  k->second.trust = Trust::Unverified;
  publishKey(k->first);
  return ActionOutcome::success();
}

ActionOutcome DemoRoom::startNewSession() {
  if (stepping_) return ActionOutcome::failure(tr("The room is busy. Try again in a moment."));
  if (user_->inChannel()) {
    // Leave at once (no double FIN: this session is being replaced).
    userLeaving_ = true;
    userChannel_->leave();
    hub_.deliver(now_);
  }
  userPending_.clear();
  userEvents_.clear();
  buildUser();
  presenter_->onJoining();
  // Enter once the others have settled our departure (T-LS): entering during
  // their operation would only get us kicked (T-EO) and retried much later.
  at(now_ + kRejoinDelay, [this] {
    if (!user_->inChannel()) user_->join(now_);
  });
  return ActionOutcome::success();
}

void DemoRoom::leave() {
  if (!user_->inChannel()) return;
  userLeaving_ = true;
  user_->part(now_);
  flushUserEvents();
}

}  // namespace mpenc::demo
