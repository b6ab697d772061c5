# CPack: the app's installer for the platform it is built on (cpack in the build directory).
#   Linux: a Debian package (packaging/cpack-deb.cmake): cpack -G DEB
#   Windows: NSIS installer (packaging/cpack-windows.cmake); macOS: DragNDrop image (cpack-macos.cmake)
set(CPACK_PACKAGE_NAME "mpenc-chat")
set(CPACK_PACKAGE_VENDOR "mpenc-chat")
# No project mail address exists yet: .invalid (RFC 2606) says so instead of a made-up domain.
set(MPENC_PACKAGE_CONTACT "mpenc-chat maintainers <maintainers@mpenc-chat.invalid>"
    CACHE STRING "Maintainer of the packages (Name <address>)")
set(CPACK_PACKAGE_CONTACT "${MPENC_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "XMPP group chat with mpENC end-to-end encryption")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
if(WIN32)
  # Windows: NSIS installer with windeployqt (packaging/cpack-windows.cmake).
  include(${CMAKE_CURRENT_LIST_DIR}/cpack-windows.cmake OPTIONAL)
elseif(APPLE)
  # macOS: app bundle with macdeployqt in a DragNDrop image (packaging/cpack-macos.cmake).
  include(${CMAKE_CURRENT_LIST_DIR}/cpack-macos.cmake OPTIONAL)
else()
  # Debian / Ubuntu: dependencies, copyright, changelog, reproducible flags.
  include(${CMAKE_CURRENT_LIST_DIR}/cpack-deb.cmake)
endif()
include(CPack)
