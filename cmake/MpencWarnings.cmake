# Warnings for the Qt layers (xmpp/, ui/, app/, tests/gui/). core/ sets its own.
# Qt and QXmpp headers come from imported targets, so they are system headers
# and their warnings do not count.
function(mpenc_qt_warnings target)
  if(MSVC)
    # Windows release builds (docs/portability.md): not yet /WX, see core/CMakeLists.txt.
    target_compile_options(${target} PRIVATE /W4 /permissive- /utf-8 /Zc:__cplusplus)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
      -Wnon-virtual-dtor -Wimplicit-fallthrough -Werror)
  endif()
endfunction()
