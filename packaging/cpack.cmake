# CPack: a Debian package of the app (cpack -G DEB in the build directory).
# Runtime dependencies are computed by dpkg-shlibdeps from the binary.
set(CPACK_PACKAGE_NAME "mpenc-chat")
set(CPACK_PACKAGE_VENDOR "mpenc-chat")
set(CPACK_PACKAGE_CONTACT "mpenc-chat maintainers <mpenc-chat@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "XMPP group chat with mpENC end-to-end encryption")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
