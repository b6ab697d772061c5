// Identifiers and hashes of mpENC v1 (protocol-wire.md §4.4, §5.1, §6).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mpenc/codec/packets.h"
#include "mpenc/common/bytes.h"
#include "mpenc/crypto/secret.h"

namespace mpenc::proto {

using codec::Hash32;
using codec::MessageId;
using codec::Nonce32;

/// Message ID = SHA-256(signature(64) ‖ S)[0:20] (§6; rule C-E2).
MessageId messageId(const codec::Signature& signature, ByteView signedContent);

/// sid = SHA-256(member IDs sorted byte-wise, concatenated ‖ their nonces in
/// the same order) (§4.4). members.size() must equal nonces.size()
/// (std::invalid_argument otherwise). Nonces are taken as raw bytes.
Hash32 sessionId(const std::vector<Bytes>& members, const std::vector<Bytes>& nonces);

/// SHA-256(sid ‖ groupKey) — signed in data packets; its first byte is the SIDKEY_HINT.
Hash32 sidKeyHash(const Hash32& sid, const crypto::SecretKey<32>& groupKey);

/// Packet ID (§6; rule H-10b), computed on receipt:
/// SHA-256(sender ‖ "\n" ‖ join("\n", sorted(channelMembers − sender)) ‖ "\n\n" ‖ wire).
Hash32 packetId(std::string_view wire, std::string_view sender,
                const std::vector<std::string>& channelMembers);

/// Chain-hash packet types (§6; rule H-11): ASCII "2" initial, "1" final, "3" both.
enum class ChainType { Initial, Final, InitialFinal, Leave };
std::string_view chainTypeTag(ChainType t) noexcept;  // "2", "1", "3", "\xffleave"

/// CH = SHA-256(prevCH ‖ packetId ‖ ptype).
Hash32 chainHash(const Hash32& prev, const Hash32& pid, ChainType type);
/// A brand-new session: CH0 = SHA-256(PREV_PF ‖ 0xFF) (rule H-C4).
Hash32 initialChainHash(const Hash32& prevPf);

inline constexpr std::string_view kServerSender = "__server__";
/// Leave pseudo-packet ID (rule T-LOI, §6): packetId with sender "__server__",
/// channel members = channel ∪ {"__server__"}, packet bytes =
/// "\xffleave " ‖ prevInitialPacketId ‖ "\n" ‖ sorted leavers joined by ",".
Hash32 leavePacketId(const Hash32& prevInitialPid, const std::vector<std::string>& leavers,
                     const std::vector<std::string>& channelMembers);

/// Group key = HKDF-SHA256(IKM = secret point, salt = "", info = "mpenc group key", L = 32) (§4.3).
crypto::SecretKey<32> deriveGroupKey(const crypto::SecretKey<32>& sharedSecret);

}  // namespace mpenc::proto
