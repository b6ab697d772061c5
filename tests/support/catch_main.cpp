// Entry point shared by the unit and scenario test executables.
#include "catch_session.h"
#include "mpenc/crypto/primitives.h"

int main(int argc, char* argv[]) {
  if (!mpenc::crypto::initialize()) return 1;
  return mpenc::testsupport::runCatch(argc, argv);
}
