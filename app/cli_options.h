// The command line of mpenc-chat, in one table: main() builds its
// QCommandLineParser from it (so `--help` shows these sentences) and
// app/man/make_man_page.cpp writes the man page mpenc-chat.1 from it.
// Qt Core only: the man page generator links nothing else.
#pragma once

#include <QCommandLineOption>
#include <QString>
#include <vector>

namespace mpenc::app {

//! Which way of running an option belongs to (the man page's SYNOPSIS lines).
enum class CliMode { Info, Window, Headless };

enum class CliId {
  Help,
  HelpAll,
  Version,
  Profile,
  Demo,
  SmokeTest,
  Screenshot,
  SmokeWait,
  Headless,
  DataDir,
  AutoInclude,
  FastTimers,
};

struct CliOption {
  CliId id;
  CliMode mode;
  const char* shortName;     //!< "" when there is none
  const char* name;          //!< the long name, without "--"
  const char* valueName;     //!< "" for a flag
  const char* defaultValue;  //!< "" for none
  //! One sentence, English. Translation context "main" (QT_TRANSLATE_NOOP);
  //! QCommandLineParser's own help options keep Qt's wording and translation.
  const char* description;
  bool qtBuiltin;  //!< added by QCommandLineParser::addHelpOption()
};

//! Every option, in the order --help and the man page list them.
const std::vector<CliOption>& cliOptions();

//! The entry for \a id.
const CliOption& cliOption(CliId id);

//! The option for a QCommandLineParser, its description translated.
QCommandLineOption toQtOption(const CliOption& option);

//! "XMPP group chat with mpENC end-to-end encryption (%1)." (context "main").
const char* cliDescriptionTemplate();

//! The exit statuses main() uses, for the man page.
struct CliExitStatus {
  int code;
  const char* meaning;
};
const std::vector<CliExitStatus>& cliExitStatuses();

//! Environment variables the app reads, for the man page.
struct CliEnvironment {
  const char* name;
  const char* meaning;
};
const std::vector<CliEnvironment>& cliEnvironment();

}  // namespace mpenc::app
