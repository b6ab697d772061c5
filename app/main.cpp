// mpenc-chat: command line, then the main window or the headless front end.
// Wiring only; no logic here.
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <string_view>

#include "app/build_info.h"
#include "app/cli_options.h"
#include "app/demo/demo_client.h"
#include "app/headless.h"
#include "app/profile.h"
#include "app/quit_signals.h"
#include "app/single_instance.h"
#include "app/translations.h"
#include "mpenc_version.h"
#include "ui/app_settings.h"
#include "ui/desktop_shell.h"
#include "ui/main_window.h"
#include "ui/screenshot.h"
#include "ui/window_state.h"
#include "xmpp/account_set.h"
#include "xmpp/client_info.h"
#include "xmpp/xmpp_client.h"

namespace {

void setIdentity() {
  QCoreApplication::setApplicationName(QStringLiteral("mpenc-chat"));
  QCoreApplication::setApplicationVersion(QStringLiteral(MPENC_VERSION_STRING));
  QCoreApplication::setOrganizationName(QStringLiteral("mpenc-chat"));
}

// false only for a "--name" or "--name=value" that is not in the option table
// (single-dash arguments may be Qt's own, e.g. -platform, and pass).
bool isOwnLongOption(const char* arg) {
  if (std::strncmp(arg, "--", 2) != 0 || arg[2] == '\0') return true;
  const std::string_view name = std::string_view(arg + 2).substr(0, std::string_view(arg + 2).find('='));
  // QGuiApplication / QApplication options, also accepted with two dashes.
  static constexpr std::string_view kQt[] = {"platform",        "platformpluginpath",
                                             "platformtheme",   "plugin",
                                             "qwindowgeometry", "qwindowicon",
                                             "qwindowtitle",    "reverse",
                                             "session",         "style",
                                             "stylesheet",      "widgetcount",
                                             "display",         "geometry",
                                             "qmljsdebugger",   "nograb",
                                             "dograb",          "sync"};
  if (std::find(std::begin(kQt), std::end(kQt), name) != std::end(kQt)) return true;
  const auto& table = mpenc::app::cliOptions();
  return std::any_of(table.begin(), table.end(),
                     [&](const mpenc::app::CliOption& o) { return name == o.name; });
}

// Linux and the BSDs: the window needs X11 or Wayland, unless a platform
// plugin was chosen (QT_QPA_PLATFORM=offscreen, -platform …). Elsewhere Qt
// always has its native platform.
bool displayAvailable(int argc, char* argv[]) {
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "-platform") == 0 || std::strcmp(argv[i], "--platform") == 0) return true;
  return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
         qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
#else
  (void)argc;
  (void)argv;
  return true;
#endif
}

}  // namespace

