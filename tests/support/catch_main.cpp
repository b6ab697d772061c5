// Entry point shared by the unit and scenario test executables.
#define CATCH_CONFIG_RUNNER
#include "catch.h"
#include "mpenc/crypto/primitives.h"

#if MPENC_CATCH3
#include <catch2/catch_session.hpp>
#endif

int main(int argc, char* argv[]) {
  if (!mpenc::crypto::initialize()) return 1;
  return Catch::Session().run(argc, argv);
}
