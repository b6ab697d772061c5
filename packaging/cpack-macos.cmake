# macOS: mpenc-chat.app in a DragNDrop disk image (cpack in the build
# directory). Included by packaging/cpack.cmake on APPLE.
# Untested here (no macOS machine); .github/workflows/release.yml runs it.
#
# The bundle (cmake/MpencPlatformApp.cmake) is installed at the top of the
# install prefix (app/CMakeLists.txt: BUNDLE DESTINATION .); then, at install
# time, macdeployqt copies into it:
#   Contents/Frameworks/   the Qt frameworks, and the non-Qt libraries the exe links:
#                          QXmpp, QtKeychain, libsodium, OpenSSL's libcrypto (found through
#                          the exe's load commands; MPENC_MACDEPLOYQT_LIBPATHS for @rpath
#                          ones), with their install names rewritten
#   Contents/PlugIns/      platforms/libqcocoa, styles, imageformats, sqldrivers/libqsqlite
#                          (xmpp/history_store.cpp), tls/ (Qt 6: libqsecuretransportbackend
#                          or the OpenSSL backend; QXmpp's TLS goes through QSslSocket)
#   Contents/Resources/    qt.conf, mpenc-chat.icns (rendered at build time from the SVG),
#                          licenses/ (MPENC_THIRD_PARTY_LICENSES)
# and the bundle is signed ad hoc (or with MPENC_MACOS_CODESIGN_IDENTITY), as Apple
# Silicon requires once macdeployqt has rewritten the binaries. Not notarized.
#
# The disk image holds the bundle and a link to /Applications. The Linux desktop
# files of resources/ (share/...) are installed too and appear in the image.

include(${CMAKE_CURRENT_LIST_DIR}/find-deploy-tool.cmake)

mpenc_find_deploy_tool(MPENC_MACDEPLOYQT macdeployqt)
if(NOT MPENC_MACDEPLOYQT)
  message(WARNING "macdeployqt not found: the app bundle will lack Qt (set MPENC_MACDEPLOYQT)")
endif()

# Libraries with an @rpath install name need their directory on macdeployqt's
# search path (-libpath=, Qt 6). The release workflow builds the dependencies with
# absolute install names (CMAKE_INSTALL_NAME_DIR), which macdeployqt follows as is.
set(MPENC_MACDEPLOYQT_LIBPATHS "" CACHE STRING "Library directories for macdeployqt -libpath= (@rpath libraries)")
set(_mpenc_macdeployqt_args -always-overwrite -verbose=1)
foreach(_dir IN LISTS MPENC_MACDEPLOYQT_LIBPATHS)
  list(APPEND _mpenc_macdeployqt_args "-libpath=${_dir}")
endforeach()
set(MPENC_MACOS_CODESIGN_IDENTITY "-" CACHE STRING "codesign identity for the bundle (- = ad hoc)")

set(MPENC_THIRD_PARTY_LICENSES "" CACHE STRING "Licence files of the bundled libraries")
if(MPENC_THIRD_PARTY_LICENSES)
  install(FILES ${MPENC_THIRD_PARTY_LICENSES} DESTINATION mpenc-chat.app/Contents/Resources/licenses)
endif()
install(FILES "${CMAKE_CURRENT_LIST_DIR}/license.txt"
        DESTINATION mpenc-chat.app/Contents/Resources/licenses RENAME mpenc-chat.txt)

# Install-time deployment, after the bundle is installed (install rules run in order, CMP0082).
install(CODE "set(MPENC_MACDEPLOYQT [[${MPENC_MACDEPLOYQT}]])
set(MPENC_MACDEPLOYQT_ARGS [[${_mpenc_macdeployqt_args}]])
set(MPENC_CODESIGN_IDENTITY [[${MPENC_MACOS_CODESIGN_IDENTITY}]])")
install(SCRIPT "${CMAKE_CURRENT_LIST_DIR}/macos/deploy.cmake")

set(CPACK_GENERATOR "DragNDrop")
set(CPACK_PACKAGE_FILE_NAME "mpenc-chat-${PROJECT_VERSION}-macos-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_DMG_VOLUME_NAME "mpENC Chat ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDZO")
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_CURRENT_LIST_DIR}/license.txt")
# A licence agreement shown by the image would need CPACK_DMG_SLA_*; the text is in the bundle.
set(CPACK_DMG_SLA_USE_RESOURCE_FILE_LICENSE OFF)
