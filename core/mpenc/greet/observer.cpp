#include "mpenc/greet/observer.h"

#include <algorithm>
#include <functional>

#include "mpenc/proto/ids.h"
#include "mpenc/proto/signatures.h"

namespace mpenc::greet {

using codec::GreetOperation;
using codec::GreetType;

namespace {

bool sameId(const Bytes& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), asBytes(b).begin());
}

Unexpected<GreetError> layout(const char* why) {
  return fail(greetError(GreetErrc::BadLayout, why));
}

std::size_t slotOf(std::string_view id, std::size_t mask) noexcept {
  return std::hash<std::string_view>{}(id)&mask;
}

/// Open-addressing table of positions in `v` (slot = position + 1, 0 =
/// empty), at most half full. False if `v` holds an ID twice.
bool buildIndex(const std::vector<std::string>& v, std::vector<std::uint32_t>& slots) {
  std::size_t size = 8;
  while (size < 2 * v.size()) size *= 2;
  slots.assign(size, 0);
  const std::size_t mask = size - 1;
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::size_t k = slotOf(v[i], mask);
    for (; slots[k] != 0; k = (k + 1) & mask)
      if (v[slots[k] - 1] == v[i]) return false;
    slots[k] = static_cast<std::uint32_t>(i + 1);
  }
  return true;
}

}  // namespace

Status<GreetError> checkLayout(const codec::GreetingPacket& p, std::size_t s,
                               const std::vector<std::string>& m, std::size_t oldCount) {
  const std::size_t n = m.size(), ni = p.intKeys.size(), nn = p.nonces.size(), np = p.pubKeys.size();
  const bool sig = p.sessionSignature.has_value();
  auto destIs = [&](std::size_t i) { return i < n && sameId(p.dest, m[i]); };
  auto points = [&](std::size_t from) {
    for (std::size_t i = from; i < ni; ++i)
      if (p.intKeys[i].size() != 32) return false;
    return true;
  };
  if (p.greetType.init() != p.prevPf.has_value())
    return layout("PREV_PF must come with INIT and only with it");
  if (nn != np) return layout("NONCE and PUB_KEY counts differ");
  switch (p.greetType.bits()) {
    case GreetType::InitInitiatorUp:
      if (s != 0 || n < 2 || !destIs(1) || ni != 2 || !p.intKeys[0].empty() || !points(1) || nn != 1 || sig)
        return layout(
            "START initial upflow: initiator first, DEST second member, INT_KEY [empty, g^a], one NONCE");
      return {};
    case GreetType::InitParticipantUp:
    case GreetType::IncludeAuxParticipantUp:
      if (s < std::max<std::size_t>(1, oldCount) || s + 1 >= n || !destIs(s + 1) || ni != s + 2 ||
          !points(0) || nn != s + 1 || sig)
        return layout("upflow: DEST next member, position+2 INT_KEYs, position+1 NONCEs");
      return {};
    case GreetType::InitParticipantDown:
    case GreetType::IncludeAuxParticipantDown:
      if (s + 1 != n || s < oldCount || !p.dest.empty() || ni != n || !points(0) || nn != n || !sig)
        return layout(
            "downflow: last member broadcasts n INT_KEYs, NONCEs, PUB_KEYs and its SESSION_SIGNATURE");
      return {};
    case GreetType::InitParticipantConfirmDown:
    case GreetType::IncludeAuxParticipantConfirmDown:
    case GreetType::ExcludeAuxParticipantConfirmDown:
      if (!p.dest.empty() || ni != 0 || nn != n || !sig)
        return layout("confirmation: broadcast, no INT_KEY, n NONCEs/PUB_KEYs, SESSION_SIGNATURE");
      return {};
    case GreetType::IncludeAuxInitiatorUp: {
      if (ni < 2) return layout("INCLUDE initial: too few INT_KEYs");
      const std::size_t k = ni - 1;
      if ((oldCount != 0 && k != oldCount) || k >= n || s >= k || !destIs(k) || !points(0) || nn != k || sig)
        return layout("INCLUDE initial: old members' INT_KEYs + cardinal, DEST first newcomer, old NONCEs");
      return {};
    }
    case GreetType::ExcludeAuxInitiatorDown:
      if (!p.dest.empty() || ni != n || !points(0) || nn != n || !sig)
        return layout("EXCLUDE: broadcast of n INT_KEYs/NONCEs/PUB_KEYs and SESSION_SIGNATURE");
      return {};
    case GreetType::RefreshAuxInitiatorDown:
      if (!p.dest.empty() || ni != n || !points(0) || nn != 0 || sig)
        return layout("REFRESH: broadcast of n INT_KEYs only");
      return {};
    default:
      return fail(greetError(GreetErrc::Malformed, "undefined or obsolete GREET_TYPE"));
  }
}

