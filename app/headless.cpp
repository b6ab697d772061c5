#include "app/headless.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <map>
#include <type_traits>
#include <utility>
#include <variant>

#include "mpenc/common/bytes.h"
#include "xmpp/account_connection.h"
#include "xmpp/identity_store.h"
#include "xmpp/trust_store.h"

#ifndef Q_OS_WIN
#include <unistd.h>
#endif

namespace mpenc::app {

using namespace mpenc::session;  // NOLINT(google-build-using-namespace): notice names
using xmpp::SessionHost;

namespace {

/// The longest command line accepted (a bigger one gets a bad-command reply).
constexpr qsizetype kMaxLine = 1024 * 1024;

QString str(std::string_view s) {
  return QString::fromUtf8(s.data(), static_cast<int>(s.size()));
}

QString hex(mpenc::ByteView b) {
  return QString::fromStdString(mpenc::toHex(b));
}

template <class Ids>
QJsonArray hexArray(const Ids& ids) {
  QJsonArray out;
  for (const auto& id : ids) out.append(hex(id));
  return out;
}

template <class Strings>
QJsonArray strArray(const Strings& v) {
  QJsonArray out;
  for (const auto& s : v) out.append(str(s));
  return out;
}

QString stateName(SessionState s) {
  switch (s) {
    case SessionState::Parted:
      return QStringLiteral("parted");
    case SessionState::Joining:
      return QStringLiteral("joining");
    case SessionState::Joined:
      return QStringLiteral("joined");
    case SessionState::Parting:
      return QStringLiteral("parting");
  }
  return QStringLiteral("parted");
}

QString subStateName(SubsessionState s) {
  switch (s) {
    case SubsessionState::Active:
      return QStringLiteral("active");
    case SubsessionState::Parting:
      return QStringLiteral("parting");
    case SubsessionState::Parted:
      return QStringLiteral("parted");
    case SubsessionState::PartFailed:
      return QStringLiteral("part-failed");
    case SubsessionState::Failed:
      return QStringLiteral("failed");
  }
  return QStringLiteral("active");
}

QString operationName(codec::GreetOperation op) {
  switch (op) {
    case codec::GreetOperation::Start:
      return QStringLiteral("start");
    case codec::GreetOperation::Include:
      return QStringLiteral("include");
    case codec::GreetOperation::Exclude:
      return QStringLiteral("exclude");
    case codec::GreetOperation::Refresh:
      return QStringLiteral("refresh");
    case codec::GreetOperation::Quit:
      return QStringLiteral("quit");
    case codec::GreetOperation::Abort:
      return QStringLiteral("abort");
  }
  return QStringLiteral("unknown");
}

QString bodyTypeName(codec::BodyType t) {
  switch (t) {
    case codec::BodyType::Payload:
      return QStringLiteral("payload");
    case codec::BodyType::ExplicitAck:
      return QStringLiteral("ack");
    case codec::BodyType::HeartBeat:
      return QStringLiteral("heartbeat");
    case codec::BodyType::Consistency:
      return QStringLiteral("consistency");
    case codec::BodyType::ChainAck:
      return QStringLiteral("chain-ack");
  }
  return QStringLiteral("unknown");
}

QString invalidReasonName(InvalidMessage::Reason r) {
  switch (r) {
    case InvalidMessage::Reason::Malformed:
      return QStringLiteral("malformed");
    case InvalidMessage::Reason::BadPlaintext:
      return QStringLiteral("bad-plaintext");
    case InvalidMessage::Reason::Rejected:
      return QStringLiteral("rejected");
    case InvalidMessage::Reason::Dependent:
      return QStringLiteral("dependent");
  }
  return QStringLiteral("rejected");
}

QString trustName(SessionHost::KeyTrust t) {
  switch (t) {
    case SessionHost::KeyTrust::New:
      return QStringLiteral("new");
    case SessionHost::KeyTrust::Pinned:
      return QStringLiteral("pinned");
    case SessionHost::KeyTrust::Verified:
      return QStringLiteral("verified");
    case SessionHost::KeyTrust::Changed:
      return QStringLiteral("changed");
    case SessionHost::KeyTrust::Unknown:
      return QStringLiteral("unknown");
  }
  return QStringLiteral("unknown");
}

QString joinNames(const std::vector<std::string>& v) {
  QStringList out;
  for (const auto& s : v) out << str(s);
  return out.join(QStringLiteral(", "));
}

QString plural(std::size_t n, const char* one, const char* many) {
  return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

QJsonObject warning(const char* code, const char* kind, const QString& text) {
  return {{QStringLiteral("event"), QStringLiteral("warning")},
          {QStringLiteral("code"), QLatin1String(code)},
          {QStringLiteral("kind"), QLatin1String(kind)},
          {QStringLiteral("text"), text}};
}

QJsonObject membership(const char* kind) {
  return {{QStringLiteral("event"), QStringLiteral("membership")},
          {QStringLiteral("kind"), QLatin1String(kind)}};
}

QJsonObject notice(const char* kind) {
  return {{QStringLiteral("event"), QStringLiteral("notice")}, {QStringLiteral("kind"), QLatin1String(kind)}};
}

// ---- notice → JSON (everything except deliveries and acks) -----------------------
// Warning texts follow C-15: they never say whether a member or the server is
// at fault ("has not arrived", "could not be read", "has not acknowledged").

QJsonObject toJson(const HeldMessageLate& n) {
  auto o = warning("W-1", "HeldMessageLate",
                   QStringLiteral("A message from %1 is waiting for %2 that %3 not arrived yet.")
                       .arg(str(n.author), plural(n.missing.size(), "earlier message", "earlier messages"),
                            QLatin1String(n.missing.size() == 1 ? "has" : "have")));
  o.insert(QStringLiteral("id"), hex(n.held));
  o.insert(QStringLiteral("author"), str(n.author));
  o.insert(QStringLiteral("missing"), hexArray(n.missing));
  return o;
}
QJsonObject toJson(const HeldMessageResolved& n) {
  auto o = notice("held-message-resolved");
  o.insert(QStringLiteral("id"), hex(n.arrived));
  return o;
}
QJsonObject toJson(const Undecryptable& n) {
  auto o = warning("W-2", "Undecryptable",
                   QStringLiteral("%1 sent by %2 could not be read.")
                       .arg(plural(n.count, "packet", "packets"), str(n.sender)));
  o.insert(QStringLiteral("member"), str(n.sender));
  o.insert(QStringLiteral("count"), static_cast<qint64>(n.count));
  return o;
}
QJsonObject toJson(const NotFullyAcked& n) {
  auto o = warning("W-3", "NotFullyAcked",
                   QStringLiteral("A message from %1 has not been acknowledged yet by: %2.")
                       .arg(str(n.author), joinNames(n.unackedBy)));
  o.insert(QStringLiteral("id"), hex(n.id));
  o.insert(QStringLiteral("author"), str(n.author));
  o.insert(QStringLiteral("type"), bodyTypeName(n.kind));
  o.insert(QStringLiteral("unacked_by"), strArray(n.unackedBy));
  return o;
}
QJsonObject toJson(const InvalidMessage& n) {
  QString why = invalidReasonName(n.reason);
  if (n.rule) why += QStringLiteral(", ") + str(transcript::toString(*n.rule));
  auto o =
      warning("W-4", "InvalidMessage",
              QStringLiteral("A message that arrived from %1 could not be accepted (%2) and was set aside.")
                  .arg(str(n.source), why));
  o.insert(QStringLiteral("member"), str(n.source));
  o.insert(QStringLiteral("reason"), invalidReasonName(n.reason));
  if (!n.author.empty()) o.insert(QStringLiteral("author"), str(n.author));
  if (n.id) o.insert(QStringLiteral("id"), hex(*n.id));
  if (n.rule) o.insert(QStringLiteral("rule"), str(transcript::toString(*n.rule)));
  if (!n.detail.empty()) o.insert(QStringLiteral("detail"), QString::fromStdString(n.detail));
  return o;
}
QJsonObject toJson(const ForkDetected& n) {
  auto o = warning("W-5", "ForkDetected",
                   QStringLiteral("Two conflicting messages signed as %1 were received; this session cannot "
                                  "continue safely and has stopped.")
                       .arg(str(n.author)));
  o.insert(QStringLiteral("member"), str(n.author));
  o.insert(QStringLiteral("messages"), hexArray(std::vector<MessageId>{n.first, n.second}));
  return o;
}
QJsonObject toJson(const FinNotConfirmed& n) {
  auto o =
      warning("W-6", "FinNotConfirmed",
              QStringLiteral("The end of our conversation was not confirmed by everyone; %1 unconfirmed.")
                  .arg(plural(n.unconfirmed.size(), "message remains", "messages remain")));
  o.insert(QStringLiteral("id"), hex(n.fin));
  o.insert(QStringLiteral("messages"), hexArray(n.unconfirmed));
  return o;
}
QJsonObject toJson(const ContentAfterFin& n) {
  auto o =
      warning("W-7", "ContentAfterFin",
              QStringLiteral("A message from %1 arrived after we closed the conversation; it is not part "
                             "of the confirmed transcript.")
                  .arg(str(n.author)));
  o.insert(QStringLiteral("id"), hex(n.id));
  o.insert(QStringLiteral("author"), str(n.author));
  return o;
}
QJsonObject toJson(const MemberNotResponding& n) {
  auto o = warning("W-8", "MemberNotResponding",
                   QStringLiteral("Nothing has been heard from %1 for a while.").arg(str(n.member)));
  o.insert(QStringLiteral("member"), str(n.member));
  return o;
}
QJsonObject toJson(const MemberResponding& n) {
  auto o = notice("member-responding");
  o.insert(QStringLiteral("member"), str(n.member));
  return o;
}
QJsonObject toJson(const StateChanged& n) {
  auto o = notice("subsession-state");
  o.insert(QStringLiteral("from"), subStateName(n.from));
  o.insert(QStringLiteral("to"), subStateName(n.to));
  return o;
}
QJsonObject toJson(const PeerFin& n) {
  auto o = notice("peer-fin");
  o.insert(QStringLiteral("member"), str(n.member));
  o.insert(QStringLiteral("id"), hex(n.id));
  o.insert(QStringLiteral("leave_intent"), n.leaveIntent);
  return o;
}

QJsonObject toJson(const notice::ProposalAccepted& n) {
  auto o = membership("proposal-accepted");
  o.insert(QStringLiteral("id"), hex(n.packetId));
  o.insert(QStringLiteral("automatic"), n.automatic);
  return o;
}
QJsonObject toJson(const notice::ProposalRejected& n) {
  auto o = membership("proposal-rejected");
  if (n.winner) o.insert(QStringLiteral("winner"), hex(*n.winner));
  o.insert(QStringLiteral("automatic"), n.automatic);
  o.insert(QStringLiteral("reason"), QString::fromStdString(n.reason));
  return o;
}
QJsonObject toJson(const notice::OperationStarted& n) {
  auto o = membership("started");
  o.insert(QStringLiteral("id"), hex(n.initial));
  o.insert(QStringLiteral("initiator"), str(n.initiator));
  o.insert(QStringLiteral("operation"), operationName(n.operation));
  o.insert(QStringLiteral("members"), strArray(n.members));
  o.insert(QStringLiteral("excludes_us"), n.excludesUs);
  return o;
}
QJsonObject toJson(const notice::OperationSucceeded& n) {
  auto o = membership("succeeded");
  o.insert(QStringLiteral("members"), strArray(n.members));
  o.insert(QStringLiteral("included"), strArray(n.included));
  o.insert(QStringLiteral("excluded"), strArray(n.excluded));
  o.insert(QStringLiteral("sid"), hex(n.sessionId));
  o.insert(QStringLiteral("excludes_us"), n.weAreExcluded);
  return o;
}
QJsonObject toJson(const notice::OperationFailed& n) {
  auto o = membership("failed");
  switch (n.cause) {
    case notice::OperationFailed::Cause::MemberLeft:
      o.insert(QStringLiteral("reason"), QStringLiteral("member-left"));
      o.insert(QStringLiteral("members"), strArray(n.leavers));
      break;
    case notice::OperationFailed::Cause::Aborted:
      o.insert(QStringLiteral("reason"), QStringLiteral("aborted"));
      o.insert(QStringLiteral("aborted_by"), str(n.abortedBy));
      o.insert(QStringLiteral("abort_reason"), str(greet::abortReasonName(n.abortReason)));
      break;
    case notice::OperationFailed::Cause::SelfLeft:
      o.insert(QStringLiteral("reason"), QStringLiteral("self-left"));
      break;
  }
  return o;
}
QJsonObject toJson(const notice::SyncedNew&) {
  return membership("synced-new");
}
QJsonObject toJson(const notice::Synced& n) {
  auto o = membership("synced");
  o.insert(QStringLiteral("id"), hex(n.initial));
  return o;
}
QJsonObject toJson(const notice::ChainMismatch& n) {
  auto o = warning("W-9", "ChainMismatch",
                   QStringLiteral("The membership history named by a new operation differs from the one seen "
                                  "here; the order of events may not be the same for everyone."));
  o.insert(QStringLiteral("id"), hex(n.initial));
  return o;
}
QJsonObject toJson(const notice::PacketRejected& n) {
  auto o = notice("packet-rejected");
  o.insert(QStringLiteral("member"), str(n.sender));
  o.insert(QStringLiteral("reason"), QString::fromStdString(n.reason));
  return o;
}
QJsonObject toJson(const notice::JoinRequest& n) {
  auto o = membership("join-request");
  o.insert(QStringLiteral("members"), strArray(n.members));
  return o;
}
QJsonObject toJson(const notice::TimeoutLeave& n) {
  auto o = membership("timeout-leave");
  o.insert(QStringLiteral("id"), hex(n.initial));
  return o;
}

QJsonObject toJson(const event::SubsessionStarted& n) {
  auto o = membership("subsession-started");
  o.insert(QStringLiteral("index"), static_cast<qint64>(n.index));
  o.insert(QStringLiteral("sid"), hex(n.sessionId));
  o.insert(QStringLiteral("members"), strArray(n.members));
  o.insert(QStringLiteral("included"), strArray(n.included));
  o.insert(QStringLiteral("excluded"), strArray(n.excluded));
  return o;
}
QJsonObject toJson(const event::SubsessionEnded& n) {
  auto o = membership("subsession-ended");
  o.insert(QStringLiteral("index"), static_cast<qint64>(n.index));
  o.insert(QStringLiteral("final_state"), subStateName(n.finalState));
  o.insert(QStringLiteral("consistent"), n.consistent);
  return o;
}
QJsonObject toJson(const event::ChainHashMismatch& n) {
  auto o = warning("W-9", "ChainHashMismatch",
                   QStringLiteral("The membership history acknowledged by %1 differs from the one seen here.")
                       .arg(str(n.member)));
  o.insert(QStringLiteral("member"), str(n.member));
  o.insert(QStringLiteral("id"), hex(n.packetId));
  return o;
}
QJsonObject toJson(const event::ChainAckMissing& n) {
  auto o = warning("W-9", "ChainAckMissing",
                   QStringLiteral("Confirmation of the membership history has not arrived from: %1.")
                       .arg(joinNames(n.missing)));
  o.insert(QStringLiteral("id"), hex(n.packetId));
  o.insert(QStringLiteral("unacked_by"), strArray(n.missing));
  return o;
}
QJsonObject toJson(const event::ChainConfirmed& n) {
  auto o = notice("chain-confirmed");
  o.insert(QStringLiteral("id"), hex(n.packetId));
  o.insert(QStringLiteral("chain_hash"), hex(n.chainHash));
  return o;
}
QJsonObject toJson(const event::TranscriptBroken& n) {
  auto o = warning("W-10", "TranscriptBroken",
                   QStringLiteral("The new session refers to %1 that never arrived here; this session cannot "
                                  "continue safely and has stopped.")
                       .arg(plural(n.unknown.size(), "earlier message", "earlier messages")));
  o.insert(QStringLiteral("id"), hex(n.initial));
  o.insert(QStringLiteral("messages"), hexArray(n.unknown));
  return o;
}
QJsonObject toJson(const event::InconsistentDropped& n) {
  auto o = warning("W-11", "InconsistentDropped",
                   QStringLiteral("An earlier session ended before %1 confirmed by everyone.")
                       .arg(plural(n.unacked.size(), "message was", "messages were")));
  o.insert(QStringLiteral("index"), static_cast<qint64>(n.index));
  o.insert(QStringLiteral("messages"), hexArray(n.unacked));
  o.insert(QStringLiteral("own"), hexArray(n.ownUnacked));
  return o;
}
QJsonObject toJson(const event::PeerError& n) {
  auto o = notice("peer-error");
  o.insert(QStringLiteral("member"), str(n.sender));
  o.insert(QStringLiteral("severity"), n.severity == codec::Severity::Terminal  ? QStringLiteral("terminal")
                                       : n.severity == codec::Severity::Warning ? QStringLiteral("warning")
                                                                                : QStringLiteral("info"));
  o.insert(QStringLiteral("text"), str(n.text));
  o.insert(QStringLiteral("authenticated"), n.authenticated);
  return o;
}
QJsonObject toJson(const event::Reentering&) {
  return membership("reentering");
}

}  // namespace

// ---- lifecycle --------------------------------------------------------------------

Headless::Headless(HeadlessOptions options, QObject* parent) : QObject(parent), options_(std::move(options)) {
  clock_.start();
  quitTimer_.setSingleShot(true);
  connect(&quitTimer_, &QTimer::timeout, this, [this] {
    std::fputs("mpenc-chat: the session did not part in time; leaving anyway\n", stderr);
    finishQuit();
  });
  if (options_.dataDir.isEmpty())
    options_.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

Headless::~Headless() {
  // The room uses the account: it goes first.
  delete host_;
  host_ = nullptr;
  delete account_;
  account_ = nullptr;
}

bool Headless::start() {
#ifdef Q_OS_WIN
  std::fputs("mpenc-chat: --headless needs a POSIX system (stdin notifier)\n", stderr);
  return false;
#else
  std::signal(SIGPIPE, SIG_IGN);  // a closed stdout must not kill us before we part
  stdin_ = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
  connect(stdin_, &QSocketNotifier::activated, this, [this] { onStdinReadable(); });
  return true;
#endif
}

void Headless::onStdinReadable() {
#ifndef Q_OS_WIN
  // One read() per notification: select() said readable, so it does not block.
  char chunk[65536];
  const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (n <= 0) {
    onEof();
    return;
  }
  buffer_.append(chunk, static_cast<int>(n));
  for (;;) {
    const auto nl = buffer_.indexOf('\n');
    if (nl < 0) break;
    const QByteArray line = buffer_.left(nl);
    buffer_.remove(0, nl + 1);
    if (skipping_) {
      skipping_ = false;  // the tail of an overlong line
      continue;
    }
    if (line.size() > kMaxLine) {
      replyError(QJsonValue(), QString(), QStringLiteral("bad-command"),
                 QStringLiteral("line longer than %1 bytes").arg(kMaxLine));
      continue;
    }
    handleLine(line);
    if (finished_) return;
  }
  if (buffer_.size() > kMaxLine) {
    buffer_.clear();
    if (!skipping_)
      replyError(QJsonValue(), QString(), QStringLiteral("bad-command"),
                 QStringLiteral("line longer than %1 bytes").arg(kMaxLine));
    skipping_ = true;
  }
#endif
}

void Headless::onEof() {
  if (stdin_) stdin_->setEnabled(false);
  if (!buffer_.isEmpty() && !skipping_) handleLine(buffer_);
  buffer_.clear();
  beginQuit();
}

void Headless::write(QJsonObject event) {
  if (!event.contains(QStringLiteral("t"))) event.insert(QStringLiteral("t"), clock_.elapsed());
  if (inCommand_ && event.value(QStringLiteral("event")).toString() != QLatin1String("reply")) {
    held_.append(event);  // events a command caused come after its reply
    return;
  }
  const QByteArray line = QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n';
  std::fwrite(line.constData(), 1, static_cast<std::size_t>(line.size()), stdout);
  std::fflush(stdout);
}

void Headless::reply(const QJsonValue& id, const QString& cmd, QJsonObject extras) {
  extras.insert(QStringLiteral("event"), QStringLiteral("reply"));
  if (!id.isUndefined() && !id.isNull()) extras.insert(QStringLiteral("id"), id);
  extras.insert(QStringLiteral("cmd"), cmd);
  if (!extras.contains(QStringLiteral("ok"))) extras.insert(QStringLiteral("ok"), true);
  write(std::move(extras));
}

void Headless::replyError(const QJsonValue& id, const QString& cmd, const QString& error,
                          const QString& detail) {
  reply(
      id, cmd,
      {{QStringLiteral("ok"), false}, {QStringLiteral("error"), error}, {QStringLiteral("detail"), detail}});
}

void Headless::replyResult(const QJsonValue& id, const QString& cmd, const SessionHost::ActionResult& r,
                           QJsonObject extras) {
  if (!r.ok) {
    replyError(id, cmd, r.error, r.detail);
    return;
  }
  reply(id, cmd, std::move(extras));
}

bool Headless::needRoom(const QJsonValue& id, const QString& cmd) {
  if (host_) return true;
  replyError(id, cmd, QStringLiteral("no-room"), QStringLiteral("join a room first"));
  return false;
}

// ---- commands -----------------------------------------------------------------------

void Headless::handleLine(const QByteArray& raw) {
  const QByteArray line = raw.trimmed();
  if (line.isEmpty() || finished_) return;
  QJsonParseError err{};
  const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
  if (err.error != QJsonParseError::NoError || !doc.isObject()) {
    replyError(QJsonValue(), QString(), QStringLiteral("bad-command"),
               err.error != QJsonParseError::NoError
                   ? QStringLiteral("not JSON: %1 at offset %2").arg(err.errorString()).arg(err.offset)
                   : QStringLiteral("not a JSON object"));
    return;
  }
  const QJsonObject c = doc.object();
  QJsonValue id = c.value(QStringLiteral("id"));
  if (!id.isUndefined() && !id.isString() && !id.isDouble()) {
    replyError(QJsonValue(), c.value(QStringLiteral("cmd")).toString(), QStringLiteral("bad-command"),
               QStringLiteral("\"id\" must be a string or a number"));
    return;
  }
  const QString cmd = c.value(QStringLiteral("cmd")).toString();
  static const std::map<QString, Handler> handlers = {
      {QStringLiteral("connect"), &Headless::cmdConnect},
      {QStringLiteral("join"), &Headless::cmdJoin},
      {QStringLiteral("send"), &Headless::cmdSend},
      {QStringLiteral("include"), &Headless::cmdInclude},
      {QStringLiteral("exclude"), &Headless::cmdExclude},
      {QStringLiteral("refresh"), &Headless::cmdRefresh},
      {QStringLiteral("abort"), &Headless::cmdAbort},
      {QStringLiteral("ack"), &Headless::cmdAck},
      {QStringLiteral("consistency"), &Headless::cmdConsistency},
      {QStringLiteral("part"), &Headless::cmdPart},
      {QStringLiteral("status"), &Headless::cmdStatus},
      {QStringLiteral("verify"), &Headless::cmdVerify},
      {QStringLiteral("accept-key"), &Headless::cmdAcceptKey},
      {QStringLiteral("quit"), &Headless::cmdQuit},
  };
  const auto it = handlers.find(cmd);
  if (it == handlers.end()) {
    replyError(id, cmd, QStringLiteral("bad-command"),
               cmd.isEmpty() ? QStringLiteral("missing \"cmd\"")
                             : QStringLiteral("unknown command \"%1\"").arg(cmd));
    return;
  }
  if (quitting_) {
    replyError(id, cmd, QStringLiteral("quitting"), QStringLiteral("quit is in progress"));
    return;
  }
  inCommand_ = true;
  (this->*(it->second))(c, id);
  inCommand_ = false;
  const QList<QJsonObject> held = std::exchange(held_, {});
  for (const QJsonObject& e : held) write(e);
}

void Headless::cmdConnect(const QJsonObject& c, const QJsonValue& id) {
  const QString cmd = QStringLiteral("connect");
  if (account_) {
    replyError(id, cmd, QStringLiteral("already-connected"), QStringLiteral("one account per process"));
    return;
  }
  const QJsonValue jidV = c.value(QStringLiteral("jid"));
  const QJsonValue passV = c.value(QStringLiteral("password"));
  const QJsonValue hostV = c.value(QStringLiteral("host"));
  const QJsonValue portV = c.value(QStringLiteral("port"));
  const QJsonValue tlsV = c.value(QStringLiteral("tls"));
  xmpp::AccountSettings s;
  s.jid = jidV.toString().trimmed();
  if (!jidV.isString() || xmpp::normalizeBareJid(s.jid).isEmpty() || !s.jid.contains(QLatin1Char('@'))) {
    replyError(id, cmd, QStringLiteral("bad-argument"), QStringLiteral("\"jid\" must be user@domain"));
    return;
  }
  if (!passV.isString()) {
    replyError(id, cmd, QStringLiteral("bad-argument"), QStringLiteral("\"password\" must be a string"));
    return;
  }
  s.password = passV.toString();
  if (!hostV.isUndefined()) {
    if (!hostV.isString()) {
      replyError(id, cmd, QStringLiteral("bad-argument"), QStringLiteral("\"host\" must be a string"));
      return;
    }
    s.host = hostV.toString();
  }
  if (!portV.isUndefined()) {
    const double p = portV.toDouble(-1);
    if (!portV.isDouble() || p < 1 || p > 65535 || p != static_cast<double>(static_cast<int>(p))) {
      replyError(id, cmd, QStringLiteral("bad-argument"), QStringLiteral("\"port\" must be 1..65535"));
      return;
    }
    s.port = static_cast<quint16>(p);
  }
  if (!tlsV.isUndefined()) {
    const QString t = tlsV.toString();
    if (t == QLatin1String("required")) {
      s.tls = xmpp::TlsPolicy::Required;
    } else if (t == QLatin1String("if-available")) {
      s.tls = xmpp::TlsPolicy::IfAvailable;
    } else if (t == QLatin1String("disabled-unsafe")) {
      s.tls = xmpp::TlsPolicy::DisabledUnsafe;
    } else {
      replyError(id, cmd, QStringLiteral("bad-argument"),
                 QStringLiteral("\"tls\" must be \"required\", \"if-available\" or \"disabled-unsafe\""));
      return;
    }
  }

  // The identity key of this account, and the trust store, in the data dir.
  if (!QDir().mkpath(options_.dataDir)) {
    replyError(id, cmd, QStringLiteral("identity"),
               QStringLiteral("cannot create the data directory %1").arg(options_.dataDir));
    return;
  }
  // A --data-dir keeps everything in that directory (never the OS keychain).
  xmpp::IdentityStore store(options_.dataDir, /*useKeychain=*/false);
  QString error;
  auto loaded = store.loadOrCreate(xmpp::normalizeBareJid(s.jid), &error);
  if (!loaded) {
    replyError(id, cmd, QStringLiteral("identity"), error);
    return;
  }
  if (!trust_) {
    trust_ = std::make_unique<xmpp::TrustStore>(options_.dataDir);
    if (trust_->loadError().kind != xmpp::TrustStore::ErrorKind::None)
      write({{QStringLiteral("event"), QStringLiteral("error")},
             {QStringLiteral("detail"),
              QString(QStringLiteral("trust store: ") + trust_->loadError().message)}});
  }
  const auto& pub = loaded->key.publicKey();
  fingerprint_ = xmpp::TrustStore::fingerprint(
      QByteArray(reinterpret_cast<const char*>(pub.data()), static_cast<int>(pub.size())));
  const bool created = loaded->created;
  const QString identityWarning = loaded->warning;
  identity_.emplace(std::move(loaded->key));

  account_ = new xmpp::AccountConnection(std::move(s), this);
  connect(account_, &xmpp::AccountConnection::stateChanged, this, [this](xmpp::AccountConnection::State) {
    write({{QStringLiteral("event"), QStringLiteral("connection")},
           {QStringLiteral("state"), connectionState()}});
  });
  connect(account_, &xmpp::AccountConnection::errorOccurred, this, [this](const QString& message) {
    write({{QStringLiteral("event"), QStringLiteral("connection")},
           {QStringLiteral("state"), QStringLiteral("error")},
           {QStringLiteral("detail"), message}});
  });
  connect(account_, &xmpp::AccountConnection::reconnectScheduled, this, [this](int attempt, int delayMs) {
    write({{QStringLiteral("event"), QStringLiteral("connection")},
           {QStringLiteral("state"), QStringLiteral("reconnecting")},
           {QStringLiteral("attempt"), attempt},
           {QStringLiteral("delay_ms"), delayMs},
           {QStringLiteral("detail"), QStringLiteral("attempt %1 in %2 ms").arg(attempt).arg(delayMs)}});
  });
  QJsonObject extras{{QStringLiteral("fingerprint"), fingerprint_},
                     {QStringLiteral("identity_created"), created}};
  if (!identityWarning.isEmpty()) extras.insert(QStringLiteral("identity_warning"), identityWarning);
  reply(id, cmd, extras);
  account_->connectToServer();
}

void Headless::cmdJoin(const QJsonObject& c, const QJsonValue& id) {
  const QString cmd = QStringLiteral("join");
  if (!account_) {
    replyError(id, cmd, QStringLiteral("not-connected"), QStringLiteral("connect first"));
    return;
  }
  const QString room = c.value(QStringLiteral("room")).toString().trimmed();
  const QString nick = c.value(QStringLiteral("nick")).toString().trimmed();
  if (!room.contains(QLatin1Char('@')) || room.contains(QLatin1Char('/')) ||
      room.startsWith(QLatin1Char('@')) || room.endsWith(QLatin1Char('@'))) {
    replyError(id, cmd, QStringLiteral("bad-argument"),
               QStringLiteral("\"room\" must be a bare room JID room@service"));
    return;
  }
  if (nick.isEmpty() || nick.contains(QLatin1Char('/'))) {
    replyError(id, cmd, QStringLiteral("bad-argument"),
               QStringLiteral("\"nick\" must be a non-empty nickname"));
    return;
  }
  if (host_) {
    if (!roomOver_ || host_->state() != SessionState::Parted) {
      replyError(id, cmd, QStringLiteral("already-joined"),
                 QStringLiteral("in %1 already: part first").arg(host_->roomJid()));
      return;
    }
    delete host_;
    host_ = nullptr;
    fullyReported_.clear();
  }
  roomOver_ = false;
  partRequested_ = false;
  const xmpp::SessionHostOptions opts =
      options_.fastTimers ? xmpp::SessionHostOptions::fast(options_.autoInclude) : [this] {
        xmpp::SessionHostOptions o;
        o.autoIncludeJoiners = options_.autoInclude;
        return o;
      }();
  host_ = new SessionHost(account_, room, nick, *identity_, opts, trust_.get(), this);
  connect(host_, &SessionHost::sessionEvent, this, &Headless::onSessionEvent);
  connect(host_, &SessionHost::keyObserved, this, &Headless::onKey);
  connect(host_, &SessionHost::unencryptedMessage, this, [this](const QString& from, const QString& text) {
    write({{QStringLiteral("event"), QStringLiteral("plain")},
           {QStringLiteral("from"), from},
           {QStringLiteral("text"), text}});
  });
  connect(host_, &SessionHost::plainOccupantsChanged, this, [this](const QStringList& occupants) {
    write({{QStringLiteral("event"), QStringLiteral("occupants")},
           {QStringLiteral("plain"), QJsonArray::fromStringList(occupants)}});
  });
  connect(host_, &SessionHost::channelWarning, this, [this](const QString& text) {
    auto o = warning("channel", "ChannelWarning", text);
    write(o);
  });
  connect(host_, &SessionHost::roomLeft, this, [this](const QString& reason, const QString& text) {
    // Kicked, banned or removed: the room is over (join may be used again).
    // Disconnects are rejoined automatically; requested leaves end the room
    // only after a part (the session may leave and re-enter on its own, T-TO1).
    if (reason == QLatin1String("kicked") || reason == QLatin1String("banned") ||
        reason == QLatin1String("removed") || (reason == QLatin1String("requested") && partRequested_))
      roomOver_ = true;
    write({{QStringLiteral("event"), QStringLiteral("room")},
           {QStringLiteral("what"), QStringLiteral("left")},
           {QStringLiteral("reason"), reason},
           {QStringLiteral("detail"), text}});
  });
  connect(host_, &SessionHost::joinFailed, this, [this](const QString& text) {
    roomOver_ = true;
    write({{QStringLiteral("event"), QStringLiteral("room")},
           {QStringLiteral("what"), QStringLiteral("join-failed")},
           {QStringLiteral("detail"), text}});
  });
  connect(host_, &SessionHost::kickFailed, this, [this](const QString& member, const QString& text) {
    write({{QStringLiteral("event"), QStringLiteral("room")},
           {QStringLiteral("what"), QStringLiteral("kick-failed")},
           {QStringLiteral("member"), member},
           {QStringLiteral("detail"), text}});
  });
  reply(id, cmd, {{QStringLiteral("self"), host_->selfJid()}});
  host_->join();
}

void Headless::cmdSend(const QJsonObject& c, const QJsonValue& id) {
  const QString cmd = QStringLiteral("send");
  if (!needRoom(id, cmd)) return;
  const QJsonValue text = c.value(QStringLiteral("text"));
  if (!text.isString()) {
    replyError(id, cmd, QStringLiteral("bad-argument"), QStringLiteral("\"text\" must be a string"));
    return;
  }
  const auto r = host_->send(text.toString());
  replyResult(id, cmd, r, {{QStringLiteral("message"), r.messageId}});
}

void Headless::membersCommand(const QJsonObject& c, const QJsonValue& id, bool include) {
  const QString cmd = include ? QStringLiteral("include") : QStringLiteral("exclude");
  if (!needRoom(id, cmd)) return;
  const QJsonValue v = c.value(QStringLiteral("members"));
  QStringList members;
  if (v.isString()) {
    members << v.toString();
  } else if (v.isArray()) {
    for (const QJsonValue m : v.toArray()) {
      if (!m.isString()) {
        replyError(id, cmd, QStringLiteral("bad-argument"), QStringLiteral("\"members\" must hold strings"));
        return;
      }
      members << m.toString();
    }
  }
  if (members.isEmpty()) {
    replyError(id, cmd, QStringLiteral("bad-argument"),
               QStringLiteral("\"members\" must be a non-empty array of occupant JIDs or nicks"));
    return;
  }
  replyResult(id, cmd, include ? host_->include(members) : host_->exclude(members));
}

void Headless::cmdInclude(const QJsonObject& c, const QJsonValue& id) {
  membersCommand(c, id, true);
}
void Headless::cmdExclude(const QJsonObject& c, const QJsonValue& id) {
  membersCommand(c, id, false);
}

void Headless::cmdRefresh(const QJsonObject&, const QJsonValue& id) {
  const QString cmd = QStringLiteral("refresh");
  if (needRoom(id, cmd)) replyResult(id, cmd, host_->refresh());
}
void Headless::cmdAbort(const QJsonObject&, const QJsonValue& id) {
  const QString cmd = QStringLiteral("abort");
  if (needRoom(id, cmd)) replyResult(id, cmd, host_->abortOperation());
}
void Headless::cmdAck(const QJsonObject&, const QJsonValue& id) {
  const QString cmd = QStringLiteral("ack");
  if (needRoom(id, cmd)) replyResult(id, cmd, host_->ackNow());
}
void Headless::cmdConsistency(const QJsonObject&, const QJsonValue& id) {
  const QString cmd = QStringLiteral("consistency");
  if (needRoom(id, cmd)) replyResult(id, cmd, host_->requestConsistency());
}

void Headless::cmdPart(const QJsonObject&, const QJsonValue& id) {
  const QString cmd = QStringLiteral("part");
  if (!needRoom(id, cmd)) return;
  reply(id, cmd);
  partRequested_ = true;
  if (host_->state() == SessionState::Parted) roomOver_ = true;  // not in the room: nothing to leave
  host_->part();
}

void Headless::cmdStatus(const QJsonObject&, const QJsonValue& id) {
  reply(id, QStringLiteral("status"), {{QStringLiteral("status"), statusObject()}});
}

void Headless::cmdVerify(const QJsonObject& c, const QJsonValue& id) {
  const QString cmd = QStringLiteral("verify");
  if (!needRoom(id, cmd)) return;
  const QJsonValue member = c.value(QStringLiteral("member"));
  const QJsonValue fp = c.value(QStringLiteral("fingerprint"));
  if (!member.isString() || !fp.isString()) {
    replyError(id, cmd, QStringLiteral("bad-argument"),
               QStringLiteral("\"member\" and \"fingerprint\" are strings"));
    return;
  }
  if (host_->resolveMember(member.toString()).isEmpty()) {
    QString detail;
    host_->resolveMember(member.toString(), &detail);
    replyError(id, cmd, QStringLiteral("unknown-member"), detail);
    return;
  }
  QString detail;
  const bool ok = host_->verify(member.toString(), fp.toString(), &detail);
  QJsonObject extras{{QStringLiteral("verified"), ok}};
  if (!ok) extras.insert(QStringLiteral("detail"), detail);
  reply(id, cmd, extras);
}

void Headless::cmdAcceptKey(const QJsonObject& c, const QJsonValue& id) {
  const QString cmd = QStringLiteral("accept-key");
  if (!needRoom(id, cmd)) return;
  const QJsonValue member = c.value(QStringLiteral("member"));
  if (!member.isString()) {
    replyError(id, cmd, QStringLiteral("bad-argument"), QStringLiteral("\"member\" must be a string"));
    return;
  }
  QString detail;
  if (host_->resolveMember(member.toString(), &detail).isEmpty()) {
    replyError(id, cmd, QStringLiteral("unknown-member"), detail);
    return;
  }
  if (!host_->acceptKey(member.toString(), &detail)) {
    replyError(id, cmd, QStringLiteral("no-changed-key"), detail);
    return;
  }
  reply(id, cmd);
}

void Headless::cmdQuit(const QJsonObject&, const QJsonValue& id) {
  reply(id, QStringLiteral("quit"));
  beginQuit();
}

// ---- quitting -----------------------------------------------------------------------

void Headless::beginQuit() {
  if (quitting_ || finished_) return;
  quitting_ = true;
  if (stdin_) stdin_->setEnabled(false);
  if (host_ && host_->state() != SessionState::Parted) {
    quitTimer_.start(options_.quitTimeoutMs);
    if (host_->state() != SessionState::Parting) host_->part();
    return;  // finishQuit() on the state event "parted", or on the timer
  }
  QTimer::singleShot(0, this, [this] { finishQuit(); });
}

void Headless::finishQuit() {
  if (finished_) return;
  finished_ = true;
  quitTimer_.stop();
  if (account_) account_->disconnectFromServer();
  // Let the disconnect reach the socket before the event loop stops.
  QTimer::singleShot(100, this, [this] { emit finished(0); });
}

// ---- events ---------------------------------------------------------------------------

void Headless::onKey(const SessionHost::KeyInfo& key) {
  QJsonObject o{{QStringLiteral("event"), QStringLiteral("key")},
                {QStringLiteral("member"), key.member},
                {QStringLiteral("peer"), key.peer},
                {QStringLiteral("peer_kind"), key.kind},
                {QStringLiteral("fingerprint"), key.fingerprint},
                {QStringLiteral("trust"), trustName(key.trust)}};
  if (key.trust == SessionHost::KeyTrust::Changed) {
    o.insert(QStringLiteral("text"),
             QStringLiteral("The identity key of %1 is not the one pinned for %2. Compare fingerprints with "
                            "them out of band before trusting this session.")
                 .arg(key.member, key.peer));
    std::fprintf(stderr, "mpenc-chat: WARNING: the identity key of %s changed\n", qPrintable(key.member));
  }
  write(o);
}

void Headless::emitAck(transcript::Row row, std::optional<bool> afterWarning) {
  const auto& log = host_->session().log();
  if (row >= log.size()) return;
  const transcript::LogRow& r = log.row(row);
  // A row's full ack is reported once (from the log update or the FullyAcked
  // notice, whichever comes first), and once more if it cancels a W-3.
  if (r.fullyAcked) {
    if (fullyReported_.count(row) && !afterWarning.value_or(false)) return;
    fullyReported_.insert(row);
  }
  QJsonObject o{{QStringLiteral("event"), QStringLiteral("ack")},
                {QStringLiteral("id"), hex(r.id)},
                {QStringLiteral("row"), static_cast<qint64>(row)},
                {QStringLiteral("unacked_by"), strArray(r.unackedBy)},
                {QStringLiteral("fully_acked"), r.fullyAcked},
                {QStringLiteral("after_warning"), afterWarning.value_or(false)}};
  write(o);
}

void Headless::onSessionEvent(const SessionEvent& e) {
  if (!host_) return;
  QJsonObject out;
  const auto sub = e.subsession;
  auto onNotice = [&](const Notice& n) {
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, Delivered>) {
            const auto& log = host_->session().log();
            if (x.log && x.log->appended && *x.log->appended < log.size()) {
              const transcript::Row row = *x.log->appended;
              const transcript::LogRow& r = log.row(row);
              QJsonArray parents;
              QJsonArray parentRows;
              for (const auto p : r.displayParents) {
                if (p < log.size()) parents.append(hex(log.row(p).id));
                parentRows.append(static_cast<qint64>(p));
              }
              QJsonArray offsets;
              for (const auto k : r.offsets) offsets.append(static_cast<qint64>(k));
              write({{QStringLiteral("event"), QStringLiteral("message")},
                     {QStringLiteral("id"), hex(x.id)},
                     {QStringLiteral("author"), str(x.author)},
                     {QStringLiteral("text"), str(x.body.content)},
                     {QStringLiteral("own"), x.own},
                     {QStringLiteral("row"), static_cast<qint64>(row)},
                     {QStringLiteral("parents"), parents},
                     {QStringLiteral("parent_rows"), parentRows},
                     {QStringLiteral("offsets"), offsets},
                     {QStringLiteral("highlight"), r.highlight},
                     {QStringLiteral("readers"), strArray(r.readers)},
                     {QStringLiteral("unacked_by"), strArray(r.unackedBy)},
                     {QStringLiteral("subsession"), static_cast<qint64>(r.subsession)}});
            }
            if (x.log)
              for (const auto row : x.log->changed) emitAck(row, std::nullopt);
          } else if constexpr (std::is_same_v<T, FullyAcked>) {
            if (const auto row = host_->session().log().rowOf(x.id)) emitAck(*row, x.afterWarning);
          } else {
            out = toJson(x);
          }
        },
        n);
  };
  std::visit(
      [&](const auto& w) {
        using W = std::decay_t<decltype(w)>;
        if constexpr (std::is_same_v<W, Notice>) {
          onNotice(w);
        } else {
          std::visit(
              [&](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, event::SessionStateChanged>) {
                  if (x.to == SessionState::Parted && partRequested_) roomOver_ = true;
                  write({{QStringLiteral("event"), QStringLiteral("state")},
                         {QStringLiteral("from"), stateName(x.from)},
                         {QStringLiteral("to"), stateName(x.to)}});
                } else {
                  out = toJson(x);
                }
              },
              w);
        }
      },
      e.what);
  if (!out.isEmpty()) {
    if (sub && !out.contains(QStringLiteral("subsession")))
      out.insert(QStringLiteral("subsession"), static_cast<qint64>(*sub));
    write(out);
  }
  // After the events still queued behind this one.
  if (quitting_ && host_->state() == SessionState::Parted)
    QTimer::singleShot(0, this, [this] { finishQuit(); });
}

