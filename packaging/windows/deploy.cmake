# Install-time deployment of mpenc-chat.exe on Windows (install(SCRIPT) from
# packaging/cpack-windows.cmake; runs on `cmake --install` and inside cpack).
# Set before this script runs: MPENC_WINDEPLOYQT, MPENC_WINDEPLOYQT_OPTIONS,
# MPENC_DLL_DIRS, MPENC_EXE_NAME, MPENC_DEPLOY_CONFIG.
#
# 1. file(GET_RUNTIME_DEPENDENCIES) finds the non-Qt DLLs the exe needs (QXmpp,
#    QtKeychain, libsodium, OpenSSL's libcrypto) in MPENC_DLL_DIRS and copies them.
#    System DLLs and Qt's own (step 2) are left out; the MSVC runtime comes from
#    InstallRequiredSystemLibraries.
# 2. windeployqt, given the exe and those DLLs (so the Qt modules only QXmpp or
#    QtKeychain use, e.g. Qt Xml, are found too), copies the Qt DLLs, the plugins
#    (platforms, styles, imageformats, sqldrivers, tls, ...) and Qt's translations.
set(_bin "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/bin")
set(_exe "${_bin}/${MPENC_EXE_NAME}")
if(NOT EXISTS "${_exe}")
  message(FATAL_ERROR "deploy: ${_exe} is not installed")
endif()

# DLL names are matched as the import tables spell them: any case.
file(GET_RUNTIME_DEPENDENCIES
  EXECUTABLES "${_exe}"
  DIRECTORIES ${MPENC_DLL_DIRS}
  RESOLVED_DEPENDENCIES_VAR _resolved
  UNRESOLVED_DEPENDENCIES_VAR _unresolved
  PRE_EXCLUDE_REGEXES "^[Aa][Pp][Ii]-[Mm][Ss]-" "^[Ee][Xx][Tt]-[Mm][Ss]-" "^[Qq][Tt][56]"
  POST_EXCLUDE_REGEXES "[Ss][Yy][Ss][Tt][Ee][Mm]32" "[Ss][Yy][Ss][Ww][Oo][Ww]64"
                       "[/\\\\][Qq][Tt][56][^/\\\\]*\\.[Dd][Ll][Ll]$")
foreach(_dll IN LISTS _resolved)
  message(STATUS "deploy: ${_dll}")
  file(INSTALL "${_dll}" DESTINATION "${_bin}")
endforeach()
if(_unresolved)
  message(WARNING "deploy: DLLs not found (add their directory to MPENC_RUNTIME_DLL_DIRS): ${_unresolved}")
endif()

if(MPENC_WINDEPLOYQT)
  message(STATUS "deploy: windeployqt ${MPENC_DEPLOY_CONFIG} ${MPENC_WINDEPLOYQT_OPTIONS} ${_exe}")
  set(_binaries "${_exe}")
  foreach(_dll IN LISTS _resolved)
    get_filename_component(_name "${_dll}" NAME)
    list(APPEND _binaries "${_bin}/${_name}")
  endforeach()
  execute_process(COMMAND "${MPENC_WINDEPLOYQT}" ${MPENC_DEPLOY_CONFIG} ${MPENC_WINDEPLOYQT_OPTIONS}
                          --dir "${_bin}" ${_binaries}
                  RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "deploy: windeployqt failed (${_rc})")
  endif()
else()
  message(WARNING "deploy: no windeployqt: Qt's DLLs and plugins are not copied")
endif()