bool isOnePacketOperation(const codec::GreetingPacket& pI) noexcept {
  return pI.greetType.bits() == GreetType::RefreshAuxInitiatorDown ||
         (pI.greetType.bits() == GreetType::ExcludeAuxInitiatorDown && pI.members.size() == 1);
}

// ---- Tracker ------------------------------------------------------------------

Expected<Tracker, GreetError> Tracker::create(const PublicGreetState* prev, StaticKeyLookup staticKeyOf,
                                              const codec::GreetingPacket& pI) {
  const auto bits = pI.greetType.bits();
  if (!pI.prevPf || !pI.greetType.init())
    return fail(greetError(GreetErrc::NotForThisOperation, "not an initial packet"));
  if (bits != GreetType::InitInitiatorUp && bits != GreetType::IncludeAuxInitiatorUp &&
      bits != GreetType::ExcludeAuxInitiatorDown && bits != GreetType::RefreshAuxInitiatorDown)
    return fail(greetError(GreetErrc::Malformed, "not an initial GREET_TYPE"));
  Tracker t;
  t.op_ = pI.greetType.operation();
  t.initiator_ = toString(pI.source);
  for (const auto& m : pI.members) t.members_.push_back(toString(m));
  if (!buildIndex(t.members_, t.slots_))
    return fail(greetError(GreetErrc::DuplicateMember, "MEMBER list has duplicates"));
  if (!t.indexOf(t.initiator_)) return layout("initiator is not in MEMBER");
  if (t.op_ == GreetOperation::Include) t.oldCount_ = !pI.intKeys.empty() ? pI.intKeys.size() - 1 : 0;
  if (prev != nullptr && t.op_ != GreetOperation::Start) {
    const auto& pm = prev->members;
    if (!prev->indexOf(t.initiator_))
      return fail(greetError(GreetErrc::NotForThisOperation, "initiator not in session"));
    switch (t.op_) {
      case GreetOperation::Include:
        if (t.oldCount_ != pm.size() || !std::equal(pm.begin(), pm.end(), t.members_.begin()))
          return fail(
              greetError(GreetErrc::NotForThisOperation, "INCLUDE does not extend the session's members"));
        break;
      case GreetOperation::Exclude: {
        std::size_t j = 0;  // MEMBER must be a proper subsequence of the previous members
        for (const auto& m : pm)
          if (j < t.members_.size() && m == t.members_[j]) ++j;
        if (j != t.members_.size() || t.members_.size() >= pm.size())
          return fail(
              greetError(GreetErrc::NotForThisOperation, "EXCLUDE does not shrink the session's members"));
        break;
      }
      case GreetOperation::Refresh:
        if (pm != t.members_)
          return fail(greetError(GreetErrc::NotForThisOperation, "REFRESH changes members"));
        break;
      default:
        break;
    }
    t.hasPrev_ = true;
    if (t.op_ == GreetOperation::Refresh) {  // a REFRESH's result is the previous state
      t.prevSid_ = prev->sessionId;
      t.prevNonces_ = prev->nonces;
      t.prevKeys_ = prev->ephemeralKeys;
    }
    t.prevKeyAt_.resize(t.members_.size());
    t.prevNonceAt_.resize(t.members_.size());
    // Position of each member in the previous list. INCLUDE, EXCLUDE and
    // REFRESH keep the previous order (checked above), so one merge-like
    // walk finds them all: O(n) comparisons, not O(n²) (issue 12).
    const bool ordered = t.op_ == GreetOperation::Include || t.op_ == GreetOperation::Exclude ||
                         t.op_ == GreetOperation::Refresh;
    std::size_t j = 0;
    for (std::size_t i = 0; i < t.members_.size(); ++i) {
      std::optional<std::size_t> at;
      if (ordered) {
        while (j < pm.size() && pm[j] != t.members_[i]) ++j;
        if (j < pm.size()) at = j++;
      } else {
        at = prev->indexOf(t.members_[i]);
      }
      if (at) {
        if (*at < prev->ephemeralKeys.size()) t.prevKeyAt_[i] = prev->ephemeralKeys[*at];
        if (*at < prev->nonces.size()) t.prevNonceAt_[i] = prev->nonces[*at];
      }
    }
  } else {
    t.prevKeyAt_.resize(t.members_.size());
    t.prevNonceAt_.resize(t.members_.size());
  }
  if (t.op_ == GreetOperation::Refresh && !t.hasPrev_)
    return fail(
        greetError(GreetErrc::UnknownSigningKey, "a REFRESH can only be checked with the previous state"));
  t.staticKeyOf_ = std::move(staticKeyOf);
  t.piSig_ = pI.signature;
  t.piContent_ = pI.signedContent.empty() ? codec::encodeGreetingContent(pI) : pI.signedContent;
  t.auth_.assign(t.members_.size(), false);
  return t;
}

