// Crypto-level replay of the five-member capture of the original
// implementation (../shared/vectors/mpenc-js-session-5members.json,
// meganz/mpenc_js@f26cc30): START, INCLUDE, REFRESH, conflicting EXCLUDEs, a
// clean part. Recomputes every member's group key from its CLIQUES
// contributions, every sid, packet ID, signature, decryption, message ID,
// parent list, body, and the PREV_PF/CHAIN_HASH chain (incl. rejected proposals).
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
std::vector<std::string> strs(const nlohmann::json& j) {
  std::vector<std::string> v;
  for (const auto& x : j) v.push_back(str(x));
  return v;
}

struct Sub {
  proto::SubsessionKeys keys;
  std::vector<std::string> members;
  std::vector<crypto::Ed25519Public> ephs;
  std::set<codec::MessageId> ids;
};

}  // namespace

TEST_CASE("capture5: crypto replay of the five-member session", "[vectors][capture5]") {
  const auto cap = loadVectors("mpenc-js-session-5members.json");
  PropertyCounter prop("capture5");

  std::map<std::string, crypto::Ed25519Public> staticPub;
  for (const auto& k : cap["keys"]) {
    const auto kp = crypto::Ed25519KeyPair::fromSeed(secretB64<32>(str(k["privKeySeedB64"])));
    MPENC_PROP(prop, toB64(kp.publicKey()) == str(k["pubKeyB64"]));
    // Test-key derivation documented in the capture: SHA-256("mpenc-test-seed:" + id).
    MPENC_PROP(prop,
               toB64(crypto::sha256(asBytes("mpenc-test-seed:" + str(k["id"])))) == str(k["privKeySeedB64"]));
    staticPub[str(k["id"])] = kp.publicKey();
  }

  // Every member's view of every subsession: sid, ephemeral key, CLIQUES group key.
  std::map<std::string, std::set<crypto::Ed25519Public>> ephOf;
  std::vector<Sub> subs;  // distinct (sid, group key)
  for (const auto& [member, list] : cap["states"].items()) {
    for (const auto& s : list) {
      std::vector<Bytes> mem, non;
      for (const auto& m : s["members"]) mem.push_back(toBytes(str(m)));
      for (const auto& n : s["nonces"]) non.push_back(b64(str(n)));
      const auto sid = fixedB64<32>(str(s["sId"]));
      MPENC_PROP(prop, proto::sessionId(mem, non) == sid);

      const auto eph = crypto::Ed25519KeyPair::fromSeed(secretB64<32>(str(s["ephemeralSeed"])));
      MPENC_PROP(prop, toB64(eph.publicKey()) == str(s["ephemeralPubKey"]));
      ephOf[member].insert(eph.publicKey());

      // groupKey = HKDF(x25519(priv_n, … x25519(priv_1, intKeys[ownPos]))), '' = base point.
      const auto pos = s["ownPos"].get<std::size_t>();
      const std::string own = str(s["intKeys"][pos]);
      std::optional<FixedBytes<32>> point;
      for (const auto& pk : s["privKeyList"]) {
        const auto priv = secretB64<32>(str(pk));
        if (!point && own.empty()) {
          point = crypto::x25519Base(priv);
        } else {
          point = crypto::x25519(priv, point ? *point : fixedB64<32>(own));
          REQUIRE(point);
        }
      }
      REQUIRE(point);
      const auto gk = proto::deriveGroupKey(crypto::SecretKey<32>::fromBytes(*point));
      MPENC_PROP(prop, toB64(gk.view()) == str(s["groupKey"]));

      const bool known = std::any_of(subs.begin(), subs.end(), [&](const Sub& x) {
        return x.keys.sid == sid && toB64(x.keys.groupKey.view()) == str(s["groupKey"]);
      });
      if (!known) {
        Sub sub;
        sub.keys.sid = sid;
        sub.keys.groupKey = secretB64<32>(str(s["groupKey"]));
        sub.members = strs(s["members"]);
        for (const auto& e : s["ephemeralPubKeys"]) sub.ephs.push_back(fixedB64<32>(str(e)));
        subs.push_back(std::move(sub));
      }
    }
  }
  REQUIRE(subs.size() >= 5);

  std::set<codec::MessageId> allIds;
  std::optional<codec::Hash32> ch, chAtOpStart, lastFinal, prevPfOfOp;
  std::vector<std::string> foldedPids, foldedChs;
  int greetings = 0, datas = 0;

  for (const auto& pj : cap["packets"]) {
    if (!pj.contains("pubtxt")) continue;
    const std::string wire = str(pj["pubtxt"]);
    const std::string from = str(pj["from"]);
    const auto channel = strs(pj["channelMembers"]);
    CAPTURE(pj["seq"].get<int>(), from);
    auto decoded = codec::decodeWire(wire);
    MPENC_PROP(prop, decoded.has_value());
    if (!decoded) continue;
    MPENC_PROP(prop, codec::encodeWire(*decoded) == wire);
    const codec::Hash32 pid = proto::packetId(wire, from, channel);

    if (const auto* g = std::get_if<codec::GreetingPacket>(&*decoded)) {
      ++greetings;
      MPENC_PROP(prop, toB64(pid) == str(pj["packetId"]));
      MPENC_PROP(prop, std::any_of(ephOf[from].begin(), ephOf[from].end(),
                                   [&](const auto& k) { return proto::verifyGreeting(k, *g); }));
      std::vector<std::string> gm;
      for (const auto& m : g->members) gm.push_back(toString(m));
      const auto srcIt = std::find(gm.begin(), gm.end(), from);
      MPENC_PROP(prop, srcIt != gm.end());
      const auto srcIdx = static_cast<std::size_t>(srcIt - gm.begin());
      if (srcIdx < g->pubKeys.size()) MPENC_PROP(prop, ephOf[from].contains(g->pubKeys[srcIdx]));
      if (g->sessionSignature && srcIdx < g->nonces.size() && srcIdx < g->pubKeys.size()) {
        std::vector<Bytes> nonces;
        for (const auto& n : g->nonces) nonces.emplace_back(n.begin(), n.end());
        const auto sid = proto::sessionId(g->members, nonces);
        MPENC_PROP(prop, proto::verifySession(staticPub.at(from), g->source, g->pubKeys[srcIdx],
                                              g->nonces[srcIdx], sid, *g->sessionSignature));
      }

      const std::string acc = pj["accepted"].is_string() ? str(pj["accepted"]) : "";
      if (acc == "initial" || acc == "initial+final" || acc == "rejected") {
        REQUIRE(g->prevPf);
        if (!ch) {  // a brand-new session
          MPENC_PROP(prop, *g->chainHash == proto::initialChainHash(*g->prevPf));
          ch = g->chainHash;
          foldedPids.push_back(toB64(*g->prevPf));
          foldedChs.push_back(toB64(*ch));
        }
        if (acc == "rejected") {
          // A losing proposal was built on the same previous operation as the winner.
          MPENC_PROP(prop,
                     prevPfOfOp && *g->prevPf == *prevPfOfOp && chAtOpStart && *g->chainHash == *chAtOpStart);
        } else {
          if (lastFinal) MPENC_PROP(prop, *g->prevPf == *lastFinal);
          MPENC_PROP(prop, *g->chainHash == *ch);
          chAtOpStart = ch;
          prevPfOfOp = g->prevPf;
        }
      }
      if (acc == "initial" || acc == "final" || acc == "initial+final") {
        const auto type = acc == "initial" ? proto::ChainType::Initial
                          : acc == "final" ? proto::ChainType::Final
                                           : proto::ChainType::InitialFinal;
        REQUIRE(ch);
        ch = proto::chainHash(*ch, pid, type);
        foldedPids.push_back(toB64(pid));
        foldedChs.push_back(toB64(*ch));
        if (type != proto::ChainType::Initial) lastFinal = pid;
      }
    } else if (const auto* d = std::get_if<codec::DataPacket>(&*decoded)) {
      ++datas;
      const std::string author = str(pj["author"]);
      MPENC_PROP(prop, author == from);
      const auto& st = cap["states"][author][pj["authorSubsession"].get<std::size_t>()];
      MPENC_PROP(prop, str(st["sId"]) == str(pj["sId"]));
      auto sub = std::find_if(subs.begin(), subs.end(), [&](const Sub& s) {
        return toB64(s.keys.sid) == str(st["sId"]) && toB64(s.keys.groupKey.view()) == str(st["groupKey"]);
      });
      REQUIRE(sub != subs.end());
      MPENC_PROP(prop, d->sidkeyHint == sub->keys.sidKeyHash()[0]);
      auto opened = proto::openData(sub->keys, sub->ephs, *d);
      MPENC_PROP(prop, opened.has_value());
      if (!opened) continue;
      MPENC_PROP(prop, sub->members[opened->authorIndex] == author);
      // No other subsession's key opens it.
      int opens = 0;
      for (const auto& other : subs) {
        if (proto::openData(other.keys, other.ephs, *d)) ++opens;
      }
      MPENC_PROP(prop, opens == 1);
      MPENC_PROP(prop, toB64(opened->id) == str(pj["messageId"]));
      MPENC_PROP(prop, !allIds.contains(opened->id));

      std::vector<std::string> parents;
      for (const auto& p : opened->plaintext.parents) parents.push_back(toB64(p));
      MPENC_PROP(prop, parents == strs(pj["parents"]));  // wire order preserved
      if (sub->ids.empty()) MPENC_PROP(prop, parents.empty());
      for (const auto& p : opened->plaintext.parents) MPENC_PROP(prop, sub->ids.contains(p));

      const auto& body = pj["body"];
      const auto& b = opened->plaintext.body;
      MPENC_PROP(prop, static_cast<int>(b.type) == body["typeCode"].get<int>());
      if (b.type == codec::BodyType::Payload) MPENC_PROP(prop, b.content == str(body["fields"][0]));
      if (b.type == codec::BodyType::ExplicitAck || b.type == codec::BodyType::Consistency) {
        MPENC_PROP(prop, b.flag == body["fields"][0].get<bool>());
      }
      sub->ids.insert(opened->id);
      allIds.insert(opened->id);
    }
  }
  // Our fold reproduces every member's resolver chain: the chain a member
  // holds (at the end, or when it was cleared on leaving) is a contiguous,
  // aligned run of ours (members who joined later hold a suffix).
  auto checkRun = [&](const nlohmann::json& state) {
    const auto pids = strs(state["packetIds"]);
    const auto chs = strs(state["chainHashes"]);
    REQUIRE(!pids.empty());
    const auto at = std::find(foldedPids.begin(), foldedPids.end(), pids.front());
    MPENC_PROP(prop, at != foldedPids.end());
    if (at == foldedPids.end()) return;
    const auto off = static_cast<std::size_t>(at - foldedPids.begin());
    MPENC_PROP(
        prop,
        off + pids.size() <= foldedPids.size() &&
            std::equal(pids.begin(), pids.end(), foldedPids.begin() + static_cast<std::ptrdiff_t>(off)) &&
            std::equal(chs.begin(), chs.end(), foldedChs.begin() + static_cast<std::ptrdiff_t>(off)) &&
            chs.size() == pids.size());
  };
  int runs = 0;
  for (const auto& [member, so] : cap["serverOrder"].items()) {
    CAPTURE(member);
    if (so["atEnd"].is_object()) {
      checkRun(so["atEnd"]);
      ++runs;
    }
    for (const auto& h : so["history"]) {
      checkRun(h["state"]);
      ++runs;
    }
  }
  CHECK(runs == 5);
  CHECK(foldedPids.size() == 10);
  CHECK(greetings > 20);
  CHECK(datas > 30);
  CHECK(prop.failed() == 0);
}
