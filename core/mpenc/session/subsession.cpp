#include "mpenc/session/subsession.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "mpenc/codec/wire.h"
#include "mpenc/proto/ids.h"
#include "mpenc/proto/signatures.h"

namespace mpenc::session {

using codec::Body;
using codec::BodyType;
using transcript::AddResult;
using transcript::Message;
using transcript::TranscriptErrorCode;

std::string_view toString(SubsessionState s) noexcept {
  switch (s) {
    case SubsessionState::Active:
      return "ACTIVE";
    case SubsessionState::Parting:
      return "PARTING";
    case SubsessionState::Parted:
      return "PARTED";
    case SubsessionState::PartFailed:
      return "PART_FAILED";
    case SubsessionState::Failed:
      return "FAILED";
  }
  return "?";
}

namespace {

std::uint64_t bodyTag(const Body& b) {
  // A fingerprint of type ‖ flag ‖ content (‖ ChainAck hashes) that tells an
  // identical duplicate apart (C-8); in memory only. Eight bytes per step
  // (issue 12: byte-wise FNV-1a was 45 µs of a 32 KB send).
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::uint64_t w) {
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
  };
  auto mixBytes = [&](const std::uint8_t* p, std::size_t n) {
    for (; n >= 8; p += 8, n -= 8) {
      std::uint64_t w = 0;
      std::memcpy(&w, p, 8);
      mix(w);
    }
    std::uint64_t w = n;  // the tail with its length
    for (std::size_t i = 0; i < n; ++i) w = (w << 8) | p[i];
    mix(w);
  };
  mix((std::uint64_t{static_cast<std::uint8_t>(b.type)} << 8) | (b.flag ? 1u : 0u));
  const ByteView content = asBytes(b.content);
  mixBytes(content.data(), content.size());
  if (b.type == BodyType::ChainAck) {
    mixBytes(b.chainPacketId.data(), b.chainPacketId.size());
    mixBytes(b.chainHash.data(), b.chainHash.size());
  }
  return h;
}

/// Bodies that ask every reader for a prompt ack: Consistency (FIN or
/// an explicit request) and ChainAck (H-13: the chain check should settle
/// quickly after a membership operation).
bool wantsPromptAck(const Body& b) {
  switch (b.type) {
    case BodyType::Consistency:
    case BodyType::ChainAck:
      return true;
    case BodyType::Payload:
    case BodyType::ExplicitAck:
    case BodyType::HeartBeat:
      break;
  }
  return false;
}

std::vector<std::string> ids(const std::vector<MessageSecurity::Member>& ms) {
  std::vector<std::string> out;
  out.reserve(ms.size());
  for (const auto& m : ms) out.push_back(m.id);
  return out;
}

transcript::CausalBuffer<int>::Config bufferConfig(const SubsessionConfig& cfg) {
  const std::size_t cap =
      cfg.heldCapacity != 0 ? cfg.heldCapacity : transcript::defaultBufferCapacity(cfg.members.size());
  return {cap, static_cast<std::uint64_t>(cfg.timing.heldGrace.count())};
}

std::uint64_t ticks(Millis t) {
  return t.count() < 0 ? 0 : static_cast<std::uint64_t>(t.count());
}

}  // namespace

Subsession::Subsession(const SubsessionConfig& cfg, proto::SubsessionKeys keys,
                       crypto::Ed25519KeyPair ownEphemeral, crypto::Rng& rng, Millis now)
    : security_(cfg.self, cfg.members, std::move(keys), std::move(ownEphemeral)),
      timing_(cfg.timing),
      rng_(rng),
      transcript_(ids(cfg.members)),
      buffer_(Buffer::Config{bufferConfig(cfg).capacity, bufferConfig(cfg).gracePeriod}),
      monitor_(cfg.timing, *transcript_.members().find(cfg.self)),
      selfIdx_(*transcript_.members().find(cfg.self)),
      lastOwnNonAck_(now),
      lastHeard_(cfg.members.size(), now),
      silent_(cfg.members.size(), false),
      owedSince_(cfg.members.size()),
      finned_(cfg.members.size(), false),
      absent_(cfg.members.size(), false) {}

// ---- sending -------------------------------------------------------------------

