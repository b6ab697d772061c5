#include "app/quit_signals.h"

#include <QCoreApplication>
#include <QtGlobal>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>

#include <QSocketNotifier>
#include <csignal>
#endif

namespace mpenc::app {

#ifdef Q_OS_UNIX
namespace {

int g_fds[2] = {-1, -1};

void onSignal(int) {
  const char b = 1;
  [[maybe_unused]] const auto n = ::write(g_fds[0], &b, 1);  // async-signal-safe
}

}  // namespace

void quitOnTerminationSignals() {
  if (g_fds[0] >= 0 || !QCoreApplication::instance()) return;
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_fds) != 0) return;
  auto* notifier = new QSocketNotifier(g_fds[1], QSocketNotifier::Read, QCoreApplication::instance());
  QObject::connect(notifier, &QSocketNotifier::activated, QCoreApplication::instance(), [notifier] {
    notifier->setEnabled(false);
    char b = 0;
    [[maybe_unused]] const auto n = ::read(g_fds[1], &b, 1);
    QCoreApplication::quit();
  });
  struct sigaction sa {};
  sa.sa_handler = onSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) ::sigaction(sig, &sa, nullptr);
}
#else
void quitOnTerminationSignals() {}
#endif

}  // namespace mpenc::app
