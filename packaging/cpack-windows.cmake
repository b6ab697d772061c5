# Windows: an NSIS installer and a ZIP of the same tree (cpack in the build
# directory, or `cpack -G ZIP`). Included by packaging/cpack.cmake on WIN32.
# Untested here (no Windows machine); .github/workflows/release.yml runs it.
#
# Layout of the installation (and of the ZIP):
#   bin/mpenc-chat.exe        the app (WIN32_EXECUTABLE, icon and version resource:
#                             cmake/MpencPlatformApp.cmake)
#   bin/Qt6*.dll, bin/<plugin type>/   Qt and its plugins, copied by windeployqt at install
#                             time: platforms/qwindows, styles, imageformats, sqldrivers/qsqlite
#                             (xmpp/history_store.cpp), tls/qschannelbackend + qopensslbackend
#                             + qcertonlybackend (Qt 6: QXmpp's TLS goes through QSslSocket;
#                             Schannel needs no OpenSSL DLL), translations/ (Qt's own .qm).
#                             The app loads no SVG at run time (ui/app_icon.cpp draws the icon),
#                             so imageformats/qsvg is not needed and windeployqt only adds it
#                             when Qt Svg is installed.
#   bin/QXmppQt6.dll, bin/qt6keychain.dll, bin/libsodium.dll, bin/libcrypto-3-x64.dll
#                             the non-Qt DLLs, found by file(GET_RUNTIME_DEPENDENCIES) on the
#                             installed exe in the directories listed in MPENC_RUNTIME_DLL_DIRS
#                             plus the ones derived below from where CMake found each library
#                             (packaging/windows/deploy.cmake).
#   bin/vcruntime140*.dll, bin/msvcp140*.dll   the MSVC runtime (InstallRequiredSystemLibraries).
#   licenses/                 MPENC_THIRD_PARTY_LICENSES (the CI copies the upstream files).
#   share/...                 the Linux desktop files of resources/ (unused on Windows).

# ---- the deployment tool -----------------------------------------------------------
include(${CMAKE_CURRENT_LIST_DIR}/find-deploy-tool.cmake)

mpenc_find_deploy_tool(MPENC_WINDEPLOYQT windeployqt)
set(MPENC_WINDEPLOYQT_OPTIONS "--no-compiler-runtime;--no-system-d3d-compiler;--no-opengl-sw"
    CACHE STRING "Options for windeployqt (the compiler runtime comes from InstallRequiredSystemLibraries)")
if(NOT MPENC_WINDEPLOYQT)
  message(WARNING "windeployqt not found: the Windows package will lack Qt's DLLs and plugins "
                  "(set MPENC_WINDEPLOYQT)")
endif()

# ---- where the non-Qt DLLs are -----------------------------------------------------
# Each library's DLL sits in <prefix>/bin next to <prefix>/lib (CMake and pkg-config
# installs) or beside its import library (libsodium's MSVC build output).
set(_mpenc_dll_dirs "")
foreach(_dir IN ITEMS "${QXmppQt6_DIR}" "${QXmpp_DIR}" "${Qt6Keychain_DIR}" "${Qt5Keychain_DIR}")
  if(_dir)
    get_filename_component(_prefix "${_dir}/../../.." ABSOLUTE)  # <prefix>/lib/cmake/<name>
    list(APPEND _mpenc_dll_dirs "${_prefix}/bin")
  endif()
endforeach()
foreach(_dir IN LISTS SODIUM_LIBRARY_DIRS)
  list(APPEND _mpenc_dll_dirs "${_dir}" "${_dir}/../bin")
endforeach()
if(OPENSSL_INCLUDE_DIR)
  get_filename_component(_prefix "${OPENSSL_INCLUDE_DIR}/.." ABSOLUTE)
  list(APPEND _mpenc_dll_dirs "${_prefix}" "${_prefix}/bin")
endif()
set(MPENC_RUNTIME_DLL_DIRS "" CACHE STRING "More directories to search for the DLLs mpenc-chat.exe needs")
list(APPEND _mpenc_dll_dirs ${MPENC_RUNTIME_DLL_DIRS})
list(REMOVE_DUPLICATES _mpenc_dll_dirs)

set(MPENC_THIRD_PARTY_LICENSES "" CACHE STRING "Licence files of the bundled libraries, installed to licenses/")
if(MPENC_THIRD_PARTY_LICENSES)
  install(FILES ${MPENC_THIRD_PARTY_LICENSES} DESTINATION licenses)
endif()
install(FILES "${CMAKE_CURRENT_LIST_DIR}/license.txt" DESTINATION licenses RENAME mpenc-chat.txt)

# ---- install-time deployment (after the exe: install rules run in order, CMP0082) ----
install(CODE "set(MPENC_WINDEPLOYQT [[${MPENC_WINDEPLOYQT}]])
set(MPENC_WINDEPLOYQT_OPTIONS [[${MPENC_WINDEPLOYQT_OPTIONS}]])
set(MPENC_DLL_DIRS [[${_mpenc_dll_dirs}]])
set(MPENC_EXE_NAME [[$<TARGET_FILE_NAME:mpenc-chat>]])
set(MPENC_DEPLOY_CONFIG [[$<IF:$<CONFIG:Debug>,--debug,--release>]])")
install(SCRIPT "${CMAKE_CURRENT_LIST_DIR}/windows/deploy.cmake")

set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION bin)
set(CMAKE_INSTALL_UCRT_LIBRARIES OFF)  # Windows 10 and later ship the UCRT
include(InstallRequiredSystemLibraries)

# ---- the packages ------------------------------------------------------------------
set(CPACK_GENERATOR "NSIS;ZIP")
set(CPACK_PACKAGE_FILE_NAME "mpenc-chat-${PROJECT_VERSION}-windows-x64")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "mpENC Chat")
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "mpENC Chat")
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_CURRENT_LIST_DIR}/license.txt")
# Start-menu shortcut "mpENC Chat" to bin\mpenc-chat.exe (CPACK_NSIS_EXECUTABLES_DIRECTORY = bin).
set(CPACK_PACKAGE_EXECUTABLES "mpenc-chat" "mpENC Chat")
set(CPACK_NSIS_DISPLAY_NAME "mpENC Chat ${PROJECT_VERSION}")
set(CPACK_NSIS_PACKAGE_NAME "mpENC Chat")
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "mpenc-chat.exe")
# The uninstaller (Uninstall.exe, in the Start menu and in Apps & features) removes
# the installed files; it leaves the user's data (%APPDATA%\mpenc-chat) alone.
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_UNINSTALL_NAME "Uninstall")
set(CPACK_NSIS_MODIFY_PATH OFF)
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\mpenc-chat.exe")
if(MPENC_APP_ICO)
  # Rendered at build time by cmake/MpencPlatformApp.cmake (cpack builds the app first).
  set(CPACK_NSIS_MUI_ICON "${MPENC_APP_ICO}")
  set(CPACK_NSIS_MUI_UNIICON "${MPENC_APP_ICO}")
endif()
set(CPACK_NSIS_CONTACT "${CPACK_PACKAGE_CONTACT}")
set(CPACK_STRIP_FILES OFF)  # MSVC binaries carry no symbols to strip (PDBs are separate)
