// Table-driven rejection tests: each row mutates a real packet (or builds a
// bad wire string / plaintext) and names the DecodeErrc and record expected.
// Crashes found by the fuzzers are added here as rows (see "fuzz:" rows).
#include <functional>
#include <string>
#include <vector>

#include "catch.h"
#include "codec_test_util.h"
#include "mpenc/codec/packets.h"
#include "mpenc/codec/plaintext.h"
#include "mpenc/codec/wire.h"

using namespace mpenc;
using namespace mpenc::codec;
using namespace mpenc::codec::testutil;
using RT = RecordType;
using E = DecodeErrc;

namespace {

// Source: /work/shared/vectors/mpenc-js-session-3members.json, packets 8 and 9
// with a pubtxt (bob's EXCLUDE_AUX_INITIATOR_DOWN of carol, and alice's next
// data message), copied verbatim.
constexpr std::string_view kExcludeWire =
    "?mpENC:AAMAQCeOmjU+4SDYKyPTS699QACkDPUNRzIMjW7lj1M5dDD/u/"
    "LQufIAyxXPrLAYfMrQrsx8LWrxupB6+vs3SUX71QcAAQABAQACAAEC"
    "Af8AAgC/AQAAB2JvYkB4LzEBAQAAAQIACWFsaWNlQHgvMQECAAdib2JAeC8xAQMAIEBXUgBMlhjX/UZhW4IKjuy3yCMZgxw12vznb/"
    "Dr30YPAQ"
    "MAIJkjuq7lF/ia8xxWxjlLM1JTquy70qXELYKhl4vCRGp5AQQAII3ARiFG4zB/"
    "z+hTbNH19jnA15Q9JdMnIqxKwRfKnzoeAQQAIOv9iPusV1OU"
    "bzg8aA8OwfGFyuMMn55EiULYiAd3hw3oAQUAILv5kdI6+"
    "VzhOmgCKr0cAA9soXqGgzztR2Q6YYimqldbAQUAIE3S7K4xdL8dTf7yhPYMNUThI4"
    "bLj/"
    "6xs27PTlh63kqnAwEAINdw8rHp0Tp8tEUmM7XNAcY3MIHyfbMU8MgHjTFqniN1AwIAIA9giy9400H2Ow3uyJfnP+"
    "vWBcyg2gYK6XHkvp/8"
    "//nRAwMAFKC3Nf5tmnFs1Ol52u/KtZFi7wEKAwMAFKQWgMzGf+H1hLoKn29DL5aFUavgAwMAFOB/"
    "yi+0CrYe9g4IDBTnYkrLwiPjAQYAQC9Xl1"
    "4Pd/loKN7bslBoDOBN7Iu2lgiFwkuyOdMxafYQC7uz14t0QBCygmge69T9qbjdBQqENoaQStkqkruRTgw=.";
constexpr std::string_view kDataWire =
    "?mpENC:ABIAAbgAAwBAc6VVxORiUIG28j9HLHH4mJlEMhf47RFHKgJ/"
    "vueGTJx8HZfoDMruxibIubwIRKcP03A39TxYwUbs7Wb3OyPiBAABAAEB"
    "AAIAAQMAEQAM0iU6KIARzAsLiZ3dABAAgNFvCL8RRUFEVTnRL5g2K8uO07flzevAKyY+"
    "B49RfXG47sVOD920DonVFgrLuF78fnn3fOza1LTdiZ"
    "qVv3/zZogFMC25a1cc5Dh0GdRZU0MhTjxRr9I1FNdDeXcgjYBrE5Qg6F86a6dNvjIuC9a9WAHUz5cQOl5rk3FJ/Eee8ueo.";

Bytes tlvOf(std::string_view wire) {
  return unframe(wire).value();
}
std::vector<Rec> greetRecs() {
  return split(tlvOf(kExcludeWire));
}
std::vector<Rec> dataRecs() {
  return split(tlvOf(kDataWire));
}
std::vector<Rec> errorRecs() {
  return split(encodeError(sampleError()));
}
std::vector<Rec> queryRecs() {
  return split(encodeQuery());
}

using Mut = std::function<void(std::vector<Rec>&)>;
Bytes mutate(std::vector<Rec> recs, const Mut& m) {
  m(recs);
  return join(recs);
}
void removeAll(std::vector<Rec>& r, RT t) {
  std::erase_if(r, [t](const Rec& x) { return x.type == static_cast<std::uint16_t>(t); });
}
void setValue(std::vector<Rec>& r, RT t, Bytes v, std::size_t nth = 0) {
  r[indexOf(r, t, nth)].value = std::move(v);
}
void resize(std::vector<Rec>& r, RT t, std::size_t n, std::size_t nth = 0) {
  r[indexOf(r, t, nth)].value.resize(n, 0xab);
}
void duplicate(std::vector<Rec>& r, RT t) {
  const std::size_t i = indexOf(r, t);
  r.insert(r.begin() + static_cast<std::ptrdiff_t>(i) + 1, r[i]);
}
void insertBefore(std::vector<Rec>& r, RT before, Rec x) {
  r.insert(r.begin() + static_cast<std::ptrdiff_t>(indexOf(r, before)), std::move(x));
}
void setGreetType(std::vector<Rec>& r, std::uint8_t b) {
  setValue(r, RT::GreetType, {0x00, b});
}
Bytes truncated(Bytes b, std::size_t n) {
  b.resize(n);
  return b;
}
Bytes withTail(Bytes b, Bytes tail) {
  append(b, tail);
  return b;
}
/// Overwrite the 2-byte length of the record whose header starts at `at`.
Bytes patchLength(Bytes b, std::size_t at, std::uint16_t len) {
  b[at + 2] = static_cast<std::uint8_t>(len >> 8);
  b[at + 3] = static_cast<std::uint8_t>(len & 0xff);
  return b;
}
Bytes bytesOf(std::string_view s) {
  return toBytes(s);
}
Bytes body(std::uint8_t type, std::string_view json) {
  Bytes b{type};
  append(b, json);
  return b;
}
Bytes padded(std::size_t total, std::uint16_t prefix, std::uint8_t fill = 0) {
  Bytes b(total, fill);
  if (total >= 1) b[0] = static_cast<std::uint8_t>(prefix >> 8);
  if (total >= 2) b[1] = static_cast<std::uint8_t>(prefix & 0xff);
  return b;
}

enum class Target { Packet, Wire, Unpad, Records, Body };
struct Row {
  std::string name;
  Target target;
  Bytes input;
  E expected;
  int record = -1;  ///< expected DecodeError::record, -1 = not checked
};
int rt(RT t) {
  return static_cast<int>(t);
}

std::vector<Row> rows() {
  const Bytes g = tlvOf(kExcludeWire);
  const Bytes d = tlvOf(kDataWire);
  const Bytes e = encodeError(sampleError());
  const std::string bigWire = "?mpENC:" + std::string(kMaxWireSize, 'A') + ".";
  Rec unknown{0x0999, Bytes{1, 2, 3}};
  std::vector<Row> t = {
      // --- TLV structure -----------------------------------------------------
      {"empty input", Target::Packet, {}, E::Empty},
      {"3-byte header", Target::Packet, truncated(g, 3), E::TruncatedHeader},
      {"header cut after signature", Target::Packet, truncated(g, 68 + 2), E::TruncatedHeader},
      {"value cut (last byte)", Target::Packet, truncated(g, g.size() - 1), E::TruncatedValue,
       rt(RT::SessionSignature)},
      {"value cut (data payload)", Target::Packet, truncated(d, d.size() - 5), E::TruncatedValue,
       rt(RT::MessagePayload)},
      {"oversize length (SOURCE 0xffff)", Target::Packet, patchLength(g, 78 + 6, 0xffff), E::TruncatedValue,
       rt(RT::Source)},
      {"oversize length (signature 65)", Target::Packet, patchLength(g, 0, 65), E::BadLength,
       rt(RT::MessageSignature)},
      {"1 trailing byte", Target::Packet, withTail(g, {0x00}), E::TrailingBytes},
      {"2 trailing bytes after a repeated group", Target::Packet,
       withTail(mutate(greetRecs(),
                       [](auto& r) {
                         removeAll(r, RT::SessionSignature);
                         removeAll(r, RT::LatestPm);
                         removeAll(r, RT::ChainHash);
                         removeAll(r, RT::PrevPf);
                       }),
                {0x01, 0x05}),
       E::TrailingBytes},
      {"3 trailing bytes", Target::Packet, withTail(d, {0x01, 0x02, 0x03}), E::TrailingBytes},
      {"trailing zero record", Target::Packet, withTail(g, {0, 0, 0, 0}), E::UnknownRecord, 0},
      {"unknown record after DEST", Target::Packet,
       mutate(greetRecs(), [&](auto& r) { insertBefore(r, RT::Member, unknown); }), E::UnknownRecord, 0x0999},
      {"unknown record at end", Target::Packet, withTail(d, {0x09, 0x99, 0x00, 0x00}), E::UnknownRecord,
       0x0999},
      {"unknown record first", Target::Packet, join({unknown}), E::UnknownRecord, 0x0999},
      // --- order / duplicates / missing ----------------------------------------
      {"DEST before SOURCE", Target::Packet,
       mutate(greetRecs(), [](auto& r) { std::swap(r[indexOf(r, RT::Source)], r[indexOf(r, RT::Dest)]); }),
       E::UnexpectedRecord, rt(RT::Dest)},
      {"MESSAGE_TYPE before PROTOCOL_VERSION", Target::Packet,
       mutate(greetRecs(),
              [](auto& r) { std::swap(r[indexOf(r, RT::ProtocolVersion)], r[indexOf(r, RT::MessageType)]); }),
       E::UnexpectedRecord, rt(RT::MessageType)},
      {"NONCE before INT_KEY", Target::Packet,
       mutate(greetRecs(), [](auto& r) { std::swap(r[indexOf(r, RT::IntKey)], r[indexOf(r, RT::Nonce)]); }),
       E::UnexpectedRecord, rt(RT::IntKey)},
      {"MEMBER after INT_KEY", Target::Packet,
       mutate(greetRecs(), [](auto& r) { insertBefore(r, RT::Nonce, r[indexOf(r, RT::Member)]); }),
       E::UnexpectedRecord, rt(RT::Member)},
      {"SESSION_SIGNATURE before LATEST_PM", Target::Packet,
       mutate(greetRecs(), [](auto& r) { std::swap(r[indexOf(r, RT::LatestPm)], r.back()); }),
       E::UnexpectedRecord, rt(RT::LatestPm)},
      {"IV before MESSAGE_TYPE (data)", Target::Packet,
       mutate(dataRecs(),
              [](auto& r) { std::swap(r[indexOf(r, RT::MessageType)], r[indexOf(r, RT::MessageIv)]); }),
       E::UnexpectedRecord, rt(RT::MessageIv)},
      {"duplicate SOURCE", Target::Packet, mutate(greetRecs(), [](auto& r) { duplicate(r, RT::Source); }),
       E::DuplicateRecord, rt(RT::Source)},
      {"duplicate GREET_TYPE", Target::Packet,
       mutate(greetRecs(), [](auto& r) { duplicate(r, RT::GreetType); }), E::DuplicateRecord,
       rt(RT::GreetType)},
      {"duplicate MESSAGE_SIGNATURE", Target::Packet,
       mutate(greetRecs(), [](auto& r) { duplicate(r, RT::MessageSignature); }), E::DuplicateRecord,
       rt(RT::MessageSignature)},
      {"duplicate PREV_PF", Target::Packet, mutate(greetRecs(), [](auto& r) { duplicate(r, RT::PrevPf); }),
       E::DuplicateRecord, rt(RT::PrevPf)},
      {"duplicate SESSION_SIGNATURE", Target::Packet,
       mutate(greetRecs(), [](auto& r) { duplicate(r, RT::SessionSignature); }), E::DuplicateRecord,
       rt(RT::SessionSignature)},
      {"duplicate MESSAGE_PAYLOAD (data)", Target::Packet,
       mutate(dataRecs(), [](auto& r) { duplicate(r, RT::MessagePayload); }), E::DuplicateRecord,
       rt(RT::MessagePayload)},
      {"duplicate SEVERITY (error)", Target::Packet,
       mutate(errorRecs(), [](auto& r) { duplicate(r, RT::Severity); }), E::DuplicateRecord,
       rt(RT::Severity)},
      {"missing SOURCE", Target::Packet, mutate(greetRecs(), [](auto& r) { removeAll(r, RT::Source); }),
       E::MissingRecord, rt(RT::Source)},
      {"missing greeting MESSAGE_SIGNATURE", Target::Packet,
       mutate(greetRecs(), [](auto& r) { removeAll(r, RT::MessageSignature); }), E::MissingRecord,
       rt(RT::MessageSignature)},
      {"missing MEMBER", Target::Packet, mutate(greetRecs(), [](auto& r) { removeAll(r, RT::Member); }),
       E::MissingRecord, rt(RT::Member)},
      {"missing CHAIN_HASH", Target::Packet,
       mutate(greetRecs(), [](auto& r) { removeAll(r, RT::ChainHash); }), E::MissingRecord,
       rt(RT::ChainHash)},
      {"missing PREV_PF", Target::Packet, mutate(greetRecs(), [](auto& r) { removeAll(r, RT::PrevPf); }),
       E::MissingRecord, rt(RT::PrevPf)},
      {"LATEST_PM without PREV_PF/CHAIN_HASH", Target::Packet,
       mutate(greetRecs(),
              [](auto& r) {
                removeAll(r, RT::PrevPf);
                removeAll(r, RT::ChainHash);
              }),
       E::MissingRecord, rt(RT::PrevPf)},
      {"missing MESSAGE_TYPE", Target::Packet,
       mutate(greetRecs(), [](auto& r) { removeAll(r, RT::MessageType); }), E::MissingRecord,
       rt(RT::MessageType)},
      {"missing PROTOCOL_VERSION", Target::Packet,
       mutate(dataRecs(), [](auto& r) { removeAll(r, RT::ProtocolVersion); }), E::MissingRecord,
       rt(RT::ProtocolVersion)},
      {"missing SIDKEY_HINT (data)", Target::Packet,
       mutate(dataRecs(), [](auto& r) { removeAll(r, RT::SidkeyHint); }), E::MissingRecord,
       rt(RT::SidkeyHint)},
      {"missing data signature", Target::Packet,
       mutate(dataRecs(), [](auto& r) { removeAll(r, RT::MessageSignature); }), E::MissingRecord,
       rt(RT::MessageSignature)},
      {"missing MESSAGE_PAYLOAD (data)", Target::Packet,
       mutate(dataRecs(), [](auto& r) { removeAll(r, RT::MessagePayload); }), E::MissingRecord,
       rt(RT::MessagePayload)},
      {"missing SEVERITY (error)", Target::Packet,
       mutate(errorRecs(), [](auto& r) { removeAll(r, RT::Severity); }), E::MissingRecord, rt(RT::Severity)},
      {"SIGNING_KEY (reserved) in a greeting", Target::Packet,
       mutate(greetRecs(),
              [](auto& r) { insertBefore(r, RT::SessionSignature, rec(RT::SigningKey, Bytes(32))); }),
       E::UnexpectedRecord, rt(RT::SigningKey)},
      {"QUERY with a signature", Target::Packet,
       mutate(queryRecs(), [](auto& r) { r.insert(r.begin(), rec(RT::MessageSignature, Bytes(64))); }),
       E::UnexpectedRecord, rt(RT::MessageSignature)},
      {"QUERY with a SOURCE", Target::Packet,
       mutate(queryRecs(), [](auto& r) { r.push_back(rec(RT::Source, toBytes("a"))); }), E::UnexpectedRecord,
       rt(RT::Source)},
      {"SIDKEY_HINT on a greeting", Target::Packet,
       mutate(greetRecs(), [](auto& r) { r.insert(r.begin(), rec(RT::SidkeyHint, {1})); }),
       E::UnexpectedRecord, rt(RT::SidkeyHint)},
      // --- header values ----------------------------------------------------------
      {"PROTOCOL_VERSION 2", Target::Packet,
       mutate(greetRecs(), [](auto& r) { setValue(r, RT::ProtocolVersion, {2}); }), E::BadVersion,
       rt(RT::ProtocolVersion)},
      {"PROTOCOL_VERSION 0 (data)", Target::Packet,
       mutate(dataRecs(), [](auto& r) { setValue(r, RT::ProtocolVersion, {0}); }), E::BadVersion},
      {"PROTOCOL_VERSION 2 bytes", Target::Packet,
       mutate(greetRecs(),
              [](auto& r) {
                setValue(r, RT::ProtocolVersion, {0, 1});
              }),
       E::BadLength, rt(RT::ProtocolVersion)},
      {"MESSAGE_TYPE 5", Target::Packet,
       mutate(greetRecs(), [](auto& r) { setValue(r, RT::MessageType, {5}); }), E::UnknownMessageType,
       rt(RT::MessageType)},
      {"MESSAGE_TYPE 0 (plain)", Target::Packet,
       mutate(dataRecs(), [](auto& r) { setValue(r, RT::MessageType, {0}); }), E::UnknownMessageType,
       rt(RT::MessageType)},
      {"MESSAGE_TYPE empty", Target::Packet,
       mutate(dataRecs(), [](auto& r) { setValue(r, RT::MessageType, {}); }), E::BadLength,
       rt(RT::MessageType)},
      {"greeting labelled DATA", Target::Packet,
       mutate(greetRecs(), [](auto& r) { setValue(r, RT::MessageType, {3}); }), E::MissingRecord,
       rt(RT::SidkeyHint)},
      {"GREET_TYPE 0x9d undefined", Target::Packet,
       mutate(greetRecs(), [](auto& r) { setGreetType(r, 0x9d); }), E::BadGreetType, rt(RT::GreetType)},
      {"GREET_TYPE 0x00", Target::Packet, mutate(greetRecs(), [](auto& r) { setGreetType(r, 0x00); }),
       E::BadGreetType, rt(RT::GreetType)},
      {"GREET_TYPE QUIT 0xd3", Target::Packet, mutate(greetRecs(), [](auto& r) { setGreetType(r, 0xd3); }),
       E::ObsoleteGreetType, rt(RT::GreetType)},
      {"GREET_TYPE leading byte 0x01", Target::Packet,
       mutate(greetRecs(),
              [](auto& r) {
                setValue(r, RT::GreetType, {0x01, 0xbf});
              }),
       E::BadGreetType, rt(RT::GreetType)},
      {"GREET_TYPE 1 byte", Target::Packet,
       mutate(greetRecs(), [](auto& r) { setValue(r, RT::GreetType, {0xbf}); }), E::BadLength,
       rt(RT::GreetType)},
      {"GREET_TYPE 3 bytes", Target::Packet,
       mutate(greetRecs(),
              [](auto& r) {
                setValue(r, RT::GreetType, {0x00, 0xbf, 0x00});
              }),
       E::BadLength, rt(RT::GreetType)},
      {"SEVERITY 3", Target::Packet, mutate(errorRecs(), [](auto& r) { setValue(r, RT::Severity, {3}); }),
       E::BadValue, rt(RT::Severity)},
      {"SEVERITY 2 bytes", Target::Packet,
       mutate(errorRecs(),
              [](auto& r) {
                setValue(r, RT::Severity, {0, 1});
              }),
       E::BadLength, rt(RT::Severity)},
      // --- fixed sizes --------------------------------------------------------------
      {"greeting signature 63", Target::Packet,
       mutate(greetRecs(), [](auto& r) { resize(r, RT::MessageSignature, 63); }), E::BadLength,
       rt(RT::MessageSignature)},
      {"data signature 65", Target::Packet,
       mutate(dataRecs(), [](auto& r) { resize(r, RT::MessageSignature, 65); }), E::BadLength,
       rt(RT::MessageSignature)},
      {"error signature 0", Target::Packet,
       mutate(errorRecs(), [](auto& r) { resize(r, RT::MessageSignature, 0); }), E::BadLength,
       rt(RT::MessageSignature)},
      {"INT_KEY 16", Target::Packet, mutate(greetRecs(), [](auto& r) { resize(r, RT::IntKey, 16, 1); }),
       E::BadLength, rt(RT::IntKey)},
      {"NONCE 31", Target::Packet, mutate(greetRecs(), [](auto& r) { resize(r, RT::Nonce, 31); }),
       E::BadLength, rt(RT::Nonce)},
      {"PUB_KEY 33", Target::Packet, mutate(greetRecs(), [](auto& r) { resize(r, RT::PubKey, 33, 1); }),
       E::BadLength, rt(RT::PubKey)},
      {"PREV_PF 0", Target::Packet, mutate(greetRecs(), [](auto& r) { resize(r, RT::PrevPf, 0); }),
       E::BadLength, rt(RT::PrevPf)},
      {"CHAIN_HASH 31", Target::Packet, mutate(greetRecs(), [](auto& r) { resize(r, RT::ChainHash, 31); }),
       E::BadLength, rt(RT::ChainHash)},
      {"LATEST_PM 21", Target::Packet, mutate(greetRecs(), [](auto& r) { resize(r, RT::LatestPm, 21, 2); }),
       E::BadLength, rt(RT::LatestPm)},
      {"SESSION_SIGNATURE 32", Target::Packet,
       mutate(greetRecs(), [](auto& r) { resize(r, RT::SessionSignature, 32); }), E::BadLength,
       rt(RT::SessionSignature)},
      {"SIDKEY_HINT 2 bytes", Target::Packet,
       mutate(dataRecs(), [](auto& r) { resize(r, RT::SidkeyHint, 2); }), E::BadLength, rt(RT::SidkeyHint)},
      {"SIDKEY_HINT empty", Target::Packet, mutate(dataRecs(), [](auto& r) { resize(r, RT::SidkeyHint, 0); }),
       E::BadLength, rt(RT::SidkeyHint)},
      {"MESSAGE_IV 11", Target::Packet, mutate(dataRecs(), [](auto& r) { resize(r, RT::MessageIv, 11); }),
       E::BadLength, rt(RT::MessageIv)},
      {"MESSAGE_IV 16", Target::Packet, mutate(dataRecs(), [](auto& r) { resize(r, RT::MessageIv, 16); }),
       E::BadLength, rt(RT::MessageIv)},
      // --- greeting consistency -----------------------------------------------------
      {"confirmation (no GKA) with INT_KEY", Target::Packet,
       mutate(greetRecs(), [](auto& r) { setGreetType(r, GreetType::ExcludeAuxParticipantConfirmDown); }),
       E::UnexpectedRecord, rt(RT::IntKey)},
      {"REFRESH (no SKE) with NONCE", Target::Packet,
       mutate(greetRecs(),
              [](auto& r) {
                setGreetType(r, GreetType::RefreshAuxInitiatorDown);
                removeAll(r, RT::SessionSignature);
              }),
       E::UnexpectedRecord, rt(RT::Nonce)},
      {"upflow with SESSION_SIGNATURE", Target::Packet,
       mutate(greetRecs(), [](auto& r) { setGreetType(r, GreetType::IncludeAuxInitiatorUp); }),
       E::UnexpectedRecord, rt(RT::SessionSignature)},
      {"non-initial greeting with PREV_PF", Target::Packet,
       mutate(greetRecs(), [](auto& r) { setGreetType(r, GreetType::IncludeAuxParticipantDown); }),
       E::UnexpectedRecord, rt(RT::PrevPf)},
      {"NONCE count != PUB_KEY count", Target::Packet,
       mutate(greetRecs(),
              [](auto& r) { r.erase(r.begin() + static_cast<std::ptrdiff_t>(indexOf(r, RT::PubKey))); }),
       E::InconsistentCounts, rt(RT::PubKey)},
      {"more INT_KEY than MEMBER", Target::Packet,
       mutate(greetRecs(), [](auto& r) { duplicate(r, RT::IntKey); }), E::InconsistentCounts, rt(RT::IntKey)},
      {"more NONCE than MEMBER", Target::Packet,
       mutate(greetRecs(),
              [](auto& r) {
                duplicate(r, RT::Nonce);
                duplicate(r, RT::PubKey);
              }),
       E::InconsistentCounts, rt(RT::Nonce)},
      // --- wire framing and base64 --------------------------------------------------
      {"wire: empty", Target::Wire, {}, E::Empty},
      {"wire: plain text", Target::Wire, bytesOf("hello ?mpENC:AAEAAQEAAgABAQ==."), E::NotMpenc},
      {"wire: lower-case prefix", Target::Wire, bytesOf("?mpenc:AAEAAQEAAgABAQ==."), E::NotMpenc},
      {"wire: prefix only", Target::Wire, bytesOf("?mpENC"), E::BadFraming},
      {"wire: missing ':'", Target::Wire, bytesOf("?mpENCAAEAAQEAAgABAQ==."), E::BadFraming},
      {"wire: missing '.'", Target::Wire, bytesOf("?mpENC:AAEAAQEAAgABAQ=="), E::BadFraming},
      {"wire: text after '.'", Target::Wire, bytesOf("?mpENC:AAEAAQEAAgABAQ==. "), E::BadFraming},
      {"wire: empty frame", Target::Wire, bytesOf("?mpENC:."), E::Empty},
      {"wire: ':' only", Target::Wire, bytesOf("?mpENC:"), E::BadFraming},
      {"wire: bad base64 character", Target::Wire, bytesOf("?mpENC:AAEAAQEA*gABAQ==."), E::BadBase64},
      {"wire: url-safe alphabet", Target::Wire, bytesOf("?mpENC:AAEAAQEA_gABAQ==."), E::BadBase64},
      {"wire: missing padding", Target::Wire, bytesOf("?mpENC:AAEAAQEAAgABAQ."), E::BadBase64},
      {"wire: short padding", Target::Wire, bytesOf("?mpENC:AAEAAQEAAgABAQ=."), E::BadBase64},
      {"wire: extra padding", Target::Wire, bytesOf("?mpENC:AAEAAQEAAgABA===."), E::BadBase64},
      {"wire: data after padding", Target::Wire, bytesOf("?mpENC:AAEAAQEAAgAB=QAA."), E::BadBase64},
      {"wire: non-canonical trailing bits", Target::Wire, bytesOf("?mpENC:AAEAAQEAAgABAR==."), E::BadBase64},
      {"wire: embedded space", Target::Wire, bytesOf("?mpENC:AAEAAQEA AgABAQ==."), E::BadBase64},
      {"wire: embedded newline", Target::Wire, bytesOf("?mpENC:AAEAAQEA\nAgABAQ=."), E::BadBase64},
      {"wire: double '.'", Target::Wire, bytesOf("?mpENC:AAEAAQEAAgABAQ==.."), E::BadBase64},
      {"wire: too large", Target::Wire, bytesOf(bigWire), E::TooLarge},
      {"wire: unknown message type", Target::Wire, bytesOf("?mpENC:AAEAAQEAAgABBQ==."),
       E::UnknownMessageType},
      // --- padding ------------------------------------------------------------------
      {"unpad: empty", Target::Unpad, {}, E::BadPadding},
      {"unpad: 1 byte", Target::Unpad, {0x00}, E::BadPadding},
      {"unpad: prefix past end", Target::Unpad, padded(128, 127), E::BadPadding},
      {"unpad: wrong size for prefix (256 for 10)", Target::Unpad, padded(256, 10), E::BadPadding},
      {"unpad: wrong size (127)", Target::Unpad, padded(127, 10), E::BadPadding},
      {"unpad: wrong size (200)", Target::Unpad, padded(200, 150), E::BadPadding},
      {"unpad: prefix 0xffff", Target::Unpad, padded(0x20000, 0xffff), E::BadPadding},
      {"unpad: non-zero fill", Target::Unpad, padded(128, 10, 0x01), E::BadPadding},
      // --- plaintext records --------------------------------------------------------
      {"records: empty", Target::Records, {}, E::Empty},
      {"records: parent 19 bytes", Target::Records,
       join({rec(RT::MessageParent, Bytes(19)), rec(RT::MessageBody, body(0, "[\"x\"]"))}), E::BadLength,
       rt(RT::MessageParent)},
      {"records: no body", Target::Records, join({rec(RT::MessageParent, Bytes(20))}), E::MissingRecord,
       rt(RT::MessageBody)},
      {"records: two bodies", Target::Records,
       join({rec(RT::MessageBody, body(3, "[true]")), rec(RT::MessageBody, body(3, "[true]"))}),
       E::DuplicateRecord, rt(RT::MessageBody)},
      {"records: parent after body", Target::Records,
       join({rec(RT::MessageBody, body(3, "[true]")), rec(RT::MessageParent, Bytes(20))}),
       E::UnexpectedRecord, rt(RT::MessageParent)},
      {"records: unknown record", Target::Records,
       join({Rec{0x0015, {}}, rec(RT::MessageBody, body(3, "[true]"))}), E::UnknownRecord, 0x0015},
      {"records: truncated body", Target::Records,
       truncated(join({rec(RT::MessageBody, body(3, "[true]"))}), 8), E::TruncatedValue, rt(RT::MessageBody)},
      {"records: bad JSON inside", Target::Records, join({rec(RT::MessageBody, body(3, "[tru]"))}),
       E::BadBody, rt(RT::MessageBody)},
      // --- body ---------------------------------------------------------------------
      {"body: empty", Target::Body, {}, E::BadBody},
      {"body: ChainAck with no fields", Target::Body, body(4, "[]"), E::BadBody},
      {"body: unknown type 5", Target::Body, body(5, "[]"), E::BadBody},
      {"body: ChainAck bools", Target::Body, body(4, "[true,false]"), E::BadBody},
      {"body: ChainAck short base64", Target::Body, body(4, "[\"AAAA\",\"AAAA\"]"), E::BadBody},
      {"body: type byte only", Target::Body, body(0, ""), E::BadBody},
      {"body: Payload [true]", Target::Body, body(0, "[true]"), E::BadBody},
      {"body: Payload []", Target::Body, body(0, "[]"), E::BadBody},
      {"body: Payload two fields", Target::Body, body(0, "[\"a\",\"b\"]"), E::BadBody},
      {"body: ExplicitAck string", Target::Body, body(1, "[\"true\"]"), E::BadBody},
      {"body: Consistency number", Target::Body, body(3, "[1]"), E::BadBody},
      {"body: Consistency null", Target::Body, body(3, "[null]"), E::BadBody},
      {"body: HeartBeat with a field", Target::Body, body(2, "[true]"), E::BadBody},
      {"body: not an array", Target::Body, body(0, "{\"a\":1}"), E::BadBody},
      {"body: unterminated array", Target::Body, body(0, "[\"a\""), E::BadBody},
      {"body: unterminated string", Target::Body, body(0, "[\"a]"), E::BadBody},
      {"body: trailing comma", Target::Body, body(3, "[true,]"), E::BadBody},
      {"body: trailing garbage", Target::Body, body(0, "[\"a\"]x"), E::BadBody},
      {"body: two arrays", Target::Body, body(2, "[][]"), E::BadBody},
      {"body: TRUE upper case", Target::Body, body(3, "[TRUE]"), E::BadBody},
      {"body: single quotes", Target::Body, body(0, "['a']"), E::BadBody},
      {"body: raw newline in string", Target::Body, body(0, "[\"a\nb\"]"), E::BadBody},
      {"body: unknown escape", Target::Body, body(0, "[\"\\x41\"]"), E::BadBody},
      {"body: short \\u escape", Target::Body, body(0, "[\"\\u12\"]"), E::BadBody},
      {"body: lone high surrogate", Target::Body, body(0, "[\"\\ud83d\"]"), E::BadBody},
      {"body: lone low surrogate", Target::Body, body(0, "[\"\\ude00\"]"), E::BadBody},
      {"body: high + non-surrogate", Target::Body, body(0, "[\"\\ud83d\\u0041\"]"), E::BadBody},
      {"body: invalid UTF-8 byte", Target::Body, body(0, "[\"\xff\"]"), E::BadBody},
      {"body: truncated UTF-8", Target::Body, body(0, "[\"\xc3\"]"), E::BadBody},
      {"body: overlong UTF-8", Target::Body, body(0, "[\"\xc0\xaf\"]"), E::BadBody},
      {"body: UTF-8 encoded surrogate", Target::Body, body(0, "[\"\xed\xa0\x80\"]"), E::BadBody},
      {"body: UTF-8 above U+10FFFF", Target::Body, body(0, "[\"\xf4\x90\x80\x80\"]"), E::BadBody},
      {"body: BOM before array", Target::Body, body(0, "\xef\xbb\xbf[\"a\"]"), E::BadBody},
  };
  return t;
}

}  // namespace

