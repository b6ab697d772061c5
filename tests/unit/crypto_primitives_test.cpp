// Public known-answer tests for the crypto boundary:
//  - SHA-256: FIPS 180-2 / FIPS 180-4 examples ("abc", the 448-bit two-block message)
//  - HKDF-SHA256: RFC 5869 appendix A, test cases 1-3
//  - AES-256-CTR: NIST SP 800-38A F.5.5 (CTR-AES256.Encrypt)
//  - X25519: RFC 7748 §5.2 (two vectors, 1 and 1000 iterations) and §6.1
//  - Ed25519: RFC 8032 §7.1 TEST 1, TEST 2, TEST 3 and TEST SHA(abc)
#include <string>

#include "catch.h"
#include "mpenc/crypto/primitives.h"

using namespace mpenc;
using namespace mpenc::crypto;

namespace {

Bytes hex(std::string_view h) {
  auto b = fromHex(h);
  REQUIRE(b.has_value());
  return *b;
}
template <std::size_t N>
FixedBytes<N> fixedHex(std::string_view h) {
  auto f = toFixed<N>(hex(h));
  REQUIRE(f.has_value());
  return *f;
}
template <std::size_t N>
SecretKey<N> secretHex(std::string_view h) {
  return SecretKey<N>::fromBytes(hex(h));
}

}  // namespace

