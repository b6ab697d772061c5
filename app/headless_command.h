// One command line of the headless front end (docs/headless.md, "Commands"),
// parsed without any state: the JSON object, its "cmd" and "id", and the
// fields of each command, checked for type and form. A pure function on
// bytes, so the fuzz target (tests/fuzz/fuzz_headless.cpp) and the unit tests
// call the parser `mpenc-chat --headless` uses (app/headless.cpp). Never
// throws; hostile input is a typed rejection with a specific detail.
//
// A bad field does not reject the line: it is kept as argError, which the
// command handler reports (as "bad-argument") after its state checks
// (already-connected, not-connected, no-room), as it always did.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <optional>

#include "xmpp/account_settings.h"

namespace mpenc::app {

enum class HeadlessCommandKind {
  Connect,
  Join,
  Send,
  Include,
  Exclude,
  Refresh,
  Abort,
  Ack,
  Consistency,
  Part,
  Status,
  Verify,
  AcceptKey,
  Quit,
};

/// The protocol name of a command ("connect", "accept-key", …).
QString headlessCommandName(HeadlessCommandKind kind);

/// An error reply: code ("bad-command", "bad-argument") and detail.
struct HeadlessCommandError {
  QString error;
  QString detail;
};

struct HeadlessCommand {
  HeadlessCommandKind kind = HeadlessCommandKind::Status;
  QJsonValue id{QJsonValue::Undefined};  ///< undefined (absent), a string or a number
  /// The first bad field, in the order the fields are documented; empty
  /// (nullopt) when all fields are good. The fields below are only
  /// meaningful without an argError.
  std::optional<HeadlessCommandError> argError;

  xmpp::AccountSettings account;  ///< connect: jid (trimmed), password, host, port, tls
  QString room;                   ///< join: a bare room JID (trimmed)
  QString nick;                   ///< join (trimmed)
  QString text;                   ///< send
  QStringList members;            ///< include, exclude: non-empty
  QString member;                 ///< verify, accept-key
  QString fingerprint;            ///< verify
};

struct HeadlessLine {
  enum class Status {
    Empty,     ///< blank line: ignored, no reply
    Rejected,  ///< a "bad-command" reply: `rejection`, with `rejectedId` and `rejectedCmd`
    Command,   ///< `command`
  } status = Status::Empty;
  HeadlessCommand command;
  HeadlessCommandError rejection;
  QJsonValue rejectedId{QJsonValue::Undefined};  ///< the id to echo (undefined: none, or "id" itself is bad)
  QString rejectedCmd;                           ///< the "cmd" string to echo (may be empty)
};

/// Parses one command line (without its newline; surrounding white space is ignored).
HeadlessLine parseHeadlessLine(const QByteArray& line);

/// The canonical command object of a command without argError (its fields
/// as parsed); parseHeadlessLine() of it gives the same command again.
QJsonObject headlessCommandJson(const HeadlessCommand& command);

}  // namespace mpenc::app
