# libsodium >= 1.0.18 as the imported target PkgConfig::SODIUM (core/, xmpp/, app/).
# From pkg-config (libsodium.pc: Linux, macOS, MSYS2) when it is there; otherwise
# (MSVC builds: libsodium's Visual Studio projects install no .pc file) from
# find_path/find_library under CMAKE_PREFIX_PATH, e.g. -DCMAKE_PREFIX_PATH=C:/deps
# with C:/deps/include/sodium.h and C:/deps/lib/libsodium.lib.
# SODIUM_LIBRARY_DIRS is set either way (packaging/cpack-windows.cmake looks there).
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(SODIUM QUIET IMPORTED_TARGET libsodium>=1.0.18)
endif()
if(NOT TARGET PkgConfig::SODIUM)
  find_path(MPENC_SODIUM_INCLUDE_DIR sodium.h)
  find_library(MPENC_SODIUM_LIBRARY NAMES sodium libsodium)
  if(NOT MPENC_SODIUM_INCLUDE_DIR OR NOT MPENC_SODIUM_LIBRARY)
    message(FATAL_ERROR "libsodium >= 1.0.18 not found: install its development package "
                        "(libsodium-dev; tools/deps.sh) or point CMAKE_PREFIX_PATH at it")
  endif()
  set(_sodium_version "")
  if(EXISTS "${MPENC_SODIUM_INCLUDE_DIR}/sodium/version.h")
    file(STRINGS "${MPENC_SODIUM_INCLUDE_DIR}/sodium/version.h" _sodium_line
         REGEX "define SODIUM_VERSION_STRING")
    string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+" _sodium_version "${_sodium_line}")
  endif()
  if(_sodium_version AND _sodium_version VERSION_LESS 1.0.18)
    message(FATAL_ERROR "libsodium ${_sodium_version} at ${MPENC_SODIUM_INCLUDE_DIR} is older than 1.0.18")
  endif()
  add_library(PkgConfig::SODIUM UNKNOWN IMPORTED)
  set_target_properties(PkgConfig::SODIUM PROPERTIES
    IMPORTED_LOCATION "${MPENC_SODIUM_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${MPENC_SODIUM_INCLUDE_DIR}")
  get_filename_component(SODIUM_LIBRARY_DIRS "${MPENC_SODIUM_LIBRARY}" DIRECTORY)
  message(STATUS "libsodium ${_sodium_version}: ${MPENC_SODIUM_LIBRARY} (no pkg-config)")
endif()
