# Install-time deployment of mpenc-chat.app on macOS (install(SCRIPT) from
# packaging/cpack-macos.cmake; runs on `cmake --install` and inside cpack).
# Set before this script runs: MPENC_MACDEPLOYQT, MPENC_MACDEPLOYQT_ARGS,
# MPENC_CODESIGN_IDENTITY.
set(_root "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}")
set(_app "${_root}/mpenc-chat.app")
if(NOT EXISTS "${_app}/Contents/MacOS/mpenc-chat")
  message(FATAL_ERROR "deploy: ${_app} is not installed")
endif()

if(MPENC_MACDEPLOYQT)
  # Qt frameworks and plugins, and the non-Qt dylibs, into the bundle.
  message(STATUS "deploy: macdeployqt ${_app} ${MPENC_MACDEPLOYQT_ARGS}")
  execute_process(COMMAND "${MPENC_MACDEPLOYQT}" "${_app}" ${MPENC_MACDEPLOYQT_ARGS} RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "deploy: macdeployqt failed (${_rc})")
  endif()
else()
  message(WARNING "deploy: no macdeployqt: Qt is not copied into the bundle")
endif()

# macdeployqt rewrote the binaries' load commands, which voids their signatures:
# sign again (ad hoc by default; arm64 refuses to run unsigned code).
if(MPENC_CODESIGN_IDENTITY)
  execute_process(COMMAND codesign --force --deep --sign "${MPENC_CODESIGN_IDENTITY}" "${_app}"
                  RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "deploy: codesign failed (${_rc})")
  endif()
endif()

# Inside cpack only: the disk image gets a link to /Applications to drag the app onto.
if(_root MATCHES "/_CPack_Packages/" AND NOT EXISTS "${_root}/Applications")
  file(CREATE_LINK /Applications "${_root}/Applications" SYMBOLIC)
endif()
