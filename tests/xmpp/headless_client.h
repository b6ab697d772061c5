// A test driver for one headless mpENC chat client: `mpenc-chat --headless`
// in its own process (QProcess), spoken to over the JSON-lines protocol of
// docs/headless.md.
//
//  - Commands go to the process's standard input, one JSON object a line,
//    each with a numeric "id"; request() waits (bounded) for its reply.
//  - Every standard-output line is parsed into an Event (the JSON object plus
//    the driver's receive time). A line that is not a JSON object is kept in
//    badLines(): the contract says standard output carries JSON lines only.
//  - Standard error is kept (diagnostics) and written to a file.
//  - Every line in and out is appended to a transcript file under the
//    artifacts directory as it happens (so a crash still leaves it).
//  - waitFor()/waitUntil() run a QEventLoop until a predicate holds or a
//    timeout passes; on timeout they print the clients' last events and the
//    tail of their standard error.
//  - stop() sends "quit", closes stdin, then terminates and finally kills the
//    process it started, each after a bounded wait. kill() is SIGKILL.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QSet>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace mpenc::test {

class ProsodyFixture;

/// One event from a client's standard output.
struct HeadlessEvent {
  QJsonObject json;
  qint64 rxUs = 0;  ///< when the driver read it (HeadlessClient::nowUs())

  QString event() const { return json.value(QStringLiteral("event")).toString(); }
  QString str(const char* key) const { return json.value(QLatin1String(key)).toString(); }
  bool flag(const char* key) const { return json.value(QLatin1String(key)).toBool(); }
  QStringList list(const char* key) const;
};

class HeadlessClient : public QObject {
  Q_OBJECT

 public:
  struct Options {
    bool autoInclude = false;
    bool fastTimers = true;
    /// Keep "ack" events in events() (fully acked IDs are tracked either way);
    /// a long run (tests/xmpp/soak_server.cpp) drops them to bound memory.
    bool keepAckEvents = true;
    QStringList extraArgs;
  };

  /// `name` = account user name and nickname; `artifactsDir` = where the
  /// transcript (<name>.jsonl) and standard error (<name>.stderr) go;
  /// `dataDir` = the client's --data-dir.
  HeadlessClient(QString name, QString dataDir, QString artifactsDir, Options options);
  HeadlessClient(QString name, QString dataDir, QString artifactsDir)
      : HeadlessClient(std::move(name), std::move(dataDir), std::move(artifactsDir), Options{}) {}
  ~HeadlessClient() override;
  HeadlessClient(const HeadlessClient&) = delete;
  HeadlessClient& operator=(const HeadlessClient&) = delete;

  /// The mpenc-chat binary: $MPENC_CHAT_BIN if set, else the compile-time path.
  static QString program();
  /// A monotonic clock shared by every client of this process (microseconds).
  static qint64 nowUs();

  /// Start the process (bounded wait for it to start). False with lastError().
  bool start();
  /// quit → close stdin → terminate → kill, each after a bounded wait.
  void stop(int graceMs = 5000);
  /// SIGKILL (QProcess::kill) and wait for the process to be reaped.
  void kill();
  /// Send "quit" and close standard input; does not wait (see stopAll()).
  void requestQuit();
  bool running() const;
  qint64 pid() const;
  /// After the process ended: whether it exited normally (not by a signal) and its exit code.
  bool exited() const { return exited_; }
  bool exitedNormally() const { return exitNormal_; }
  int exitCode() const { return exitCode_; }
  /// kill() was called (the process's end was ours).
  bool killedByUs() const { return killed_; }

  // ---- commands -------------------------------------------------------------
  /// Write a command; returns the "id" it was given.
  int send(const QString& cmd, QJsonObject fields = {});
  /// send() and wait for its reply. nullopt (after printing diagnostics) on timeout.
  std::optional<QJsonObject> request(const QString& cmd, QJsonObject fields = {}, int timeoutMs = 15000);
  /// The reply to command `id`, if it arrived.
  std::optional<QJsonObject> replyTo(int id) const;

  /// connect to the fixture's server as <name>@localhost with password `password` (no TLS, loopback).
  bool connectTo(const ProsodyFixture& server, const QString& password);
  /// join `room` with nick <name>; true if the reply was ok.
  bool join(const QString& room);
  /// "send" text: the message ID (hex) when the reply is ok, else empty (reply kept in lastReply()).
  QString say(const QString& text, int timeoutMs = 15000);
  /// The "status" object (empty on timeout or error).
  QJsonObject status(int timeoutMs = 15000);
  const QJsonObject& lastReply() const { return lastReply_; }