TEST_CASE("SHA-256 FIPS 180 examples", "[crypto][sha256]") {
  CHECK(toHex(sha256(asBytes("abc"))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(toHex(sha256(asBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(toHex(sha256({})) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  SECTION("incremental equals one-shot, and the context is reusable after finish") {
    Sha256 h;
    h.update("ab").update("").update("c");
    CHECK(h.finish() == sha256(asBytes("abc")));
    h.update("abc");
    CHECK(h.finish() == sha256(asBytes("abc")));
  }
}

TEST_CASE("HKDF-SHA256 RFC 5869 test cases 1-3", "[crypto][hkdf]") {
  SECTION("case 1") {
    auto okm = hkdfSha256(hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
                          hex("000102030405060708090a0b0c"), hex("f0f1f2f3f4f5f6f7f8f9"), 42);
    CHECK(toHex(okm.view()) ==
          "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }
  SECTION("case 2 (long inputs)") {
    Bytes ikm, salt, info;
    for (int i = 0x00; i < 0x50; ++i) ikm.push_back(static_cast<std::uint8_t>(i));
    for (int i = 0x60; i < 0xb0; ++i) salt.push_back(static_cast<std::uint8_t>(i));
    for (int i = 0xb0; i < 0x100; ++i) info.push_back(static_cast<std::uint8_t>(i));
    auto okm = hkdfSha256(ikm, salt, info, 82);
    CHECK(toHex(okm.view()) ==
          "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da"
          "3275"
          "600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
  }
  SECTION("case 3 (empty salt and info)") {
    auto okm = hkdfSha256(hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), {}, {}, 42);
    CHECK(toHex(okm.view()) ==
          "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }
  SECTION("length limits") {
    CHECK(hkdfSha256(hex("00"), {}, {}, 255 * 32).size() == 255 * 32);
    CHECK_THROWS_AS(hkdfSha256(hex("00"), {}, {}, 255 * 32 + 1), std::invalid_argument);
  }
}

TEST_CASE("AES-256-CTR NIST SP 800-38A F.5.5", "[crypto][aes]") {
  const auto key = fixedHex<32>("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
  const auto ctr = fixedHex<16>("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
  const Bytes pt =
      hex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52ef"
          "f69f2445df4f9b17ad2b417be66c3710");
  const std::string ct =
      "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c52b0930daa23de94ce87017ba2d84988d"
      "dfc9c58db67aada613c2dd08457941a6";
  const std::span<const std::uint8_t, 32> k(key);
  CHECK(toHex(aes256Ctr(k, ctr, pt)) == ct);
  CHECK(aes256Ctr(k, ctr, hex(ct)) == pt);  // decrypt = encrypt
  CHECK(aes256Ctr(k, ctr, {}).empty());
  // A partial final block uses a prefix of the keystream.
  CHECK(toHex(aes256Ctr(k, ctr, ByteView(pt).first(37))) == ct.substr(0, 74));

  SECTION("the whole 16-byte block is the counter (carry out of the low 32 bits)") {
    // mpENC: counter block = IV(12) ‖ 00000000; a carry past the low word must
    // reach the IV bytes, big-endian.
    auto iv = fixedHex<16>("000000000000000000000001ffffffff");
    auto next = fixedHex<16>("00000000000000000000000200000000");
    const Bytes zeros(32, 0);
    const Bytes two = aes256Ctr(k, iv, zeros);
    const Bytes second = aes256Ctr(k, next, Bytes(16, 0));
    CHECK(std::equal(two.begin() + 16, two.end(), second.begin()));
  }
}

TEST_CASE("X25519 RFC 7748 §5.2 and §6.1", "[crypto][x25519]") {
  SECTION("§5.2 vector 1") {
    auto out = x25519(secretHex<32>("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                      fixedHex<32>("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));
    REQUIRE(out);
    CHECK(toHex(*out) == "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
  }
  SECTION("§5.2 vector 2 (u with the top bit set)") {
    auto out = x25519(secretHex<32>("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
                      fixedHex<32>("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"));
    REQUIRE(out);
    CHECK(toHex(*out) == "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
  }
  SECTION("§5.2 iterations 1 and 1000") {
    FixedBytes<32> k{}, u{};
    k[0] = 9;
    u[0] = 9;
    for (int i = 1; i <= 1000; ++i) {
      auto r = x25519(SecretKey<32>::fromBytes(k), u);
      REQUIRE(r);
      u = k;
      k = *r;
      if (i == 1) CHECK(toHex(k) == "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
    }
    CHECK(toHex(k) == "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
  }
  SECTION("§6.1 Diffie-Hellman") {
    auto a = secretHex<32>("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    auto b = secretHex<32>("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    const auto pa = x25519Base(a);
    const auto pb = x25519Base(b);
    CHECK(toHex(pa) == "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    CHECK(toHex(pb) == "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    auto ka = x25519(a, pb);
    auto kb = x25519(b, pa);
    REQUIRE(ka);
    REQUIRE(kb);
    CHECK(toHex(*ka) == "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    CHECK(*ka == *kb);
  }
  SECTION("low-order points give the all-zero result and are rejected") {
    auto a = secretHex<32>("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    CHECK_FALSE(x25519(a, FixedBytes<32>{}));  // u = 0
    FixedBytes<32> one{};
    one[0] = 1;
    CHECK_FALSE(x25519(a, one));  // u = 1 (order 4)
    // A point of order 8 (from the well-known small-order list).
    CHECK_FALSE(x25519(a, fixedHex<32>("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")));
  }
}

TEST_CASE("Ed25519 RFC 8032 §7.1", "[crypto][ed25519]") {
  struct Vec {
    const char* seed;
    const char* pub;
    std::string msg;
    const char* sig;
  };
  const Bytes sha512abc = hex(
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d"
      "4423643ce80e2a9ac94fa54ca49f");
  const Vec vecs[] = {
      {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
       "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
       "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf"
       "5f059"
       "5bbe24655141438e7a100b"},
      {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
       "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
       "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2"
       "eaeb4"
       "302aeeb00d291612bb0c00"},
      {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
       "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
       "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c1"
       "5e971"
       "6ed28dc027beceea1ec40a"},
      {"833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
       "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf", toHex(sha512abc),
       "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca1"
       "79c13"
       "8ac17ad9bef1177331a704"},
  };
  int n = 0;
  for (const auto& v : vecs) {
    CAPTURE(n++);
    const auto kp = Ed25519KeyPair::fromSeed(secretHex<32>(v.seed));
    CHECK(toHex(kp.publicKey()) == v.pub);
    const Bytes msg = hex(v.msg);
    const auto sig = kp.sign(msg);
    CHECK(toHex(sig) == v.sig);
    CHECK(ed25519Verify(kp.publicKey(), msg, sig));
    // Any flipped bit in message or signature fails.
    auto badSig = sig;
    badSig[0] ^= 0x01;
    CHECK_FALSE(ed25519Verify(kp.publicKey(), msg, badSig));
    Bytes badMsg = msg;
    badMsg.push_back(0);
    CHECK_FALSE(ed25519Verify(kp.publicKey(), badMsg, sig));
    // The seed round-trips and clone() is the same key.
    CHECK(toHex(kp.seed().view()) == v.seed);
    CHECK(kp.clone().publicKey() == kp.publicKey());
  }
}

TEST_CASE("constantTimeEqual", "[crypto]") {
  CHECK(constantTimeEqual(asBytes("abc"), asBytes("abc")));
  CHECK_FALSE(constantTimeEqual(asBytes("abc"), asBytes("abd")));
  CHECK_FALSE(constantTimeEqual(asBytes("abc"), asBytes("ab")));
  CHECK(constantTimeEqual({}, {}));
}
