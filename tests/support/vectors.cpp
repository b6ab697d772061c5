#include "vectors.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace mpenc::testsupport {

std::optional<std::filesystem::path> vectorsDir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("MPENC_VECTORS_DIR"); env != nullptr && *env != '\0') {
    fs::path p(env);
    if (fs::exists(p / "mpenc-js-kat.json")) return p;
    return std::nullopt;
  }
#ifdef MPENC_DEFAULT_VECTORS_DIR
  fs::path p(MPENC_DEFAULT_VECTORS_DIR);
  if (fs::exists(p / "mpenc-js-kat.json")) return p;
#endif
  return std::nullopt;
}

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace mpenc::testsupport
