#include "app/headless_command.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <array>
#include <utility>

#include "xmpp/identity_store.h"

namespace mpenc::app {

namespace {

using Kind = HeadlessCommandKind;

struct NamedKind {
  const char* name;
  Kind kind;
};

constexpr std::array<NamedKind, 14> kCommands{{
    {"connect", Kind::Connect},
    {"join", Kind::Join},
    {"send", Kind::Send},
    {"include", Kind::Include},
    {"exclude", Kind::Exclude},
    {"refresh", Kind::Refresh},
    {"abort", Kind::Abort},
    {"ack", Kind::Ack},
    {"consistency", Kind::Consistency},
    {"part", Kind::Part},
    {"status", Kind::Status},
    {"verify", Kind::Verify},
    {"accept-key", Kind::AcceptKey},
    {"quit", Kind::Quit},
}};

std::optional<Kind> kindFromName(const QString& name) {
  for (const auto& c : kCommands)
    if (name == QLatin1String(c.name)) return c.kind;
  return std::nullopt;
}

HeadlessCommandError badArgument(const QString& detail) {
  return {QStringLiteral("bad-argument"), detail};
}

QString tlsName(xmpp::TlsPolicy tls) {
  switch (tls) {
    case xmpp::TlsPolicy::Required:
      return QStringLiteral("required");
    case xmpp::TlsPolicy::IfAvailable:
      return QStringLiteral("if-available");
    case xmpp::TlsPolicy::DisabledUnsafe:
      return QStringLiteral("disabled-unsafe");
  }
  return QStringLiteral("required");
}

std::optional<HeadlessCommandError> parseConnect(const QJsonObject& c, xmpp::AccountSettings* s) {
  const QJsonValue jidV = c.value(QStringLiteral("jid"));
  const QJsonValue passV = c.value(QStringLiteral("password"));
  const QJsonValue hostV = c.value(QStringLiteral("host"));
  const QJsonValue portV = c.value(QStringLiteral("port"));
  const QJsonValue tlsV = c.value(QStringLiteral("tls"));
  s->jid = jidV.toString().trimmed();
  if (!jidV.isString() || xmpp::normalizeBareJid(s->jid).isEmpty() || !s->jid.contains(QLatin1Char('@')))
    return badArgument(QStringLiteral("\"jid\" must be user@domain"));
  if (!passV.isString()) return badArgument(QStringLiteral("\"password\" must be a string"));
  s->password = passV.toString();
  if (!hostV.isUndefined()) {
    if (!hostV.isString()) return badArgument(QStringLiteral("\"host\" must be a string"));
    s->host = hostV.toString();
  }
  if (!portV.isUndefined()) {
    const double p = portV.toDouble(-1);
    // Range first: the cast to int is only defined for values in range.
    if (!portV.isDouble() || !(p >= 1 && p <= 65535) || p != static_cast<double>(static_cast<int>(p)))
      return badArgument(QStringLiteral("\"port\" must be 1..65535"));
    s->port = static_cast<quint16>(p);
  }
  if (!tlsV.isUndefined()) {
    const QString t = tlsV.toString();
    if (t == QLatin1String("required")) {
      s->tls = xmpp::TlsPolicy::Required;
    } else if (t == QLatin1String("if-available")) {
      s->tls = xmpp::TlsPolicy::IfAvailable;
    } else if (t == QLatin1String("disabled-unsafe")) {
      s->tls = xmpp::TlsPolicy::DisabledUnsafe;
    } else {
      return badArgument(
          QStringLiteral("\"tls\" must be \"required\", \"if-available\" or \"disabled-unsafe\""));
    }
  }
  return std::nullopt;
}

std::optional<HeadlessCommandError> parseJoin(const QJsonObject& c, HeadlessCommand* out) {
  out->room = c.value(QStringLiteral("room")).toString().trimmed();
  out->nick = c.value(QStringLiteral("nick")).toString().trimmed();
  const QString& room = out->room;
  if (!room.contains(QLatin1Char('@')) || room.contains(QLatin1Char('/')) ||
      room.startsWith(QLatin1Char('@')) || room.endsWith(QLatin1Char('@')))
    return badArgument(QStringLiteral("\"room\" must be a bare room JID room@service"));
  if (out->nick.isEmpty() || out->nick.contains(QLatin1Char('/')))
    return badArgument(QStringLiteral("\"nick\" must be a non-empty nickname"));
  return std::nullopt;
}

std::optional<HeadlessCommandError> parseMembers(const QJsonObject& c, QStringList* members) {
  const QJsonValue v = c.value(QStringLiteral("members"));
  if (v.isString()) {
    *members << v.toString();
  } else if (v.isArray()) {
    for (const QJsonValue m : v.toArray()) {
      if (!m.isString()) return badArgument(QStringLiteral("\"members\" must hold strings"));
      *members << m.toString();
    }
  }
  if (members->isEmpty())
    return badArgument(QStringLiteral("\"members\" must be a non-empty array of occupant JIDs or nicks"));
  return std::nullopt;
}

std::optional<HeadlessCommandError> parseFields(const QJsonObject& c, HeadlessCommand* out) {
  switch (out->kind) {
    case Kind::Connect:
      return parseConnect(c, &out->account);
    case Kind::Join:
      return parseJoin(c, out);
    case Kind::Send: {
      const QJsonValue text = c.value(QStringLiteral("text"));
      if (!text.isString()) return badArgument(QStringLiteral("\"text\" must be a string"));
      out->text = text.toString();
      return std::nullopt;
    }
    case Kind::Include:
    case Kind::Exclude:
      return parseMembers(c, &out->members);
    case Kind::Verify: {
      const QJsonValue member = c.value(QStringLiteral("member"));
      const QJsonValue fp = c.value(QStringLiteral("fingerprint"));
      if (!member.isString() || !fp.isString())
        return badArgument(QStringLiteral("\"member\" and \"fingerprint\" are strings"));
      out->member = member.toString();
      out->fingerprint = fp.toString();
      return std::nullopt;
    }
    case Kind::AcceptKey: {
      const QJsonValue member = c.value(QStringLiteral("member"));
      if (!member.isString()) return badArgument(QStringLiteral("\"member\" must be a string"));
      out->member = member.toString();
      return std::nullopt;
    }
    case Kind::Refresh:
    case Kind::Abort:
    case Kind::Ack:
    case Kind::Consistency:
    case Kind::Part:
    case Kind::Status:
    case Kind::Quit:
      return std::nullopt;  // no fields; others are ignored
  }
  return std::nullopt;
}

}  // namespace

QString headlessCommandName(HeadlessCommandKind kind) {
  for (const auto& c : kCommands)
    if (c.kind == kind) return QLatin1String(c.name);
  return {};
}

HeadlessLine parseHeadlessLine(const QByteArray& raw) {
  HeadlessLine out;
  const QByteArray line = raw.trimmed();
  if (line.isEmpty()) return out;
  const auto reject = [&](QJsonValue id, QString cmd, QString detail) {
    out.status = HeadlessLine::Status::Rejected;
    out.rejection = {QStringLiteral("bad-command"), std::move(detail)};
    out.rejectedId = std::move(id);
    out.rejectedCmd = std::move(cmd);
    return out;
  };
  QJsonParseError err{};
  const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
  if (err.error != QJsonParseError::NoError)
    return reject(QJsonValue::Undefined, {},
                  QStringLiteral("not JSON: %1 at offset %2").arg(err.errorString()).arg(err.offset));
  if (!doc.isObject()) return reject(QJsonValue::Undefined, {}, QStringLiteral("not a JSON object"));
  const QJsonObject c = doc.object();
  const QJsonValue id = c.value(QStringLiteral("id"));
  const QString cmd = c.value(QStringLiteral("cmd")).toString();
  if (!id.isUndefined() && !id.isString() && !id.isDouble())
    return reject(QJsonValue::Undefined, cmd, QStringLiteral("\"id\" must be a string or a number"));
  const auto kind = kindFromName(cmd);
  if (!kind)
    return reject(id, cmd,
                  cmd.isEmpty() ? QStringLiteral("missing \"cmd\"")
                                : QStringLiteral("unknown command \"%1\"").arg(cmd));
  out.status = HeadlessLine::Status::Command;
  out.command.kind = *kind;
  out.command.id = id;
  out.command.argError = parseFields(c, &out.command);
  return out;
}

QJsonObject headlessCommandJson(const HeadlessCommand& command) {
  QJsonObject o{{QStringLiteral("cmd"), headlessCommandName(command.kind)}};
  if (!command.id.isUndefined()) o.insert(QStringLiteral("id"), command.id);
  switch (command.kind) {
    case Kind::Connect:
      o.insert(QStringLiteral("jid"), command.account.jid);
      o.insert(QStringLiteral("password"), command.account.password);
      if (!command.account.host.isEmpty()) o.insert(QStringLiteral("host"), command.account.host);
      if (command.account.port != 0) o.insert(QStringLiteral("port"), static_cast<int>(command.account.port));
      o.insert(QStringLiteral("tls"), tlsName(command.account.tls));
      break;
    case Kind::Join:
      o.insert(QStringLiteral("room"), command.room);
      o.insert(QStringLiteral("nick"), command.nick);
      break;
    case Kind::Send:
      o.insert(QStringLiteral("text"), command.text);
      break;
    case Kind::Include:
    case Kind::Exclude:
      o.insert(QStringLiteral("members"), QJsonArray::fromStringList(command.members));
      break;
    case Kind::Verify:
      o.insert(QStringLiteral("member"), command.member);
      o.insert(QStringLiteral("fingerprint"), command.fingerprint);
      break;
    case Kind::AcceptKey:
      o.insert(QStringLiteral("member"), command.member);
      break;
    case Kind::Refresh:
    case Kind::Abort:
    case Kind::Ack:
    case Kind::Consistency:
    case Kind::Part:
    case Kind::Status:
    case Kind::Quit:
      break;
  }
  return o;
}

}  // namespace mpenc::app
