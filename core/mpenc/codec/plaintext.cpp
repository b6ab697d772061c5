// Data-message plaintext records and padding (protocol-wire.md §5.2).
#include "mpenc/codec/plaintext.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "mpenc/codec/tlv.h"

namespace mpenc::codec {

namespace {
constexpr std::size_t kMaxRecordsSize = 0xfffe;  // len(T) < 0xffff in v1

DecodeError paddingError(std::size_t offset, std::string detail) {
  return DecodeError{DecodeErrc::BadPadding, 0, offset, std::move(detail)};
}
}  // namespace

Bytes encodePlaintextRecords(const Plaintext& p) {
  TlvWriter w;
  for (const auto& id : p.parents) w.add(RecordType::MessageParent, id);
  w.add(RecordType::MessageBody, encodeBody(p.body));
  return std::move(w).bytes();
}

Expected<Plaintext, DecodeError> decodePlaintextRecords(ByteView t) {
  if (t.empty()) return fail(DecodeError{DecodeErrc::Empty, 0, 0, "empty plaintext"});
  TlvReader r(t);
  Plaintext out;
  auto parents = r.repeated(RecordType::MessageParent);
  if (!parents) return fail(parents.error());
  for (ByteView v : *parents) {
    auto id = toFixed<kMessageIdSize>(v);
    if (!id) {
      const auto offset = static_cast<std::size_t>(v.data() - t.data()) - 4;
      return fail(DecodeError{DecodeErrc::BadLength, static_cast<std::uint16_t>(RecordType::MessageParent),
                              offset, "length " + std::to_string(v.size()) + ", expected 20"});
    }
    out.parents.push_back(*id);
  }
  const std::size_t bodyOffset = r.offset();
  auto body = r.required(RecordType::MessageBody);
  if (!body) return fail(body.error());
  auto end = r.finish();
  if (!end) return fail(end.error());
  auto decoded = decodeBody(*body);
  if (!decoded) {
    DecodeError e = decoded.error();
    e.offset += bodyOffset + 4;  // relative to T, not to the body value
    return fail(std::move(e));
  }
  out.body = std::move(*decoded);
  return out;
}

std::size_t paddedSize(std::size_t n) noexcept {
  std::size_t size = 128;
  while (size < n + 2) size *= 2;
  return size;
}

Bytes pad(ByteView t) {
  if (t.size() > kMaxRecordsSize)
    throw std::length_error("plaintext too large for v1 padding (>= 0xffff bytes)");
  Bytes out(paddedSize(t.size()), 0);
  out[0] = static_cast<std::uint8_t>(t.size() >> 8);
  out[1] = static_cast<std::uint8_t>(t.size() & 0xff);
  std::copy(t.begin(), t.end(), out.begin() + 2);
  return out;
}

Expected<Bytes, DecodeError> unpad(ByteView padded) {
  if (padded.size() < 2) return fail(paddingError(0, "no length prefix"));
  const std::size_t n = (static_cast<std::size_t>(padded[0]) << 8) | padded[1];
  if (n > kMaxRecordsSize) return fail(paddingError(0, "length prefix 0xffff is not allowed"));
  if (n + 2 > padded.size()) {
    return fail(paddingError(0, "length prefix " + std::to_string(n) + " runs past the end (" +
                                    std::to_string(padded.size()) + " bytes)"));
  }
  if (padded.size() != paddedSize(n)) {
    return fail(paddingError(padded.size(), "padded size " + std::to_string(padded.size()) + ", expected " +
                                                std::to_string(paddedSize(n))));
  }
  for (std::size_t i = n + 2; i < padded.size(); ++i) {
    if (padded[i] != 0) return fail(paddingError(i, "non-zero padding byte"));
  }
  return Bytes(padded.begin() + 2, padded.begin() + static_cast<std::ptrdiff_t>(n + 2));
}

}  // namespace mpenc::codec