Expected<Output, SendError> Subsession::send(Body body, std::vector<MessageId> parents, Millis now) {
  codec::Plaintext pt{std::move(parents), std::move(body)};
  proto::SealedData sealed;
  try {
    sealed = security_.seal(pt, rng_);
  } catch (const std::length_error& e) {
    return fail(SendError{SendErrc::TooLarge, e.what()});
  } catch (const std::invalid_argument& e) {
    return fail(SendError{SendErrc::Invalid, e.what()});
  }
  const Message msg = toMessage(sealed.id, self(), pt);
  auto r = transcript_.add(msg);
  if (!r) throw std::logic_error("Subsession: own message rejected: " + r.error().detail);  // our bug
  Output out;
  out.send.push_back(sealed.wire);
  if (pt.body.type != BodyType::ExplicitAck) lastOwnNonAck_ = now;
  accepted(msg, pt.body, std::move(sealed.wire), true, *r, now, out);
  return out;
}

Expected<Output, SendError> Subsession::sendPayload(std::string text, Millis now) {
  if (state_ == SubsessionState::Failed) return fail(SendError{SendErrc::Stopped, "fork detected"});
  if (state_ != SubsessionState::Active) return fail(SendError{SendErrc::AfterFin, "FIN already sent"});
  if (text.empty()) return fail(SendError{SendErrc::Invalid, "empty payload"});
  return send(Body::payload(std::move(text)), transcript_.max(), now);
}

Expected<Output, SendError> Subsession::sendExplicitAck(bool manual, Millis now) {
  if (state_ == SubsessionState::Failed) return fail(SendError{SendErrc::Stopped, "fork detected"});
  return send(Body::explicitAck(manual), transcript_.max(), now);  // O-4: allowed after FIN
}

Expected<Output, SendError> Subsession::requestConsistency(Millis now) {
  if (state_ == SubsessionState::Failed) return fail(SendError{SendErrc::Stopped, "fork detected"});
  if (state_ != SubsessionState::Active) return fail(SendError{SendErrc::AfterFin, "FIN already sent"});
  return send(Body::consistency(false), transcript_.max(), now);
}

Expected<Output, SendError> Subsession::sendChainAck(const codec::Hash32& packetId,
                                                     const codec::Hash32& chainHash, Millis now) {
  if (state_ == SubsessionState::Failed) return fail(SendError{SendErrc::Stopped, "fork detected"});
  if (state_ != SubsessionState::Active) return fail(SendError{SendErrc::AfterFin, "FIN already sent"});
  return send(Body::chainAck(packetId, chainHash), transcript_.max(), now);
}

Expected<Output, SendError> Subsession::fin(Millis now) {
  if (state_ == SubsessionState::Failed) return fail(SendError{SendErrc::Stopped, "fork detected"});
  if (state_ != SubsessionState::Active) return fail(SendError{SendErrc::AfterFin, "FIN already sent"});
  auto r = send(Body::consistency(true), transcript_.max(), now);
  if (!r) return r;
  finPos_ = static_cast<transcript::Pos>(transcript_.size() - 1);
  finSentAt_ = now;
  setState(SubsessionState::Parting, *r);
  maybeSettle(now);  // a single member (no readers), or everyone else left already
  return r;
}

Expected<Output, SendError> Subsession::finLeave(Millis now) {
  auto first = fin(now);
  if (!first) return first;
  const MessageId firstId = transcript_.id(*finPos_);
  auto second = send(Body::consistency(true), {firstId}, now);  // exactly the first as parent
  if (!second) return second;
  finPos_ = static_cast<transcript::Pos>(transcript_.size() - 1);
  settleAt_.reset();
  maybeSettle(now);
  first->append(std::move(*second));
  return first;
}

// ---- receiving -------------------------------------------------------------------

Message Subsession::toMessage(const MessageId& id, const std::string& author,
                              const codec::Plaintext& pt) const {
  Message m;
  m.id = id;
  m.author = author;
  m.readersAreOthers = true;  // readers = members − author (no 49 string copies at n = 50)
  m.parents = pt.parents;
  m.bodyType = pt.body.type;
  m.bodyTag = bodyTag(pt.body);
  return m;
}

