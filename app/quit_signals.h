// A clean quit on SIGTERM, SIGINT and SIGHUP (a desktop session logging out,
// Ctrl+C in a terminal): the signal only writes a byte to a socket pair; the
// event loop reads it and calls QCoreApplication::quit(), so the window saves
// its geometry, every room's history is flushed and the rooms are left as on
// Quit. Nothing but the async-signal-safe write runs in the handler.
// Does nothing on platforms without POSIX signals.
#pragma once

namespace mpenc::app {

/// Install the handlers (once; needs a QCoreApplication).
void quitOnTerminationSignals();

}  // namespace mpenc::app
