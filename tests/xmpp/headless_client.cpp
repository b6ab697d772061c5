#include "headless_client.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>

#include "prosody_fixture.h"

#ifndef MPENC_CHAT_BIN
#define MPENC_CHAT_BIN ""
#endif
#ifndef MPENC_TEST_ARTIFACTS_DIR
#define MPENC_TEST_ARTIFACTS_DIR ""
#endif

namespace mpenc::test {

namespace {

const QElapsedTimer& clock() {
  static const QElapsedTimer c = [] {
    QElapsedTimer t;
    t.start();
    return t;
  }();
  return c;
}

QString compact(const QJsonObject& o) {
  return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

}  // namespace

QStringList HeadlessEvent::list(const char* key) const {
  QStringList out;
  const QJsonValue v = json.value(QLatin1String(key));
  for (const QJsonValue x : v.toArray()) out << x.toString();
  return out;
}

QString artifactsRoot() {
  QString dir = qEnvironmentVariable("MPENC_TEST_ARTIFACTS_DIR");
  if (dir.isEmpty()) dir = QString::fromUtf8(MPENC_TEST_ARTIFACTS_DIR);
  if (dir.isEmpty()) {
    static QTemporaryDir tmp;
    tmp.setAutoRemove(false);
    dir = tmp.path();
  }
  QDir().mkpath(dir);
  return dir;
}

QString HeadlessClient::program() {
  const QString env = qEnvironmentVariable("MPENC_CHAT_BIN");
  return env.isEmpty() ? QString::fromUtf8(MPENC_CHAT_BIN) : env;
}

qint64 HeadlessClient::nowUs() {
  return clock().nsecsElapsed() / 1000;
}

HeadlessClient::HeadlessClient(QString name, QString dataDir, QString artifactsDir, Options options)
    : name_(std::move(name)),
      dataDir_(std::move(dataDir)),
      artifactsDir_(std::move(artifactsDir)),
      options_(std::move(options)) {
  QDir().mkpath(artifactsDir_);
  QDir().mkpath(dataDir_);
  transcript_.setFileName(QDir(artifactsDir_).filePath(name_ + QStringLiteral(".log")));
  if (!transcript_.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
    std::fprintf(stderr, "headless_client: cannot write %s\n", qPrintable(transcript_.fileName()));
  stderrFile_.setFileName(QDir(artifactsDir_).filePath(name_ + QStringLiteral(".stderr")));
  if (!stderrFile_.open(QIODevice::WriteOnly | QIODevice::Truncate))
    std::fprintf(stderr, "headless_client: cannot write %s\n", qPrintable(stderrFile_.fileName()));
}

HeadlessClient::~HeadlessClient() {
  stop(2000);
}

void HeadlessClient::logLine(char dir, const QByteArray& line) {
  if (!transcript_.isOpen()) return;
  const QByteArray prefix =
      QByteArray::number(static_cast<double>(nowUs()) / 1000.0, 'f', 3) + ' ' + dir + ' ';
  transcript_.write(prefix + line + '\n');
  transcript_.flush();
}

void HeadlessClient::note(const QString& text) {
  logLine('#', text.toUtf8());
}

bool HeadlessClient::start() {
  if (running()) return true;
  const QString bin = program();
  if (bin.isEmpty() || !QFileInfo::exists(bin)) {
    error_ = QStringLiteral("mpenc-chat binary not found: '%1'").arg(bin);
    return false;
  }
  proc_ = std::make_unique<QProcess>();
  stdinClosed_ = false;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  env.insert(QStringLiteral("MPENC_NO_KEYCHAIN"), QStringLiteral("1"));
  proc_->setProcessEnvironment(env);
  QStringList args{QStringLiteral("--headless"), QStringLiteral("--data-dir"), dataDir_};
  if (options_.autoInclude) args << QStringLiteral("--auto-include");
  if (options_.fastTimers) args << QStringLiteral("--fast-timers");
  args << options_.extraArgs;
  connect(proc_.get(), &QProcess::readyReadStandardOutput, this, &HeadlessClient::onStdout);
  connect(proc_.get(), &QProcess::readyReadStandardError, this, &HeadlessClient::onStderr);
  exited_ = false;
  killed_ = false;
  connect(proc_.get(), qOverload<int, QProcess::ExitStatus>(&QProcess::finished), this,
          [this](int code, QProcess::ExitStatus st) {
            exited_ = true;
            exitNormal_ = st == QProcess::NormalExit;
            exitCode_ = code;
          });
  note(QStringLiteral("start %1 %2").arg(bin, args.join(QLatin1Char(' '))));
  proc_->start(bin, args);
  if (!proc_->waitForStarted(10000)) {
    error_ = QStringLiteral("%1 did not start: %2").arg(name_, proc_->errorString());
    proc_.reset();
    return false;
  }
  pid_ = proc_->processId();
  return true;
}

bool HeadlessClient::running() const {
  return proc_ && proc_->state() != QProcess::NotRunning;
}

qint64 HeadlessClient::pid() const {
  return pid_;
}

void HeadlessClient::drainOutput() {
  if (!proc_) return;
  onStdout();
  onStderr();
}

void HeadlessClient::stop(int graceMs) {
  if (!proc_) return;
  if (proc_->state() != QProcess::NotRunning) {
    if (!stdinClosed_) send(QStringLiteral("quit"));
    stdinClosed_ = true;
    proc_->closeWriteChannel();
    if (!proc_->waitForFinished(graceMs)) {
      note(QStringLiteral("did not quit within %1 ms: terminate").arg(graceMs));
      proc_->terminate();
      if (!proc_->waitForFinished(graceMs)) {
        note(QStringLiteral("did not terminate: kill"));
        proc_->kill();
        proc_->waitForFinished(graceMs);
      }
    }
  }
  drainOutput();
  note(QStringLiteral("exited: status %1 code %2")
           .arg(proc_->exitStatus() == QProcess::NormalExit ? QStringLiteral("normal")
                                                            : QStringLiteral("crash"))
           .arg(proc_->exitCode()));
  proc_->disconnect(this);
  proc_.reset();
}

void HeadlessClient::requestQuit() {
  if (!running()) return;
  if (stdinClosed_) return;
  send(QStringLiteral("quit"));
  stdinClosed_ = true;
  proc_->closeWriteChannel();
}

void stopAll(const std::vector<HeadlessClient*>& clients, int graceMs) {
  for (auto* c : clients)
    if (c) c->requestQuit();
  waitUntil(
      [&] {
        return std::none_of(clients.begin(), clients.end(),
                            [](const HeadlessClient* c) { return c && c->running(); });
      },
      graceMs, QStringLiteral("all clients quit"), {});
  for (auto* c : clients)
    if (c) c->stop(2000);
}

void HeadlessClient::kill() {
  if (!proc_ || proc_->state() == QProcess::NotRunning) return;
  note(QStringLiteral("SIGKILL"));
  killed_ = true;
  proc_->kill();
  proc_->waitForFinished(5000);
  drainOutput();
}

void HeadlessClient::onStdout() {
  if (!proc_) return;
  outBuf_ += proc_->readAllStandardOutput();
  for (;;) {
    const auto nl = outBuf_.indexOf('\n');
    if (nl < 0) break;
    const QByteArray line = outBuf_.left(nl);
    outBuf_.remove(0, nl + 1);
    if (line.trimmed().isEmpty()) continue;
    logLine('<', line);
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
      badLines_ << QString::fromUtf8(line);
      continue;
    }
    HeadlessEvent ev{doc.object(), nowUs()};
    const QString kind = ev.event();
    if (kind == QLatin1String("reply")) {
      lastReply_ = ev.json;
    } else if (kind == QLatin1String("message")) {
      if (!messageAt_.contains(ev.str("id")))
        messageAt_.insert(ev.str("id"), static_cast<int>(events_.size()));
    } else if (kind == QLatin1String("ack")) {
      if (ev.flag("fully_acked")) fullyAcked_.insert(ev.str("id"));
      if (!options_.keepAckEvents) continue;
    }
    events_.push_back(std::move(ev));
    emit eventReceived(static_cast<int>(events_.size()) - 1);
  }
}

void HeadlessClient::onStderr() {
  if (!proc_) return;
  const QByteArray chunk = proc_->readAllStandardError();
  if (chunk.isEmpty()) return;
  stderr_ += chunk;
  if (stderrFile_.isOpen()) {
    stderrFile_.write(chunk);
    stderrFile_.flush();
  }
}

int HeadlessClient::send(const QString& cmd, QJsonObject fields) {
  const int id = nextId_++;
  fields.insert(QStringLiteral("cmd"), cmd);
  fields.insert(QStringLiteral("id"), id);
  QByteArray line = QJsonDocument(fields).toJson(QJsonDocument::Compact);
  // Never write a password to the transcript.
  QJsonObject shown = fields;
  if (shown.contains(QStringLiteral("password")))
    shown.insert(QStringLiteral("password"), QStringLiteral("***"));
  logLine('>', QJsonDocument(shown).toJson(QJsonDocument::Compact));
  if (running() && !stdinClosed_) {
    line += '\n';
    proc_->write(line);
    // QProcess writes from the event loop: flush now, so a command is on its
    // way even if the caller blocks next (e.g. stopping the server).
    proc_->waitForBytesWritten(5000);
  }
  return id;
}

std::optional<QJsonObject> HeadlessClient::replyTo(int id) const {
  for (auto it = events_.rbegin(); it != events_.rend(); ++it)
    if (it->event() == QLatin1String("reply") && it->json.value(QStringLiteral("id")).toInt(-1) == id)
      return it->json;
  return std::nullopt;
}

std::optional<QJsonObject> HeadlessClient::request(const QString& cmd, QJsonObject fields, int timeoutMs) {
  const int id = send(cmd, std::move(fields));
  if (!waitFor([&] { return replyTo(id).has_value(); }, timeoutMs,
               QStringLiteral("reply to %1 #%2").arg(cmd).arg(id)))
    return std::nullopt;
  lastReply_ = *replyTo(id);
  return lastReply_;
}

bool HeadlessClient::connectTo(const ProsodyFixture& server, const QString& password) {
  QJsonObject c;
  c.insert(QStringLiteral("jid"), QString(name_ + QLatin1Char('@') + server.domain()));
  c.insert(QStringLiteral("password"), password);
  c.insert(QStringLiteral("host"), QStringLiteral("127.0.0.1"));
  c.insert(QStringLiteral("port"), static_cast<int>(server.port()));
  c.insert(QStringLiteral("tls"), QStringLiteral("disabled-unsafe"));
  const auto r = request(QStringLiteral("connect"), c);
  return r && r->value(QStringLiteral("ok")).toBool();
}

bool HeadlessClient::join(const QString& room) {
  room_ = room;
  const auto r =
      request(QStringLiteral("join"), {{QStringLiteral("room"), room}, {QStringLiteral("nick"), name_}});
  return r && r->value(QStringLiteral("ok")).toBool();
}

QString HeadlessClient::say(const QString& text, int timeoutMs) {
  const auto r = request(QStringLiteral("send"), {{QStringLiteral("text"), text}}, timeoutMs);
  if (!r || !r->value(QStringLiteral("ok")).toBool()) return {};
  return r->value(QStringLiteral("message")).toString();
}

QJsonObject HeadlessClient::status(int timeoutMs) {
  const auto r = request(QStringLiteral("status"), {}, timeoutMs);
  if (!r || !r->value(QStringLiteral("ok")).toBool()) return {};
  return r->value(QStringLiteral("status")).toObject();
}

int HeadlessClient::find(const std::function<bool(const HeadlessEvent&)>& pred, int from) const {
  for (int i = std::max(0, from); i < static_cast<int>(events_.size()); ++i)
    if (pred(events_[static_cast<size_t>(i)])) return i;
  return -1;
}

int HeadlessClient::count(const std::function<bool(const HeadlessEvent&)>& pred, int from) const {
  int n = 0;
  for (int i = std::max(0, from); i < static_cast<int>(events_.size()); ++i)
    n += pred(events_[static_cast<size_t>(i)]) ? 1 : 0;
  return n;
}

std::vector<HeadlessEvent> HeadlessClient::all(const std::function<bool(const HeadlessEvent&)>& pred,
                                               int from) const {
  std::vector<HeadlessEvent> out;
  for (int i = std::max(0, from); i < static_cast<int>(events_.size()); ++i)
    if (pred(events_[static_cast<size_t>(i)])) out.push_back(events_[static_cast<size_t>(i)]);
  return out;
}

std::vector<HeadlessEvent> HeadlessClient::ofKind(const QString& event, int from) const {
  return all([&](const HeadlessEvent& e) { return e.event() == event; }, from);
}

bool waitUntil(const std::function<bool()>& pred, int timeoutMs, const QString& what,
               const std::vector<HeadlessClient*>& clients) {
  if (pred()) return true;
  QEventLoop loop;
  bool done = false;
  auto check = [&] {
    if (!done && pred()) {
      done = true;
      loop.quit();
    }
  };
  QTimer poll;  // also catches conditions that are not tied to an event
  poll.setInterval(20);
  QObject::connect(&poll, &QTimer::timeout, &loop, check);
  QTimer deadline;
  deadline.setSingleShot(true);
  QObject::connect(&deadline, &QTimer::timeout, &loop, [&] { loop.quit(); });
  // Events come in bursts (one read, many lines): check once per burst.
  QTimer soon;
  soon.setSingleShot(true);
  soon.setInterval(0);
  QObject::connect(&soon, &QTimer::timeout, &loop, check);
  std::vector<QMetaObject::Connection> conns;
  for (HeadlessClient* c : clients)
    if (c)
      conns.push_back(QObject::connect(c, &HeadlessClient::eventReceived, &loop, [&soon] {
        if (!soon.isActive()) soon.start();
      }));
  poll.start();
  deadline.start(timeoutMs);
  loop.exec();
  for (const auto& c : conns) QObject::disconnect(c);
  if (done || pred()) return true;
  std::fprintf(stderr, "\n=== TIMEOUT after %d ms waiting for: %s\n", timeoutMs, qPrintable(what));
  for (HeadlessClient* c : clients) {
    if (!c) continue;
    c->note(QStringLiteral("TIMEOUT waiting for: ") + what);
    std::fprintf(stderr, "%s\n", qPrintable(c->diagnostics()));
  }
  return false;
}

bool HeadlessClient::waitFor(const std::function<bool()>& pred, int timeoutMs, const QString& what) {
  return waitUntil(pred, timeoutMs, name_ + QStringLiteral(": ") + what, {this});
}

int HeadlessClient::waitForEvent(const std::function<bool(const HeadlessEvent&)>& pred, int timeoutMs,
                                 const QString& what, int from) {
  int at = -1;
  waitFor(
      [&] {
        at = find(pred, from);
        return at >= 0;
      },
      timeoutMs, what);
  return at;
}

QString HeadlessClient::lastState() const {
  for (auto it = events_.rbegin(); it != events_.rend(); ++it)
    if (it->event() == QLatin1String("state")) return it->str("to");
  return QStringLiteral("parted");
}

bool HeadlessClient::waitState(const QString& state, int timeoutMs, int from) {
  return waitForEvent(
             [&](const HeadlessEvent& e) {
               return e.event() == QLatin1String("state") && e.str("to") == state;
             },
             timeoutMs, QStringLiteral("state %1").arg(state), from) >= 0;
}

namespace {
bool authorMatches(const QString& author, const QString& want) {
  return want.isEmpty() || author == want || author.endsWith(QLatin1Char('/') + want);
}
}  // namespace

int HeadlessClient::waitMessage(const QString& text, const QString& author, int timeoutMs, int from) {
  return waitForEvent(
      [&](const HeadlessEvent& e) {
        return e.event() == QLatin1String("message") && e.str("text") == text &&
               authorMatches(e.str("author"), author);
      },
      timeoutMs, QStringLiteral("message '%1' from %2").arg(text, author), from);
}

bool HeadlessClient::waitFullyAcked(const QString& id, int timeoutMs, int from) {
  return waitForEvent(
             [&](const HeadlessEvent& e) {
               return e.event() == QLatin1String("ack") && e.str("id") == id && e.flag("fully_acked");
             },
             timeoutMs, QStringLiteral("fully acked %1").arg(id), from) >= 0;
}

int HeadlessClient::waitWarning(const QString& code, int timeoutMs, int from) {
  return waitForEvent(
      [&](const HeadlessEvent& e) { return e.event() == QLatin1String("warning") && e.str("code") == code; },
      timeoutMs, QStringLiteral("warning %1").arg(code), from);
}

bool HeadlessClient::hasMessage(const QString& id) const {
  return messageAt_.contains(id);
}

std::optional<HeadlessEvent> HeadlessClient::message(const QString& id) const {
  const auto it = messageAt_.constFind(id);
  if (it == messageAt_.constEnd()) return std::nullopt;
  return events_[static_cast<size_t>(*it)];
}

bool HeadlessClient::isFullyAcked(const QString& id) const {
  return fullyAcked_.contains(id);
}

QString HeadlessClient::diagnostics(int n) const {
  QString out = QStringLiteral("--- %1 (pid %2, %3): last %4 of %5 events\n")
                    .arg(name_)
                    .arg(pid_)
                    .arg(running() ? QStringLiteral("running") : QStringLiteral("not running"))
                    .arg(std::min<int>(n, static_cast<int>(events_.size())))
                    .arg(events_.size());
  const int first = std::max(0, static_cast<int>(events_.size()) - n);
  for (int i = first; i < static_cast<int>(events_.size()); ++i)
    out += QStringLiteral("  [%1] ").arg(i) + compact(events_[static_cast<size_t>(i)].json).left(400) +
           QLatin1Char('\n');
  if (!badLines_.isEmpty()) out += QStringLiteral("  non-JSON stdout lines: %1\n").arg(badLines_.size());
  out += QStringLiteral("--- %1 stderr tail:\n").arg(name_) + QString::fromUtf8(stderr_.right(1500));
  out += QStringLiteral("\n--- transcript: %1\n").arg(transcript_.fileName());
  return out;
}

}  // namespace mpenc::test
