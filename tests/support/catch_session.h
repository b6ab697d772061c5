// Runs the Catch2 session of a test executable (catch_session.cpp).
#pragma once

namespace mpenc::testsupport {

/// Catch::Session().run(argc, argv): the exit code of the test run.
int runCatch(int argc, char* argv[]);

}  // namespace mpenc::testsupport
