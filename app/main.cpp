// mpenc-chat: command line, then the main window. Wiring only; no logic here.
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdio>

#include "ui/main_window.h"
#include "ui/screenshot.h"
#include "xmpp/client_info.h"

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("mpenc-chat"));
  QApplication::setApplicationDisplayName(QStringLiteral("mpENC Chat"));
  QApplication::setApplicationVersion(QStringLiteral(MPENC_VERSION));
  QApplication::setOrganizationName(QStringLiteral("mpenc-chat"));
  QApplication::setDesktopFileName(QStringLiteral("mpenc-chat"));

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
  parser.addOption(smokeTest);
  parser.addOption(screenshot);
  parser.process(app);
  if (parser.isSet(screenshot) && !parser.isSet(smokeTest)) {
    std::fputs("mpenc-chat: --screenshot needs --smoke-test\n", stderr);
    return 2;
  }

  mpenc::ui::MainWindow window(libraries);
  window.show();

  if (parser.isSet(smokeTest)) {
    QTimer::singleShot(0, &app, [&] {
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
  return QApplication::exec();
}
