// Membership operations of the original implementation's captures, replayed
// through our CLIQUES code and our observer-mode verification.
// Source: ../shared/vectors/mpenc-js-session-{5,3}members.json (meganz/mpenc_js f26cc30).
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "catch.h"
#include "mpenc/codec/packets.h"
#include "mpenc/codec/wire.h"
#include "mpenc/greet/cliques.h"
#include "mpenc/greet/observer.h"
#include "mpenc/proto/ids.h"
#include "vectors.h"

using nlohmann::json;
using namespace mpenc;
using namespace mpenc::greet;

namespace {

json load(const char* name) {
  return json::parse(testsupport::readFile(*testsupport::vectorsDir() / name));
}

Bytes b64(const std::string& s) {
  auto r = codec::base64Decode(s);
  REQUIRE(r.has_value());
  return *r;
}

StaticKeyLookup staticKeys(const json& cap) {
  std::map<std::string, Ed25519Public> keys;
  for (const auto& k : cap["keys"]) keys[k["id"].get<std::string>()] = *toFixed<32>(b64(k["pubKeyB64"]));
  return [keys](std::string_view id) -> std::optional<Ed25519Public> {
    auto it = keys.find(std::string(id));
    if (it == keys.end()) return std::nullopt;
    return it->second;
  };
}

codec::GreetingPacket decodeGreet(const std::string& wire) {
  auto p = codec::decodeWire(wire);
  REQUIRE(p.has_value());
  REQUIRE(std::holds_alternative<codec::GreetingPacket>(*p));
  return std::get<codec::GreetingPacket>(*p);
}

struct Replay {
  std::vector<std::size_t> finals;        // seq of each packet our observer found final
  std::vector<std::size_t> initials;      // seq of each accepted initial packet
  std::vector<std::size_t> rejected;      // seq of initial packets refused while an operation ran
  std::vector<PublicGreetState> results;  // one per completed operation
  std::size_t verifiedSessionSigs = 0;
};

// Observer-mode replay of every greeting packet in channel order.
Replay replay(const json& cap) {
  Replay r;
  const auto keys = staticKeys(cap);
  std::optional<GreetObserver> obs;
  std::optional<PublicGreetState> prev;
  for (std::size_t i = 0; i < cap["packets"].size(); ++i) {
    const auto& pk = cap["packets"][i];
    if (!pk.contains("greetType") || pk["greetType"].is_null()) continue;
    const auto seq = pk.contains("seq") ? pk["seq"].get<std::size_t>() : i;
    const auto from = pk["from"].get<std::string>();
    const auto p = decodeGreet(pk["pubtxt"].get<std::string>());
    INFO("seq " << seq << " " << pk["greetType"].get<std::string>() << " from " << from);
    if (!obs || obs->completed()) {
      REQUIRE(p.prevPf.has_value());
      auto o = GreetObserver::start(prev ? &*prev : nullptr, keys, from, p);
      INFO((o ? std::string() : o.error().describe()));
      REQUIRE(o.has_value());
      obs.emplace(std::move(*o));
      r.initials.push_back(seq);
      if (p.sessionSignature) ++r.verifiedSessionSigs;
      if (obs->lastStep().completed) r.finals.push_back(seq);
    } else if (p.prevPf) {
      // A competing proposal while an operation runs: not this operation's …
      auto step = obs->observe(from, p);
      REQUIRE_FALSE(step.has_value());
      CHECK(step.error().code == GreetErrc::NotForThisOperation);
      // … but itself a correctly signed proposal on the same previous state.
      auto alone = GreetObserver::start(prev ? &*prev : nullptr, keys, from, p);
      INFO((alone ? std::string() : alone.error().describe()));
      CHECK(alone.has_value());
      r.rejected.push_back(seq);
      continue;
    } else {
      const bool would = obs->wouldComplete(from, p);
      auto step = obs->observe(from, p);
      INFO((step ? std::string() : step.error().describe()));
      REQUIRE(step.has_value());
      CHECK(would == step->completed);
      if (p.sessionSignature) ++r.verifiedSessionSigs;
      if (step->completed) r.finals.push_back(seq);
    }
    if (obs->completed()) {
      r.results.push_back(obs->result());
      prev = obs->result();
    }
  }
  return r;
}

void checkStates(const json& cap, const Replay& r) {
  // Every member's subsession k matches one of our results (members, sid, nonces, keys).
  for (const auto& [member, states] : cap["states"].items()) {
    for (const auto& st : states) {
      const auto sid = b64(st["sId"]);
      bool found = false;
      for (const auto& res : r.results) {
        if (Bytes(res.sessionId.begin(), res.sessionId.end()) != sid) continue;
        found = true;
        std::vector<std::string> members = st["members"].get<std::vector<std::string>>();
        CHECK(res.members == members);
        REQUIRE(res.nonces.size() == st["nonces"].size());
        for (std::size_t i = 0; i < res.nonces.size(); ++i) {
          CHECK(Bytes(res.nonces[i].begin(), res.nonces[i].end()) == b64(st["nonces"][i]));
          CHECK(Bytes(res.ephemeralKeys[i].begin(), res.ephemeralKeys[i].end()) ==
                b64(st["ephemeralPubKeys"][i]));
        }
      }
      INFO(member);
      CHECK(found);
    }
  }
}

}  // namespace

