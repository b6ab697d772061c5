// Fuzz target: the decrypted side of a data message — unpad, then the
// plaintext records, then the body JSON. Whatever decodes must re-encode to
// something that decodes to the same value; padding is byte-canonical.
#include "fuzz_driver.h"
#include "mpenc/codec/plaintext.h"

using namespace mpenc::codec;

namespace {
void checkRecords(mpenc::ByteView t) {
  auto p = decodePlaintextRecords(t);
  if (!p) {
    (void)p.error().describe();
    return;
  }
  auto again = decodePlaintextRecords(encodePlaintextRecords(*p));
  if (!again || !(*again == *p)) mpencFuzzFailure("plaintext records not stable");
}
}  // namespace

void mpencFuzzOne(std::span<const std::uint8_t> data) {
  // As a padded plaintext.
  if (auto t = unpad(data)) {
    if (pad(*t) != mpenc::Bytes(data.begin(), data.end())) mpencFuzzFailure("pad(unpad(x)) != x");
    checkRecords(*t);
  }
  // As unpadded records and as a bare body (random inputs rarely pad correctly).
  checkRecords(data);
  if (auto b = decodeBody(data)) {
    auto again = decodeBody(encodeBody(*b));
    if (!again || !(*again == *b)) mpencFuzzFailure("body not stable");
  }
}
