// Issue 12, "decode each packet once": Session decodes a received packet
// once and hands the decoded greeting to MembershipEngine::onGreeting (and on
// to Greeter::initialCandidate), where onChannelEvent decodes it itself. The
// two paths must decide identically on honest and hostile input: the same
// run (seeded, real crypto) through both gives the same notices, sends and
// kicks at every member, and the same resulting session.
#include <string>
#include <variant>
#include <vector>

#include "catch.h"
#include "membership_net.h"
#include "mpenc/proto/signatures.h"

using namespace memtest;

namespace {

// What one member saw and did, as text (notice kinds with their reasons).
std::string render(const std::vector<MembershipNotice>& ns) {
  std::string out;
  for (const auto& n : ns) {
    out += std::to_string(n.index());
    if (const auto* r = std::get_if<notice::PacketRejected>(&n))
      out += "(" + r->sender + ": " + r->reason + ")";
    if (const auto* r = std::get_if<notice::ProposalRejected>(&n)) out += "(" + r->reason + ")";
    out += ' ';
  }
  return out;
}

// Copies of `wire` with one character changed at a few places: the decoder
// or the signature checks must reject each (typed errors, never a crash).
std::vector<std::string> tampered(const std::string& wire) {
  std::vector<std::string> out;
  for (std::size_t at : {wire.size() / 5, wire.size() / 3, wire.size() / 2, wire.size() - 3}) {
    std::string w = wire;
    w[at] = static_cast<char>(w[at] ^ 0x01);
    out.push_back(std::move(w));
  }
  out.push_back(wire.substr(0, wire.size() / 2));  // truncated
  return out;
}

struct Outcome {
  std::map<std::string, std::string> seen;  // member → rendered notices
  std::vector<std::pair<std::string, std::string>> channel;
  std::vector<std::string> members;
  std::optional<Hash32> sid, chain;
};

// START of 4, an EXCLUDE with an insider's forged confirmation, a REFRESH
// with tampered and replayed copies of its packet, an INCLUDE whose every
// packet is followed by tampered copies from another member.
Outcome run(bool decodeOnce) {
  Net net(21);
  net.decodeOnce = decodeOnce;
  auto cur = net.startGroup(4);
  const std::string insider = cur[1];

  net.propose(cur[0], {cur[0], cur[1], cur[2]});
  REQUIRE(net.ch.step());  // the pI is delivered; the honest confirmations are queued
  auto g = std::get<codec::GreetingPacket>(*codec::decodeWire(net.ch.packetLog().back().second));
  codec::GreetingPacket f;
  f.greetType = g.greetType.confirmation();
  f.source = toBytes(insider);
  f.members = g.members;
  f.nonces = g.nonces;
  f.pubKeys = g.pubKeys;
  f.sessionSignature = codec::Signature{};
  f.sessionSignature->fill(0x42);
  f.signedContent = codec::encodeGreetingContent(f);
  f.signature = proto::signGreeting(*net.eng(insider).session()->ephemeral, f.signedContent);
  net.ch.injectFront(insider, codec::encodeWire(codec::Packet{f}));
  net.run();
  cur.pop_back();

  net.propose(cur[2], cur);  // REFRESH, one packet
  const std::string refresh = net.ch.packetLog().back().second;
  for (auto& w : tampered(refresh)) net.ch.injectFront(cur[2], std::move(w));
  net.ch.injectFront(cur[1], refresh);  // a replay from another sender
  net.run();

  const std::string newcomer = mid(7);
  net.add(newcomer);
  net.ch.enter(newcomer);
  net.run();
  auto target = cur;
  target.push_back(newcomer);
  net.propose(cur[0], target);
  for (std::size_t guard = 0; guard < 200 && net.ch.step(); ++guard) {
    const auto& [sender, wire] = net.ch.packetLog().back();
    if (sender == cur[1] || guard % 2 != 0) continue;
    for (auto& w : tampered(wire)) net.ch.injectFront(cur[1], std::move(w));
  }
  net.run();
  net.checkAgreement(target);

  Outcome o;
  for (const auto& id : target) o.seen[id] = render(net.notices(id));
  o.channel = net.ch.packetLog();
  o.members = net.eng(target[0]).members();
  o.sid = net.eng(target[0]).session()->sessionId();
  o.chain = net.eng(target[0]).chainHash();
  return o;
}

}  // namespace

TEST_CASE(
    "membership: a packet decoded once (onGreeting) decides as onChannelEvent does, hostile input included",
    "[membership][faults][decode-once]") {
  const Outcome viaEvent = run(false);
  const Outcome viaDecoded = run(true);
  REQUIRE(viaEvent.members.size() == 4);
  for (const auto& [id, seen] : viaEvent.seen) {
    INFO(id);
    CHECK(seen.find("Malformed") != std::string::npos);  // the run did carry hostile input
    CHECK(viaDecoded.seen.at(id) == seen);
  }
  CHECK(viaDecoded.channel == viaEvent.channel);  // every send and kick identical, in order
  CHECK(viaDecoded.members == viaEvent.members);
  CHECK(viaDecoded.sid == viaEvent.sid);
  CHECK(viaDecoded.chain == viaEvent.chain);
}
