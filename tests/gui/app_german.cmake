# mpenc-chat in a German locale, as a user starts it (issue 11): the UI
# language follows the system locale (LANG / LC_ALL / LANGUAGE). Checks
#  - `--help` is German (the app's own texts; Qt's are German when the system
#    has Qt's translations),
#  - `--headless --help` stays English (the JSON front end's texts never change),
#  - the demo room runs and is saved as a screenshot to look at (-DPNG).
# Called by CTest with -DAPP and -DPNG.
set(de_env LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 LC_MESSAGES=de_DE.UTF-8 LANGUAGE=de)

execute_process(COMMAND ${CMAKE_COMMAND} -E env ${de_env} "${APP}" --help
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc TIMEOUT 30)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "--help (German locale): exit ${rc}\n${out}${err}")
endif()
foreach(want "XMPP-Gruppenchat mit mpENC-Ende-zu-Ende-Verschlüsselung" "Offline-Demoraum")
  string(FIND "${out}" "${want}" at)
  if(at LESS 0)
    message(FATAL_ERROR "--help in a German locale does not contain '${want}':\n${out}")
  endif()
endforeach()
string(FIND "${out}" "Open an offline demo room" at)
if(NOT at LESS 0)
  message(FATAL_ERROR "--help in a German locale still shows the English text:\n${out}")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} -E env ${de_env} "${APP}" --headless --help
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc TIMEOUT 30)
string(FIND "${out}" "No window: JSON commands on stdin" at)
if(NOT rc EQUAL 0 OR at LESS 0)
  message(FATAL_ERROR "--headless --help (German locale) is not the English text: exit ${rc}\n${out}${err}")
endif()

file(REMOVE "${PNG}")
execute_process(COMMAND ${CMAKE_COMMAND} -E env ${de_env} "${APP}" --demo --smoke-test --smoke-wait 2500
                        --screenshot "${PNG}"
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc TIMEOUT 60)
if(NOT rc EQUAL 0 OR NOT EXISTS "${PNG}")
  message(FATAL_ERROR "--demo --smoke-test in a German locale: exit ${rc}, no screenshot at ${PNG}\n${out}${err}")
endif()
message(STATUS "German demo room: ${PNG}")
