// GREET_TYPE bit field (protocol-wire.md §4.1).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mpenc::codec {

/// Abort (6) is the "greet-abort-1" extension (docs/extension-abort.md), not v1.
enum class GreetOperation : std::uint8_t {
  Start = 1,
  Include = 2,
  Exclude = 3,
  Refresh = 4,
  Quit = 5,
  Abort = 6
};

/// The byte after the leading 0x00: bit0 AUX, bit1 DOWN, bit2 GKA, bit3 SKE,
/// bits4-6 OPERATION, bit7 INIT.
class GreetType {
 public:
  static constexpr std::uint8_t kAux = 0x01, kDown = 0x02, kGka = 0x04, kSke = 0x08, kInit = 0x80;

  // The defined combinations.
  static constexpr std::uint8_t InitInitiatorUp = 0x9c;
  static constexpr std::uint8_t InitParticipantUp = 0x1c;
  static constexpr std::uint8_t InitParticipantDown = 0x1e;
  static constexpr std::uint8_t InitParticipantConfirmDown = 0x1a;
  static constexpr std::uint8_t IncludeAuxInitiatorUp = 0xad;
  static constexpr std::uint8_t IncludeAuxParticipantUp = 0x2d;
  static constexpr std::uint8_t IncludeAuxParticipantDown = 0x2f;
  static constexpr std::uint8_t IncludeAuxParticipantConfirmDown = 0x2b;
  static constexpr std::uint8_t ExcludeAuxInitiatorDown = 0xbf;
  static constexpr std::uint8_t ExcludeAuxParticipantConfirmDown = 0x3b;
  static constexpr std::uint8_t RefreshAuxInitiatorDown = 0xc7;
  static constexpr std::uint8_t QuitDown = 0xd3;
  /// Extension "greet-abort-1" (docs/extension-abort.md): AUX | DOWN | OPERATION 6. Sent
  /// only when every member advertises the capability (protocol-wire.md §9).
  static constexpr std::uint8_t AbortAuxDown = 0x63;

  constexpr GreetType() = default;
  constexpr explicit GreetType(std::uint8_t bits) : bits_(bits) {}

  /// Accepts only the defined combinations (not QUIT: see isObsolete()),
  /// including the extension type AbortAuxDown.
  static bool isDefined(std::uint8_t bits) noexcept;

  constexpr std::uint8_t bits() const noexcept { return bits_; }
  constexpr bool aux() const noexcept { return (bits_ & kAux) != 0; }
  constexpr bool down() const noexcept { return (bits_ & kDown) != 0; }
  constexpr bool gka() const noexcept { return (bits_ & kGka) != 0; }
  constexpr bool ske() const noexcept { return (bits_ & kSke) != 0; }
  constexpr bool init() const noexcept { return (bits_ & kInit) != 0; }
  constexpr GreetOperation operation() const noexcept {
    return static_cast<GreetOperation>((bits_ >> 4) & 0x07);
  }
  constexpr bool isObsolete() const noexcept { return bits_ == QuitDown; }
  constexpr bool isAbort() const noexcept { return bits_ == AbortAuxDown; }

  /// A responder's type along a flow: clear INIT (and set DOWN when last).
  constexpr GreetType forwarded(bool last) const noexcept {
    return GreetType(static_cast<std::uint8_t>((bits_ & ~kInit) | (last ? kDown : 0)));
  }
  /// A confirmation of a downflow: clear INIT and GKA.
  constexpr GreetType confirmation() const noexcept {
    return GreetType(static_cast<std::uint8_t>(bits_ & ~(kInit | kGka)));
  }

  /// "INIT_INITIATOR_UP", … ; "UNDEFINED" otherwise.
  std::string_view name() const noexcept;

  friend constexpr bool operator==(GreetType a, GreetType b) noexcept { return a.bits_ == b.bits_; }

 private:
  std::uint8_t bits_ = 0;
};

}  // namespace mpenc::codec
