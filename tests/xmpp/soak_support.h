// Small helpers of the real-server soak (soak_server.cpp): its options,
// process CPU time and the load average from /proc, an event-loop pause, and
// a query over a client's events.
#pragma once

#include <QString>
#include <QStringList>

#include "headless_client.h"

namespace mpenc::test::soak {

struct Config {
  double minutes = 30;
  int members = 10;
  quint64 seed = 1;
  QString out;
  double rate = 2.0;  // messages per second, all members together
  double windowS = 30;
  bool fastTimers = false;
  /// Self-check of the accounting: add a message ID nobody sent before the
  /// analysis; the run must then FAIL with that ID LOST.
  bool injectLost = false;
};

/// Options from MPENC_SOAK_* and then the arguments; false on a bad one.
bool parseArgs(const QStringList& args, Config& c);
/// Run the event loop for `ms` milliseconds.
void pump(int ms);
/// utime + stime of a running process in seconds (/proc/PID/stat), 0 if unreadable.
double cpuSeconds(qint64 pid);
/// The three load averages of /proc/loadavg.
QString loadavg();
/// True when `c` is alone in the room with a chain of its own ("synced-new"
/// since it last entered): it can include the others, nobody else can.
bool ownChain(const HeadlessClient& c);

}  // namespace mpenc::test::soak
