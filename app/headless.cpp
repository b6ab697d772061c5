// The headless front end object: the stdin line reader, command dispatch,
// replies, and the lifecycle (construction, start, quit). Command handlers are
// in headless_commands.cpp, the event mapping in headless_events.cpp.
#include "app/headless.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <map>
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

// ---- command dispatch -----------------------------------------------------------------

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