Output Subsession::onDuplicate(const MessageId& id, const std::string& sender, Millis now) {
  Output out;
  if (buffer_.holds(id)) return out;  // C-16
  const auto p = transcript_.find(id);
  if (!p || sender == self()) return out;  // our own reflection or resend
  monitor_.onDuplicate(transcript_, *p, transcript_.members().find(sender), now, rng_, out);
  return out;
}

std::optional<Output> Subsession::tryReceive(const codec::DataPacket& packet, const std::string& wire,
                                             const std::string& sender, Millis now, bool senderOnly) {
  auto opened = security_.open(packet, sender, senderOnly);
  if (!opened) {
    if (opened.error().code == proto::OpenErrc::BadSignature) return std::nullopt;  // not ours
    Output out;  // W-4: authenticated, but the plaintext is malformed
    out.notices.emplace_back(InvalidMessage{InvalidMessage::Reason::BadPlaintext, sender, "",
                                            proto::messageId(packet.signature, packet.signedContent),
                                            std::nullopt, opened.error().decode.detail});
    return out;
  }
  Output out;
  if (state_ == SubsessionState::Failed) return out;  // C-9(a): we stopped participating
  Message msg = toMessage(opened->id, opened->author, opened->plaintext);
  auto o = buffer_.receive(transcript_, std::move(msg), Held{std::move(opened->plaintext.body), wire, sender},
                           ticks(now));
  if (o.disposition == Buffer::Disposition::Duplicate) {
    // Only after its cache entry expired (ID pre-check missed it): A-16.
    out.append(onDuplicate(opened->id, sender, now));
    return out;
  }
  process(std::move(o), now, out);
  return out;
}

void Subsession::process(Buffer::Outcome&& o, Millis now, Output& out) {
  for (const auto& id : o.resolved) out.notices.emplace_back(HeldMessageResolved{id});
  for (auto& rj : o.rejected) {
    if (rj.error.code == TranscriptErrorCode::Fork && rj.error.ids.size() == 2) {
      forkDetected(rj.msg.author, rj.error.ids[0], rj.error.ids[1], rj.payload.wire, out);
      return;
    }
    out.notices.emplace_back(InvalidMessage{InvalidMessage::Reason::Rejected, rj.payload.sender,
                                            rj.msg.author, rj.msg.id, rj.error.code, rj.error.detail});
  }
  for (const auto& id : o.dropped)
    out.notices.emplace_back(InvalidMessage{InvalidMessage::Reason::Dependent, "", "", id, std::nullopt,
                                            "depends on a message that was not accepted"});
  for (auto& d : o.delivered)
    accepted(d.msg, d.payload.body, std::move(d.payload.wire), false, d.result, now, out);
  maybeSettle(now);
}

void Subsession::memberLeft(const std::string& member, Millis now) {
  const auto u = transcript_.members().find(member);
  if (!u || *u == selfIdx_) return;
  absent_[*u] = true;
  maybeSettle(now);
}

// Our FIN is acked by every reader still in the channel. Acks are transitive
// then whatever of anc(FIN) is still unacked is unacked only by members
// who left, and nothing can change that any more.
bool Subsession::finAckedByPresent() const {
  for (const auto u : transcript_.unackedByIdx(*finPos_))
    if (!absent_[u]) return false;
  return true;
}

void Subsession::maybeSettle(Millis now) {
  if (state_ == SubsessionState::Parting && finPos_ && !settleAt_ && finAckedByPresent())
    settleAt_ = now + timing_.finSettle;
}