TEST_CASE("capture5: every member's group key from its own intermediate key and contributions",
          "[greet][vectors]") {
  const auto cap = load("mpenc-js-session-5members.json");
  std::size_t checked = 0;
  for (const auto& [member, states] : cap["states"].items()) {
    for (const auto& st : states) {
      INFO(member << " " << st["createdInStep"].get<std::string>());
      const auto own = st["ownPos"].get<std::size_t>();
      REQUIRE(st["members"][own].get<std::string>() == member);
      const Bytes point = b64(st["intKeys"][own]);  // '' = base point
      Contributions contribs;
      for (const auto& k : st["privKeyList"]) contribs.push_back(crypto::SecretKey<32>::fromBytes(b64(k)));
      auto secret = applyContributions(point, contribs);
      REQUIRE(secret.has_value());
      const auto gk = proto::deriveGroupKey(*secret);
      CHECK(Bytes(gk.view().begin(), gk.view().end()) == b64(st["groupKey"]));
      // Only the own slot works: any other slot gives a different key.
      const std::size_t other = (own + 1) % st["intKeys"].size();
      auto wrong = applyContributions(b64(st["intKeys"][other]), contribs);
      REQUIRE(wrong.has_value());
      CHECK_FALSE(proto::deriveGroupKey(*wrong) == gk);
      // The ephemeral signing key derives from the recorded seed.
      const auto seed = crypto::SecretKey<32>::fromBytes(b64(st["ephemeralSeed"]));
      const auto eph = crypto::Ed25519KeyPair::fromSeed(seed);
      CHECK(Bytes(eph.publicKey().begin(), eph.publicKey().end()) == b64(st["ephemeralPubKeys"][own]));
      ++checked;
    }
  }
  CHECK(checked == 20);
}

TEST_CASE("capture5: observer verifies every greeting and finds the resolver's final packets",
          "[greet][vectors]") {
  const auto cap = load("mpenc-js-session-5members.json");
  const auto r = replay(cap);
  std::vector<std::size_t> finals, initials, rejected;
  for (const auto& pk : cap["packets"]) {
    if (!pk.contains("accepted")) continue;
    const auto a = pk["accepted"].get<std::string>();
    const auto seq = pk["seq"].get<std::size_t>();
    if (a == "final" || a == "initial+final") finals.push_back(seq);
    if (a == "initial" || a == "initial+final") initials.push_back(seq);
    if (a == "rejected") rejected.push_back(seq);
  }
  CHECK(r.finals == finals);
  CHECK(r.initials == initials);
  CHECK(r.rejected == rejected);
  CHECK(r.results.size() == 5);  // START, INCLUDE, REFRESH, EXCLUDE, EXCLUDE
  CHECK(r.verifiedSessionSigs == 3 + 5 + 4 + 3);
  checkStates(cap, r);
  // REFRESH keeps the sid.
  CHECK(r.results[1].sessionId == r.results[2].sessionId);
  CHECK(r.results[2].sessionId != r.results[3].sessionId);
}

TEST_CASE("capture3: observer verifies START and EXCLUDE", "[greet][vectors]") {
  const auto cap = load("mpenc-js-session-3members.json");
  const auto r = replay(cap);
  CHECK(r.initials == std::vector<std::size_t>{2, 10});
  CHECK(r.finals == std::vector<std::size_t>{6, 12});
  CHECK(r.rejected.empty());
  REQUIRE(r.results.size() == 2);
  CHECK(r.results[1].members == std::vector<std::string>{"alice@x/1", "bob@x/1"});
  checkStates(cap, r);
}

TEST_CASE("capture5: a tampered greeting is refused by the observer", "[greet][vectors]") {
  const auto cap = load("mpenc-js-session-5members.json");
  const auto keys = staticKeys(cap);
  // START: pI then bob's upflow, carol's downflow, confirmations.
  const auto pI = decodeGreet(cap["packets"][2]["pubtxt"]);
  auto obs = GreetObserver::start(nullptr, keys, "alice@x/1", pI);
  REQUIRE(obs.has_value());
  auto down = decodeGreet(cap["packets"][4]["pubtxt"]);
  auto up = decodeGreet(cap["packets"][3]["pubtxt"]);
  REQUIRE(obs->observe("bob@x/1", up).has_value());
  SECTION("flipped NONCE") {
    down.nonces[0][3] ^= 1;  // the bytes change, the signature stays
    down.signedContent = codec::encodeGreetingContent(down);
    auto s = obs->observe("carol@x/1", down);
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error().code == GreetErrc::BadMessageSignature);
  }
  SECTION("wrong static key for carol") {
    auto bad = GreetObserver::start(
        nullptr, [&](std::string_view id) { return id == "carol@x/1" ? keys("alice@x/1") : keys(id); },
        "alice@x/1", pI);
    REQUIRE(bad.has_value());
    REQUIRE(bad->observe("bob@x/1", up).has_value());
    auto s = bad->observe("carol@x/1", down);
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error().code == GreetErrc::BadSessionSignature);
  }
  SECTION("wrong channel sender") {
    auto s = obs->observe("bob@x/1", down);
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error().code == GreetErrc::SenderMismatch);
  }
  // Whatever was refused, the honest packet still goes through.
  REQUIRE(obs->observe("carol@x/1", decodeGreet(cap["packets"][4]["pubtxt"])).has_value());
  CHECK_FALSE(obs->completed());
}
