// A small Expected<T, E> (std::expected is C++23): the error model of core/.
// Every error a peer can cause is returned as a value, never thrown or asserted.
#pragma once

#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

namespace mpenc {

template <class E>
struct Unexpected {
  E error;
};
template <class E>
Unexpected(E) -> Unexpected<E>;

/// Construct the error alternative: `return fail(DecodeError{...});`
template <class E>
Unexpected<std::decay_t<E>> fail(E&& e) {
  return {std::forward<E>(e)};
}

/// Thrown only when code reads the wrong alternative (a programming error in
/// our own code, never reachable from peer input when callers check first).
struct BadExpectedAccess : std::logic_error {
  using std::logic_error::logic_error;
};

template <class T, class E>
class [[nodiscard]] Expected {
 public:
  using value_type = T;
  using error_type = E;

  Expected(const T& v) : v_(std::in_place_index<0>, v) {}        // NOLINT(google-explicit-constructor)
  Expected(T&& v) : v_(std::in_place_index<0>, std::move(v)) {}  // NOLINT(google-explicit-constructor)
  template <class G>
  Expected(Unexpected<G> u)  // NOLINT(google-explicit-constructor)
      : v_(std::in_place_index<1>, E(std::move(u.error))) {}

  bool has_value() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & {
    check();
    return std::get<0>(v_);
  }
  const T& value() const& {
    check();
    return std::get<0>(v_);
  }
  T&& value() && {
    check();
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const& {
    if (has_value()) throw BadExpectedAccess("Expected: error() on a value");
    return std::get<1>(v_);
  }

 private:
  void check() const {
    if (!has_value()) throw BadExpectedAccess("Expected: value() on an error");
  }
  std::variant<T, E> v_;
};

/// Expected<void, E>: success or an error.
template <class E>
class [[nodiscard]] Status {
 public:
  Status() = default;
  template <class G>
  Status(Unexpected<G> u) : err_(E(std::move(u.error))), failed_(true) {}  // NOLINT
  static Status ok() { return {}; }
  bool has_value() const noexcept { return !failed_; }
  explicit operator bool() const noexcept { return !failed_; }
  const E& error() const {
    if (!failed_) throw BadExpectedAccess("Status: error() on success");
    return err_;
  }

 private:
  E err_{};
  bool failed_ = false;
};

}  // namespace mpenc