void Subsession::accepted(const Message& msg, const Body& body, std::string wire, bool own,
                          const AddResult& r, Millis now, Output& out) {
  const transcript::Pos p = r.pos;
  const auto author = transcript_.authorIdx(p);
  if (!own) {
    lastHeard_[author] = now;
    if (silent_[author]) {
      silent_[author] = false;
      out.notices.emplace_back(MemberResponding{msg.author});
    }
  }
  if (!own && body.isFin()) finned_[author] = true;  // intentionally absent (§2.9)
  trackOwed(p, author, own, now);
  Delivered d{msg.id, msg.author, body, own, std::nullopt};
  if (log_ != nullptr) d.log = log_->onDelivered(logIdx_, transcript_, r);
  out.notices.emplace_back(std::move(d));

  if (!own && finPos_ && msg.bodyType == BodyType::Payload) {
    // A-22 / W-7: a message accepted after our FIN is never in anc(FIN).
    flags_[msg.id] = Flag::ContentAfterFin;
    out.notices.emplace_back(ContentAfterFin{msg.id, msg.author});
  }
  if (!own && body.isFin()) {
    // a FIN whose only parent is the same author's FIN = leave intent.
    bool leave = false;
    if (msg.parents.size() == 1) {
      const auto q = transcript_.find(msg.parents[0]);
      leave = q && transcript_.authorIdx(*q) == author && fins_.count(*q) != 0;
    }
    out.notices.emplace_back(PeerFin{msg.author, msg.id, leave});
  }
  if (body.isFin()) fins_.insert(p);
  // Late arrival (others already acked it: a resend recovered it), a
  // request for acks or a chain ack: ack promptly (A-21, inference; H-13).
  const bool late = !own && !transcript_.children(p).empty();
  const bool prompt = late || wantsPromptAck(body);
  monitor_.onAccepted(transcript_, p, std::move(wire), {prompt, own && body.isFin()}, now, rng_);
  monitor_.onFullyAcked(transcript_, r.fullyAcked, out);
}

void Subsession::forkDetected(const std::string& author, const MessageId& first, const MessageId& second,
                              const std::string& secondWire, Output& out) {
  // C-9 (a) stop participating; (b) rebroadcast both branches (best effort:
  // their heads); (c) a signed TERMINAL ERROR naming both messages.
  out.notices.emplace_back(ForkDetected{author, first, second});
  if (const auto p = transcript_.find(first))
    if (auto w = monitor_.cachedWire(*p)) out.send.push_back(*w);
  out.send.push_back(secondWire);
  codec::ErrorPacket e;
  e.source = Bytes(self().begin(), self().end());
  e.severity = codec::Severity::Terminal;
  const std::string text = "TERMINAL ERROR: author " + author + " sent conflicting messages " + toHex(first) +
                           " and " + toHex(second) + " (fork); stopping this session";
  e.text = Bytes(text.begin(), text.end());
  e.signedContent = codec::encodeErrorContent(e);
  e.signature = proto::signError(security_.ownEphemeral(), e.signedContent);
  out.send.push_back(codec::encodeWire(codec::Packet{e}));
  monitor_.stopAll();
  setState(SubsessionState::Failed, out);
}

void Subsession::setState(SubsessionState s, Output& out) {
  if (s == state_) return;
  out.notices.emplace_back(StateChanged{state_, s});
  state_ = s;
}

// ---- timers -------------------------------------------------------------------------

void Subsession::finTimers(Millis now, Output& out) {
  if (state_ != SubsessionState::Parting || !finPos_) return;
  if (settleAt_ && now >= *settleAt_) {
    if (transcript_.isFullyAcked(*finPos_))
      setState(SubsessionState::Parted, out);  // anc(FIN) is consistent
    else
      endUnconfirmed(out);  // only members who left still owe acks: they never come
    return;
  }
  if (now - finSentAt_ < timing_.finTimeout) return;
  endUnconfirmed(out);
}

// A-23 / W-6: our FIN never reached full-ack (timed out, or the members who
// still owe an ack left the channel): the end of the transcript is not
// confirmed; fully acked messages stay consistent, every other one is flagged.
void Subsession::endUnconfirmed(Output& out) {
  // Only displayed messages can be unconfirmed for the user (U-4, U-18):
  // unacked control messages (FIN, Consistency, ChainAck) of members who
  // already left are expected and end the subsession as PARTED ([JS]).
  FinNotConfirmed w{transcript_.id(*finPos_), {}};
  for (transcript::Pos p : transcript_.unacked()) {
    if (!transcript_.isContent(p)) continue;
    w.unconfirmed.push_back(transcript_.id(p));
    flags_.try_emplace(transcript_.id(p), Flag::FinUnconfirmed);
  }
  const bool payloadUnacked = !w.unconfirmed.empty();
  if (payloadUnacked) out.notices.emplace_back(std::move(w));
  setState(payloadUnacked ? SubsessionState::PartFailed : SubsessionState::Parted, out);
}

