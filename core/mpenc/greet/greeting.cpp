#include "mpenc/greet/greeting.h"

#include <stdexcept>

#include "mpenc/greet/abort.h"
#include "mpenc/proto/ids.h"
#include "mpenc/proto/signatures.h"

namespace mpenc::greet {

using codec::GreetingPacket;

namespace {

bool sameId(const Bytes& a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), asBytes(b).begin());
}

}  // namespace

Greeting::Greeting(std::shared_ptr<const GreeterContext> ctx, Tracker tracker)
    : ctx_(std::move(ctx)), tracker_(std::move(tracker)) {
  if (auto p = tracker_.indexOf(ctx_->self))
    pos_ = *p;
  else
    excluded_ = true;
}

Greeting::~Greeting() = default;

GreetStatus Greeting::status() const noexcept {
  if (done_) return GreetStatus::Completed;
  return excluded_ ? GreetStatus::Excluded : GreetStatus::Pending;
}

bool Greeting::isOwn(const GreetingPacket& p) const {
  const Bytes& content = p.signedContent.empty() ? codec::encodeGreetingContent(p) : p.signedContent;
  for (const auto& [sig, bytes] : sent_)
    if (sig == p.signature && bytes == content) return true;
  return false;
}

Outgoing Greeting::seal(GreetingPacket p, const crypto::Ed25519KeyPair& eph) const {
  p.signedContent = codec::encodeGreetingContent(p);
  p.signature = proto::signGreeting(eph, p.signedContent);
  Outgoing out;
  out.dest = toString(p.dest);
  out.wire = codec::encodeWire(codec::Packet{p});
  out.packet = std::move(p);
  return out;
}

Expected<Verdict, GreetError> Greeting::check(std::string_view sender, const GreetingPacket& p) const {
  if (done_) return fail(greetError(GreetErrc::BadState, "operation already completed"));
  const bool own = sender == ctx_->self;
  if (own && !isOwn(p))
    return fail(greetError(GreetErrc::Forged, "claims to be ours but we did not send it"));
  const Bytes& content = p.signedContent.empty() ? codec::encodeGreetingContent(p) : p.signedContent;
  if (cache_ && cache_->sender == sender && cache_->signature == p.signature && cache_->content == content)
    return cache_->verdict;
  // An upflow addressed to someone else (not the initial packet) changes
  // nothing here (Tracker::apply records nothing for it and it is never a
  // final candidate, H-8): its layout is checked, its signature is left to
  // its recipient. Everything we act on is verified.
  const bool othersUpflow = !p.greetType.down() && !p.prevPf && !sameId(p.dest, ctx_->self);
  auto v = tracker_.check(sender, p, own || othersUpflow);
  if (!v) return v;
  cache_ = Cached{std::string(sender), p.signature, content, *v};
  return v;
}

Expected<std::string, GreetError> Greeting::makeAbort(int reason, const Hash32& pI,
                                                      bool allSupportAbort) const {
  if (done_) return fail(greetError(GreetErrc::BadState, "operation already completed"));
  if (reason < 0 || reason > codec::kMaxAbortReason)
    return fail(greetError(GreetErrc::BadState, "abort reason out of range"));
  auto a = greet::makeAbort(ctx_->self, ctx_->identity, tracker_.members(), pI,
                            static_cast<AbortReason>(reason), allSupportAbort);
  if (!a) return fail(a.error());
  return std::move(a->wire);
}

bool Greeting::isFinalCandidate(std::string_view sender, const GreetingPacket& p) const {
  if (done_ || excluded_) return false;
  const bool own = sender == ctx_->self;
  auto v = check(sender, p);
  if (!v) return false;
  if (!v->completes) return false;
  if (!own && v->gkaDown) {  // the key must also be computable from it (REFRESH)
    auto s = downflow(p.intKeys, pos_, contribs_);
    if (!s) return false;
  }
  return own || v->gkaDown || secret_.has_value();
}

bool Greeting::isFinalCandidate(std::string_view sender, std::string_view wire) const {
  auto p = decodeGreetingWire(wire);
  return p && isFinalCandidate(sender, *p);
}

Expected<RecvResult, GreetError> Greeting::recv(std::string_view sender, std::string_view wire,
                                                crypto::Rng& rng) {
  auto p = decodeGreetingWire(wire);
  if (!p) return fail(p.error());
  return recv(sender, *p, rng);
}

