// Chain-hash acknowledgements, extension `chain-ack-1` (rule H-13;
// docs/protocol.md §9.2): the ChainAck body (type 0x04) and its life in a
// subsession: hidden (U-4), acked promptly, resent and warned about like any
// monitored message (A-7..A-16), refused after our FIN.
#include <random>
#include <string>

#include "catch.h"
#include "mpenc/codec/plaintext.h"
#include "mpenc/codec/wire.h"
#include "mpenc/proto/data_message.h"
#include "mpenc/transcript/message_log.h"
#include "subsession_harness.h"

using namespace mpenc;
using namespace mpenc::session;
using namespace mpenc::session::testing;
using codec::Body;
using codec::BodyType;
using codec::decodeBody;
using codec::DecodeErrc;
using codec::encodeBody;
using codec::Hash32;
using namespace std::chrono_literals;

namespace {

// Known values: 00 01 … 1f and e0 e1 … ff. Their standard base64, written by
// hand (Python: base64.b64encode(bytes(range(32))) and
// base64.b64encode(bytes(range(0xe0, 0x100)))), independent of our encoder.
Hash32 ascending(std::uint8_t from) {
  Hash32 h{};
  for (std::size_t i = 0; i < h.size(); ++i) h[i] = static_cast<std::uint8_t>(from + i);
  return h;
}
const Hash32 kPid = ascending(0x00);
const Hash32 kCh = ascending(0xe0);
constexpr std::string_view kPidB64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
constexpr std::string_view kChB64 = "4OHi4+Tl5ufo6err7O3u7/Dx8vP09fb3+Pn6+/z9/v8=";
// The whole body, 0x04 ‖ ["<kPidB64>","<kChB64>"], in hex (docs/protocol.md §9.2).
constexpr std::string_view kBodyHex =
    "045b2241414543417751464267634943516f4c4441304f4478415245684d554652595847426b61477877644868383d222c22"
    "344f4869342b546c3575666f36657272374f3375372f447838765030396662332b506e362b2f7a392f76383d225d";

Bytes body(std::string_view json, std::uint8_t type = 0x04) {
  Bytes b{type};
  append(b, json);
  return b;
}
std::string q(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}
std::string arr(std::string_view a, std::string_view b) {
  return "[" + q(a) + "," + q(b) + "]";
}

std::vector<Delivered> chainAcksDelivered(const Group& g, std::size_t i) {
  std::vector<Delivered> out;
  for (const auto& d : g.noticesOf<Delivered>(i))
    if (d.body.type == BodyType::ChainAck) out.push_back(d);
  return out;
}

MessageId lastOwn(Group& g, std::size_t i) {
  const auto& t = g[i].transcript();
  return t.id(*t.latestBy(*t.members().find(g.names[i])));
}

}  // namespace

// ---- codec ----------------------------------------------------------------------

TEST_CASE("ChainAck: exact encoding of known values", "[codec][body][chainack]") {
  REQUIRE(codec::base64Encode(kPid) == kPidB64);  // sanity: our base64 agrees with the hand-written one
  const Bytes e = encodeBody(Body::chainAck(kPid, kCh));
  const std::string want =
      std::string("\x04", 1) + "[\"" + std::string(kPidB64) + "\",\"" + std::string(kChB64) + "\"]";
  CHECK(e == toBytes(want));
  CHECK(e.size() == 96);  // 1 + 2 + 2·46 + 1
  CHECK(toHex(e) == kBodyHex);
}

TEST_CASE("ChainAck: encode/decode round trip", "[codec][body][chainack]") {
  auto back = decodeBody(encodeBody(Body::chainAck(kPid, kCh)));
  REQUIRE(back);
  CHECK(back->type == BodyType::ChainAck);
  CHECK(back->chainPacketId == kPid);
  CHECK(back->chainHash == kCh);
  CHECK(back->content.empty());
  CHECK_FALSE(back->flag);
  CHECK_FALSE(back->isFin());
  CHECK(*back == Body::chainAck(kPid, kCh));
  CHECK_FALSE(*back == Body::chainAck(kCh, kPid));

  // Inside plaintext records and padding, with parents.
  MessageId parentA{};
  MessageId parentB{};
  parentA.fill(0x11);
  parentB.fill(0x22);
  codec::Plaintext p{{parentA, parentB}, Body::chainAck(kCh, kPid)};
  auto t = codec::unpad(codec::pad(codec::encodePlaintextRecords(p)));
  REQUIRE(t);
  auto pt = codec::decodePlaintextRecords(*t);
  REQUIRE(pt);
  CHECK(*pt == p);

  // Random values (covers '+', '/' and every final base64 character).
  std::mt19937_64 rng(0xc4a1ULL);
  for (int i = 0; i < 500; ++i) {
    Hash32 a{}, b{};
    for (auto& x : a) x = static_cast<std::uint8_t>(rng());
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    const Body want = Body::chainAck(a, b);
    auto got = decodeBody(encodeBody(want));
    REQUIRE(got);
    CHECK(*got == want);
  }
}