int main(int argc, char* argv[]) {
  // Headless mode must not create a QApplication (no display, no window): look
  // for --headless before the application object exists. --help and
  // --version need no display either (--help-all lists QApplication's options: it does).
  bool headless = false;
  bool textOnly = false;
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (std::strcmp(a, "--headless") == 0) headless = true;
    if (std::strcmp(a, "--help") == 0 || std::strcmp(a, "-h") == 0 || std::strcmp(a, "--version") == 0 ||
        std::strcmp(a, "-v") == 0)
      textOnly = true;
    // A misspelt long option is refused by the parser below (exit 1) without
    // a display: never Qt's abort for a missing display instead of the message.
    if (!isOwnLongOption(a)) textOnly = true;
  }
  if (!headless && !textOnly && !displayAvailable(argc, argv)) {
    std::fputs(
        "mpenc-chat: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
        "Start it from a desktop session, or run `mpenc-chat --headless` (see `mpenc-chat --help`).\n",
        stderr);
    return 1;
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
  // The UI language follows the system locale; the headless JSON front end stays English.
  mpenc::app::installTranslations(headless ? mpenc::app::UiLanguage::English
                                           : mpenc::app::UiLanguage::System);

  const QString libraries = mpenc::xmpp::qtVersion() + QStringLiteral(", ") + mpenc::xmpp::qxmppVersion();

  // Every option comes from the one table (app/cli_options.cpp), which also
  // writes the man page.
  using mpenc::app::CliId;
  QCommandLineParser parser;
  parser.setApplicationDescription(
      QCoreApplication::translate("main", mpenc::app::cliDescriptionTemplate()).arg(libraries));
  parser.addHelpOption();  // -h, --help, --help-all: the table's qtBuiltin entries
  std::map<CliId, QCommandLineOption> opts;
  for (const mpenc::app::CliOption& o : mpenc::app::cliOptions()) {
    if (o.qtBuiltin) continue;
    opts.emplace(o.id, mpenc::app::toQtOption(o));
    parser.addOption(opts.at(o.id));
  }
  const QCommandLineOption& version = opts.at(CliId::Version);
  const QCommandLineOption& smokeTest = opts.at(CliId::SmokeTest);
  const QCommandLineOption& screenshot = opts.at(CliId::Screenshot);
  const QCommandLineOption& smokeWait = opts.at(CliId::SmokeWait);
  const QCommandLineOption& demo = opts.at(CliId::Demo);
  const QCommandLineOption& dataDir = opts.at(CliId::DataDir);
  const QCommandLineOption& autoInclude = opts.at(CliId::AutoInclude);
  const QCommandLineOption& fastTimers = opts.at(CliId::FastTimers);
  const QCommandLineOption& profileOpt = opts.at(CliId::Profile);
  parser.process(*app);
  if (parser.isSet(version)) {
    std::fputs(qPrintable(mpenc::app::versionText()), stdout);
    return 0;
  }

  if (headless && parser.isSet(profileOpt)) {
    std::fputs("mpenc-chat: --profile is for the window; --headless takes --data-dir\n", stderr);
    return 2;
  }
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

  // One window per profile: a second start raises the first and exits. Not
  // for the demo and smoke tests (they store nothing and run side by side).
  const mpenc::app::Profile profile = mpenc::app::resolveProfile(parser.value(profileOpt));
  const bool scripted = parser.isSet(smokeTest) || parser.isSet(demo);
  mpenc::app::SingleInstance instance(profile.key());
  if (!scripted && instance.start() == mpenc::app::SingleInstance::Role::Secondary) {
    std::puts("mpenc-chat: already running with this profile; its window was raised");
    return 0;
  }
  mpenc::ui::AppSettings settings(profile.settingsFile);

  // The window talks to one ClientBackend: the offline demo or the real XMPP
  // account; the same widgets either way.
  std::unique_ptr<mpenc::present::ClientBackend> client;
  mpenc::xmpp::AccountSet* accountSet = nullptr;  // the real accounts (not the demo)
  if (parser.isSet(demo)) {
    client = std::make_unique<mpenc::demo::DemoClient>();
  } else {
    mpenc::xmpp::XmppClientOptions options;
    options.dataDir = profile.dataDir;
    options.settingsFile = profile.settingsFile;
    auto accounts = std::make_unique<mpenc::xmpp::AccountSet>(options);
    accountSet = accounts.get();
    client = std::move(accounts);
  }
  mpenc::ui::MainWindow window(client.get(), libraries);
  mpenc::ui::AboutInfo about{QStringLiteral(MPENC_VERSION_STRING), QStringLiteral(MPENC_LICENSE_SPDX), {}};
  for (const mpenc::app::LibraryVersion& lib : mpenc::app::libraryVersions())
    about.libraries.push_back({lib.name, lib.running, lib.built});
  window.setAboutInfo(about);
  mpenc::ui::DesktopShell shell(&window, client.get(), &settings);
  window.resize(1200, 760);
  if (!parser.isSet(smokeTest)) shell.windowState()->restoreGeometry();
  QObject::connect(&instance, &mpenc::app::SingleInstance::raiseRequested, &window, [&window] {
    std::puts("mpenc-chat: raised by a second start");
    std::fflush(stdout);
    window.showRoom(nullptr);
  });
  window.show();
  mpenc::app::quitOnTerminationSignals();  // logout / Ctrl+C: quit as from the menu (history flushed)
  // Accounts whose password is remembered connect at once; their rooms reopen.
  if (accountSet && !parser.isSet(smokeTest)) accountSet->connectSaved();

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
  // Quit from the menu, a closed window or a termination signal: keep where the window was.
  if (!parser.isSet(smokeTest)) shell.windowState()->save();
  window.hide();
  return rc;
}
