#include "mpenc/greet/cliques.h"

#include "mpenc/crypto/primitives.h"

namespace mpenc::greet {

namespace {

/// scalar · point (empty = base point), refusing the all-zero output.
Expected<FixedBytes<32>, GreetError> raise(const Contribution& scalar, ByteView point) {
  if (point.empty()) return crypto::x25519Base(scalar);
  auto p = toFixed<32>(point);
  if (!p) return fail(greetError(GreetErrc::BadIntKey, "INT_KEY is not 32 bytes"));
  auto r = crypto::x25519(scalar, *p);
  if (!r) return fail(greetError(GreetErrc::LowOrderPoint, "INT_KEY is a low-order point"));
  return *r;
}

}  // namespace

Contributions cloneContributions(const Contributions& c) {
  Contributions out;
  out.reserve(c.size());
  for (const auto& k : c) out.push_back(k.clone());
  return out;
}

Expected<GroupSecret, GreetError> applyContributions(ByteView point, const Contributions& contributions) {
  if (contributions.empty()) return fail(greetError(GreetErrc::BadState, "no own contribution"));
  GroupSecret acc;
  bool first = true;
  for (const auto& c : contributions) {
    auto r = first ? raise(c, point) : raise(c, ByteView(acc.view()));
    if (!r) return fail(r.error());
    std::copy(r->begin(), r->end(), acc.mutableView().begin());
    crypto::wipe(*r);
    first = false;
  }
  return acc;
}

Expected<Renewal, GreetError> renew(const std::vector<Bytes>& intKeys, std::size_t pos,
                                    const Contributions& contributions, crypto::Rng& rng) {
  if (pos >= intKeys.size()) return fail(greetError(GreetErrc::BadLayout, "no INT_KEY at own position"));
  Contribution fresh = Contribution::random(rng);
  std::vector<Bytes> out;
  out.reserve(intKeys.size() + 1);
  for (std::size_t i = 0; i < intKeys.size(); ++i) {
    if (i == pos) {
      out.push_back(intKeys[i]);
      continue;
    }
    auto r = raise(fresh, intKeys[i]);
    if (!r) return fail(r.error());
    out.emplace_back(r->begin(), r->end());
  }
  // cardinal = own slot ^ old contributions … ^ fresh
  GroupSecret card;
  if (contributions.empty()) {
    auto r = raise(fresh, intKeys[pos]);
    if (!r) return fail(r.error());
    std::copy(r->begin(), r->end(), card.mutableView().begin());
  } else {
    auto partial = applyContributions(intKeys[pos], contributions);
    if (!partial) return fail(partial.error());
    auto r = raise(fresh, ByteView(partial->view()));
    if (!r) return fail(r.error());
    std::copy(r->begin(), r->end(), card.mutableView().begin());
    crypto::wipe(*r);
  }
  return Renewal{std::move(out), std::move(fresh), std::move(card)};
}

Expected<UpflowResult, GreetError> upflow(const std::vector<Bytes>& received, std::size_t pos,
                                          std::size_t memberCount, crypto::Rng& rng) {
  if (pos >= memberCount) return fail(greetError(GreetErrc::BadLayout, "position outside the member list"));
  std::vector<Bytes> keys = received;
  if (keys.empty() && pos == 0) keys.emplace_back();  // START initiator: own slot = base point
  if (keys.size() != pos + 1)
    return fail(greetError(GreetErrc::BadLayout, "upflow INT_KEY count does not fit position"));
  auto r = renew(keys, pos, {}, rng);
  if (!r) return fail(r.error());
  UpflowResult out{std::move(r->intKeys), std::move(r->added), std::nullopt};
  if (pos + 1 == memberCount) {
    out.secret = std::move(r->cardinal);
  } else {
    out.intKeys.emplace_back(r->cardinal.view().begin(), r->cardinal.view().end());
  }
  return out;
}

}  // namespace mpenc::greet
