// Fuzz target: the plaintext of a stored history row (xmpp/history_codec.h,
// decodeRowPlain: varint body length, body, CBOR map). Any input decodes or
// is refused (nullopt); a decoded row re-encodes to a plaintext that decodes
// to the same body, kind, ordinal and session.
#include <QByteArray>

#include "fuzz_driver.h"
#include "xmpp/history_codec.h"

void mpencFuzzOne(std::span<const std::uint8_t> data) {
  namespace h = mpenc::xmpp::history;
  const QByteArray plain(reinterpret_cast<const char*>(data.data()),
                         static_cast<int>(data.size()));  // NOLINT
  const auto row = h::decodeRowPlain(plain);
  if (!row) return;
  const auto again = h::decodeRowPlain(h::encodeRowPlain(*row));
  if (!again) mpencFuzzFailure("encodeRowPlain(decodeRowPlain(x)) does not decode");
  if (again->item.text != row->item.text) mpencFuzzFailure("body changed in a round trip");
  if (again->item.kind != row->item.kind) mpencFuzzFailure("kind changed in a round trip");
  if (again->ordinal != row->ordinal) mpencFuzzFailure("ordinal changed in a round trip");
  if (again->sessionId != row->sessionId) mpencFuzzFailure("session changed in a round trip");
  if (again->item.marks.size() != row->item.marks.size()) mpencFuzzFailure("marks changed in a round trip");
}
