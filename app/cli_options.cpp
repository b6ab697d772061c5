#include "app/cli_options.h"

#include <QCoreApplication>
#include <QStringList>
#include <QtGlobal>

namespace mpenc::app {

namespace {

// The exact English sentences of QCommandLineParser::addHelpOption(), so the
// man page says what `--help` prints (Qt 6 reworded --help-all).
constexpr const char* kHelpText = "Displays help on commandline options.";
#if QT_VERSION >= QT_VERSION_CHECK(6, 0, 0)
constexpr const char* kHelpAllText = "Displays help, including generic Qt options.";
#else
constexpr const char* kHelpAllText = "Displays help including Qt specific options.";
#endif

}  // namespace

const std::vector<CliOption>& cliOptions() {
  static const std::vector<CliOption> options = {
      {CliId::Help, CliMode::Info, "h", "help", "", "", kHelpText, true},
      {CliId::HelpAll, CliMode::Info, "", "help-all", "", "", kHelpAllText, true},
      {CliId::Version, CliMode::Info, "v", "version", "", "",
       QT_TRANSLATE_NOOP("main",
                         "Print the version of mpENC Chat and of the Qt, QXmpp and libsodium it was "
                         "built with and runs with, then exit."),
       false},
      {CliId::SmokeTest, CliMode::Window, "", "smoke-test", "", "",
       QT_TRANSLATE_NOOP("main", "Open the main window, let the event loop run once, then quit (for CI)."),
       false},
      {CliId::Screenshot, CliMode::Window, "", "screenshot", "file", "",
       QT_TRANSLATE_NOOP("main", "With --smoke-test: save the window as a PNG to <file>."), false},
      {CliId::SmokeWait, CliMode::Window, "", "smoke-wait", "ms", "0",
       QT_TRANSLATE_NOOP(
           "main", "With --smoke-test: run the event loop for <ms> milliseconds before the screenshot."),
       false},
      {CliId::Demo, CliMode::Window, "", "demo", "", "",
       QT_TRANSLATE_NOOP("main",
                         "Open an offline demo room whose other members are simulated on this computer "
                         "(the real encryption engine, no server, nothing is sent anywhere)."),
       false},
      {CliId::Headless, CliMode::Headless, "", "headless", "", "",
       QT_TRANSLATE_NOOP("main",
                         "No window: JSON commands on stdin, JSON events on stdout (docs/headless.md)."),
       false},
      {CliId::DataDir, CliMode::Headless, "", "data-dir", "dir", "",
       QT_TRANSLATE_NOOP(
           "main", "With --headless: keep identity keys and the trust store in <dir> (not the keychain)."),
       false},
      {CliId::AutoInclude, CliMode::Headless, "", "auto-include", "", "",
       QT_TRANSLATE_NOOP("main",
                         "With --headless: include members who enter the room automatically (bots, tests)."),
       false},
      {CliId::FastTimers, CliMode::Headless, "", "fast-timers", "", "",
       QT_TRANSLATE_NOOP("main", "With --headless: short protocol timers, for tests and benchmarks only."),
       false},
      {CliId::Profile, CliMode::Window, "", "profile", "dir", "",
       QT_TRANSLATE_NOOP("main",
                         "Keep settings, keys and trust in <dir> instead of the standard locations "
                         "(also MPENC_PROFILE). One running window per profile."),
       false},
  };
  return options;
}

const CliOption& cliOption(CliId id) {
  for (const CliOption& o : cliOptions())
    if (o.id == id) return o;
  Q_UNREACHABLE();
  return cliOptions().front();
}

QCommandLineOption toQtOption(const CliOption& option) {
  QStringList names;
  if (*option.shortName != '\0') names << QString::fromLatin1(option.shortName);
  names << QString::fromLatin1(option.name);
  const QString description = QCoreApplication::translate("main", option.description);
  return QCommandLineOption(names, description, QString::fromLatin1(option.valueName),
                            QString::fromLatin1(option.defaultValue));
}

const char* cliDescriptionTemplate() {
  return QT_TRANSLATE_NOOP("main", "XMPP group chat with mpENC end-to-end encryption (%1).");
}

const std::vector<CliExitStatus>& cliExitStatuses() {
  static const std::vector<CliExitStatus> statuses = {
      {0,
       "Success: the window was closed or quit from the menu, a smoke test passed, the headless client "
       "quit, or a second start raised the running window."},
      {1,
       "An unknown option or a missing option value, no display for the window (neither DISPLAY nor "
       "WAYLAND_DISPLAY set), a headless client that could not start, or a screenshot that could not be "
       "written."},
      {2,
       "Options that do not go together (a window option with --headless or the reverse), or a "
       "--smoke-wait value out of range."},
  };
  return statuses;
}

const std::vector<CliEnvironment>& cliEnvironment() {
  static const std::vector<CliEnvironment> env = {
      {"MPENC_PROFILE", "The profile directory when --profile is not given (see FILES)."},
      {"MPENC_NO_KEYCHAIN",
       "Set to anything but 0: keep identity keys in files readable only by the user (mode 0600) "
       "instead of the operating system's keychain."},
      {"LANGUAGE, LC_ALL, LC_MESSAGES, LANG",
       "The language of the window (English or German); the headless front end is always English."},
      {"QT_QPA_PLATFORM", "The Qt platform plugin, e.g. offscreen to run --smoke-test without a display."},
      {"XDG_CONFIG_HOME, XDG_DATA_HOME", "Where the standard locations under FILES are."},
  };
  return env;
}

}  // namespace mpenc::app
