# Runs a validator: -DTOOL=name -DARGS=a|b|c. Fails on a non-zero exit or on
# any warning it prints; skips (MPENC-SKIP) when the tool is missing, except
# under CI=true, where a missing validator is a failure.
cmake_minimum_required(VERSION 3.25)  # policies of the project (CMP0007: empty list elements)
find_program(tool_path "${TOOL}")
if(NOT tool_path)
  if("$ENV{CI}" STREQUAL "true")
    message(FATAL_ERROR "${TOOL} is not installed (CI=true): run tools/deps.sh")
  endif()
  message("MPENC-SKIP: ${TOOL} is not installed (tools/deps.sh installs it)")
  return()
endif()
string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND "${tool_path}" ${args} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
message("${TOOL} ${args}: exit ${rc}\n${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${TOOL} failed (exit ${rc})")
endif()
# desktop-file-validate prints warnings and hints but exits 0 on them.
if(TOOL STREQUAL "desktop-file-validate" AND NOT "${out}${err}" STREQUAL "")
  message(FATAL_ERROR "desktop-file-validate complained")
endif()
# appstreamcli exits non-zero on warnings and errors; infos and pedantic notes pass.
if(TOOL STREQUAL "appstreamcli" AND "${out}${err}" MATCHES "(^|\n)[EW]: ")
  message(FATAL_ERROR "appstreamcli reported an error or warning")
endif()
