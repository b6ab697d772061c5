// Fuzz target: one command line of `mpenc-chat --headless`
// (app/headless_command.h, parseHeadlessLine, which Headless::handleLine
// uses). Any input is ignored (blank), rejected as "bad-command" with a
// detail, or a known command whose fields are good or carry a "bad-argument"
// with a detail. A command with good fields written back as JSON
// (headlessCommandJson) parses to the same command.
#include <QByteArray>
#include <QJsonDocument>

#include "app/headless_command.h"
#include "fuzz_driver.h"
#include "xmpp/identity_store.h"

namespace {

using mpenc::app::HeadlessCommand;
using mpenc::app::HeadlessLine;
using Kind = mpenc::app::HeadlessCommandKind;

bool goodId(const QJsonValue& id) {
  return id.isUndefined() || id.isString() || id.isDouble();
}

void checkFields(const HeadlessCommand& c) {
  switch (c.kind) {
    case Kind::Connect:
      if (!c.account.jid.contains(QLatin1Char('@')) || mpenc::xmpp::normalizeBareJid(c.account.jid).isEmpty())
        mpencFuzzFailure("connect accepted a jid that is not user@domain");
      break;
    case Kind::Join:
      if (!c.room.contains(QLatin1Char('@')) || c.room.contains(QLatin1Char('/')) || c.nick.isEmpty() ||
          c.nick.contains(QLatin1Char('/')))
        mpencFuzzFailure("join accepted a bad room or nick");
      break;
    case Kind::Include:
    case Kind::Exclude:
      if (c.members.isEmpty()) mpencFuzzFailure("include/exclude accepted no members");
      break;
    default:
      break;
  }
}

bool sameFields(const HeadlessCommand& a, const HeadlessCommand& b) {
  return a.kind == b.kind && a.id == b.id && a.account.jid == b.account.jid &&
         a.account.password == b.account.password && a.account.host == b.account.host &&
         a.account.port == b.account.port && a.account.tls == b.account.tls && a.room == b.room &&
         a.nick == b.nick && a.text == b.text && a.members == b.members && a.member == b.member &&
         a.fingerprint == b.fingerprint;
}

}  // namespace

void mpencFuzzOne(std::span<const std::uint8_t> data) {
  const QByteArray bytes(reinterpret_cast<const char*>(data.data()),
                         static_cast<int>(data.size()));  // NOLINT
  const HeadlessLine line = mpenc::app::parseHeadlessLine(bytes);
  switch (line.status) {
    case HeadlessLine::Status::Empty:
      if (!bytes.trimmed().isEmpty()) mpencFuzzFailure("a non-blank line was ignored");
      return;
    case HeadlessLine::Status::Rejected:
      if (line.rejection.error != QLatin1String("bad-command") || line.rejection.detail.isEmpty())
        mpencFuzzFailure("rejected without bad-command and a detail");
      if (!goodId(line.rejectedId)) mpencFuzzFailure("a rejection echoes a bad id");
      return;
    case HeadlessLine::Status::Command:
      break;
  }
  const HeadlessCommand& c = line.command;
  if (mpenc::app::headlessCommandName(c.kind).isEmpty()) mpencFuzzFailure("a command without a name");
  if (!goodId(c.id)) mpencFuzzFailure("a command with a bad id");
  if (c.argError) {
    if (c.argError->error != QLatin1String("bad-argument") || c.argError->detail.isEmpty())
      mpencFuzzFailure("a bad field without bad-argument and a detail");
    return;
  }
  checkFields(c);
  const QByteArray json = QJsonDocument(mpenc::app::headlessCommandJson(c)).toJson(QJsonDocument::Compact);
  const HeadlessLine again = mpenc::app::parseHeadlessLine(json);
  if (again.status != HeadlessLine::Status::Command || again.command.argError)
    mpencFuzzFailure("a command written back as JSON is not accepted");
  if (!sameFields(c, again.command)) mpencFuzzFailure("a command changed when written back as JSON");
}
