// Entry point of the vector tests: SKIPPED (exit 77) when the reference data
// of the original implementation is not beside the checkout.
#include <cstdio>

#include "catch_session.h"
#include "mpenc/crypto/primitives.h"
#include "vectors.h"

int main(int argc, char* argv[]) {
  if (!mpenc::testsupport::vectorsDir()) {
    std::printf("SKIPPED: reference vectors not found (set MPENC_VECTORS_DIR or place ../shared/vectors)\n");
    return mpenc::testsupport::kSkipExitCode;
  }
  if (!mpenc::crypto::initialize()) return 1;
  return mpenc::testsupport::runCatch(argc, argv);
}
