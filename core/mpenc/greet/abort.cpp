#include "mpenc/greet/abort.h"

#include <algorithm>
#include <cstring>

namespace mpenc::greet {

namespace {

// "greetabortsig" ‖ S. Sized up front and filled with memcpy: GCC 12 at -O3
// reports a false -Wstringop-overflow on append() of the constant here.
Bytes signedMessage(ByteView content) {
  Bytes m(kAbortSigContext.size() + content.size());
  std::memcpy(m.data(), kAbortSigContext.data(), kAbortSigContext.size());
  if (!content.empty()) std::memcpy(m.data() + kAbortSigContext.size(), content.data(), content.size());
  return m;
}

bool sameId(const Bytes& a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), asBytes(b).begin());
}

}  // namespace

std::string_view abortReasonName(AbortReason r) noexcept {
  switch (r) {
    case AbortReason::Timeout:
      return "timeout";
    case AbortReason::LocalFailure:
      return "local failure";
    case AbortReason::UserCancel:
      return "user cancel";
  }
  return "?";
}

Expected<AbortPacket, GreetError> makeAbort(std::string_view self, const crypto::Ed25519KeyPair& identity,
                                            const std::vector<std::string>& members, const Hash32& pI,
                                            AbortReason reason, bool allSupportAbort) {
  if (!allSupportAbort)
    return fail(greetError(GreetErrc::AbortUnsupported, "a member does not advertise greet-abort-1"));
  if (std::find(members.begin(), members.end(), self) == members.end())
    return fail(greetError(GreetErrc::BadState, "only a target member may abort (not an excluded one)"));
  codec::GreetingPacket p;
  p.greetType = codec::GreetType(codec::GreetType::AbortAuxDown);
  p.source = toBytes(self);
  for (const auto& m : members) p.members.push_back(toBytes(m));
  p.abortPi = pI;
  p.abortReason = static_cast<std::uint8_t>(reason);
  p.signedContent = codec::encodeGreetingContent(p);
  p.signature = identity.sign(signedMessage(p.signedContent));
  std::string wire = codec::encodeWire(codec::Packet{p});
  return AbortPacket{std::move(wire), std::move(p)};
}

Status<GreetError> checkAbort(std::string_view sender, const codec::GreetingPacket& p, const Hash32& pI,
                              const std::vector<std::string>& members, const StaticKeyLookup& staticKeyOf) {
  if (!p.greetType.isAbort() || !p.abortPi || !p.abortReason)
    return fail(greetError(GreetErrc::Malformed, "not an abort"));
  if (!sameId(p.source, sender))
    return fail(greetError(GreetErrc::SenderMismatch, "SOURCE is not the sender"));
  if (std::find(members.begin(), members.end(), sender) == members.end())
    return fail(greetError(GreetErrc::NotForThisOperation, "abort sender is not a target member"));
  if (p.members.size() != members.size())
    return fail(greetError(GreetErrc::NotForThisOperation, "MEMBER list differs"));
  for (std::size_t i = 0; i < members.size(); ++i)
    if (!sameId(p.members[i], members[i]))
      return fail(greetError(GreetErrc::NotForThisOperation, "MEMBER list differs"));
  if (*p.abortPi != pI)
    return fail(greetError(GreetErrc::NotForThisOperation, "ABORT_PI is not the current pI"));
  const auto key = staticKeyOf ? staticKeyOf(sender) : std::nullopt;
  if (!key) return fail(greetError(GreetErrc::UnknownStaticKey, std::string(sender)));
  const Bytes& content = p.signedContent.empty() ? codec::encodeGreetingContent(p) : p.signedContent;
  if (!crypto::ed25519Verify(*key, signedMessage(content), p.signature))
    return fail(greetError(GreetErrc::BadMessageSignature, "abort from " + std::string(sender)));
  return {};
}

}  // namespace mpenc::greet
