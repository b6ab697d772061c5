// The headless front end object: the stdin line reader, command dispatch,
// replies, and the lifecycle (construction, start, quit). Command handlers are
// in headless_commands.cpp, the event mapping in headless_events.cpp.
#include "app/headless.h"

#include <QJsonDocument>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <utility>

#include "xmpp/account_connection.h"
#include "xmpp/trust_store.h"

#ifndef Q_OS_WIN
#include <unistd.h>
#endif

namespace mpenc::app {

using namespace mpenc::session;  // NOLINT(google-build-using-namespace): session names
using xmpp::SessionHost;

namespace {

/// The longest command line accepted (a bigger one gets a bad-command reply).
constexpr qsizetype kMaxLine = 1024 * 1024;

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

bool Headless::goodArguments(const HeadlessCommand& c, const QString& cmd) {
  if (!c.argError) return true;
  replyError(c.id, cmd, c.argError->error, c.argError->detail);
  return false;
}

// ---- command dispatch -----------------------------------------------------------------

void Headless::handleLine(const QByteArray& raw) {
  if (finished_) return;
  const HeadlessLine line = parseHeadlessLine(raw);
  if (line.status == HeadlessLine::Status::Empty) return;
  if (line.status == HeadlessLine::Status::Rejected) {
    replyError(line.rejectedId, line.rejectedCmd, line.rejection.error, line.rejection.detail);
    return;
  }
  const HeadlessCommand& c = line.command;
  const QString cmd = headlessCommandName(c.kind);
  if (quitting_) {
    replyError(c.id, cmd, QStringLiteral("quitting"), QStringLiteral("quit is in progress"));
    return;
  }
  inCommand_ = true;
  (this->*handlerOf(c.kind))(c, c.id);
  inCommand_ = false;
  const QList<QJsonObject> held = std::exchange(held_, {});
  for (const QJsonObject& e : held) write(e);
}

Headless::Handler Headless::handlerOf(HeadlessCommandKind kind) {
  switch (kind) {
    case HeadlessCommandKind::Connect:
      return &Headless::cmdConnect;
    case HeadlessCommandKind::Join:
      return &Headless::cmdJoin;
    case HeadlessCommandKind::Send:
      return &Headless::cmdSend;
    case HeadlessCommandKind::Include:
      return &Headless::cmdInclude;
    case HeadlessCommandKind::Exclude:
      return &Headless::cmdExclude;
    case HeadlessCommandKind::Refresh:
      return &Headless::cmdRefresh;
    case HeadlessCommandKind::Abort:
      return &Headless::cmdAbort;
    case HeadlessCommandKind::Ack:
      return &Headless::cmdAck;
    case HeadlessCommandKind::Consistency:
      return &Headless::cmdConsistency;
    case HeadlessCommandKind::Part:
      return &Headless::cmdPart;
    case HeadlessCommandKind::Status:
      return &Headless::cmdStatus;
    case HeadlessCommandKind::Verify:
      return &Headless::cmdVerify;
    case HeadlessCommandKind::AcceptKey:
      return &Headless::cmdAcceptKey;
    case HeadlessCommandKind::Quit:
      return &Headless::cmdQuit;
  }
  return &Headless::cmdStatus;  // not reached: every kind is listed above
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

}  // namespace mpenc::app
