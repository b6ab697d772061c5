// MessageLog: the user-level linear view across subsessions
// (protocol-rules.md §1.6 C-19..C-22, §4 U-1..U-4, U-15/U-16).
//
// - U-1/C-19: rows are appended in delivery order, never inserted above.
// - U-4: hidden kinds (explicit acks, heartbeats, Consistency/FIN, chain acks)
//   get no row: everything but Payload (Transcript::isContent).
// - C-22: a row's display parents are its nearest *content* ancestors, found
//   by resolving hidden parents through their own parents; a root message of
//   a subsession resolves to the LATEST_PM of the greeting that created the
//   subsession (beginSubsession). The resolved set is reduced to its maximal
//   elements within the subsession (rows from earlier subsessions are
//   dominated by any row of the current one).
// - U-2/C-21: offsets = {row − display-parent row}; no annotation for {1}, for
//   the first row and for rows without display parents.
// - U-15/U-16: unacked-by and fully-acked are kept live; each update reports
//   exactly the rows that changed (also through an optional listener).
//
// The log does not own transcripts: the session passes the subsession's
// Transcript with every delivered message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "mpenc/transcript/transcript.h"

namespace mpenc::transcript {

using SubsessionIdx = std::uint32_t;
using Row = std::size_t;

struct LogRow {
  SubsessionIdx subsession = 0;
  Pos pos = 0;  ///< position in that subsession's transcript
  MessageId id{};
  std::string author;
  std::vector<std::string> readers;
  std::vector<MessageId> parents;      ///< real parents pre(m) (possibly hidden messages)
  std::vector<Row> displayParents;     ///< rows, ascending (C-22)
  std::vector<std::size_t> offsets;    ///< U-2 "[k]": row − display parent, ascending
  bool highlight = false;              ///< C-20/U-2: offsets ≠ {1} (never the first row)
  std::vector<std::string> unackedBy;  ///< live (U-16)
  bool fullyAcked = false;             ///< live (U-15)
};

struct LogUpdate {
  std::optional<Row> appended;  ///< the new row, if the message is displayed
  std::vector<Row> changed;     ///< earlier rows whose ack state changed, ascending
};

class MessageLog {
 public:
  using Listener = std::function<void(const LogUpdate&)>;

  /// Open the next subsession. `latestPm`: the LATEST_PM references of the
  /// initial packet that created it (IDs in earlier subsessions; unknown IDs
  /// are ignored — W-10 is the session's business). Returns its index.
  SubsessionIdx beginSubsession(const std::vector<MessageId>& latestPm = {});

  /// Record a message just delivered into subsession `s` (in delivery order)
  /// with its AddResult. Duplicates are ignored. Throws std::out_of_range for
  /// an unknown subsession or a position not following the previous one
  /// (caller bug).
  LogUpdate onDelivered(SubsessionIdx s, const Transcript& t, const AddResult& r);

  std::size_t size() const noexcept { return rows_.size(); }
  const LogRow& row(Row i) const { return rows_.at(i); }
  const std::vector<LogRow>& rows() const noexcept { return rows_; }
  std::optional<Row> rowOf(const MessageId& id) const;
  /// U-2: whether the row needs its "[k]" annotation.
  bool shouldHighlight(Row i) const { return row(i).highlight; }
  std::size_t subsessions() const noexcept { return subs_.size(); }

  void setListener(Listener l) { listener_ = std::move(l); }

 private:
  struct Sub {
    std::vector<Row> rootDisplay;                             // resolved LATEST_PM rows
    std::vector<std::int64_t> posToRow;                       // −1 for hidden messages
    std::unordered_map<Pos, std::vector<Row>> hiddenResolve;  // C-22 memo
  };
  std::vector<Row> resolve(SubsessionIdx s, Pos p) const;
  std::vector<Row> displayParentsOf(SubsessionIdx s, const Transcript& t, Pos p) const;
  void refreshAcks(LogRow& row, const Transcript& t) const;

  std::vector<LogRow> rows_;
  std::vector<Sub> subs_;
  std::unordered_map<MessageId, std::pair<SubsessionIdx, Pos>, MessageIdHash> where_;
  Listener listener_;
};

}  // namespace mpenc::transcript
