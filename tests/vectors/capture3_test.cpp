// Replays the whole three-member capture of the original implementation
// (../shared/vectors/mpenc-js-session-3members.json, meganz/mpenc_js@f26cc30):
// START by alice, data, EXCLUDE of carol by bob, data. Every packet is decoded
// and every signature, sid, decryption, message ID, parent reference, packet ID
// and chain hash is recomputed with this project's code.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "capture_util.h"
#include "mpenc/codec/packets.h"
#include "mpenc/codec/plaintext.h"
#include "mpenc/codec/wire.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/proto/data_message.h"
#include "mpenc/proto/ids.h"
#include "mpenc/proto/signatures.h"

using namespace mpenc;
using namespace mpenc::testcap;
namespace crypto = mpenc::crypto;
namespace proto = mpenc::proto;
namespace codec = mpenc::codec;

namespace {

std::string str(const nlohmann::json& j) {
  return j.get<std::string>();
}

struct Sub {
  proto::SubsessionKeys keys;
  std::vector<std::string> members;
  std::vector<crypto::Ed25519Public> ephs;
  std::vector<Bytes> nonces;
  std::set<codec::MessageId> ids;         // messages seen in this subsession
  std::set<codec::MessageId> referenced;  // ... and those named as parents
};

std::optional<std::size_t> indexOf(const std::vector<std::string>& v, const std::string& x) {
  auto it = std::find(v.begin(), v.end(), x);
  if (it == v.end()) return std::nullopt;
  return static_cast<std::size_t>(it - v.begin());
}

struct Operation {
  codec::Hash32 chainHash{};  // CHAIN_HASH carried by the initial packet
  codec::Hash32 initialPid{};
  std::set<std::string> members;
  std::set<std::string> signedBy;
  std::optional<codec::Hash32> finalPid;
};

}  // namespace