// ---- status -----------------------------------------------------------------------------

QString Headless::connectionState() const {
  if (!account_) return QStringLiteral("none");
  switch (account_->state()) {
    case xmpp::AccountConnection::State::Disconnected:
      return QStringLiteral("disconnected");
    case xmpp::AccountConnection::State::Connecting:
      return QStringLiteral("connecting");
    case xmpp::AccountConnection::State::Connected:
      return QStringLiteral("connected");
  }
  return QStringLiteral("disconnected");
}

QJsonObject Headless::statusObject() const {
  QJsonObject s{{QStringLiteral("connection"), connectionState()}};
  if (account_) s.insert(QStringLiteral("account"), account_->jid());
  if (!fingerprint_.isEmpty()) s.insert(QStringLiteral("fingerprint"), fingerprint_);
  if (!host_) {
    s.insert(QStringLiteral("state"), stateName(SessionState::Parted));
    return s;
  }
  const Session& ses = host_->session();
  s.insert(QStringLiteral("room"), host_->roomJid());
  s.insert(QStringLiteral("state"), stateName(ses.state()));
  s.insert(QStringLiteral("self"), host_->selfJid());
  s.insert(QStringLiteral("members"), strArray(ses.members()));
  s.insert(QStringLiteral("channel"), strArray(ses.channelMembers()));
  s.insert(QStringLiteral("plain_occupants"), QJsonArray::fromStringList(host_->plainOccupants()));
  const auto sid = ses.sessionId();
  s.insert(QStringLiteral("sid"), sid ? QJsonValue(hex(*sid)) : QJsonValue());
  const auto ch = ses.chainHash();
  s.insert(QStringLiteral("chain_hash"), ch ? QJsonValue(hex(*ch)) : QJsonValue());
  const auto idx = ses.currentIndex();
  s.insert(QStringLiteral("subsession"), idx ? QJsonValue(static_cast<qint64>(*idx)) : QJsonValue());
  s.insert(QStringLiteral("operation_ongoing"), ses.operationOngoing());
  s.insert(QStringLiteral("consistent"), ses.isConsistent());
  s.insert(QStringLiteral("stopped"), ses.stopped());
  const auto& log = ses.log();
  qint64 unacked = 0;
  for (const auto& r : log.rows())
    if (!r.fullyAcked) ++unacked;
  s.insert(QStringLiteral("messages"), static_cast<qint64>(log.size()));
  s.insert(QStringLiteral("unacked"), unacked);
  s.insert(QStringLiteral("held"), static_cast<qint64>(ses.current() ? ses.current()->held() : 0));
  s.insert(QStringLiteral("undecryptable"), static_cast<qint64>(ses.undecryptableHeld()));
  QJsonArray keys;
  for (const auto& k : host_->keys())
    keys.append(QJsonObject{{QStringLiteral("member"), k.member},
                            {QStringLiteral("peer"), k.peer},
                            {QStringLiteral("peer_kind"), k.kind},
                            {QStringLiteral("fingerprint"), k.fingerprint},
                            {QStringLiteral("trust"), trustName(k.trust)}});
  s.insert(QStringLiteral("keys"), keys);
  return s;
}

}  // namespace mpenc::app