TEST_CASE("ChainAck: the decoder accepts nothing but the exact encoding", "[codec][body][chainack]") {
  const std::string pid(kPidB64);
  const std::string ch(kChB64);
  const std::string zeros31 = codec::base64Encode(Bytes(31));  // "AAAA…AA=="
  const std::string zeros33 = codec::base64Encode(Bytes(33));  // "AAAA…AAAA"
  REQUIRE(zeros31 == "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==");
  REQUIRE(zeros33 == "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  std::string pidNonCanonical = pid;  // "…Hh8=" → "…Hh9=": non-zero bits under the padding
  pidNonCanonical[42] = '9';
  std::string chEscapedSlash = ch;  // JSON "\/" for "/": JSON.parse gives the same string
  chEscapedSlash.replace(chEscapedSlash.find('/'), 1, "\\/");
  std::string pidEscapedA = pid;  // JSON "\u0041" for the leading "A"
  pidEscapedA.replace(0, 1, "\\u0041");

  struct Row {
    std::string name;
    Bytes input;
  };
  const Row rows[] = {
      // field count
      {"no fields", body("[]")},
      {"one field", body("[" + q(pid) + "]")},
      {"three fields", body("[" + q(pid) + "," + q(ch) + "," + q(ch) + "]")},
      // field types
      {"bool first", body("[true," + q(ch) + "]")},
      {"bool second", body("[" + q(pid) + ",false]")},
      {"number", body("[1," + q(ch) + "]")},
      {"null", body("[" + q(pid) + ",null]")},
      {"nested array", body("[[" + q(pid) + "]," + q(ch) + "]")},
      {"object", body("{\"p\":" + q(pid) + ",\"c\":" + q(ch) + "}")},
      // base64
      {"empty strings", body(arr("", ""))},
      {"hex instead of base64", body(arr(toHex(kPid), ch))},
      {"URL-safe alphabet", body(arr(pid, "4OHi4-Tl5ufo6err7O3u7_Dx8vP09fb3-Pn6-_z9_v8="))},
      {"padding missing", body(arr(pid.substr(0, 43), ch))},
      {"padding doubled", body(arr(pid + "=", ch))},
      {"non-canonical (bits under the padding)", body(arr(pidNonCanonical, ch))},
      {"space inside the base64", body(arr(pid.substr(0, 20) + " " + pid.substr(20), ch))},
      {"newline after the base64", body(arr(pid, ch + "\\n"))},
      // sizes
      {"31 bytes", body(arr(zeros31, ch))},
      {"33 bytes", body(arr(pid, zeros33))},
      {"64 bytes", body(arr(codec::base64Encode(Bytes(64)), ch))},
      // exact encoding: JSON whitespace and escapes that JSON.parse would accept
      {"space after '['", body("[ " + q(pid) + "," + q(ch) + "]")},
      {"space after ','", body("[" + q(pid) + ", " + q(ch) + "]")},
      {"space before ']'", body("[" + q(pid) + "," + q(ch) + " ]")},
      {"leading newline", body("\n" + arr(pid, ch))},
      {"trailing newline", body(arr(pid, ch) + "\n")},
      {"escaped '/'", body(arr(pid, chEscapedSlash))},
      {"\\u escape", body(arr(pidEscapedA, ch))},
      // JSON errors
      {"trailing comma", body("[" + q(pid) + "," + q(ch) + ",]")},
      {"trailing garbage", body(arr(pid, ch) + "x")},
      {"type byte only", body("")},
      // neighbours of the type byte
      {"unknown type 5", body(arr(pid, ch), 0x05)},
      {"unknown type 0xff", body(arr(pid, ch), 0xff)},
      {"Payload with two strings", body(arr(pid, ch), 0x00)},
  };
  // Sanity: the unmutated body is accepted.
  REQUIRE(decodeBody(body(arr(pid, ch))));
  for (const auto& row : rows) {
    INFO("row: " << row.name);
    auto r = decodeBody(row.input);
    REQUIRE_FALSE(r);
    INFO("got: " << r.error().describe());
    CHECK(r.error().code == DecodeErrc::BadBody);
    CHECK(r.error().record == static_cast<std::uint16_t>(codec::RecordType::MessageBody));
    CHECK_FALSE(r.error().describe().empty());
  }
}

TEST_CASE("ChainAck: error details name the field and the problem", "[codec][body][chainack]") {
  const std::string pid(kPidB64);
  const std::string ch(kChB64);
  auto detail = [](const Bytes& b) { return decodeBody(b).error().detail; };
  CHECK(detail(body("[]")).find("ChainAck takes 2 field(s), got 0") != std::string::npos);
  CHECK(detail(body("[" + q(pid) + ",true]")).find("chain hash is not a string") != std::string::npos);
  CHECK(detail(body(arr("AAA", ch))).find("packet ID is not canonical base64") != std::string::npos);
  CHECK(detail(body(arr(pid, codec::base64Encode(Bytes(31))))).find("chain hash is 31 bytes, want 32") !=
        std::string::npos);
  auto ws = decodeBody(body("[" + q(pid) + ", " + q(ch) + "]"));
  REQUIRE_FALSE(ws);
  CHECK(ws.error().detail.find("exact encoding") != std::string::npos);
  CHECK(ws.error().offset == 1 + 1 + 46 + 1);  // the space, counted from the type byte
}

// ---- subsession ---------------------------------------------------------------------

TEST_CASE("H-13: a chain ack is delivered to everyone with its hashes and fully acked promptly",
          "[session][chainack]") {
  Group g(3);
  std::vector<transcript::MessageLog> logs(3);
  for (std::size_t i = 0; i < 3; ++i) g[i].attachLog(&logs[i], logs[i].beginSubsession());

  g.takeOk(0, g[0].sendChainAck(kPid, kCh, g.now));
  REQUIRE(g.sent.size() == 1);
  const MessageId id = lastOwn(g, 0);
  // Parents = max(G) like a payload: nothing before it here.
  CHECK(g[0].transcript().parents(*g[0].transcript().find(id)).empty());

  // Prompt acks (promptAck = 1 s), not the 21 s auto-ack: fully acked within 2 s.
  g.runFor(2s);
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("member m" << i);
    auto ds = chainAcksDelivered(g, i);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].id == id);
    CHECK(ds[0].author == "m0");
    CHECK(ds[0].own == (i == 0));
    CHECK(ds[0].body == Body::chainAck(kPid, kCh));
    CHECK(ds[0].body.chainPacketId == kPid);
    CHECK(ds[0].body.chainHash == kCh);
    // U-4: hidden, no row.
    REQUIRE(ds[0].log);
    CHECK_FALSE(ds[0].log->appended);
    CHECK(logs[i].size() == 0);
    const auto p = g[i].transcript().find(id);
    REQUIRE(p);
    CHECK(g[i].transcript().bodyType(*p) == BodyType::ChainAck);
    CHECK_FALSE(g[i].transcript().isContent(*p));
    CHECK(g[i].transcript().isFullyAcked(*p));
  }
  CHECK(g.sentBy("m1", BodyType::ExplicitAck) == 1);
  CHECK(g.sentBy("m2", BodyType::ExplicitAck) == 1);
  auto fa = g.noticesOf<FullyAcked>(0);
  REQUIRE(fa.size() == 1);
  CHECK(fa[0].id == id);
  CHECK_FALSE(fa[0].afterWarning);

  // Quiet afterwards: no payloads, no resends, no warnings, no monitors left.
  const auto sentAt2 = g.sent.size();
  g.runFor(300s);
  CHECK(g.sent.size() == sentAt2);
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("member m" << i);
    CHECK(g.sentBy(g.names[i], BodyType::Payload) == 0);
    CHECK(g.warnings(i) == 0);
    CHECK(g[i].monitor().monitored() == 0);
    CHECK(g[i].isConsistent());
    CHECK(logs[i].size() == 0);
  }
}

