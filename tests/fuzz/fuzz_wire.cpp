// Fuzz target: decodeWire on arbitrary text. Accepted wire strings must
// re-encode to exactly the same text (framing and base64 are canonical).
#include <string>
#include <string_view>

#include "fuzz_driver.h"
#include "mpenc/codec/packets.h"
#include "mpenc/codec/wire.h"

void mpencFuzzOne(std::span<const std::uint8_t> data) {
  const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());  // NOLINT
  auto p = mpenc::codec::decodeWire(text);
  if (p) {
    if (mpenc::codec::encodeWire(*p) != text) mpencFuzzFailure("encodeWire(decodeWire(x)) != x");
  } else {
    (void)p.error().describe();
  }
  auto tlv = mpenc::codec::unframe(text);
  if (tlv && mpenc::codec::frame(*tlv) != text) mpencFuzzFailure("frame(unframe(x)) != x");
  auto raw = mpenc::codec::base64Decode(text);
  if (raw && mpenc::codec::base64Encode(*raw) != text) mpencFuzzFailure("base64 not canonical");
}
