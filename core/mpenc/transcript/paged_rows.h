// PagedRows<T>: an append-only array of fixed-width rows (width 1 for a plain
// array) kept in fixed-size pages instead of one contiguous buffer.
//
// Why (issue 12, transcript memory): a std::vector that doubles holds up to
// twice what it needs, and every doubling copies the whole history once more.
// Here the first page grows like a vector (small transcripts stay small), and
// after that memory grows one page at a time: the slack is at most one page,
// and no row ever moves, so a row's span stays valid while rows are appended.
// A row never straddles two pages.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <vector>

namespace mpenc::transcript {

template <class T>
class PagedRows {
 public:
  /// `width` elements per row; pages hold a power-of-two number of rows with
  /// about `pageBytes` bytes (at least one row).
  explicit PagedRows(std::size_t width = 1, std::size_t pageBytes = std::size_t{64} << 10) : width_(width) {
    if (width_ == 0) throw std::invalid_argument("PagedRows: zero width");
    std::size_t rows = 1;
    while (rows * 2 * width_ * sizeof(T) <= pageBytes) rows *= 2;
    shift_ = 0;
    while ((std::size_t{1} << shift_) < rows) ++shift_;
  }

  std::size_t size() const noexcept { return size_; }
  std::size_t width() const noexcept { return width_; }
  /// The page that holds row i (0 = the first, vector-like page).
  std::size_t pageOf(std::size_t i) const noexcept { return i >> shift_; }

  std::span<T> row(std::size_t i) noexcept { return {rowPtr(i), width_}; }
  std::span<const T> row(std::size_t i) const noexcept { return {rowPtr(i), width_}; }
  /// Element `k` of row `i`.
  T& at(std::size_t i, std::size_t k) noexcept { return rowPtr(i)[k]; }
  const T& at(std::size_t i, std::size_t k) const noexcept { return rowPtr(i)[k]; }
  /// Width-1 arrays: element i.
  T& operator[](std::size_t i) noexcept { return *rowPtr(i); }
  const T& operator[](std::size_t i) const noexcept { return *rowPtr(i); }

  /// Append one row (width() elements, value-initialised) and return it.
  std::span<T> push() {
    const std::size_t i = size_;
    if (i < rowsPerPage()) {
      const std::size_t need = (i + 1) * width_;
      if (need > first_.capacity())
        first_.reserve(std::min(std::max(need, 2 * first_.capacity()), pageElems()));
      first_.resize(need);
    } else {
      const std::size_t page = (i >> shift_) - 1;
      if (page == pages_.size()) pages_.push_back(std::make_unique<T[]>(pageElems()));
    }
    ++size_;
    return row(i);
  }
  void push(std::span<const T> r) {
    auto dst = push();
    std::copy_n(r.begin(), std::min(r.size(), width_), dst.begin());
  }
  void push_back(const T& v) { push()[0] = v; }

  /// Bytes held (buffers, not the object itself).
  std::size_t memoryBytes() const noexcept {
    return first_.capacity() * sizeof(T) + pages_.capacity() * sizeof(std::unique_ptr<T[]>) +
           pages_.size() * pageElems() * sizeof(T);
  }

 private:
  std::size_t rowsPerPage() const noexcept { return std::size_t{1} << shift_; }
  std::size_t pageElems() const noexcept { return rowsPerPage() * width_; }
  std::size_t offset(std::size_t i) const noexcept { return (i & (rowsPerPage() - 1)) * width_; }
  T* rowPtr(std::size_t i) noexcept {
    const std::size_t page = i >> shift_;
    return (page == 0 ? first_.data() : pages_[page - 1].get()) + offset(i);
  }
  const T* rowPtr(std::size_t i) const noexcept {
    const std::size_t page = i >> shift_;
    return (page == 0 ? first_.data() : pages_[page - 1].get()) + offset(i);
  }

  std::size_t width_;
  std::size_t shift_ = 0;
  std::size_t size_ = 0;
  std::vector<T> first_;  // rows [0, rowsPerPage): grows like a vector, never beyond one page
  std::vector<std::unique_ptr<T[]>> pages_;
};

}  // namespace mpenc::transcript