std::optional<std::size_t> Tracker::indexOf(std::string_view m) const {
  if (slots_.empty()) return std::nullopt;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t k = slotOf(m, mask); slots_[k] != 0; k = (k + 1) & mask)
    if (members_[slots_[k] - 1] == m) return slots_[k] - 1;
  return std::nullopt;
}

Status<GreetError> Tracker::checkKeysAndNonces(const codec::GreetingPacket& p, std::size_t s) const {
  (void)s;
  if (fixed_) {
    if (p.nonces != nonces_ || p.pubKeys != pubKeys_)
      return fail(
          greetError(GreetErrc::SessionMismatch, "NONCE/PUB_KEY differ from the operation's downflow"));
    return {};
  }
  for (std::size_t i = 0; i < p.pubKeys.size(); ++i)
    if (prevKeyAt_[i] && *prevKeyAt_[i] != p.pubKeys[i])
      return fail(
          greetError(GreetErrc::KeyMismatch, "PUB_KEY of " + members_[i] + " differs from its known key"));
  if (op_ == GreetOperation::Include || op_ == GreetOperation::Exclude) {
    for (std::size_t i = 0; i < p.nonces.size(); ++i) {
      if (!prevNonceAt_[i]) continue;
      const bool renewed = *prevNonceAt_[i] != p.nonces[i];
      if (members_[i] == initiator_ && !renewed)
        return fail(greetError(GreetErrc::KeyMismatch, "initiator did not renew its NONCE"));
      if (members_[i] != initiator_ && renewed)
        return fail(greetError(GreetErrc::KeyMismatch, "NONCE of " + members_[i] + " changed"));
    }
  }
  return {};
}