TEST_CASE("codec: malformed inputs are rejected with the expected typed error", "[codec][malformed]") {
  const auto table = rows();
  CHECK(table.size() >= 40);
  for (const auto& row : table) {
    INFO("row: " << row.name);
    DecodeError err;
    bool failed = false;
    switch (row.target) {
      case Target::Packet: {
        auto r = decodePacket(row.input);
        failed = !r;
        if (failed) err = r.error();
        break;
      }
      case Target::Wire: {
        auto r =
            decodeWire(std::string_view(reinterpret_cast<const char*>(row.input.data()), row.input.size()));
        failed = !r;
        if (failed) err = r.error();
        break;
      }
      case Target::Unpad: {
        auto r = unpad(row.input);
        failed = !r;
        if (failed) err = r.error();
        break;
      }
      case Target::Records: {
        auto r = decodePlaintextRecords(row.input);
        failed = !r;
        if (failed) err = r.error();
        break;
      }
      case Target::Body: {
        auto r = decodeBody(row.input);
        failed = !r;
        if (failed) err = r.error();
        break;
      }
    }
    REQUIRE(failed);
    INFO("got: " << err.describe());
    CHECK(err.code == row.expected);
    if (row.record >= 0) CHECK(static_cast<int>(err.record) == row.record);
  }
}