TEST_CASE("capture3: the whole three-member session", "[vectors][capture3]") {
  const auto cap = loadVectors("mpenc-js-session-3members.json");
  PropertyCounter prop("capture3");
  std::vector<std::string> ids;
  for (const auto& i : cap["ids"]) ids.push_back(str(i));
  REQUIRE(ids.size() == 3);

  // Static identity keys.
  std::map<std::string, crypto::Ed25519Public> staticPub;
  for (const auto& k : cap["keys"]) {
    const auto kp = crypto::Ed25519KeyPair::fromSeed(secretB64<32>(str(k["privKeySeedB64"])));
    MPENC_PROP(prop, toB64(kp.publicKey()) == str(k["pubKeyB64"]));
    staticPub[str(k["id"])] = kp.publicKey();
  }

  // Subsessions: every member's view; recompute every sid; views must agree.
  std::vector<Sub> subs;
  for (const auto& [member, list] : cap["states"].items()) {
    for (const auto& s : list) {
      std::vector<Bytes> mem, non;
      for (const auto& m : s["members"]) mem.push_back(toBytes(str(m)));
      for (const auto& n : s["nonces"]) non.push_back(b64(str(n)));
      const auto sid = fixedB64<32>(str(s["sId"]));
      MPENC_PROP(prop, proto::sessionId(mem, non) == sid);
      auto known = std::find_if(subs.begin(), subs.end(), [&](const Sub& x) { return x.keys.sid == sid; });
      if (known != subs.end()) {
        MPENC_PROP(prop, toB64(known->keys.groupKey.view()) == str(s["groupKey"]));
        continue;
      }
      Sub sub;
      sub.keys.sid = sid;
      sub.keys.groupKey = secretB64<32>(str(s["groupKey"]));
      for (const auto& m : s["members"]) sub.members.push_back(str(m));
      for (const auto& e : s["ephemeralPubKeys"]) sub.ephs.push_back(fixedB64<32>(str(e)));
      sub.nonces = non;
      subs.push_back(std::move(sub));
    }
  }
  REQUIRE(subs.size() == 2);
  // The ephemeral signing key is reused across subsessions of the chain.
  std::map<std::string, crypto::Ed25519Public> ephOf;
  for (const auto& s : subs) {
    for (std::size_t i = 0; i < s.members.size(); ++i) {
      auto [it, fresh] = ephOf.emplace(s.members[i], s.ephs[i]);
      if (!fresh) MPENC_PROP(prop, it->second == s.ephs[i]);
    }
  }
  MPENC_PROP(prop, subs[0].keys.sidKeyHash()[0] != subs[1].keys.sidKeyHash()[0]);  // hints disambiguate here

  std::vector<Operation> ops;
  std::set<codec::MessageId> allIds;
  int greetings = 0, datas = 0;

  for (const auto& pj : cap["packets"]) {
    if (!pj.contains("pubtxt")) continue;  // channel control event (membership stays all three)
    const std::string wire = str(pj["pubtxt"]);
    const std::string from = str(pj["from"]);
    CAPTURE(wire.substr(0, 60), from);
    auto decoded = codec::decodeWire(wire);
    MPENC_PROP(prop, decoded.has_value());
    if (!decoded) continue;
    MPENC_PROP(prop, codec::encodeWire(*decoded) == wire);  // canonical: re-encodes byte-exactly
    const Bytes tlv = b64(std::string_view(wire).substr(7, wire.size() - 8));

    if (const auto* g = std::get_if<codec::GreetingPacket>(&*decoded)) {
      ++greetings;
      MPENC_PROP(prop, str(pj["greetType"]) == std::string(g->greetType.name()));
      MPENC_PROP(prop, toString(g->source) == from);
      MPENC_PROP(prop, g->signedContent == Bytes(tlv.begin() + 4 + 64, tlv.end()));
      // MESSAGE_SIGNATURE: the sender's ephemeral key over "greetmsgsig" ‖ S.
      MPENC_PROP(prop, proto::verifyGreeting(ephOf.at(from), *g));
      std::vector<std::string> gm;
      for (const auto& m : g->members) gm.push_back(toString(m));
      const auto srcIdx = indexOf(gm, from);
      MPENC_PROP(prop, srcIdx.has_value());
      if (srcIdx && *srcIdx < g->pubKeys.size()) MPENC_PROP(prop, g->pubKeys[*srcIdx] == ephOf.at(from));

      const codec::Hash32 pid = proto::packetId(wire, from, ids);
      if (g->prevPf) {  // an initial packet: starts an operation
        Operation op;
        op.chainHash = *g->chainHash;
        op.initialPid = pid;
        op.members.insert(gm.begin(), gm.end());
        if (ops.empty()) {
          MPENC_PROP(prop, *g->chainHash == proto::initialChainHash(*g->prevPf));
        } else {
          const Operation& prev = ops.back();
          MPENC_PROP(prop, prev.finalPid.has_value());
          if (prev.finalPid) {
            MPENC_PROP(prop, *g->prevPf == *prev.finalPid);
            const auto ch =
                proto::chainHash(proto::chainHash(prev.chainHash, prev.initialPid, proto::ChainType::Initial),
                                 *prev.finalPid, proto::ChainType::Final);
            MPENC_PROP(prop, *g->chainHash == ch);
          }
          // LATEST_PM = the leaves of the transcript so far (all in the old subsession).
          std::set<codec::MessageId> leaves;
          for (const auto& id : subs[0].ids) {
            if (!subs[0].referenced.contains(id)) leaves.insert(id);
          }
          MPENC_PROP(prop, std::set<codec::MessageId>(g->latestPm.begin(), g->latestPm.end()) == leaves);
        }
        ops.push_back(op);
      }
      if (g->sessionSignature) {
        // sid from MEMBER + NONCE, then SESSION_SIGNATURE by the static key over
        // SHA-256("acksig" ‖ id ‖ ephPub ‖ nonce ‖ sid).
        std::vector<Bytes> nonces;
        for (const auto& n : g->nonces) nonces.emplace_back(n.begin(), n.end());
        const auto sid = proto::sessionId(g->members, nonces);
        auto sub = std::find_if(subs.begin(), subs.end(), [&](const Sub& s) { return s.keys.sid == sid; });
        MPENC_PROP(prop, sub != subs.end());
        if (sub != subs.end()) {
          MPENC_PROP(prop, sub->members == gm && sub->nonces == nonces);
          MPENC_PROP(prop,
                     std::equal(sub->ephs.begin(), sub->ephs.end(), g->pubKeys.begin(), g->pubKeys.end()));
        }
        REQUIRE(srcIdx);
        REQUIRE(*srcIdx < g->nonces.size());
        MPENC_PROP(prop, proto::verifySession(staticPub.at(from), g->source, ephOf.at(from),
                                              g->nonces[*srcIdx], sid, *g->sessionSignature));
        // The confirmation that completes the set of session signatures is the final packet.
        REQUIRE_FALSE(ops.empty());
        Operation& op = ops.back();
        op.signedBy.insert(from);
        if (!op.finalPid && op.signedBy == op.members) op.finalPid = pid;
      }
    } else if (const auto* d = std::get_if<codec::DataPacket>(&*decoded)) {
      ++datas;
      MPENC_PROP(prop, d->signedContent == Bytes(tlv.begin() + 4 + 1 + 4 + 64, tlv.end()));
      std::vector<Sub*> byHint;
      for (auto& s : subs) {
        if (s.keys.sidKeyHash()[0] == d->sidkeyHint) byHint.push_back(&s);
      }
      MPENC_PROP(prop, byHint.size() == 1);
      if (byHint.size() != 1) continue;
      Sub& sub = *byHint[0];
      // Signature over "datamsgsig" ‖ SHA-256(sid ‖ groupKey) ‖ S by the author's ephemeral key.
      MPENC_PROP(prop, proto::verifyData(ephOf.at(from), sub.keys.sidKeyHash(), *d));
      auto opened = proto::openData(sub.keys, sub.ephs, *d);
      MPENC_PROP(prop, opened.has_value());
      if (!opened) continue;
      MPENC_PROP(prop, opened->authorIndex == indexOf(sub.members, from));

      // Independent decryption and padding check: AES-256-CTR, IV ‖ 0^4.
      FixedBytes<16> ctr{};
      std::copy(d->iv.begin(), d->iv.end(), ctr.begin());
      const Bytes padded = crypto::aes256Ctr(sub.keys.groupKey.view(), ctr, d->ciphertext);
      REQUIRE(padded.size() >= 2);
      const std::size_t len = static_cast<std::size_t>(padded[0]) << 8 | padded[1];
      MPENC_PROP(prop, padded.size() == codec::paddedSize(len) && len + 2 <= padded.size() &&
                           std::all_of(padded.begin() + 2 + static_cast<std::ptrdiff_t>(len), padded.end(),
                                       [](std::uint8_t b) { return b == 0; }));
      // Structure: MESSAGE_PARENT* ‖ MESSAGE_BODY, exactly the records we decode.
      MPENC_PROP(prop, codec::encodePlaintextRecords(opened->plaintext) ==
                           Bytes(padded.begin() + 2, padded.begin() + 2 + static_cast<std::ptrdiff_t>(len)));

      // Message ID = SHA-256(signature ‖ S)[0:20].
      Bytes idIn(d->signature.begin(), d->signature.end());
      append(idIn, d->signedContent);
      const auto h = crypto::sha256(idIn);
      MPENC_PROP(prop, std::equal(opened->id.begin(), opened->id.end(), h.begin()));
      MPENC_PROP(prop, !allIds.contains(opened->id));

      // Parents: earlier messages of the same subsession; none for its first message.
      if (sub.ids.empty()) MPENC_PROP(prop, opened->plaintext.parents.empty());
      for (const auto& p : opened->plaintext.parents) {
        MPENC_PROP(prop, sub.ids.contains(p));
        sub.referenced.insert(p);
      }
      sub.ids.insert(opened->id);
      allIds.insert(opened->id);
    }
  }
  CHECK(greetings == 7);
  CHECK(datas == 9);
  MPENC_PROP(prop, ops.size() == 2);
  for (const auto& op : ops) MPENC_PROP(prop, op.finalPid.has_value());
  CHECK(prop.failed() == 0);
  CHECK(prop.total() > 100);
}