Expected<RecvResult, GreetError> Greeting::recv(std::string_view sender, const GreetingPacket& p,
                                                crypto::Rng& rng) {
  if (done_) return fail(greetError(GreetErrc::BadState, "operation already completed"));
  RecvResult out;
  if (excluded_) {  // the operation removes us: nothing to compute, it never completes for us
    out.ignored = true;
    return out;
  }
  const bool own = sender == ctx_->self;
  if (own && !isOwn(p))
    return fail(greetError(GreetErrc::Forged, "claims to be ours but we did not send it"));
  Expected<Verdict, GreetError> v = check(sender, p);
  cache_.reset();
  if (!v) return fail(v.error());

  const auto& members = tracker_.members();
  const std::size_t n = members.size();
  // ---- compute everything into locals --------------------------------------
  std::optional<UpflowResult> up;
  std::optional<crypto::Ed25519KeyPair> newEph;
  std::optional<Nonce32> newNonce;
  std::optional<GroupSecret> newSecret;
  std::optional<Outgoing> msg;
  const crypto::Ed25519KeyPair* eph = eph_ ? &*eph_ : nullptr;

  if (!own && v->kind == Verdict::Kind::Upflow) {
    if (!sameId(p.dest, ctx_->self)) {
      out.ignored = true;
    } else {
      if (upflowDone_ || !contribs_.empty())
        return fail(greetError(GreetErrc::NotForThisOperation, "an upflow for us after we contributed"));
      auto u = upflow(p.intKeys, pos_, n, rng);
      if (!u) return fail(u.error());
      up = std::move(*u);
      if (eph == nullptr) {
        newEph.emplace(crypto::Ed25519KeyPair::generate(rng));
        eph = &*newEph;
      }
      newNonce = rng.bytes<32>();
      const bool last = pos_ + 1 == n;
      GreetingPacket q;
      q.greetType = p.greetType.forwarded(last);
      q.source = toBytes(ctx_->self);
      if (!last) q.dest = toBytes(members[pos_ + 1]);
      q.members = p.members;
      q.intKeys = up->intKeys;
      q.nonces = p.nonces;
      q.nonces.push_back(*newNonce);
      q.pubKeys = p.pubKeys;
      q.pubKeys.push_back(eph->publicKey());
      if (last) {
        std::vector<Bytes> ms, ns;
        for (std::size_t i = 0; i < n; ++i) {
          ms.push_back(toBytes(members[i]));
          ns.emplace_back(q.nonces[i].begin(), q.nonces[i].end());
        }
        const auto sid = proto::sessionId(ms, ns);
        q.sessionSignature =
            proto::signSession(ctx_->identity, asBytes(ctx_->self), eph->publicKey(), *newNonce, sid);
      }
      msg = seal(std::move(q), *eph);
    }
  } else if (!own && v->gkaDown) {
    if (secret_) return fail(greetError(GreetErrc::NotForThisOperation, "a second key broadcast"));
    if (p.greetType.ske()) {
      if (!nonce_ || eph == nullptr || p.nonces[pos_] != *nonce_ || p.pubKeys[pos_] != eph->publicKey())
        return fail(greetError(GreetErrc::KeyMismatch, "our NONCE/PUB_KEY are not in the broadcast"));
    }
    auto s = downflow(p.intKeys, pos_, contribs_);
    if (!s) return fail(s.error());
    newSecret = std::move(*s);
    if (p.greetType.ske() && !signedSession_) {
      GreetingPacket q;
      q.greetType = p.greetType.confirmation();
      q.source = toBytes(ctx_->self);
      q.members = p.members;
      q.nonces = p.nonces;
      q.pubKeys = p.pubKeys;
      q.sessionSignature =
          proto::signSession(ctx_->identity, asBytes(ctx_->self), eph->publicKey(), *nonce_, v->sid);
      msg = seal(std::move(q), *eph);
    }
  } else if (!own) {
    out.ignored = v->duplicate;
  }
  const bool willHaveSecret = secret_ || newSecret || (up && up->secret);
  if (v->completes && !willHaveSecret)
    return fail(greetError(GreetErrc::BadState, "operation completes but we have no key"));

  // ---- commit ----------------------------------------------------------------
  tracker_.apply(*v, p);
  if (newEph) eph_ = std::move(newEph);
  if (newNonce) nonce_ = newNonce;
  if (up) {
    upflowDone_ = true;
    contribs_.push_back(std::move(up->contribution));
    if (up->secret) {
      secret_ = std::move(up->secret);
      intKeys_ = up->intKeys;
      signedSession_ = true;
    }
  }
  if (newSecret) {
    secret_ = std::move(newSecret);
    intKeys_ = p.intKeys;
  }
  if (msg) {
    if (msg->packet.sessionSignature) signedSession_ = true;
    sent_.emplace_back(msg->packet.signature, msg->packet.signedContent);
    out.send.push_back(std::move(*msg));
  }
  if (v->completes) {
    GreetStore r;
    r.pub = tracker_.result();
    r.groupKey = proto::deriveGroupKey(*secret_);
    if (eph_) r.ephemeral.emplace(eph_->clone());
    r.intKeys = std::move(intKeys_);  // done: nothing reads them after completion
    intKeys_.clear();
    r.contributions = std::move(contribs_);
    contribs_.clear();
    secret_.reset();
    result_ = std::move(r);
    done_ = true;
    out.completed = true;
  }
  return out;
}

const GreetStore& Greeting::result() const {
  if (!result_) throw std::logic_error("Greeting::result: operation not completed");
  return *result_;
}

GreetStore Greeting::takeResult() {
  if (!result_) throw std::logic_error("Greeting::result: operation not completed");
  GreetStore r = std::move(*result_);
  result_.reset();
  return r;
}

}  // namespace mpenc::greet