TEST_CASE("codec: the unmutated base packets of the malformed table are valid", "[codec][malformed]") {
  auto g = decodeWire(kExcludeWire);
  REQUIRE(g);
  CHECK(encodeWire(*g) == kExcludeWire);
  auto d = decodeWire(kDataWire);
  REQUIRE(d);
  CHECK(encodeWire(*d) == kDataWire);
  CHECK(summary(tlvOf(kExcludeWire)) ==
        "MESSAGE_SIGNATURE(64) PROTOCOL_VERSION(1) MESSAGE_TYPE(1) GREET_TYPE(2) SOURCE(7) DEST(0) MEMBER(9) "
        "MEMBER(7) "
        "INT_KEY(32) INT_KEY(32) NONCE(32) NONCE(32) PUB_KEY(32) PUB_KEY(32) PREV_PF(32) CHAIN_HASH(32) "
        "LATEST_PM(20) "
        "LATEST_PM(20) LATEST_PM(20) SESSION_SIGNATURE(64)");
}

TEST_CASE("codec: error offsets point at the offending record", "[codec][malformed]") {
  auto recs = greetRecs();
  setValue(recs, RT::Nonce, Bytes(5), 1);
  const Bytes bad = join(recs);
  auto r = decodePacket(bad);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == E::BadLength);
  // Offset of the second NONCE header: everything before it.
  std::size_t off = 0;
  for (std::size_t i = 0; i < indexOf(recs, RT::Nonce, 1); ++i) off += 4 + recs[i].value.size();
  CHECK(r.error().offset == off);
  auto w = decodeWire("?mpENC:AAEAAQEA*gABAQ==.");
  REQUIRE_FALSE(w);
  CHECK(w.error().offset == 7 + 8);
}
