// Fuzz target: decodePacket on arbitrary bytes. A decoded packet must
// re-encode to exactly the input (the codec is canonical), and its
// signedContent must be what the content encoder produces.
#include <algorithm>
#include <variant>

#include "fuzz_driver.h"
#include "mpenc/codec/packets.h"

using namespace mpenc::codec;

void mpencFuzzOne(std::span<const std::uint8_t> data) {
  auto p = decodePacket(data);
  if (!p) {
    (void)p.error().describe();
    return;
  }
  const mpenc::Bytes again = encodePacket(*p);
  if (again.size() != data.size() || !std::equal(again.begin(), again.end(), data.begin())) {
    mpencFuzzFailure("encodePacket(decodePacket(x)) != x");
  }
  if (const auto* g = std::get_if<GreetingPacket>(&*p)) {
    if (encodeGreetingContent(*g) != g->signedContent) mpencFuzzFailure("greeting signedContent");
  } else if (const auto* d = std::get_if<DataPacket>(&*p)) {
    if (encodeDataContent(d->iv, d->ciphertext) != d->signedContent) mpencFuzzFailure("data signedContent");
  } else if (const auto* e = std::get_if<ErrorPacket>(&*p)) {
    if (encodeErrorContent(*e) != e->signedContent) mpencFuzzFailure("error signedContent");
  }
}
