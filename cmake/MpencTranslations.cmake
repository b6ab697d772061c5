# Translations (Qt Linguist), the same on the Qt 5 and the Qt 6 lane:
#
#   resources/translations/mpenc-chat_<lang>.ts  --lrelease-->  <lang>.qm
#   --rcc-->  a Qt resource under :/i18n/ compiled into the target, so the
#   installed app needs no extra files (app/translations.cpp loads them).
#
# mpenc-chat_de.ts is the German translation; mpenc-chat_en.ts holds only the
# English plural forms of the "%n …" texts (lupdate -pluralonly), the source
# language needs nothing else.
#
# Targets:
#   mpenc_lupdate  (not built by default) refreshes the .ts files from the
#                  sources under ui/ and app/; translate what it marks unfinished.
#   release_translations / <target>_lrelease  (Qt's own) run lrelease.
# The CTest mpenc_translations_complete fails while a source text has no German
# translation or an "%n" text no English plural (tests/gui/CMakeLists.txt).
find_package(Qt${MPENC_QT} REQUIRED COMPONENTS LinguistTools)

set(MPENC_TS_DIR "${PROJECT_SOURCE_DIR}/resources/translations")
set(MPENC_TS_TRANSLATED "${MPENC_TS_DIR}/mpenc-chat_de.ts")
set(MPENC_TS_PLURALS "${MPENC_TS_DIR}/mpenc-chat_en.ts")
set(MPENC_TS_FILES ${MPENC_TS_TRANSLATED} ${MPENC_TS_PLURALS})
# Where the translatable texts live, and the lupdate options (also used by the check).
set(MPENC_TR_SOURCE_DIRS "${PROJECT_SOURCE_DIR}/ui" "${PROJECT_SOURCE_DIR}/xmpp" "${PROJECT_SOURCE_DIR}/app")
set(MPENC_LUPDATE_OPTIONS -no-obsolete -locations none -I "${PROJECT_SOURCE_DIR}")
set(MPENC_LUPDATE "$<TARGET_FILE:Qt${MPENC_QT}::lupdate>")

# mpenc_add_translations(<target>): lrelease every .ts and compile the .qm
# files into <target> as the resource :/i18n/<name>.qm. The resource is named
# <target>_i18n: call Q_INIT_RESOURCE(<target>_i18n) once (static libraries).
function(mpenc_add_translations target)
  set(qm_dir "${CMAKE_CURRENT_BINARY_DIR}/i18n")
  file(MAKE_DIRECTORY "${qm_dir}")
  set_source_files_properties(${MPENC_TS_FILES} PROPERTIES OUTPUT_LOCATION "${qm_dir}")
  if(MPENC_QT EQUAL 5)
    qt5_add_translation(qm_files ${MPENC_TS_FILES})
  elseif(Qt6_VERSION VERSION_GREATER_EQUAL 6.7)
    qt6_add_lrelease(TS_FILES ${MPENC_TS_FILES} LRELEASE_TARGET ${target}_lrelease
                     QM_FILES_OUTPUT_VARIABLE qm_files)
  else()
    qt6_add_lrelease(${target} TS_FILES ${MPENC_TS_FILES} QM_FILES_OUTPUT_VARIABLE qm_files)
  endif()

  set(entries "")
  foreach(qm IN LISTS qm_files)
    get_filename_component(name "${qm}" NAME)
    string(APPEND entries "    <file alias=\"${name}\">${qm}</file>\n")
  endforeach()
  set(qrc "${CMAKE_CURRENT_BINARY_DIR}/${target}_i18n.qrc")
  file(CONFIGURE OUTPUT "${qrc}"
       CONTENT "<!DOCTYPE RCC>\n<RCC version=\"1.0\">\n  <qresource prefix=\"/i18n\">\n${entries}  </qresource>\n</RCC>\n"
       @ONLY)
  if(MPENC_QT EQUAL 5)
    qt5_add_resources(rcc_sources "${qrc}")
  else()
    qt6_add_resources(rcc_sources "${qrc}")
  endif()
  set_source_files_properties(${rcc_sources} PROPERTIES SKIP_AUTOGEN ON)
  target_sources(${target} PRIVATE ${rcc_sources})
endfunction()

if(NOT TARGET mpenc_lupdate)
  add_custom_target(mpenc_lupdate
    COMMAND ${MPENC_LUPDATE} ${MPENC_LUPDATE_OPTIONS} ${MPENC_TR_SOURCE_DIRS} -ts "${MPENC_TS_TRANSLATED}"
    COMMAND ${MPENC_LUPDATE} ${MPENC_LUPDATE_OPTIONS} -pluralonly ${MPENC_TR_SOURCE_DIRS} -ts "${MPENC_TS_PLURALS}"
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    COMMENT "lupdate: refreshing resources/translations/*.ts from ui/, xmpp/ and app/"
    VERBATIM)
endif()