TEST_CASE("H-13: every member's chain ack, concurrently, each fully acked; rows only for payloads",
          "[session][chainack]") {
  Group g(3, 7);
  std::vector<transcript::MessageLog> logs(3);
  for (std::size_t i = 0; i < 3; ++i) g[i].attachLog(&logs[i], logs[i].beginSubsession());
  g.say(0, "before");
  g.runFor(1s);
  for (std::size_t i = 0; i < 3; ++i) g.takeOk(i, g[i].sendChainAck(kPid, kCh, g.now));
  g.runFor(3s);
  g.say(1, "after");  // its parents include chain acks: display parents resolve through them (C-22)
  g.runFor(60s);
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("member m" << i);
    auto ds = chainAcksDelivered(g, i);
    REQUIRE(ds.size() == 3);
    for (const auto& d : ds) {
      CHECK(d.body.chainPacketId == kPid);
      CHECK(d.body.chainHash == kCh);
      CHECK(g[i].transcript().isFullyAcked(*g[i].transcript().find(d.id)));
    }
    REQUIRE(logs[i].size() == 2);
    CHECK(logs[i].row(0).author == "m0");
    CHECK(logs[i].row(1).author == "m1");
    CHECK(logs[i].row(1).displayParents == std::vector<transcript::Row>{0});
    CHECK(g.warnings(i) == 0);
    CHECK(g[i].monitor().monitored() == 0);
  }
}

