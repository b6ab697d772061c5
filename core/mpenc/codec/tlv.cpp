#include "mpenc/codec/tlv.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace mpenc::codec {

namespace {

constexpr std::size_t kHeaderSize = 4;

std::uint16_t be16(ByteView d, std::size_t at) noexcept {
  return static_cast<std::uint16_t>((static_cast<unsigned>(d[at]) << 8) | d[at + 1]);
}

DecodeError makeError(DecodeErrc code, std::uint16_t record, std::size_t offset, std::string detail) {
  return DecodeError{code, record, offset, std::move(detail)};
}

/// Parse the record header at `pos` (bounds-checked). Does not consume.
Expected<TlvRecord, DecodeError> recordAt(ByteView data, std::size_t pos) {
  const std::size_t left = pos <= data.size() ? data.size() - pos : 0;
  if (left < kHeaderSize) {
    return fail(makeError(DecodeErrc::TruncatedHeader, 0, pos,
                          "record header needs 4 bytes, " + std::to_string(left) + " left"));
  }
  const std::uint16_t type = be16(data, pos);
  const std::size_t length = be16(data, pos + 2);
  if (length > left - kHeaderSize) {
    return fail(makeError(DecodeErrc::TruncatedValue, type, pos,
                          "length " + std::to_string(length) + " runs past end (" +
                              std::to_string(left - kHeaderSize) + " bytes left)"));
  }
  return TlvRecord{type, data.subspan(pos + kHeaderSize, length), pos};
}

}  // namespace

// ---- writer -------------------------------------------------------------------

TlvWriter& TlvWriter::add(RecordType type, ByteView value) {
  if (value.size() > 0xffff) throw std::length_error("TLV value longer than 0xffff bytes");
  const auto t = static_cast<std::uint16_t>(type);
  const auto n = static_cast<std::uint16_t>(value.size());
  out_.reserve(out_.size() + kHeaderSize + value.size());
  out_.push_back(static_cast<std::uint8_t>(t >> 8));
  out_.push_back(static_cast<std::uint8_t>(t & 0xff));
  out_.push_back(static_cast<std::uint8_t>(n >> 8));
  out_.push_back(static_cast<std::uint8_t>(n & 0xff));
  out_.insert(out_.end(), value.begin(), value.end());
  return *this;
}

TlvWriter& TlvWriter::addByte(RecordType type, std::uint8_t value) {
  const std::uint8_t v[1] = {value};
  return add(type, ByteView(v, 1));
}

// ---- reader -------------------------------------------------------------------

std::optional<std::uint16_t> TlvReader::peekType() const noexcept {
  if (pos_ > data_.size() || data_.size() - pos_ < kHeaderSize) return std::nullopt;
  return be16(data_, pos_);
}

Expected<TlvRecord, DecodeError> TlvReader::next() {
  auto rec = recordAt(data_, pos_);
  if (!rec) return rec;
  pos_ += kHeaderSize + rec->value.size();
  return rec;
}

DecodeError TlvReader::mismatch(RecordType wanted, bool isRequired) const {
  const auto wantedCode = static_cast<std::uint16_t>(wanted);
  const std::uint16_t found = peekType().value_or(0);
  const std::string foundName(recordTypeName(found));
  const std::string wantedName(recordTypeName(wanted));
  if (!isKnownRecordType(found)) {
    return makeError(DecodeErrc::UnknownRecord, found, pos_,
                     "unknown record type where " + wantedName + " belongs");
  }
  if (std::find(seen_.begin(), seen_.end(), found) != seen_.end()) {
    return makeError(DecodeErrc::DuplicateRecord, found, pos_, foundName + " appears twice");
  }
  // Does the wanted record come later? Then the found one is out of order.
  for (std::size_t p = pos_;;) {
    auto rec = recordAt(data_, p);
    if (!rec) break;
    if (rec->type == wantedCode) {
      std::string detail(foundName);
      detail += " before ";
      detail += wantedName;
      return makeError(DecodeErrc::UnexpectedRecord, found, pos_, detail);
    }
    p += kHeaderSize + rec->value.size();
  }
  if (isRequired) {
    return makeError(DecodeErrc::MissingRecord, wantedCode, pos_, "found " + foundName + " instead");
  }
  return makeError(DecodeErrc::UnexpectedRecord, found, pos_, foundName + " not allowed here");
}

Expected<ByteView, DecodeError> TlvReader::required(RecordType type) {
  const auto code = static_cast<std::uint16_t>(type);
  if (atEnd()) {
    return fail(makeError(DecodeErrc::MissingRecord, code, pos_, "input ends before the record"));
  }
  auto rec = recordAt(data_, pos_);
  if (!rec) return fail(rec.error());
  if (rec->type != code) return fail(mismatch(type, true));
  pos_ += kHeaderSize + rec->value.size();
  seen_.push_back(code);
  return rec->value;
}

Expected<std::optional<ByteView>, DecodeError> TlvReader::optional(RecordType type) {
  const auto code = static_cast<std::uint16_t>(type);
  if (atEnd()) return std::optional<ByteView>{};
  const auto t = peekType();
  // Fewer than 4 bytes left: not this record; finish() reports TrailingBytes
  // and required() TruncatedHeader.
  if (!t || *t != code) return std::optional<ByteView>{};
  auto rec = next();
  if (!rec) return fail(rec.error());
  seen_.push_back(code);
  return std::optional<ByteView>{rec->value};
}

Expected<std::vector<ByteView>, DecodeError> TlvReader::repeated(RecordType type) {
  const auto code = static_cast<std::uint16_t>(type);
  std::vector<ByteView> out;
  while (!atEnd()) {
    const auto t = peekType();
    if (!t || *t != code) break;  // see optional()
    auto rec = next();
    if (!rec) return fail(rec.error());
    out.push_back(rec->value);
  }
  return out;
}

Status<DecodeError> TlvReader::finish() const {
  if (atEnd()) return {};
  const auto t = peekType();
  if (!t) {
    return fail(makeError(DecodeErrc::TrailingBytes, 0, pos_,
                          std::to_string(data_.size() - pos_) + " bytes after the last record"));
  }
  const std::string name(recordTypeName(*t));
  if (!isKnownRecordType(*t)) {
    return fail(makeError(DecodeErrc::UnknownRecord, *t, pos_, "unknown record after the last record"));
  }
  if (std::find(seen_.begin(), seen_.end(), *t) != seen_.end()) {
    return fail(makeError(DecodeErrc::DuplicateRecord, *t, pos_, name + " appears twice"));
  }
  return fail(makeError(DecodeErrc::UnexpectedRecord, *t, pos_, name + " not allowed here"));
}

}  // namespace mpenc::codec
