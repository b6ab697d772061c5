// mpenc-chat: command line, then the main window or the headless front end.
// Wiring only; no logic here.
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>
#include <cstdio>
#include <cstring>
#include <memory>

#include "app/demo/demo_client.h"
#include "app/headless.h"
#include "ui/main_window.h"
#include "ui/screenshot.h"
#include "xmpp/client_info.h"
#include "xmpp/xmpp_client.h"

namespace {

void setIdentity() {
  QCoreApplication::setApplicationName(QStringLiteral("mpenc-chat"));
  QCoreApplication::setApplicationVersion(QStringLiteral(MPENC_VERSION));
  QCoreApplication::setOrganizationName(QStringLiteral("mpenc-chat"));
}

}  // namespace

int main(int argc, char* argv[]) {
  // Headless mode must not create a QApplication (no display, no window): look
  // for --headless before the application object exists. --help and
  // --version need no display either.
  bool headless = false;
  bool textOnly = false;
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (std::strcmp(a, "--headless") == 0) headless = true;
    if (std::strcmp(a, "--help") == 0 || std::strcmp(a, "-h") == 0 || std::strcmp(a, "--version") == 0 ||
        std::strcmp(a, "-v") == 0)
      textOnly = true;
  }

  std::unique_ptr<QCoreApplication> app;
  if (headless || textOnly) {
    app = std::make_unique<QCoreApplication>(argc, argv);
  } else {
    app = std::make_unique<QApplication>(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("mpENC Chat"));
    QApplication::setDesktopFileName(QStringLiteral("mpenc-chat"));
  }
  setIdentity();

  const QString libraries = mpenc::xmpp::qtVersion() + QStringLiteral(", ") + mpenc::xmpp::qxmppVersion();

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("XMPP group chat with mpENC end-to-end encryption (%1).").arg(libraries));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption smokeTest(
      QStringLiteral("smoke-test"),
      QStringLiteral("Open the main window, let the event loop run once, then quit (for CI)."));
  const QCommandLineOption screenshot(
      QStringLiteral("screenshot"), QStringLiteral("With --smoke-test: save the window as a PNG to <file>."),
      QStringLiteral("file"));
  const QCommandLineOption smokeWait(
      QStringLiteral("smoke-wait"),
      QStringLiteral("With --smoke-test: run the event loop for <ms> milliseconds before the screenshot."),
      QStringLiteral("ms"), QStringLiteral("0"));
  const QCommandLineOption demo(
      QStringLiteral("demo"),
      QStringLiteral("Open an offline demo room whose other members are simulated on this computer "
                     "(the real encryption engine, no server, nothing is sent anywhere)."));
  const QCommandLineOption headlessOpt(
      QStringLiteral("headless"),
      QStringLiteral("No window: JSON commands on stdin, JSON events on stdout (docs/headless.md)."));
  const QCommandLineOption dataDir(
      QStringLiteral("data-dir"),
      QStringLiteral("With --headless: keep identity keys and the trust store in <dir> (not the keychain)."),
      QStringLiteral("dir"));
  const QCommandLineOption autoInclude(
      QStringLiteral("auto-include"),
      QStringLiteral("With --headless: include members who enter the room automatically (bots, tests)."));
  const QCommandLineOption fastTimers(
      QStringLiteral("fast-timers"),
      QStringLiteral("With --headless: short protocol timers, for tests and benchmarks only."));
  parser.addOption(smokeTest);
  parser.addOption(screenshot);
  parser.addOption(smokeWait);
  parser.addOption(demo);
  parser.addOption(headlessOpt);
  parser.addOption(dataDir);
  parser.addOption(autoInclude);
  parser.addOption(fastTimers);
  parser.process(*app);

  if (headless) {
    if (parser.isSet(smokeTest) || parser.isSet(screenshot) || parser.isSet(demo)) {
      std::fputs("mpenc-chat: --smoke-test, --screenshot and --demo are not for --headless\n", stderr);
      return 2;
    }
    mpenc::app::HeadlessOptions options;
    options.dataDir = parser.value(dataDir);
    options.autoInclude = parser.isSet(autoInclude);
    options.fastTimers = parser.isSet(fastTimers);
    mpenc::app::Headless front(options);
    QObject::connect(&front, &mpenc::app::Headless::finished, app.get(),
                     [](int rc) { QCoreApplication::exit(rc); });
    if (!front.start()) return 1;
    return QCoreApplication::exec();
  }

  for (const auto* opt : {&dataDir, &autoInclude, &fastTimers}) {
    if (parser.isSet(*opt)) {
      std::fprintf(stderr, "mpenc-chat: --%s needs --headless\n", qPrintable(opt->names().constFirst()));
      return 2;
    }
  }
  if ((parser.isSet(screenshot) || parser.isSet(smokeWait)) && !parser.isSet(smokeTest)) {
    std::fputs("mpenc-chat: --screenshot and --smoke-wait need --smoke-test\n", stderr);
    return 2;
  }
  bool waitOk = false;
  const int waitMs = parser.value(smokeWait).toInt(&waitOk);
  if (!waitOk || waitMs < 0 || waitMs > 600000) {
    std::fputs("mpenc-chat: --smoke-wait takes a number of milliseconds (0 to 600000)\n", stderr);
    return 2;
  }

  // The window talks to one ClientBackend: the offline demo or the real XMPP
  // account; the same widgets either way.
  std::unique_ptr<mpenc::present::ClientBackend> client;
  if (parser.isSet(demo))
    client = std::make_unique<mpenc::demo::DemoClient>();
  else
    client = std::make_unique<mpenc::xmpp::XmppClient>();
  mpenc::ui::MainWindow window(client.get(), libraries);
  window.resize(1200, 760);
  window.show();

  if (parser.isSet(smokeTest)) {
    QTimer::singleShot(waitMs, app.get(), [&] {
      int rc = 0;
      if (parser.isSet(screenshot)) {
        QString error;
        const QString path = parser.value(screenshot);
        if (mpenc::ui::saveScreenshot(window, path, &error)) {
          std::printf("mpenc-chat: screenshot saved to %s\n", qPrintable(path));
        } else {
          std::fprintf(stderr, "mpenc-chat: screenshot failed: %s\n", qPrintable(error));
          rc = 1;
        }
      }
      QApplication::exit(rc);
    });
  }
  const int rc = QApplication::exec();
  window.hide();
  return rc;
}
