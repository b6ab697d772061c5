# The application target on Windows and macOS (called from app/CMakeLists.txt
# only there; Linux builds never include this file).
#
#   Windows: a GUI-subsystem executable (no console window) with the icon and
#            version resource of packaging/windows/mpenc-chat.rc.in. The .ico
#            is rendered from resources/mpenc-chat.svg at build time when
#            ImageMagick (`magick`) is found; without it the exe has Qt's
#            default icon (the window and tray still draw ui/app_icon.cpp's).
#   macOS:   an app bundle mpenc-chat.app with packaging/macos/Info.plist.in;
#            the .icns is rendered from the SVG at build time with
#            rsvg-convert (librsvg) and iconutil (Xcode) when both are found.
#
# Packaging (windeployqt, macdeployqt, NSIS, DragNDrop) is in
# packaging/cpack-windows.cmake and packaging/cpack-macos.cmake.
# Untested here: the project's machines are Linux only (docs/portability.md).

# The bundle identifier is MPENC_APP_ID of the top-level CMakeLists.txt (also the
# AppStream id and the Flatpak app id).
if(NOT MPENC_APP_ID)
  message(FATAL_ERROR "MPENC_APP_ID is not set (top-level CMakeLists.txt)")
endif()

function(mpenc_platform_app target)
  set(_svg "${PROJECT_SOURCE_DIR}/resources/mpenc-chat.svg")
  set(_gen "${CMAKE_CURRENT_BINARY_DIR}/platform-app")
  file(MAKE_DIRECTORY "${_gen}")

  if(WIN32)
    set_target_properties(${target} PROPERTIES WIN32_EXECUTABLE ON)
    find_program(MPENC_MAGICK magick DOC "ImageMagick, renders the .ico from the SVG")
    set(MPENC_RC_ICON_LINE "")
    if(MPENC_MAGICK)
      set(_ico "${_gen}/mpenc-chat.ico")
      add_custom_command(OUTPUT "${_ico}"
        COMMAND "${MPENC_MAGICK}" -background none -density 384 "${_svg}"
                -define icon:auto-resize=256,128,64,48,32,24,16 "${_ico}"
        DEPENDS "${_svg}" COMMENT "Rendering mpenc-chat.ico from the SVG" VERBATIM)
      # Resource compilers read forward slashes; the path is quoted in the .rc.
      set(MPENC_RC_ICON_LINE "IDI_ICON1 ICON \"${_ico}\"")
      set_source_files_properties("${_gen}/mpenc-chat.rc" PROPERTIES OBJECT_DEPENDS "${_ico}")
      target_sources(${target} PRIVATE "${_ico}")  # a source, so the rule above runs (not compiled)
      set(MPENC_APP_ICO "${_ico}" CACHE INTERNAL "the .ico (NSIS installer icon)")
    else()
      set(MPENC_APP_ICO "" CACHE INTERNAL "the .ico (NSIS installer icon)")
      message(STATUS "mpENC chat: ImageMagick (magick) not found: mpenc-chat.exe gets no icon")
    endif()
    set(MPENC_RC_VERSION_COMMAS "${PROJECT_VERSION_MAJOR},${PROJECT_VERSION_MINOR},${PROJECT_VERSION_PATCH},0")
    configure_file("${PROJECT_SOURCE_DIR}/packaging/windows/mpenc-chat.rc.in" "${_gen}/mpenc-chat.rc" @ONLY)
    target_sources(${target} PRIVATE "${_gen}/mpenc-chat.rc")
  elseif(APPLE)
    set_target_properties(${target} PROPERTIES
      MACOSX_BUNDLE ON
      MACOSX_BUNDLE_INFO_PLIST "${PROJECT_SOURCE_DIR}/packaging/macos/Info.plist.in"
      MACOSX_BUNDLE_GUI_IDENTIFIER "${MPENC_APP_ID}"
      MACOSX_BUNDLE_BUNDLE_NAME "mpENC Chat"
      MACOSX_BUNDLE_EXECUTABLE_NAME "${target}"
      MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
      MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
      MACOSX_BUNDLE_COPYRIGHT "Copyright 2026 the mpenc-chat authors"
      MACOSX_BUNDLE_ICON_FILE "mpenc-chat"
      # The libraries macdeployqt copies into the bundle are found there.
      INSTALL_RPATH "@executable_path/../Frameworks")
    find_program(MPENC_RSVG_CONVERT rsvg-convert DOC "librsvg, renders the .icns images from the SVG")
    find_program(MPENC_ICONUTIL iconutil DOC "Xcode's iconutil, packs the .icns")
    if(MPENC_RSVG_CONVERT AND MPENC_ICONUTIL)
      set(_iconset "${_gen}/mpenc-chat.iconset")
      set(_icns "${_gen}/mpenc-chat.icns")
      set(_render COMMAND "${CMAKE_COMMAND}" -E make_directory "${_iconset}")
      foreach(_size 16 32 128 256 512)
        math(EXPR _double "${_size} * 2")
        list(APPEND _render
          COMMAND "${MPENC_RSVG_CONVERT}" -w ${_size} -h ${_size} -o "${_iconset}/icon_${_size}x${_size}.png" "${_svg}"
          COMMAND "${MPENC_RSVG_CONVERT}" -w ${_double} -h ${_double}
                  -o "${_iconset}/icon_${_size}x${_size}@2x.png" "${_svg}")
      endforeach()
      add_custom_command(OUTPUT "${_icns}" ${_render}
        COMMAND "${MPENC_ICONUTIL}" -c icns -o "${_icns}" "${_iconset}"
        DEPENDS "${_svg}" COMMENT "Rendering mpenc-chat.icns from the SVG" VERBATIM)
      set_source_files_properties("${_icns}" PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
      target_sources(${target} PRIVATE "${_icns}")
    else()
      message(STATUS "mpENC chat: rsvg-convert or iconutil not found: the bundle gets no .icns "
                     "(brew install librsvg)")
    endif()
  endif()
endfunction()