  // ---- events ---------------------------------------------------------------
  const std::vector<HeadlessEvent>& events() const { return events_; }
  QStringList badLines() const { return badLines_; }
  QByteArray stderrText() const { return stderr_; }
  /// Index of the first event at or after `from` matching `pred`, or -1.
  int find(const std::function<bool(const HeadlessEvent&)>& pred, int from = 0) const;
  int count(const std::function<bool(const HeadlessEvent&)>& pred, int from = 0) const;
  std::vector<HeadlessEvent> all(const std::function<bool(const HeadlessEvent&)>& pred, int from = 0) const;
  /// Events of kind `event` (e.g. "warning") since `from`.
  std::vector<HeadlessEvent> ofKind(const QString& event, int from = 0) const;
  int mark() const { return static_cast<int>(events_.size()); }

  /// Run the event loop until `pred` holds (true) or `timeoutMs` passes (false,
  /// after printing `what` and this client's diagnostics).
  bool waitFor(const std::function<bool()>& pred, int timeoutMs, const QString& what);
  /// Wait for an event matching `pred` at index >= from; returns its index or -1.
  int waitForEvent(const std::function<bool(const HeadlessEvent&)>& pred, int timeoutMs, const QString& what,
                   int from = 0);

  // Common waits (events at index >= from).
  /// A "state" event with to == `state`, or the current status already in that state.
  bool waitState(const QString& state, int timeoutMs, int from = 0);
  /// A "message" event with this text; from author `author` (occupant JID or nick) unless empty.
  int waitMessage(const QString& text, const QString& author, int timeoutMs, int from = 0);
  /// An "ack" event with fully_acked true for message `id`.
  bool waitFullyAcked(const QString& id, int timeoutMs, int from = 0);
  /// A "warning" event with this code ("W-4", …).
  int waitWarning(const QString& code, int timeoutMs, int from = 0);

  // Queries over the events.
  bool hasMessage(const QString& id) const;
  bool isFullyAcked(const QString& id) const;
  /// The "message" event for `id`, if any.
  std::optional<HeadlessEvent> message(const QString& id) const;
  std::vector<HeadlessEvent> warnings(int from = 0) const { return ofKind(QStringLiteral("warning"), from); }
  /// The most recent "state" event's "to", or "parted" if none.
  QString lastState() const;

  QString name() const { return name_; }
  QString nick() const { return name_; }
  QString room() const { return room_; }
  /// Our occupant JID room@service/nick (after join()).
  QString occupantJid() const { return room_.isEmpty() ? QString() : room_ + QLatin1Char('/') + name_; }
  QString lastError() const { return error_; }
  /// The last `n` events and the tail of standard error, for failure messages.
  QString diagnostics(int n = 40) const;
  /// Append a free-text note to the transcript (e.g. the scenario's steps).
  void note(const QString& text);

 signals:
  void eventReceived(int index);

 private:
  void onStdout();
  void onStderr();
  void logLine(char dir, const QByteArray& line);
  void drainOutput();

  QString name_;
  QString dataDir_;
  QString artifactsDir_;
  Options options_;
  std::unique_ptr<QProcess> proc_;
  qint64 pid_ = 0;
  QByteArray outBuf_;
  QByteArray stderr_;
  std::vector<HeadlessEvent> events_;
  QHash<QString, int> messageAt_;  // message ID -> index of its "message" event
  QSet<QString> fullyAcked_;       // IDs with an "ack" event, fully_acked true
  QStringList badLines_;
  QFile transcript_;
  QFile stderrFile_;
  int nextId_ = 1;
  bool stdinClosed_ = false;
  bool exited_ = false;
  bool exitNormal_ = false;
  int exitCode_ = -1;
  bool killed_ = false;
  QString room_;
  QString error_;
  QJsonObject lastReply_;
};

/// Wait until `pred` holds, running the event loop (every client's output is
/// read while waiting). On timeout print `what` and every client's diagnostics.
bool waitUntil(const std::function<bool()>& pred, int timeoutMs, const QString& what,
               const std::vector<HeadlessClient*>& clients);

/// Stop many clients at once: "quit" to all, wait (event loop) up to
/// `graceMs` for all to exit, then stop() each (terminate, kill).
void stopAll(const std::vector<HeadlessClient*>& clients, int graceMs = 10000);

/// Where test transcripts go: $MPENC_TEST_ARTIFACTS_DIR, else the compile-time
/// default (<build>/test-artifacts/xmpp), else a temporary directory.
QString artifactsRoot();

}  // namespace mpenc::test
