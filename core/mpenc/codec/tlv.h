// TLV records: 2-byte big-endian type, 2-byte big-endian length, value
// (protocol-wire.md §1). The reader is bounds-checked and strict: it walks a
// fixed record layout and reports unknown/duplicate/missing/out-of-order
// records and trailing bytes as typed errors.
//
// Unknown-type policy: an unknown record type is always rejected
// (UnknownRecord), never skipped. v1 defines no optional records, and a v1
// peer rejects what it does not know, so extensions are only sent once every
// member has advertised them (protocol-wire.md §9).
//
// Error classification when the next record is not the one the layout wants:
// unknown type → UnknownRecord; a non-repeatable type already consumed →
// DuplicateRecord; the wanted type comes later → UnexpectedRecord (out of
// order, naming the record found); otherwise → MissingRecord (naming the
// wanted record). finish(): fewer than 4 bytes left → TrailingBytes, else the
// same classification of the extra record (known, not duplicate → UnexpectedRecord).
#pragma once

#include <optional>
#include <vector>

#include "mpenc/codec/errors.h"
#include "mpenc/codec/records.h"
#include "mpenc/common/bytes.h"
#include "mpenc/common/expected.h"

namespace mpenc::codec {

class TlvWriter {
 public:
  /// Append one record. Values longer than 0xffff bytes are a programming
  /// error of the caller (encoders check sizes first) and throw std::length_error.
  TlvWriter& add(RecordType type, ByteView value);
  TlvWriter& add(RecordType type, std::string_view value) { return add(type, asBytes(value)); }
  TlvWriter& addByte(RecordType type, std::uint8_t value);
  const Bytes& bytes() const& noexcept { return out_; }
  Bytes bytes() && noexcept { return std::move(out_); }
  std::size_t size() const noexcept { return out_.size(); }

 private:
  Bytes out_;
};

struct TlvRecord {
  std::uint16_t type = 0;
  ByteView value;
  std::size_t offset = 0;  ///< offset of the record header in the input
};

/// Sequential strict reader over a TLV buffer. The buffer must outlive it.
class TlvReader {
 public:
  explicit TlvReader(ByteView data) noexcept : data_(data) {}

  bool atEnd() const noexcept { return pos_ >= data_.size(); }
  std::size_t offset() const noexcept { return pos_; }
  /// Everything from the current offset to the end.
  ByteView rest() const noexcept { return data_.subspan(pos_); }

  /// Type of the next record if a full 4-byte header is available.
  std::optional<std::uint16_t> peekType() const noexcept;

  /// Exactly one record of `type` must come next.
  Expected<ByteView, DecodeError> required(RecordType type);
  /// Zero or one record of `type`.
  Expected<std::optional<ByteView>, DecodeError> optional(RecordType type);
  /// Zero or more consecutive records of `type`.
  Expected<std::vector<ByteView>, DecodeError> repeated(RecordType type);
  /// Nothing may follow.
  Status<DecodeError> finish() const;

  /// Read the next record, whatever its type (bounds-checked).
  Expected<TlvRecord, DecodeError> next();

 private:
  DecodeError mismatch(RecordType wanted, bool isRequired) const;
  ByteView data_;
  std::size_t pos_ = 0;
  std::vector<std::uint16_t> seen_;  // record types consumed so far
};

}  // namespace mpenc::codec
