// Typed decode errors for everything that parses untrusted bytes.
// Every code is documented; DecodeError::describe() names what was wrong.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mpenc::codec {

enum class DecodeErrc : std::uint8_t {
  Empty,               ///< the input was empty
  NotMpenc,            ///< no "?mpENC" prefix: plain text, not a protocol packet
  BadFraming,          ///< "?mpENC" prefix but not a "?mpENC:" … "." frame
  BadBase64,           ///< the framed text is not canonical padded standard base64
  TooLarge,            ///< input exceeds the decoder's size limit
  TruncatedHeader,     ///< fewer than 4 bytes left where a record header must start
  TruncatedValue,      ///< a record's length runs past the end of the input
  UnknownRecord,       ///< a record type not in protocol-wire.md §2
  UnexpectedRecord,    ///< a known record where the layout does not allow it (wrong order)
  MissingRecord,       ///< a required record is absent
  DuplicateRecord,     ///< a non-repeatable record appears twice
  BadLength,           ///< a record value has the wrong size for its type
  BadValue,            ///< a record value is out of range (e.g. SEVERITY 7)
  BadVersion,          ///< PROTOCOL_VERSION is not 0x01
  UnknownMessageType,  ///< MESSAGE_TYPE not QUERY/GREET/DATA/ERROR
  BadGreetType,        ///< GREET_TYPE not one of the defined combinations
  ObsoleteGreetType,   ///< GREET_TYPE QUIT_DOWN (0xd3): obsolete, rejected
  InconsistentCounts,  ///< repeated records whose counts contradict each other
  TrailingBytes,       ///< bytes after the last record the layout allows
  BadPadding,          ///< padded plaintext: bad length prefix, size or non-zero padding
  BadBody,             ///< MESSAGE_BODY: unknown body type or malformed JSON fields
};

/// Short stable identifier, e.g. "TruncatedValue".
std::string_view errcName(DecodeErrc e) noexcept;

struct DecodeError {
  DecodeErrc code = DecodeErrc::Empty;
  std::uint16_t record = 0;  ///< the record type concerned, 0 if none
  std::size_t offset = 0;    ///< byte offset in the TLV input (or text) where it went wrong
  std::string detail;        ///< extra human-readable context (never secret data)

  /// One line naming what was wrong, e.g.
  /// "TruncatedValue: record MEMBER at offset 42: length 9 runs past end (5 bytes left)".
  std::string describe() const;
};

}  // namespace mpenc::codec
