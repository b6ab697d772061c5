// Helpers for the tests that replay the reference data of the original
// implementation (meganz/mpenc_js f26cc30, see ../shared/vectors/README.md).
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "catch.h"
#include "mpenc/common/bytes.h"
#include "mpenc/crypto/secret.h"

namespace mpenc::testcap {

/// Parse a file of the vectors directory.
nlohmann::json loadVectors(const char* fileName);

/// Strict standard base64 (independent of the codec under test).
Bytes b64(std::string_view text);
std::string toB64(ByteView b);
Bytes hexBytes(std::string_view hex);

template <std::size_t N>
FixedBytes<N> fixedB64(std::string_view text) {
  auto f = toFixed<N>(b64(text));
  REQUIRE(f.has_value());
  return *f;
}
template <std::size_t N>
FixedBytes<N> fixedHex(std::string_view text) {
  auto f = toFixed<N>(hexBytes(text));
  REQUIRE(f.has_value());
  return *f;
}
template <std::size_t N>
crypto::SecretKey<N> secretB64(std::string_view text) {
  return crypto::SecretKey<N>::fromBytes(b64(text));
}

/// Counts the independent properties a capture test checks. Each property is
/// also a Catch CHECK, so a failure names the property.
class PropertyCounter {
 public:
  explicit PropertyCounter(const char* name) : name_(name) {}
  PropertyCounter(const PropertyCounter&) = delete;
  PropertyCounter& operator=(const PropertyCounter&) = delete;
  ~PropertyCounter() { std::printf("%s: %d properties checked, %d failed\n", name_, total_, failed_); }
  bool operator()(bool ok) {
    ++total_;
    if (!ok) ++failed_;
    return ok;
  }
  int total() const noexcept { return total_; }
  int failed() const noexcept { return failed_; }

 private:
  const char* name_;
  int total_ = 0;
  int failed_ = 0;
};

}  // namespace mpenc::testcap

/// CHECK a property and count it.
#define MPENC_PROP(counter, ...)          \
  do {                                    \
    const bool mpenc_ok_ = (__VA_ARGS__); \
    (counter)(mpenc_ok_);                 \
    CHECK((mpenc_ok_ && #__VA_ARGS__));   \
  } while (false)
