// Sealing and opening data messages (protocol-wire.md §5):
//   T = MESSAGE_PARENT* ‖ MESSAGE_BODY; P = pad(T);
//   C = AES-256-CTR(groupKey, IV(12) ‖ 00000000, P);
//   S = PROTOCOL_VERSION ‖ MESSAGE_TYPE(DATA) ‖ MESSAGE_IV ‖ MESSAGE_PAYLOAD(C);
//   sig = Ed25519_eph("datamsgsig" ‖ SHA-256(sid ‖ groupKey) ‖ S);
//   SIDKEY_HINT = SHA-256(sid ‖ groupKey)[0]; message ID = SHA-256(sig ‖ S)[0:20].
#include "mpenc/proto/data_message.h"

#include <algorithm>

#include "mpenc/codec/wire.h"
#include "mpenc/proto/ids.h"
#include "mpenc/proto/signatures.h"

namespace mpenc::proto {

namespace {

FixedBytes<16> counterBlock(const codec::Iv& iv) {
  FixedBytes<16> block{};  // IV(12) ‖ 00 00 00 00, incremented big-endian
  std::copy(iv.begin(), iv.end(), block.begin());
  return block;
}

}  // namespace

codec::Hash32 SubsessionKeys::sidKeyHash() const {
  return proto::sidKeyHash(sid, groupKey);
}

SealedData sealData(const SubsessionKeys& keys, const crypto::Ed25519KeyPair& authorEphemeral,
                    const codec::Plaintext& plaintext, crypto::Rng& rng) {
  Bytes records = codec::encodePlaintextRecords(plaintext);
  Bytes padded = codec::pad(records);  // throws std::length_error past v1's limit
  crypto::wipe(records);

  SealedData out;
  codec::DataPacket& p = out.packet;
  p.iv = rng.bytes<codec::kIvSize>();
  p.ciphertext = crypto::aes256Ctr(keys.groupKey.view(), counterBlock(p.iv), padded);
  crypto::wipe(padded);

  const codec::Hash32 skh = keys.sidKeyHash();
  p.signedContent = codec::encodeDataContent(p.iv, p.ciphertext);
  p.signature = signData(authorEphemeral, skh, p.signedContent);
  p.sidkeyHint = skh[0];
  out.id = messageId(p.signature, p.signedContent);
  out.wire = codec::frame(codec::encodeData(p));
  return out;
}

Expected<OpenedData, OpenError> openData(const SubsessionKeys& keys,
                                         std::span<const crypto::Ed25519Public> candidateAuthors,
                                         const codec::DataPacket& packet) {
  const codec::Hash32 skh = keys.sidKeyHash();
  for (std::size_t i = 0; i < candidateAuthors.size(); ++i) {
    if (!verifyData(candidateAuthors[i], skh, packet)) continue;

    // Authenticated: only now decrypt.
    Bytes padded = crypto::aes256Ctr(keys.groupKey.view(), counterBlock(packet.iv), packet.ciphertext);
    auto records = codec::unpad(padded);
    crypto::wipe(padded);
    if (!records) return fail(OpenError{OpenErrc::BadPlaintext, records.error()});
    auto plaintext = codec::decodePlaintextRecords(*records);
    crypto::wipe(*records);
    if (!plaintext) return fail(OpenError{OpenErrc::BadPlaintext, plaintext.error()});

    OpenedData out;
    out.plaintext = std::move(*plaintext);
    out.id = messageId(packet.signature, packet.signedContent);
    out.authorIndex = i;
    return out;
  }
  return fail(OpenError{OpenErrc::BadSignature, {}});
}

}  // namespace mpenc::proto
