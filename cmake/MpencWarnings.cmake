# Warnings for the Qt layers (xmpp/, ui/, app/, tests/gui/). core/ sets its own.
# Qt and QXmpp headers come from imported targets, so they are system headers
# and their warnings do not count.
function(mpenc_qt_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
    -Wnon-virtual-dtor -Wimplicit-fallthrough -Werror)
endfunction()
