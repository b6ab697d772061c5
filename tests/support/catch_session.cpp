// The Catch2 runner, compiled once for every Catch2 test executable (unit,
// scenario, vectors): with the single-header Catch2 2 this translation unit
// holds all of Catch's implementation, the most expensive file of the tests.
#define CATCH_CONFIG_RUNNER
#include "catch.h"

#if MPENC_CATCH3
#include <catch2/catch_session.hpp>
#endif

#include "catch_session.h"

namespace mpenc::testsupport {

int runCatch(int argc, char* argv[]) {
  return Catch::Session().run(argc, argv);
}

}  // namespace mpenc::testsupport
