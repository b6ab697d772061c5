# Errors a user can meet at the command line, without a display (a terminal
# over ssh, a container): a misspelt option is named (exit 1), and the window
# without a display says so and what to do (exit 1) — never Qt's abort for a
# missing display (exit 134 before). -DAPP.
cmake_minimum_required(VERSION 3.25)
set(noDisplay ${CMAKE_COMMAND} -E env --unset=DISPLAY --unset=WAYLAND_DISPLAY --unset=QT_QPA_PLATFORM)
function(expect what want_rc want_err)
  execute_process(COMMAND ${noDisplay} "${APP}" ${ARGN} OUTPUT_VARIABLE out ERROR_VARIABLE err
                  RESULT_VARIABLE rc TIMEOUT 30)
  if(NOT rc STREQUAL "${want_rc}")
    message(FATAL_ERROR "${what}: exit ${rc}, want ${want_rc}\n${out}${err}")
  endif()
  string(FIND "${err}" "${want_err}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${what}: stderr lacks \"${want_err}\":\n${err}")
  endif()
  message(STATUS "${what}: exit ${rc}: ${err}")
endfunction()
expect("a misspelt option" 1 "Unknown option 'bogus'" --bogus)
expect("a misspelt option with a value" 1 "Unknown option 'profil'" --profil=x)
expect("the window without a display" 1 "no display to open the window on")
