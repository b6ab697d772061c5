// Locating the reference vectors of the original implementation at test time.
// They live in ../shared/vectors beside the checkout (or $MPENC_VECTORS_DIR);
// they are never copied into this repository. When absent, the vector test
// executable exits with code 77, which CTest reports as SKIPPED.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace mpenc::testsupport {

/// The vectors directory, or nullopt if it cannot be found.
std::optional<std::filesystem::path> vectorsDir();
/// Whole file as a string; throws std::runtime_error if unreadable.
std::string readFile(const std::filesystem::path& p);

inline constexpr int kSkipExitCode = 77;

}  // namespace mpenc::testsupport
