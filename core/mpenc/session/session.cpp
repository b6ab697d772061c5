#include "mpenc/session/session.h"

#include <algorithm>
#include <set>
#include <utility>

#include "mpenc/codec/packets.h"
#include "mpenc/proto/signatures.h"
#include "mpenc/session/session_internal.h"

namespace mpenc::session {

using namespace session_detail;

namespace {

std::vector<std::string> sortedCopy(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// Does `s` run on the keys of `g` (the membership engine's current result)?
// Not yet when the engine reports a success and, in the same call, makes an
// automatic proposal (taskExclude, auto-include): the new subsession is
// created from that success only afterwards. (A REFRESH keeps sid and
// members: the SIDKEY_HINT byte tells its new group key apart, 255 in 256.)
bool runsOn(const Subsession& s, const greet::GreetStore& g) {
  const auto& sec = s.security();
  if (sec.sid() != g.sessionId() || sec.memberIds() != g.members()) return false;
  // REFRESH keeps sid and members: only the keys tell the subsessions apart.
  return proto::SubsessionKeys{g.sessionId(), g.groupKey.clone()}.sidKeyHash() == sec.sidKeyHash();
}

MembershipConfig takeMembership(SessionConfig& cfg, Session* self) {
  MembershipConfig m = std::move(cfg.membership);
  if (!m.rejoining)  // former members back after a reconnect are included again
    m.rejoining = [self](const std::string& id) { return self->isRejoining(id); };
  // W-10 recovery: a claimant we excluded comes back only by hand (consent veto).
  m.autoIncludeVeto = [self, veto = std::move(m.autoIncludeVeto)](const std::string& id) {
    return self->isClaimant(id) || (veto && veto(id));
  };
  if (!m.latestPm)  // H-C2: max(G) of the current subsession
    m.latestPm = [self] {
      const Subsession* s = self->current();
      const greet::GreetStore* g = self->membership().session();
      // A proposal made inside a success: the next subsession, still empty.
      if (s == nullptr || g == nullptr || !runsOn(*s, *g)) return std::vector<codec::MessageId>{};
      return s->transcript().max();
    };
  return m;
}

}  // namespace

std::string_view toString(SessionState s) noexcept {
  switch (s) {
    case SessionState::Parted:
      return "parted";
    case SessionState::Joining:
      return "joining";
    case SessionState::Joined:
      return "joined";
    case SessionState::Parting:
      return "parting";
  }
  return "?";
}

std::string_view toString(SessionErrc e) noexcept {
  switch (e) {
    case SessionErrc::NotInChannel:
      return "not-in-channel";
    case SessionErrc::NoSubsession:
      return "no-subsession";
    case SessionErrc::Parting:
      return "parting";
    case SessionErrc::Stopped:
      return "stopped";
    case SessionErrc::Send:
      return "send-refused";
    case SessionErrc::Propose:
      return "propose-refused";
    case SessionErrc::UnknownMember:
      return "unknown-member";
  }
  return "?";
}

bool isWarning(const SessionEvent& e) {
  if (const auto* n = std::get_if<Notice>(&e.what)) return isWarning(*n);
  if (const auto* m = std::get_if<MembershipNotice>(&e.what))
    return std::holds_alternative<notice::ChainMismatch>(*m);
  const auto& s = std::get<SessionNotice>(e.what);
  return std::holds_alternative<event::ChainHashMismatch>(s) ||
         std::holds_alternative<event::ChainAckMissing>(s) ||
         std::holds_alternative<event::TranscriptBroken>(s) ||
         std::holds_alternative<event::InconsistentDropped>(s);
}

Session::Session(SessionConfig cfg, GroupChannel& channel, crypto::Rng& rng)
    : cfg_(std::move(cfg)),
      channel_(channel),
      rng_(rng),
      mem_(takeMembership(cfg_, this), rng),
      pending_(cfg_.undecryptable) {}

Session::~Session() = default;

// ---- plumbing ------------------------------------------------------------------

std::vector<Session::Live*> Session::lives() {
  std::vector<Live*> out;  // current first, then the previous ones, newest first
  if (current_) out.push_back(current_.get());
  for (std::size_t i = previous_.size(); i-- > 0;) out.push_back(previous_[i].get());
  return out;
}

std::vector<Subsession*> Session::candidates(const std::vector<Live*>& ls) {
  std::vector<Subsession*> out;
  out.reserve(ls.size());
  for (Live* l : ls) out.push_back(l->sub.get());
  return out;
}

Session::Live* Session::liveByIndex(transcript::SubsessionIdx idx) {
  if (current_ && current_->index == idx) return current_.get();
  for (auto& l : previous_)
    if (l->index == idx) return l.get();
  return nullptr;
}

std::optional<transcript::SubsessionIdx> Session::currentIndex() const {
  if (!current_) return std::nullopt;
  return current_->index;
}

std::vector<std::string> Session::members() const {
  return sortedCopy(mem_.members());
}

std::optional<codec::Hash32> Session::sessionId() const {
  if (const auto* s = mem_.session()) return s->sessionId();
  return std::nullopt;
}

bool Session::isConsistent() const {
  if (droppedInconsistent_) return false;
  return !current_ || current_->sub->isConsistent();
}

bool Session::allHave(const std::vector<std::string>& members, std::string_view feature) const {
  for (const auto& m : members) {
    if (m == self()) continue;
    auto it = features_.find(m);
    if (it == features_.end() || it->second.count(std::string(feature)) == 0) return false;
  }
  return true;
}

void Session::setPeerFeatures(const MemberId& member, std::set<std::string> features) {
  features_[member] = std::move(features);
  std::set<std::string> abortPeers;
  for (const auto& [m, f] : features_)
    if (f.count(std::string(kFeatureAbort))) abortPeers.insert(m);
  mem_.setPeersSupportingAbort(std::move(abortPeers));
}

void Session::updateState() {
  SessionState s = SessionState::Joining;
  if (!mem_.inChannel())
    s = SessionState::Parted;
  else if (parting_ || mem_.beingExcluded())
    s = SessionState::Parting;
  else if (current_)
    s = SessionState::Joined;
  if (s == state_) return;
  const SessionState from = state_;
  state_ = s;
  notify(std::nullopt, SessionNotice{event::SessionStateChanged{from, s}});
}

void Session::leaveChannel(bool reenter) {
  if (!mem_.inChannel() || leaveRequested_) return;
  leaveRequested_ = true;
  reenterOnLeave_ = reenter;
  channel_.leave();
}

// ---- membership layer ------------------------------------------------------------

void Session::applyMembership(Actions a, Millis now) {
  for (const auto& w : a.send) channel_.send(w, {});
  // H-18: the members a success excluded are kicked only after the notice
  // below retired (FIN'd) the subsession they were in: see kickExcluded.
  std::set<std::string> excluded;
  for (const auto& n : a.notices)
    if (const auto* s = std::get_if<notice::OperationSucceeded>(&n); s && !s->weAreExcluded)
      excluded.insert(s->excluded.begin(), s->excluded.end());
  std::vector<std::string> afterFin;
  for (const auto& k : a.kick) {
    if (excluded.count(k) != 0)
      afterFin.push_back(k);
    else
      channel_.kick(k);  // T-EO / T-EAL at once (false: T-TO2 on their side)
  }
  bool timeoutLeave = false;
  for (auto& n : a.notices) {
    timeoutLeave = timeoutLeave || std::holds_alternative<notice::TimeoutLeave>(n);
    notify(std::nullopt, n);
    handleMembershipNotice(n, now);
  }
  for (const auto& k : afterFin) kickExcluded(k);
  // The v1 fallback of a timed-out operation re-enters afterwards; T-TO2 does not.
  if (a.leaveChannel) leaveChannel(timeoutLeave);
}

// [JS] taskLeave (H-18, A-19..A-23): an excluded member still present saw the
// final packet too and sends its FIN for the old subsession, then acks ours.
// A kick right away would remove it before that FIN gets out: our FIN would
// wait for its ack until the FIN timeout (resending meanwhile), nobody would
// see its FIN, and its unacked messages would end as W-6 / W-11. So the kick
// waits until that subsession ends here: fully acked and settled, or the FIN
// timeout at the latest, never forever. Meanwhile it has no key of the
// new subsession, cannot be included again (T-IAL), and whatever content it
// still sends to the old one comes after our FIN: flagged (A-22, W-7).
void Session::kickExcluded(const std::string& member) {
  if (!mem_.inChannel() || !mem_.channel().count(member)) return;
  for (std::size_t i = previous_.size(); i-- > 0;) {  // newest first
    const Live& l = *previous_[i];
    const auto& ids = l.sub->security().memberIds();
    if (!terminal(l.sub->state()) && std::find(ids.begin(), ids.end(), member) != ids.end()) {
      kickAfterFin_[member] = l.index;
      return;
    }
  }
  channel_.kick(member);  // no subsession of ours still waits for it
}

void Session::kickAfterEnd(transcript::SubsessionIdx index) {
  for (auto it = kickAfterFin_.begin(); it != kickAfterFin_.end();) {
    if (it->second != index) {
      ++it;
      continue;
    }
    const std::string member = it->first;
    it = kickAfterFin_.erase(it);
    if (mem_.inChannel() && mem_.channel().count(member)) channel_.kick(member);  // H-18
  }
}

void Session::handleMembershipNotice(const MembershipNotice& n, Millis now) {
  if (std::holds_alternative<notice::OperationStarted>(n)) {
    // speed up full-ack of the current subsession before the rotation.
    if (current_ && current_->sub->state() == SubsessionState::Active)
      if (auto r = current_->sub->requestConsistency(now)) applyOutput(*current_, std::move(*r), now);
  } else if (const auto* s = std::get_if<notice::OperationSucceeded>(&n)) {
    onSucceeded(*s, now);
  } else if (const auto* f = std::get_if<notice::OperationFailed>(&n)) {
    if (f->cause != notice::OperationFailed::Cause::SelfLeft) onFailed(now);
  } else if (std::holds_alternative<notice::Synced>(n) || std::holds_alternative<notice::SyncedNew>(n)) {
    if (std::holds_alternative<notice::SyncedNew>(n)) joinDeadline_.reset();  // alone: nobody to wait for
  }
}

void Session::onSucceeded(const notice::OperationSucceeded& s, Millis now) {
  joinDeadline_.reset();
  // A former member's rejoin (T-P2) is consumed once it is back in, and an
  // exclusion of a member still present is a decision, not a lost connection:
  // a stale entry made us undo another member's exclusion automatically when
  // the excluded one re-entered (found by the real-server soak, docs/soak.md).
  for (const auto& m : s.included) rejoinable_.erase(m);
  for (const auto& m : s.excluded)
    if (mem_.channel().count(m)) rejoinable_.erase(m);
  if (s.weAreExcluded) {  // T-P3: finish our view of the subsession, wait to be kicked
    if (current_) retire(std::move(current_), now, true);
    return;
  }
  if (s.members.size() > 1) {
    startSubsession(s, now);
  } else if (current_) {  // everyone else was excluded: alone (T-P4: not a subsession)
    retire(std::move(current_), now, true);
  }
}

void Session::onFailed(Millis now) {
  // H-13: after a failure the resulting session is the old one.
  if (current_) sendChainAck(*current_, now);
}

void Session::startSubsession(const notice::OperationSucceeded& s, Millis now) {
  const greet::GreetStore* store = mem_.session();
  if (store == nullptr || !store->ephemeral) return;  // not ours (cannot happen when not excluded)
  std::vector<MessageId> latestPm;
  codec::Hash32 initial{};
  std::string initiator;
  if (!mem_.order().operations().empty()) {
    latestPm = mem_.order().operations().back().latestPm;
    initial = mem_.order().operations().back().initial;
    initiator = mem_.order().operations().back().initiator;
  }

  SubsessionConfig sc;
  sc.self = self();
  sc.timing = cfg_.timing;
  sc.heldCapacity = cfg_.heldCapacity;
  for (std::size_t i = 0; i < store->pub.members.size(); ++i)
    sc.members.push_back({store->pub.members[i], store->pub.ephemeralKeys.at(i)});
  proto::SubsessionKeys keys{store->sessionId(), store->groupKey.clone()};

  auto live = std::make_unique<Live>();
  live->index = log_.beginSubsession(latestPm);
  live->sub = std::make_unique<Subsession>(sc, std::move(keys), store->ephemeral->clone(), rng_, now);
  live->sub->attachLog(&log_, live->index);

  if (current_) {
    // H-C6 / W-10: every LATEST_PM must be in the previous transcript; wait
    // for late deliveries until that subsession ends, then it is fatal.
    for (const auto& id : latestPm)
      if (!current_->sub->transcript().contains(id)) current_->awaitedLatestPm.push_back(id);
    current_->awaitedFor = initial;
    current_->awaitedFrom = initiator;
    retire(std::move(current_), now, true);  // a single FIN, shut down alongside
  }
  current_ = std::move(live);
  notify(current_->index,
         SessionNotice{event::SubsessionStarted{current_->index, store->sessionId(), sortedCopy(s.members),
                                                s.included, s.excluded}});
  sendChainAck(*current_, now);
  retryPending(now);
  // What no key opens now arrived before the final packet that created this
  // subsession: it belongs to subsessions we are not in (anything sent to
  // this one follows that packet in channel order, H-M1). Not a W-2.
  pending_ = UndecryptableBuffer(cfg_.undecryptable);
  // Until the previous subsession has certainly shut down everywhere (A-23:
  // FIN timeout), its late packets (FINs, acks, resends) from our members are
  // expected; we cannot open them when we joined just now or already closed it.
  rotationQuietUntil_ = now + cfg_.timing.finTimeout + cfg_.timing.bcLat;
  // So may those of occupants outside this subsession: members excluded by
  // this or an earlier operation send their FIN and acks for the old one
  // before their kick (H-18, kickExcluded), which a newcomer never had and we
  // may have closed already. Their W-2 waits until this window ends and is
  // reported only if the sender is still in the channel by then: an excluded
  // member has been kicked (at the latest after the FIN timeout), while a
  // hostile occupant that stays is still named (deferredW2_).
  stragglers_.clear();
  for (const auto& m : mem_.channel())
    if (std::find(s.members.begin(), s.members.end(), m) == s.members.end()) stragglers_.insert(m);
}

// ---- subsessions ---------------------------------------------------------------------

void Session::retire(std::unique_ptr<Live> l, Millis now, bool finish) {
  if (!l) return;
  if (finish && l->sub->state() == SubsessionState::Active)
    if (auto r = l->sub->fin(now)) applyOutput(*l, std::move(*r), now);
  previous_.push_back(std::move(l));
}

void Session::reapPrevious(Millis now) {
  for (std::size_t i = 0; i < previous_.size();) {
    if (terminal(previous_[i]->sub->state())) {
      auto l = std::move(previous_[i]);
      previous_.erase(previous_.begin() + static_cast<std::ptrdiff_t>(i));
      endLive(*l);
      kickAfterEnd(l->index);
    } else {
      ++i;
    }
  }
  // W-10 recovery: exclude the claimants once the loop above is done (the
  // operation's success retires subsessions into previous_).
  auto claimants = std::exchange(claimantsToExclude_, {});
  for (const auto& c : claimants) applyMembership(mem_.scheduleExclude(c), now);
}

void Session::dropAll(Millis /*now*/) {
  // T-LI: we may have missed packets; every subsession ends here.
  kickAfterFin_.clear();  // not in the channel any more: nobody to kick
  std::vector<std::unique_ptr<Live>> all;
  if (current_) all.push_back(std::move(current_));
  for (auto& l : previous_) all.push_back(std::move(l));
  previous_.clear();
  for (auto& l : all) {
    // W-10 needs the wait for late deliveries to run out; cut short here, it
    // proves nothing (and must not stop a session that may enter again).
    l->awaitedLatestPm.clear();
    endLive(*l);
  }
  pending_ = UndecryptableBuffer(cfg_.undecryptable);
  chainCheck_.reset();
}

void Session::applyOutput(Live& l, Output o, Millis now) {
  for (const auto& w : o.send) channel_.send(w, {});
  for (auto& n : o.notices) {
    notify(l.index, n);
    if (const auto* d = std::get_if<Delivered>(&n)) {
      onDelivered(l, *d, now);
    } else if (const auto* f = std::get_if<PeerFin>(&n)) {
      if (f->leaveIntent) {
        leaveIntent_.insert(f->member);
        rejoinable_.erase(f->member);
        applyMembership(mem_.scheduleExclude(f->member), now);
      }
    } else if (const auto* fork = std::get_if<ForkDetected>(&n)) {
      // C-9: the subsession stopped. The other honest members see both
      // branches too (they are rebroadcast); exclude the author and go on.
      rejoinable_.erase(fork->author);
      applyMembership(mem_.scheduleExclude(fork->author), now);
    }
  }
}

// Called when a subsession starts: what is pending failed every older one
// already (their keys and members do not change), so only the new one is
// tried (issue 12: not every pending packet against every subsession again).
void Session::retryPending(Millis now) {
  if (pending_.size() == 0 || !current_) return;
  const std::vector<Live*> ls{current_.get()};
  const auto cs = candidates(ls);
  UndecryptableBuffer scratch(cfg_.undecryptable);  // what fails goes back to pending_ as it was
  for (auto& e : pending_.takeAll()) {
    RouteResult r = receiveData(cs, scratch, e.sender, e.wire, now);
    if (r.subsession)
      applyOutput(*ls.at(*r.subsession), std::move(r.out), now);
    else if (!r.duplicate)
      pending_.putBack(std::move(e));
  }
}

// ---- channel in ------------------------------------------------------------------------

void Session::onChannelEvent(const ChannelEvent& ev, Millis now) {
  now_ = std::max(now_, now);
  // The membership engine times an operation from the last `now` it saw before
  // the pI was accepted: keep its clock current (advance() runs only at deadlines).
  applyMembership(mem_.onTimer(now), now);
  switch (ev.kind) {
    case ChannelEvent::Kind::Packet:
      onPacket(ev.sender, ev.wire, now);
      break;
    case ChannelEvent::Kind::SelfEnter:
      leaveRequested_ = false;
      reenterOnLeave_ = false;
      reenterAt_.reset();
      applyMembership(mem_.onChannelEvent(ev), now);
      if (!current_ && ev.members.size() > 1 && !mem_.synced())
        joinDeadline_ = now + cfg_.joinTimeout;  // T-TO1
      break;
    case ChannelEvent::Kind::SelfLeave: {
      for (const auto& m : mem_.members())  // they come back when we do (server restart)
        if (m != self() && !leaveIntent_.count(m)) rejoinable_.insert(m);
      // Waiting to be included: no subsession with others yet. A joiner that
      // synced on the pI of an operation that then failed (e.g. it was kicked
      // for entering during another operation, T-EO) is still waiting.
      const bool wasJoining = state_ == SessionState::Joining && !current_;
      const bool requested = leaveRequested_;
      applyMembership(mem_.onChannelEvent(ev), now);  // T-LI
      dropAll(now);
      joinDeadline_.reset();
      // T-TO1 / the v1 timeout fallback, or kicked while waiting to be
      // included ([JS]): re-enter after a random 50–75 % of the estimate.
      if (!stopped_ && !parting_ && (reenterOnLeave_ || (!requested && wasJoining))) {
        const auto span = static_cast<std::uint32_t>(std::max<Millis::rep>(1, cfg_.joinTimeout.count() / 4));
        reenterAt_ = now + cfg_.joinTimeout / 2 + Millis{rng_.uniform(span)};
      }
      parting_ = false;
      leaveRequested_ = false;
      reenterOnLeave_ = false;
      break;
    }
    case ChannelEvent::Kind::OthersLeave: {
      const auto before = mem_.members();
      for (const auto& m : ev.members) {  // T-P2: a lost connection, not a decision to leave
        if (std::find(before.begin(), before.end(), m) != before.end() && !leaveIntent_.count(m))
          rejoinable_.insert(m);
        kickAfterFin_.erase(m);           // gone already
        if (stragglers_.erase(m) != 0) {  // an excluded member's last packets: for nobody here (H-18)
          std::erase_if(deferredW2_, [&](const Undecryptable& w) { return w.sender == m; });
          pending_.dropFrom(m);
        }
        for (Live* l : lives()) l->sub->memberLeft(m, now);  // it acks nothing more there
      }
      applyMembership(mem_.onChannelEvent(ev), now);
      break;
    }
    case ChannelEvent::Kind::OthersEnter:
      applyMembership(mem_.onChannelEvent(ev), now);
      break;
  }
  reapPrevious(now);
  maybeFinishPart(now);
  updateState();
}

void Session::onPacket(const std::string& sender, const std::string& wire, Millis now) {
  if (!mem_.inChannel()) return;
  auto decoded = codec::decodeWire(wire);
  if (!decoded) {  // W-4, named by its (unauthenticated) channel sender
    notify(std::nullopt, Notice{InvalidMessage{InvalidMessage::Reason::Malformed, sender, "", std::nullopt,
                                               std::nullopt, decoded.error().describe()}});
    return;
  }
  if (const auto* greeting = std::get_if<codec::GreetingPacket>(&*decoded)) {
    applyMembership(mem_.onGreeting(sender, wire, *greeting), now);  // decoded once (issue 12)
  } else if (auto* data = std::get_if<codec::DataPacket>(&*decoded)) {
    onData(sender, wire, std::move(*data), now);
  } else if (const auto* err = std::get_if<codec::ErrorPacket>(&*decoded)) {
    onErrorPacket(sender, *err);
  }
  // QUERY packets ([JS] "?mpENCv1?" invitations) need no answer from a MUC client.
}

void Session::onData(const std::string& sender, const std::string& wire, codec::DataPacket packet,
                     Millis now) {
  const auto ls = lives();
  const auto cs = candidates(ls);
  // Stragglers from a member of any subsession we still run. (Occupants
  // outside the subsession: their W-2 is deferred instead, see tick.)
  const bool quiet = now < rotationQuietUntil_ && std::any_of(ls.begin(), ls.end(), [&](const Live* l) {
                       return l->sub->security().memberKey(sender).has_value();
                     });
  std::optional<UndecryptableBuffer> scratch;  // only then: the hot path allocates nothing extra
  if (quiet) scratch.emplace(cfg_.undecryptable);
  RouteResult r = receiveData(cs, scratch ? *scratch : pending_, sender, wire, std::move(packet), now);
  if (r.subsession) {
    applyOutput(*ls.at(*r.subsession), std::move(r.out), now);
  } else {
    for (auto& n : r.out.notices) notify(std::nullopt, std::move(n));
    for (const auto& w : r.out.send) channel_.send(w, {});
  }
}

void Session::onErrorPacket(const std::string& sender, const codec::ErrorPacket& e) {
  event::PeerError pe;
  pe.sender = sender;
  pe.severity = e.severity;
  pe.text = std::string(e.text.begin(), e.text.end());
  const std::string source(e.source.begin(), e.source.end());
  if (source == sender && e.signature) {
    std::vector<const Subsession*> subs;
    if (current_) subs.push_back(current_->sub.get());
    for (const auto& l : previous_) subs.push_back(l->sub.get());
    for (const auto* s : subs)
      if (auto key = s->security().memberKey(sender); key && proto::verifyError(*key, e))
        pe.authenticated = true;
  }
  notify(std::nullopt, SessionNotice{std::move(pe)});
}

}  // namespace mpenc::session
