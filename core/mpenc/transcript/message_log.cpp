#include "mpenc/transcript/message_log.h"

#include <algorithm>
#include <stdexcept>

namespace mpenc::transcript {

SubsessionIdx MessageLog::beginSubsession(const std::vector<MessageId>& latestPm) {
  Sub sub;
  for (const auto& id : latestPm) {
    auto w = where_.find(id);
    if (w == where_.end()) continue;
    for (Row r : resolve(w->second.first, w->second.second)) sub.rootDisplay.push_back(r);
  }
  std::sort(sub.rootDisplay.begin(), sub.rootDisplay.end());
  sub.rootDisplay.erase(std::unique(sub.rootDisplay.begin(), sub.rootDisplay.end()), sub.rootDisplay.end());
  subs_.push_back(std::move(sub));
  return static_cast<SubsessionIdx>(subs_.size() - 1);
}

std::vector<Row> MessageLog::resolve(SubsessionIdx s, Pos p) const {
  const Sub& sub = subs_.at(s);
  const std::int64_t r = sub.posToRow.at(p);
  if (r >= 0) return {static_cast<Row>(r)};
  return sub.hiddenResolve.at(p);
}

// C-22: nearest content ancestors of p (through hidden messages), maximal only.
std::vector<Row> MessageLog::displayParentsOf(SubsessionIdx s, const Transcript& t, Pos p) const {
  const auto parents = t.parents(p);
  if (parents.empty()) return subs_[s].rootDisplay;
  std::vector<Row> cand;
  for (Pos q : parents)
    for (Row r : resolve(s, q)) cand.push_back(r);
  std::sort(cand.begin(), cand.end());
  cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
  const bool anyCurrent =
      std::any_of(cand.begin(), cand.end(), [&](Row r) { return rows_[r].subsession == s; });
  if (!anyCurrent) return cand;  // all from earlier subsessions (via roots)
  std::vector<Row> out;
  for (Row a : cand) {
    if (rows_[a].subsession != s) continue;  // dominated by the current subsession's rows
    bool dominated = false;
    for (Row b : cand)
      if (b != a && rows_[b].subsession == s && t.isAncestor(rows_[a].pos, rows_[b].pos)) {
        dominated = true;
        break;
      }
    if (!dominated) out.push_back(a);
  }
  return out;
}

void MessageLog::refreshAcks(LogRow& row, const Transcript& t) const {
  row.unackedBy = t.unackedBy(row.pos);
  row.fullyAcked = row.unackedBy.empty();
}

LogUpdate MessageLog::onDelivered(SubsessionIdx s, const Transcript& t, const AddResult& r) {
  LogUpdate up;
  if (r.status == AddResult::Status::Duplicate) return up;
  Sub& sub = subs_.at(s);
  if (r.pos != sub.posToRow.size())
    throw std::out_of_range("MessageLog: messages must be recorded in delivery order");
  const Pos p = r.pos;
  where_.emplace(t.id(p), std::make_pair(s, p));

  if (!t.isContent(p)) {
    sub.posToRow.push_back(-1);
    sub.hiddenResolve.emplace(p, displayParentsOf(s, t, p));
  } else {
    LogRow row;
    row.subsession = s;
    row.pos = p;
    row.id = t.id(p);
    row.author = t.author(p);
    row.readers = t.readers(p);
    for (Pos q : t.parents(p)) row.parents.push_back(t.id(q));
    row.displayParents = displayParentsOf(s, t, p);
    const Row me = rows_.size();
    for (Row d : row.displayParents) row.offsets.push_back(me - d);
    std::sort(row.offsets.begin(), row.offsets.end());
    row.highlight = me != 0 && !row.offsets.empty() && !(row.offsets.size() == 1 && row.offsets[0] == 1);
    refreshAcks(row, t);
    sub.posToRow.push_back(static_cast<std::int64_t>(me));
    rows_.push_back(std::move(row));
    up.appended = me;
  }

  // Rows whose unackby lost the new message's author (A-5 walk).
  for (Pos q : r.ackProgress) {
    const std::int64_t rr = sub.posToRow.at(q);
    if (rr < 0) continue;
    refreshAcks(rows_[static_cast<Row>(rr)], t);
    up.changed.push_back(static_cast<Row>(rr));
  }
  if (listener_) listener_(up);
  return up;
}

std::optional<Row> MessageLog::rowOf(const MessageId& id) const {
  auto w = where_.find(id);
  if (w == where_.end()) return std::nullopt;
  const std::int64_t r = subs_[w->second.first].posToRow[w->second.second];
  if (r < 0) return std::nullopt;
  return static_cast<Row>(r);
}

}  // namespace mpenc::transcript