Expected<Verdict, GreetError> Tracker::check(std::string_view sender, const codec::GreetingPacket& p,
                                             bool trusted) const {
  if (complete_) return fail(greetError(GreetErrc::BadState, "operation already completed"));
  if (!sameId(p.source, std::string(sender)))
    return fail(greetError(GreetErrc::SenderMismatch, "SOURCE is not the channel sender"));
  if (p.greetType.isObsolete() || !GreetType::isDefined(p.greetType.bits()))
    return fail(greetError(GreetErrc::Malformed, "undefined or obsolete GREET_TYPE"));
  if (p.greetType.operation() != op_) return fail(greetError(GreetErrc::WrongOperation, "operation differs"));
  if (p.members.size() != members_.size())
    return fail(greetError(GreetErrc::NotForThisOperation, "MEMBER list differs"));
  for (std::size_t i = 0; i < members_.size(); ++i)
    if (!sameId(p.members[i], members_[i]))
      return fail(greetError(GreetErrc::NotForThisOperation, "MEMBER list differs"));
  Verdict v;
  v.initial = p.prevPf.has_value();
  if (v.initial) {
    if (piSeen_) return fail(greetError(GreetErrc::NotForThisOperation, "a second initial packet"));
    const Bytes& content = p.signedContent.empty() ? codec::encodeGreetingContent(p) : p.signedContent;
    if (p.signature != piSig_ || content != piContent_)
      return fail(greetError(GreetErrc::NotForThisOperation, "not this operation's initial packet"));
  } else if (!piSeen_) {
    return fail(greetError(GreetErrc::NotForThisOperation, "operation has not started"));
  }
  const auto s = indexOf(toString(p.source));
  if (!s) return layout("SOURCE is not in MEMBER");
  v.source = *s;
  if (auto st = checkLayout(p, *s, members_, oldCount_); !st) return fail(st.error());
  if (auto st = checkKeysAndNonces(p, *s); !st) return fail(st.error());

  // MESSAGE_SIGNATURE: the sender's known ephemeral key, else PUB_KEY[index of SOURCE].
  std::optional<Ed25519Public> key;
  if (fixed_)
    key = pubKeys_[*s];
  else if (prevKeyAt_[*s])
    key = prevKeyAt_[*s];
  else if (*s < p.pubKeys.size())
    key = p.pubKeys[*s];
  if (!key) return fail(greetError(GreetErrc::UnknownSigningKey, "no ephemeral key for " + members_[*s]));
  if (!trusted && !proto::verifyGreeting(*key, p))
    return fail(greetError(GreetErrc::BadMessageSignature, "from " + members_[*s]));

  const auto t = p.greetType;
  if (!t.down()) {
    v.kind = Verdict::Kind::Upflow;
    return v;
  }
  v.kind = t.gka() ? Verdict::Kind::Downflow : Verdict::Kind::Confirmation;
  v.gkaDown = t.gka();
  if (!t.ske()) {  // REFRESH: GKA only, one packet
    v.completes = true;
    return v;
  }
  if (fixed_) {
    v.sid = sid_;
  } else {
    std::vector<Bytes> ms, ns;
    ms.reserve(members_.size());
    ns.reserve(members_.size());
    for (std::size_t i = 0; i < members_.size(); ++i) {
      ms.emplace_back(asBytes(members_[i]).begin(), asBytes(members_[i]).end());
      ns.emplace_back(p.nonces[i].begin(), p.nonces[i].end());
    }
    v.sid = proto::sessionId(ms, ns);
    v.fixesSession = true;
  }
  if (!trusted) {
    const auto stat = staticKeyOf_ ? staticKeyOf_(members_[*s]) : std::nullopt;
    if (!stat) return fail(greetError(GreetErrc::UnknownStaticKey, members_[*s]));
    if (!proto::verifySession(*stat, asBytes(members_[*s]), p.pubKeys[*s], p.nonces[*s], v.sid,
                              *p.sessionSignature))
      return fail(greetError(GreetErrc::BadSessionSignature, members_[*s]));
  }
  v.duplicate = auth_[*s];
  v.newAuth = !v.duplicate;
  v.completes = v.newAuth && authCount_ + 1 == members_.size();
  return v;
}

void Tracker::apply(const Verdict& v, const codec::GreetingPacket& p) {
  if (v.initial) piSeen_ = true;
  if (v.fixesSession) {
    fixed_ = true;
    nonces_ = p.nonces;
    pubKeys_ = p.pubKeys;
    sid_ = v.sid;
  }
  if (v.newAuth) {
    auth_[v.source] = true;
    ++authCount_;
  }
  if (v.completes) complete_ = true;
}

PublicGreetState Tracker::result() const {
  if (op_ == GreetOperation::Refresh && hasPrev_)
    return PublicGreetState{members_, prevSid_, prevNonces_, prevKeys_};
  return PublicGreetState{members_, sid_, nonces_, pubKeys_};
}

// ---- GreetObserver ------------------------------------------------------------

Expected<GreetObserver, GreetError> GreetObserver::start(const PublicGreetState* prev,
                                                         StaticKeyLookup staticKeyOf, std::string_view sender,
                                                         const codec::GreetingPacket& pI) {
  auto t = Tracker::create(prev, std::move(staticKeyOf), pI);
  if (!t) return fail(t.error());
  GreetObserver o(std::move(*t));
  auto step = o.observe(sender, pI);
  if (!step) return fail(step.error());
  return o;
}

Expected<GreetObserver::Step, GreetError> GreetObserver::observe(std::string_view sender,
                                                                 const codec::GreetingPacket& p) {
  auto v = tracker_.check(sender, p);
  if (!v) return fail(v.error());
  tracker_.apply(*v, p);
  last_ = Step{v->completes, v->duplicate};
  return last_;
}

bool GreetObserver::wouldComplete(std::string_view sender, const codec::GreetingPacket& p) const {
  auto v = tracker_.check(sender, p);
  return v && v->completes;
}

}  // namespace mpenc::greet
