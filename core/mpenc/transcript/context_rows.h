// ContextRows: the vector clocks of a transcript (one row of #members
// uint32 per message, protocol-rules.md §1.2) in about half the memory.
//
// Each page of rows keeps the first row of the page as its base; a row
// stores its difference to that base as int16. Rows accepted close together
// have close vector clocks (every entry counts messages of one author), so in
// practice every difference fits; one that does not (a member whose view lags
// the page's first message by more than 32,767 messages of one author) is kept
// exactly in an overflow table. Lookups stay O(1): le(a, b) reads one entry.
// (issue 12: ≤ 300 bytes per message beyond content with 50 authors.)
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <unordered_map>
#include <vector>

#include "mpenc/transcript/paged_rows.h"

namespace mpenc::transcript {

class ContextRows {
 public:
  explicit ContextRows(std::size_t width) : width_(width), delta_(width == 0 ? 1 : width, kPageBytes) {}

  std::size_t size() const noexcept { return delta_.size(); }

  void push(std::span<const std::uint32_t> row) {
    const std::size_t i = delta_.size();
    const std::size_t page = delta_.pageOf(i);
    if (page * width_ == base_.size())
      for (std::size_t u = 0; u < width_; ++u) base_.push_back(row[u]);
    const std::uint32_t* base = base_.data() + page * width_;
    auto d = delta_.push();
    for (std::size_t u = 0; u < width_; ++u) {
      const std::int64_t diff = std::int64_t{row[u]} - std::int64_t{base[u]};
      if (diff > kMaxDelta || diff < -kMaxDelta) {
        d[u] = kEscape;
        overflow_[key(i, u)] = row[u];
      } else {
        d[u] = static_cast<std::int16_t>(diff);
      }
    }
  }

  /// One row, its page found once: entries read without redoing that.
  class RowView {
   public:
    std::uint32_t operator[](std::size_t u) const {
      if (d_[u] == kEscape) [[unlikely]]
        return rows_->overflowAt(i_, u);
      return static_cast<std::uint32_t>(std::int64_t{b_[u]} + d_[u]);
    }

   private:
    friend class ContextRows;
    RowView(const ContextRows* rows, std::size_t i)
        : rows_(rows),
          d_(rows->delta_.row(i).data()),
          b_(rows->base_.data() + rows->delta_.pageOf(i) * rows->width_),
          i_(i) {}
    const ContextRows* rows_;
    const std::int16_t* d_;
    const std::uint32_t* b_;
    std::size_t i_;
  };
  RowView view(std::size_t i) const { return RowView(this, i); }
  std::uint32_t at(std::size_t i, std::size_t u) const { return view(i)[u]; }

  /// acc[u] = max(acc[u], row i [u]) for every u: the context rule of
  /// Transcript::add over one parent, without decoding entry by entry.
  void maxInto(std::size_t i, std::span<std::uint32_t> acc) const {
    const RowView r = view(i);
    for (std::size_t u = 0; u < width_; ++u) acc[u] = std::max(acc[u], r[u]);
  }

  /// Row i, decoded.
  std::vector<std::uint32_t> row(std::size_t i) const {
    std::vector<std::uint32_t> out(width_);
    const RowView r = view(i);
    for (std::size_t u = 0; u < width_; ++u) out[u] = r[u];
    return out;
  }

  /// Entries kept in the overflow table (tests, benchmarks).
  std::size_t overflowCount() const noexcept { return overflow_.size(); }

  std::size_t memoryBytes() const noexcept {
    return delta_.memoryBytes() + base_.capacity() * sizeof(std::uint32_t) +
           overflow_.size() * (sizeof(std::uint64_t) + sizeof(std::uint32_t) + 2 * sizeof(void*)) +
           overflow_.bucket_count() * sizeof(void*);
  }

 private:
  static constexpr std::size_t kPageBytes = std::size_t{64} << 10;
  static constexpr std::int16_t kEscape = std::numeric_limits<std::int16_t>::min();
  static constexpr std::int64_t kMaxDelta = std::numeric_limits<std::int16_t>::max();
  std::uint32_t overflowAt(std::size_t i, std::size_t u) const { return overflow_.at(key(i, u)); }
  static std::uint64_t key(std::size_t i, std::size_t u) noexcept {
    return (std::uint64_t{i} << 16) | std::uint64_t{u};
  }

  std::size_t width_;
  PagedRows<std::int16_t> delta_;
  std::vector<std::uint32_t> base_;  // page-major: base_[page * width_ + u]
  std::unordered_map<std::uint64_t, std::uint32_t> overflow_;
};

}  // namespace mpenc::transcript
