#include "mpenc/codec/greet_type.h"

namespace mpenc::codec {

bool GreetType::isDefined(std::uint8_t bits) noexcept {
  switch (bits) {
    case InitInitiatorUp:
    case InitParticipantUp:
    case InitParticipantDown:
    case InitParticipantConfirmDown:
    case IncludeAuxInitiatorUp:
    case IncludeAuxParticipantUp:
    case IncludeAuxParticipantDown:
    case IncludeAuxParticipantConfirmDown:
    case ExcludeAuxInitiatorDown:
    case ExcludeAuxParticipantConfirmDown:
    case RefreshAuxInitiatorDown:
    case AbortAuxDown:
      return true;
    default:
      return false;
  }
}

std::string_view GreetType::name() const noexcept {
  switch (bits_) {
    case InitInitiatorUp:
      return "INIT_INITIATOR_UP";
    case InitParticipantUp:
      return "INIT_PARTICIPANT_UP";
    case InitParticipantDown:
      return "INIT_PARTICIPANT_DOWN";
    case InitParticipantConfirmDown:
      return "INIT_PARTICIPANT_CONFIRM_DOWN";
    case IncludeAuxInitiatorUp:
      return "INCLUDE_AUX_INITIATOR_UP";
    case IncludeAuxParticipantUp:
      return "INCLUDE_AUX_PARTICIPANT_UP";
    case IncludeAuxParticipantDown:
      return "INCLUDE_AUX_PARTICIPANT_DOWN";
    case IncludeAuxParticipantConfirmDown:
      return "INCLUDE_AUX_PARTICIPANT_CONFIRM_DOWN";
    case ExcludeAuxInitiatorDown:
      return "EXCLUDE_AUX_INITIATOR_DOWN";
    case ExcludeAuxParticipantConfirmDown:
      return "EXCLUDE_AUX_PARTICIPANT_CONFIRM_DOWN";
    case RefreshAuxInitiatorDown:
      return "REFRESH_AUX_INITIATOR_DOWN";
    case QuitDown:
      return "QUIT_DOWN";
    case AbortAuxDown:
      return "ABORT_AUX_DOWN";
    default:
      return "UNDEFINED";
  }
}

}  // namespace mpenc::codec