TEST_CASE("H-13 / A-13: a lost chain ack is resent and recovered", "[session][chainack][resend]") {
  Group g(3);
  std::string ackWire;
  g.drop = [&](const std::string& from, std::size_t to, const std::string& w) {
    return from == "m0" && to == 2 && w == ackWire && g.now < 10s;  // lost on the way to m2, first copy
  };
  auto r = g[0].sendChainAck(kPid, kCh, g.now);
  REQUIRE(r);
  ackWire = r->send.at(0);
  g.take(0, std::move(*r));
  const MessageId id = lastOwn(g, 0);
  g.runFor(5s);
  CHECK(chainAcksDelivered(g, 2).empty());
  CHECK_FALSE(g[0].transcript().isFullyAcked(*g[0].transcript().find(id)));
  g.runFor(120s);
  auto ds = chainAcksDelivered(g, 2);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].body == Body::chainAck(kPid, kCh));
  CHECK(g.timesSent(ackWire) >= 2);  // the single ciphertext was resent
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("member m" << i);
    CHECK(g[i].transcript().isFullyAcked(*g[i].transcript().find(id)));
    CHECK(g[i].monitor().monitored() == 0);
  }
}

TEST_CASE("H-13 / U-4: a chain ack never fully acked gets no W-3 (hidden) but keeps being resent",
          "[session][chainack]") {
  // W-3 lives on displayed messages (U-15); a missing chain ack surfaces at
  // the session level as W-9 (ChainAckMissing), not as a per-message warning.
  Group g(3);
  g.drop = [](const std::string& from, std::size_t to, const std::string&) {
    return (from == "m0" && to == 2) || (from == "m2" && to == 0);  // m0 and m2 cannot hear each other
  };
  g.takeOk(0, g[0].sendChainAck(kPid, kCh, g.now));
  const MessageId id = lastOwn(g, 0);
  g.runFor(30s);
  CHECK(g.noticesOf<NotFullyAcked>(0).empty());
  CHECK_FALSE(g[0].transcript().isFullyAcked(*g[0].transcript().find(id)));
  CHECK(g[0].transcript().unackedBy(*g[0].transcript().find(id)) == std::vector<std::string>{"m2"});
  CHECK(g[0].monitor().resendsSent() >= 1);  // the author resent it meanwhile
  // Content consistency is unaffected: a chain ack is not a Payload.
  CHECK(g[0].isConsistent());
}

TEST_CASE("H-13 / A-19: a chain ack is refused after our FIN and after a fork", "[session][chainack]") {
  Group g(2);
  g.takeOk(0, g[0].fin(g.now));
  auto refused = g[0].sendChainAck(kPid, kCh, g.now);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == SendErrc::AfterFin);
  // The other member, still ACTIVE, may send one; the FIN'd member acks it
  // (explicit acks are allowed after FIN, O-4).
  g.runFor(1s);
  g.takeOk(1, g[1].sendChainAck(kPid, kCh, g.now));
  const MessageId id = lastOwn(g, 1);
  g.runFor(5s);
  CHECK(g[1].transcript().isFullyAcked(*g[1].transcript().find(id)));
  CHECK(g.noticesOf<ContentAfterFin>(0).empty());  // W-7 is for content only

  // W-5: once a fork stopped the subsession.
  Group f(3);
  f.say(1, "b1");
  f.runFor(1s);
  auto b2 = proto::sealData(f.keys, f.ephemeral[1], codec::Plaintext{{}, Body::payload("b2 forks")}, f.rng);
  Subsession* c[] = {&f[0]};
  (void)receiveData(c, f.pending[0], "m1", b2.wire, f.now);
  REQUIRE(f[0].state() == SubsessionState::Failed);
  auto stopped = f[0].sendChainAck(kPid, kCh, f.now);
  REQUIRE_FALSE(stopped);
  CHECK(stopped.error().code == SendErrc::Stopped);
}