bool Subsession::owesAck(transcript::MemberIdx member) const {
  // Explicit acks are never acked: they are owed nothing.
  for (transcript::Pos q : transcript_.unacked())
    if (transcript_.bodyType(q) != BodyType::ExplicitAck && transcript_.isReader(q, member) &&
        !transcript_.ackedBy(q, member))
      return true;
  return false;
}

void Subsession::trackOwed(transcript::Pos p, transcript::MemberIdx author, bool own, Millis now) {
  // W-8 without heartbeats. Hearing from the author restarts its clock: if it
  // still owes an ack (its message was concurrent with ours), the silence
  // counts from now.
  if (!own) owedSince_[author] = owesAck(author) ? std::optional<Millis>(now) : std::nullopt;
  if (transcript_.bodyType(p) == BodyType::ExplicitAck) return;  // not acked
  for (std::size_t i = 0; i < owedSince_.size(); ++i) {
    const auto m = static_cast<transcript::MemberIdx>(i);
    if (m == selfIdx_ || m == author || finned_[i] || owedSince_[i]) continue;
    if (transcript_.isReader(p, m) && !transcript_.ackedBy(p, m)) owedSince_[i] = now;
  }
}

std::vector<std::string> Subsession::notResponding() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < silent_.size(); ++i)
    if (silent_[i]) out.push_back(transcript_.members().name(static_cast<transcript::MemberIdx>(i)));
  return out;
}

void Subsession::presence(Millis now, Output& out) {
  auto warn = [&](std::size_t i) {
    silent_[i] = true;  // W-8
    out.notices.emplace_back(
        MemberNotResponding{transcript_.members().name(static_cast<transcript::MemberIdx>(i)), lastHeard_[i],
                            now - lastHeard_[i]});
  };
  // Owed acks (heartbeats or not): only while ACTIVE. After our FIN the FIN
  // timeout reports what is missing (W-6), and excluded members stop acking.
  // A member that left the channel is not "not responding": it is gone (T-P2).
  if (state_ == SubsessionState::Active)
    for (std::size_t i = 0; i < owedSince_.size(); ++i)
      if (i != selfIdx_ && !silent_[i] && !finned_[i] && !absent_[i] && owedSince_[i] &&
          now - *owedSince_[i] >= timing_.notResponding)
        warn(i);
  if (!timing_.heartbeats) return;
  for (std::size_t i = 0; i < lastHeard_.size(); ++i)
    if (i != selfIdx_ && !silent_[i] && now - lastHeard_[i] >= timing_.presenceExpiry) warn(i);
  if (state_ == SubsessionState::Active && now - lastOwnNonAck_ >= timing_.heartbeatIdle) {
    auto r = send(Body::heartBeat(), transcript_.max(), now);  // §2.9: carries a monitor
    if (r) out.append(std::move(*r));
  }
}

Output Subsession::advance(Millis now) {
  Output out;
  for (auto& hw : buffer_.tick(ticks(now)))
    out.notices.emplace_back(HeldMessageLate{hw.held, std::move(hw.author), std::move(hw.missing),
                                             Millis{static_cast<std::int64_t>(hw.waitingSince)}});
  if (state_ == SubsessionState::Failed) return out;
  if (monitor_.advance(transcript_, now, rng_, out)) {
    auto r = send(Body::explicitAck(false), transcript_.max(), now);  // one ack for all
    if (r) out.append(std::move(*r));
  }
  finTimers(now, out);
  presence(now, out);
  return out;
}

std::optional<Millis> Subsession::nextDeadline() const {
  std::optional<Millis> d;
  auto consider = [&](Millis x) { d = d ? std::min(*d, x) : x; };
  if (auto b = buffer_.nextDeadline()) consider(Millis{static_cast<std::int64_t>(*b)});
  if (state_ == SubsessionState::Failed) return d;
  if (auto m = monitor_.nextDeadline()) consider(*m);
  if (state_ == SubsessionState::Parting) {
    if (settleAt_) consider(*settleAt_);
    consider(finSentAt_ + timing_.finTimeout);
  }
  if (state_ == SubsessionState::Active)
    for (std::size_t i = 0; i < owedSince_.size(); ++i)
      if (i != selfIdx_ && !silent_[i] && !finned_[i] && !absent_[i] && owedSince_[i])
        consider(*owedSince_[i] + timing_.notResponding);
  if (timing_.heartbeats) {
    for (std::size_t i = 0; i < lastHeard_.size(); ++i)
      if (i != selfIdx_ && !silent_[i]) consider(lastHeard_[i] + timing_.presenceExpiry);
    if (state_ == SubsessionState::Active) consider(lastOwnNonAck_ + timing_.heartbeatIdle);
  }
  return d;
}

