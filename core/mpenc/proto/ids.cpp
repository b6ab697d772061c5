// Identifiers and hashes of mpENC v1 (protocol-wire.md §4.3, §4.4, §5.1, §6).
// Every formula here was checked byte-for-byte against the captures of the
// original implementation (tests/vectors/capture*_test.cpp).
#include "mpenc/proto/ids.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "mpenc/crypto/primitives.h"

namespace mpenc::proto {

namespace {

// Plain byte-wise lexicographic order on unsigned bytes (protocol-wire.md §1).
bool byteLess(ByteView a, ByteView b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace

MessageId messageId(const codec::Signature& signature, ByteView signedContent) {
  crypto::Sha256 h;
  h.update(signature).update(signedContent);
  const Hash32 full = h.finish();
  MessageId id{};
  std::copy_n(full.begin(), id.size(), id.begin());
  return id;
}

Hash32 sessionId(const std::vector<Bytes>& members, const std::vector<Bytes>& nonces) {
  if (members.size() != nonces.size()) throw std::invalid_argument("sessionId: members/nonces size mismatch");
  std::vector<std::size_t> order(members.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Nonces travel with their member; stable so that equal IDs keep input order.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return byteLess(members[a], members[b]); });
  crypto::Sha256 h;
  for (std::size_t i : order) h.update(members[i]);
  for (std::size_t i : order) h.update(nonces[i]);
  return h.finish();
}

Hash32 sidKeyHash(const Hash32& sid, const crypto::SecretKey<32>& groupKey) {
  crypto::Sha256 h;
  h.update(sid).update(groupKey.view());
  return h.finish();
}

Hash32 packetId(std::string_view wire, std::string_view sender,
                const std::vector<std::string>& channelMembers) {
  std::vector<std::string_view> others;
  others.reserve(channelMembers.size());
  for (const auto& m : channelMembers) {
    if (m != sender) others.emplace_back(m);
  }
  std::sort(others.begin(), others.end(),
            [](std::string_view a, std::string_view b) { return byteLess(asBytes(a), asBytes(b)); });
  others.erase(std::unique(others.begin(), others.end()), others.end());  // membership is a set

  crypto::Sha256 h;
  h.update(sender).update("\n");
  for (std::size_t i = 0; i < others.size(); ++i) {
    if (i != 0) h.update("\n");
    h.update(others[i]);
  }
  h.update("\n\n").update(wire);
  return h.finish();
}

std::string_view chainTypeTag(ChainType t) noexcept {
  switch (t) {
    case ChainType::Initial:
      return "2";
    case ChainType::Final:
      return "1";
    case ChainType::InitialFinal:
      return "3";
    case ChainType::Leave:
      return "\xff"
             "leave";
  }
  return "";
}

Hash32 chainHash(const Hash32& prev, const Hash32& pid, ChainType type) {
  crypto::Sha256 h;
  h.update(prev).update(pid).update(chainTypeTag(type));
  return h.finish();
}

Hash32 initialChainHash(const Hash32& prevPf) {
  static constexpr std::uint8_t kFF[1] = {0xff};
  crypto::Sha256 h;
  h.update(prevPf).update(ByteView(kFF));
  return h.finish();
}

Hash32 leavePacketId(const Hash32& prevInitialPid, const std::vector<std::string>& leavers,
                     const std::vector<std::string>& channelMembers) {
  std::vector<std::string_view> sorted(leavers.begin(), leavers.end());
  std::sort(sorted.begin(), sorted.end(),
            [](std::string_view a, std::string_view b) { return byteLess(asBytes(a), asBytes(b)); });
  std::string body =
      "\xff"
      "leave ";
  body.append(prevInitialPid.begin(), prevInitialPid.end());
  body.push_back('\n');
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i != 0) body.push_back(',');
    body.append(sorted[i]);
  }
  std::vector<std::string> channel = channelMembers;
  channel.emplace_back(kServerSender);
  return packetId(body, kServerSender, channel);
}

crypto::SecretKey<32> deriveGroupKey(const crypto::SecretKey<32>& sharedSecret) {
  static constexpr std::string_view kInfo = "mpenc group key";
  const crypto::SecretBytes okm = crypto::hkdfSha256(sharedSecret.view(), {}, asBytes(kInfo), 32);
  return crypto::SecretKey<32>::fromBytes(okm.view());
}

}  // namespace mpenc::proto
