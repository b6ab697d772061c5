// The group transport channel as the engine sees it (protocol-rules.md §3.1,
// rules H-M1..H-M5). Implemented by the XMPP MUC adapter (xmpp/) and by the
// in-memory simulator used in tests. core/ stays sans-IO: the transport
// pushes ChannelEvents into the engine, and the engine calls GroupChannel to act.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mpenc::session {

using MemberId = std::string;
using MemberSet = std::set<MemberId>;

/// One event of the channel's global sequence (H-M1), in exactly the order the
/// server delivered it. Every client of an honest server sees the same
/// sequence from its own enter to its own leave (H-M2).
struct ChannelEvent {
  enum class Kind {
    SelfEnter,    ///< we entered; `members` = everyone present, including us ({enter: true, members})
    SelfLeave,    ///< we left, were kicked, or lost the connection ({leave: true}); clears state (T-LI)
    OthersEnter,  ///< `members` entered
    OthersLeave,  ///< `members` left
    Packet,       ///< `sender` sent `wire` (our own packets arrive here too, on reflection)
  };
  Kind kind = Kind::Packet;
  MemberSet members;
  MemberId sender;
  std::string wire;

  static ChannelEvent selfEnter(MemberSet present) { return {Kind::SelfEnter, std::move(present), {}, {}}; }
  static ChannelEvent selfLeave() { return {Kind::SelfLeave, {}, {}, {}}; }
  static ChannelEvent othersEnter(MemberSet m) { return {Kind::OthersEnter, std::move(m), {}, {}}; }
  static ChannelEvent othersLeave(MemberSet m) { return {Kind::OthersLeave, std::move(m), {}, {}}; }
  static ChannelEvent packet(MemberId from, std::string wire) {
    return {Kind::Packet, {}, std::move(from), std::move(wire)};
  }
};

/// What the engine asks of the transport. Calls return immediately; results
/// come back as ChannelEvents (a send counts only when its reflection arrives, H-M3).
class GroupChannel {
 public:
  virtual ~GroupChannel() = default;

  /// Broadcast `wire` to the channel. `intendedRecipients` is informational
  /// (H-M5: packets that are neither initial nor final candidates could travel
  /// out of band); a MUC delivers everything to everyone.
  virtual void send(const std::string& wire, const MemberSet& intendedRecipients) = 0;
  virtual void enter() = 0;
  virtual void leave() = 0;
  /// Remove `member` from the channel (rules T-EO, T-EAL, T-IAL, H-18).
  /// Returns false when the transport cannot (no moderator rights): the
  /// engine then relies on the excluded client leaving on its own (T-TO2).
  virtual bool kick(const MemberId& member) = 0;
  /// Current channel membership; nullopt when we are not in the channel
  /// (which differs from being alone in it, H-M2).
  virtual std::optional<MemberSet> members() const = 0;
};

}  // namespace mpenc::session
