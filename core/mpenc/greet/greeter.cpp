#include "mpenc/greet/greeter.h"

#include <algorithm>
#include <set>

#include "mpenc/proto/ids.h"
#include "mpenc/proto/signatures.h"

namespace mpenc::greet {

using codec::GreetingPacket;
using codec::GreetOperation;
using codec::GreetType;

namespace {

std::string joinIds(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::vector<Bytes> idBytes(const std::vector<std::string>& v) {
  std::vector<Bytes> out;
  out.reserve(v.size());
  for (const auto& s : v) out.push_back(toBytes(s));
  return out;
}

Hash32 sidOf(const std::vector<std::string>& members, const std::vector<Nonce32>& nonces) {
  std::vector<Bytes> ns;
  ns.reserve(nonces.size());
  for (const auto& n : nonces) ns.emplace_back(n.begin(), n.end());
  return proto::sessionId(idBytes(members), ns);
}

void setMetadata(GreetingPacket& p, const Metadata& md) {
  p.prevPf = md.prevPf;
  p.chainHash = md.prevChainHash;
  p.latestPm = md.latestPm;
}

}  // namespace

Expected<OperationChoice, GreetError> chooseOperation(std::string_view self,
                                                      const std::vector<std::string>& previous,
                                                      const std::vector<std::string>& target) {
  const std::set<std::string> tgt(target.begin(), target.end());
  const std::set<std::string> prv(previous.begin(), previous.end());
  if (tgt.size() != target.size())
    return fail(greetError(GreetErrc::DuplicateMember, "target lists a member twice"));
  if (!tgt.count(std::string(self)))
    return fail(greetError(GreetErrc::SelfExclusion,
                           "a member never excludes itself (T-P3): part with a FIN, then leave the channel"));
  OperationChoice c;
  for (const auto& m : tgt)
    if (!prv.count(m) && m != self) c.included.push_back(m);
  for (const auto& m : prv)
    if (!tgt.count(m) && m != self) c.excluded.push_back(m);
  if (!c.included.empty() && !c.excluded.empty())
    return fail(greetError(GreetErrc::IncludeAndExclude,
                           "cannot include {" + joinIds(c.included) + "} and exclude {" +
                               joinIds(c.excluded) + "} in one operation: exclude first, then include"));
  const bool alone = prv.empty() || (prv.size() == 1 && prv.count(std::string(self)));
  if (alone) {
    if (c.included.empty())
      return fail(greetError(GreetErrc::NoChange, "START needs at least one other member"));
    c.operation = GreetOperation::Start;
  } else if (!c.included.empty()) {
    c.operation = GreetOperation::Include;
  } else if (!c.excluded.empty()) {
    c.operation = GreetOperation::Exclude;
  } else {
    c.operation = GreetOperation::Refresh;
  }
  return c;
}

bool isOnePacketOperation(const order::OpPacket& p) noexcept {
  return p.type.bits() == GreetType::RefreshAuxInitiatorDown ||
         (p.type.bits() == GreetType::ExcludeAuxInitiatorDown && p.members.size() == 1);
}

Greeter::Greeter(std::string self, crypto::Ed25519KeyPair identity, StaticKeyLookup staticKeyOf)
    : ctx_(std::make_shared<const GreeterContext>(
          GreeterContext{std::move(self), std::move(identity), std::move(staticKeyOf)})) {}

Expected<Greeter::Proposal, GreetError> Greeter::propose(const GreetStore* prev,
                                                         const std::vector<std::string>& target,
                                                         const Metadata& metadata, crypto::Rng& rng) const {
  const std::string& self = ctx_->self;
  const std::vector<std::string> none;
  auto choice = chooseOperation(self, prev ? prev->members() : none, target);
  if (!choice) return fail(choice.error());
  if (choice->operation != GreetOperation::Start) {
    if (!prev->ephemeral || prev->contributions.empty() || prev->intKeys.size() != prev->members().size() ||
        prev->pub.nonces.size() != prev->members().size())
      return fail(greetError(GreetErrc::BadState, "previous state is incomplete"));
  }
  GreetingPacket p;
  p.source = toBytes(self);
  setMetadata(p, metadata);
  std::vector<std::string> members;
  Contributions contribs = prev && choice->operation != GreetOperation::Start
                               ? cloneContributions(prev->contributions)
                               : Contributions{};
  std::optional<crypto::Ed25519KeyPair> eph;
  if (prev && prev->ephemeral)
    eph.emplace(prev->ephemeral->clone());  // reused along the chain
  else
    eph.emplace(crypto::Ed25519KeyPair::generate(rng));
  std::optional<Nonce32> nonce;
  std::optional<GroupSecret> secret;
  std::vector<Bytes> keptIntKeys;

  switch (choice->operation) {
    case GreetOperation::Start: {
      members.push_back(self);
      members.insert(members.end(), choice->included.begin(), choice->included.end());
      auto u = upflow({}, 0, members.size(), rng);
      if (!u) return fail(u.error());
      contribs.push_back(std::move(u->contribution));
      nonce = rng.bytes<32>();
      p.greetType = GreetType(GreetType::InitInitiatorUp);
      p.dest = toBytes(members[1]);
      p.intKeys = std::move(u->intKeys);
      p.nonces = {*nonce};
      p.pubKeys = {eph->publicKey()};
      break;
    }
    case GreetOperation::Include: {
      members = prev->members();
      members.insert(members.end(), choice->included.begin(), choice->included.end());
      const std::size_t pos = *prev->pub.indexOf(self);
      auto r = renew(prev->intKeys, pos, prev->contributions, rng);
      if (!r) return fail(r.error());
      contribs.push_back(std::move(r->added));
      p.intKeys = std::move(r->intKeys);
      p.intKeys.emplace_back(r->cardinal.view().begin(), r->cardinal.view().end());
      nonce = rng.bytes<32>();
      p.greetType = GreetType(GreetType::IncludeAuxInitiatorUp);
      p.dest = toBytes(choice->included.front());
      p.nonces = prev->pub.nonces;
      p.nonces[pos] = *nonce;
      p.pubKeys = prev->pub.ephemeralKeys;
      break;
    }
    case GreetOperation::Exclude:
    case GreetOperation::Refresh: {
      const bool excl = choice->operation == GreetOperation::Exclude;
      std::vector<Bytes> ik;
      std::vector<Nonce32> nonces;
      std::vector<Ed25519Public> keys;
      for (std::size_t i = 0; i < prev->members().size(); ++i) {
        const auto& m = prev->members()[i];
        if (std::binary_search(choice->excluded.begin(), choice->excluded.end(), m)) continue;
        members.push_back(m);
        ik.push_back(prev->intKeys[i]);
        nonces.push_back(prev->pub.nonces[i]);
        if (i < prev->pub.ephemeralKeys.size()) keys.push_back(prev->pub.ephemeralKeys[i]);
      }
      const std::size_t pos =
          static_cast<std::size_t>(std::find(members.begin(), members.end(), self) - members.begin());
      auto r = renew(ik, pos, prev->contributions, rng);
      if (!r) return fail(r.error());
      contribs.push_back(std::move(r->added));
      secret = std::move(r->cardinal);
      keptIntKeys = r->intKeys;
      p.intKeys = std::move(r->intKeys);
      if (excl) {
        nonce = rng.bytes<32>();
        nonces[pos] = *nonce;
        p.greetType = GreetType(GreetType::ExcludeAuxInitiatorDown);
        p.nonces = nonces;
        p.pubKeys = keys;
        p.sessionSignature = proto::signSession(ctx_->identity, asBytes(self), eph->publicKey(), *nonce,
                                                sidOf(members, nonces));
      } else {
        nonce = prev->pub.nonces[pos];
        p.greetType = GreetType(GreetType::RefreshAuxInitiatorDown);
      }
      break;
    }
    default:
      return fail(greetError(GreetErrc::BadState, "unsupported operation"));
  }
  p.members = idBytes(members);
  p.signedContent = codec::encodeGreetingContent(p);
  p.signature = proto::signGreeting(*eph, p.signedContent);

  const PublicGreetState* prevPub = prev && choice->operation != GreetOperation::Start ? &prev->pub : nullptr;
  auto tracker = Tracker::create(prevPub, ctx_->staticKeyOf, p);
  if (!tracker) return fail(tracker.error());
  Greeting g(ctx_, std::move(*tracker));
  g.contribs_ = std::move(contribs);
  g.eph_ = std::move(eph);
  g.nonce_ = nonce;
  g.upflowDone_ = true;
  if (secret) {
    g.secret_ = std::move(secret);
    g.intKeys_ = std::move(keptIntKeys);
  }
  g.signedSession_ = p.sessionSignature.has_value();
  g.sent_.emplace_back(p.signature, p.signedContent);
  std::string wire = codec::encodeWire(codec::Packet{p});
  return Proposal{std::move(wire), std::move(p), std::move(g)};
}

std::optional<order::OpPacket> Greeter::initialCandidate(const GreetingPacket& p, std::string_view wire,
                                                         std::string_view sender,
                                                         const std::vector<std::string>& channelMembers,
                                                         const PublicGreetState* prev,
                                                         const Greeting* ownProposal) const {
  if (!p.prevPf || !p.greetType.init()) return std::nullopt;
  if (toString(p.source) != sender) return std::nullopt;
  if (sender == ctx_->self && (ownProposal == nullptr || !ownProposal->isOwn(p))) return std::nullopt;
  if (prev != nullptr && sender != ctx_->self) {
    if (auto i = prev->indexOf(sender); i && *i < prev->ephemeralKeys.size())
      if (!proto::verifyGreeting(prev->ephemeralKeys[*i], p)) return std::nullopt;
  }
  order::OpPacket op;
  op.packetId = proto::packetId(wire, sender, channelMembers);
  op.sender = std::string(sender);
  op.type = p.greetType;
  for (const auto& m : p.members) op.members.push_back(toString(m));
  op.prevPf = p.prevPf;
  op.prevChainHash = p.chainHash;
  op.latestPm = p.latestPm;
  op.wireHash = crypto::sha256(asBytes(wire));  // lets the resolver recognise our own echo (H-9)
  return op;
}

Expected<Greeting, GreetError> Greeter::join(const GreetStore* prev, std::string_view sender,
                                             const GreetingPacket& pI) const {
  if (sender == ctx_->self)
    return fail(
        greetError(GreetErrc::NotForThisOperation, "our own initial packet: use the proposal's Greeting"));
  const bool start = pI.greetType.operation() == GreetOperation::Start;
  const GreetStore* base = start ? nullptr : prev;
  auto tracker = Tracker::create(base ? &base->pub : nullptr, ctx_->staticKeyOf, pI);
  if (!tracker) return fail(tracker.error());
  Greeting g(ctx_, std::move(*tracker));
  if (prev != nullptr && prev->ephemeral) g.eph_.emplace(prev->ephemeral->clone());
  if (base != nullptr && !g.excluded_) {
    if (auto i = base->pub.indexOf(ctx_->self)) {
      g.contribs_ = cloneContributions(base->contributions);
      if (*i < base->pub.nonces.size()) g.nonce_ = base->pub.nonces[*i];
      // No copy of base->intKeys (n keys, issue 12): a joined member gets the
      // new INT_KEYs from the operation's key broadcast before it completes.
    }
  }
  return g;
}

Expected<Greeting, GreetError> Greeter::join(const GreetStore* prev, std::string_view sender,
                                             std::string_view wire) const {
  auto p = decodeGreetingWire(wire);
  if (!p) return fail(p.error());
  return join(prev, sender, *p);
}

}  // namespace mpenc::greet