std::optional<MessageId> Subsession::ownFin() const {
  if (!finPos_) return std::nullopt;
  return transcript_.id(*finPos_);
}

bool Subsession::isConsistent() const {
  for (transcript::Pos p : transcript_.unacked())
    if (transcript_.isContent(p)) return false;
  return true;
}

std::optional<Subsession::Flag> Subsession::flag(const MessageId& id) const {
  auto it = flags_.find(id);
  if (it == flags_.end()) return std::nullopt;
  return it->second;
}

// ---- routing (C-18 steps 3–5) ------------------------------------------------------

namespace {

std::vector<std::size_t> trialOrder(std::span<Subsession* const> cs, std::uint8_t hint) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < cs.size(); ++i)
    if (cs[i]->security().hint() == hint) order.push_back(i);
  for (std::size_t i = 0; i < cs.size(); ++i)
    if (cs[i]->security().hint() != hint) order.push_back(i);
  return order;
}

RouteResult route(std::span<Subsession* const> cs, const std::string& sender, const std::string& wire,
                  const codec::DataPacket& packet, Millis now) {
  RouteResult res;
  const auto order = trialOrder(cs, packet.sidkeyHint);
  // Duplicates first, without crypto: the ID is a hash of signature ‖ S (C-17).
  const MessageId id = proto::messageId(packet.signature, packet.signedContent);
  for (std::size_t i : order) {
    if (!cs[i]->knows(id)) continue;
    res.subsession = i;
    res.duplicate = true;
    res.out = cs[i]->onDuplicate(id, sender, now);
    return res;
  }
  // SIDKEY_HINT picks the key first (protocol-wire.md §5.1); it is not signed,
  // so the others are tried too, but with the channel sender's key only: a
  // resend by another member carries its subsession's hint. Trying
  // every member's key of every subsession for each packet of a subsession
  // not started here yet cost n × subsessions verifies per packet (issue 12:
  // a REFRESH of 8 through the Session did ~11,000 verifies).
  for (std::size_t i : order) {
    const bool hintMatches = cs[i]->security().hint() == packet.sidkeyHint;
    if (auto out = cs[i]->tryReceive(packet, wire, sender, now, !hintMatches)) {
      res.subsession = i;
      res.out = std::move(*out);
      return res;
    }
  }
  return res;
}

}  // namespace

RouteResult receiveData(std::span<Subsession* const> candidates, UndecryptableBuffer& pending,
                        const std::string& sender, std::string wire, Millis now) {
  auto decoded = codec::decodeWire(wire);
  if (!decoded || !std::holds_alternative<codec::DataPacket>(*decoded)) {
    RouteResult res;
    res.out.notices.emplace_back(InvalidMessage{InvalidMessage::Reason::Malformed, sender, "", std::nullopt,
                                                std::nullopt,
                                                decoded ? "not a data packet" : decoded.error().detail});
    return res;
  }
  return receiveData(candidates, pending, sender, std::move(wire),
                     std::move(std::get<codec::DataPacket>(*decoded)), now);
}

RouteResult receiveData(std::span<Subsession* const> candidates, UndecryptableBuffer& pending,
                        const std::string& sender, std::string wire, codec::DataPacket packet, Millis now) {
  RouteResult res = route(candidates, sender, wire, packet, now);
  if (!res.subsession) res.queued = pending.add(sender, std::move(wire), std::move(packet), now);  // step 5
  return res;
}

Output retryUndecryptable(std::span<Subsession* const> candidates, UndecryptableBuffer& pending, Millis now) {
  Output out;
  for (auto& e : pending.takeAll()) {
    RouteResult r = route(candidates, e.sender, e.wire, e.packet, now);
    if (r.subsession)
      out.append(std::move(r.out));
    else
      pending.putBack(std::move(e));
  }
  return out;
}

}  // namespace mpenc::session
