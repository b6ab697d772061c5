# Runs mpenc-chat like CI and a user would: --version, then --smoke-test with a
# screenshot, and checks that a real PNG came out. Called by CTest with -DAPP
# and -DPNG.
execute_process(COMMAND "${APP}" --version OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^mpENC Chat [0-9]+\\.[0-9]+\\.[0-9]+")
  message(FATAL_ERROR "--version: exit ${rc}, output '${out}'")
endif()

file(REMOVE "${PNG}")
execute_process(COMMAND "${APP}" --smoke-test --screenshot "${PNG}" RESULT_VARIABLE rc TIMEOUT 30)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "--smoke-test exited with '${rc}'")
endif()
if(NOT EXISTS "${PNG}")
  message(FATAL_ERROR "--smoke-test wrote no screenshot at ${PNG}")
endif()
# PNG signature, then the IHDR chunk: width and height as 32-bit big-endian.
file(READ "${PNG}" head LIMIT 24 HEX)
string(SUBSTRING "${head}" 0 16 signature)
string(SUBSTRING "${head}" 32 8 width)
string(SUBSTRING "${head}" 40 8 height)
if(NOT signature STREQUAL "89504e470d0a1a0a" OR width STREQUAL "00000000" OR height STREQUAL "00000000")
  message(FATAL_ERROR "${PNG} is not a non-empty PNG (header ${head})")
endif()
message(STATUS "screenshot ${PNG}: width 0x${width}, height 0x${height}")
