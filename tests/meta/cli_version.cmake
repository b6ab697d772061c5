# `mpenc-chat --version`: "mpENC Chat <VERSION>", then Qt, QXmpp and libsodium,
# each "<name> <running> (built with <built>)". -DAPP -DVERSION.
cmake_minimum_required(VERSION 3.25)  # policies of the project (CMP0007: empty list elements)
execute_process(COMMAND "${APP}" --version OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc TIMEOUT 30)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "--version: exit ${rc}\n${out}${err}")
endif()
set(v "[0-9]+\\.[0-9]+\\.[0-9]+")
string(REPLACE "." "\\." version_re "${VERSION}")
set(want "^mpENC Chat ${version_re}\nQt ${v} \\(built with ${v}\\)\nQXmpp ${v} \\(built with ${v}\\)\n"
         "libsodium ${v} \\(built with ${v}\\)\n$")
string(CONCAT want ${want})
if(NOT out MATCHES "${want}")
  message(FATAL_ERROR "--version output is not as expected:\n${out}")
endif()
message(STATUS "--version:\n${out}")
