// Signature contexts of mpENC v1 (protocol-wire.md §2, §4.4, §4.5, §5.1).
// Confirmed against the reference captures:
//   greeting  Ed25519_eph("greetmsgsig" ‖ S)
//   data      Ed25519_eph("datamsgsig" ‖ SHA-256(sid ‖ groupKey) ‖ S)
//   error     Ed25519("errormsgsig" ‖ S)
//   session   Ed25519_static(SHA-256("acksig" ‖ id ‖ ephPub ‖ nonce ‖ sid))
#include "mpenc/proto/signatures.h"

namespace mpenc::proto {

namespace {

Bytes withContext(std::string_view context, ByteView middle, ByteView content) {
  Bytes m;
  m.reserve(context.size() + middle.size() + content.size());
  append(m, context);
  append(m, middle);
  append(m, content);
  return m;
}

}  // namespace

codec::Signature signGreeting(const crypto::Ed25519KeyPair& ephemeral, ByteView signedContent) {
  return ephemeral.sign(withContext(kGreetSigContext, {}, signedContent));
}

bool verifyGreeting(const crypto::Ed25519Public& ephemeralPub, const codec::GreetingPacket& p) noexcept {
  try {
    return crypto::ed25519Verify(ephemeralPub, withContext(kGreetSigContext, {}, p.signedContent),
                                 p.signature);
  } catch (...) {  // allocation failure: treat as not verified
    return false;
  }
}

codec::Signature signData(const crypto::Ed25519KeyPair& ephemeral, const codec::Hash32& sidKeyHash,
                          ByteView signedContent) {
  return ephemeral.sign(withContext(kDataSigContext, sidKeyHash, signedContent));
}

bool verifyData(const crypto::Ed25519Public& ephemeralPub, const codec::Hash32& sidKeyHash,
                const codec::DataPacket& p) noexcept {
  try {
    return crypto::ed25519Verify(ephemeralPub, withContext(kDataSigContext, sidKeyHash, p.signedContent),
                                 p.signature);
  } catch (...) {
    return false;
  }
}

codec::Signature signError(const crypto::Ed25519KeyPair& key, ByteView signedContent) {
  return key.sign(withContext(kErrorSigContext, {}, signedContent));
}

bool verifyError(const crypto::Ed25519Public& pub, const codec::ErrorPacket& p) noexcept {
  if (!p.signature) return false;
  try {
    return crypto::ed25519Verify(pub, withContext(kErrorSigContext, {}, p.signedContent), *p.signature);
  } catch (...) {
    return false;
  }
}

codec::Hash32 sessionAuthenticator(ByteView memberId, const crypto::Ed25519Public& ephemeralPub,
                                   ByteView nonce, const codec::Hash32& sid) {
  crypto::Sha256 h;
  h.update(kSessionSigContext).update(memberId).update(ephemeralPub).update(nonce).update(sid);
  return h.finish();
}

codec::Signature signSession(const crypto::Ed25519KeyPair& identity, ByteView memberId,
                             const crypto::Ed25519Public& ephemeralPub, ByteView nonce,
                             const codec::Hash32& sid) {
  return identity.sign(sessionAuthenticator(memberId, ephemeralPub, nonce, sid));
}

bool verifySession(const crypto::Ed25519Public& identityPub, ByteView memberId,
                   const crypto::Ed25519Public& ephemeralPub, ByteView nonce, const codec::Hash32& sid,
                   const codec::Signature& sig) noexcept {
  try {
    return crypto::ed25519Verify(identityPub, sessionAuthenticator(memberId, ephemeralPub, nonce, sid), sig);
  } catch (...) {
    return false;
  }
}

}  // namespace mpenc::proto
