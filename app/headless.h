// The headless front end: JSON lines on stdin/stdout (docs/headless.md).
//
// One account and one room per process. Commands are read from standard input
// (a QSocketNotifier on fd 0; partial lines are buffered; EOF acts like
// "quit"); replies and events are written to standard output, one JSON object
// per line, flushed after each. Diagnostics go to standard error. Passwords
// and keys are never written anywhere.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>
#include <optional>
#include <set>

#include "app/headless_command.h"
#include "ui/presentation/wording.h"
#include "xmpp/session_host.h"

class QSocketNotifier;

namespace mpenc::xmpp {
class AccountConnection;
class TrustStore;
}  // namespace mpenc::xmpp

namespace mpenc::app {

struct HeadlessOptions {
  /// Identity keys and the trust store; empty = the platform's app data directory.
  QString dataDir;
  /// MembershipConfig::autoIncludeJoiners (bots and tests).
  bool autoInclude = false;
  /// SessionHostOptions::fast(): short timers, for tests and benchmarks only.
  bool fastTimers = false;
  /// Bound on how long "quit" waits for the session to part.
  int quitTimeoutMs = 10000;
};

class Headless : public QObject {
  Q_OBJECT

 public:
  explicit Headless(HeadlessOptions options, QObject* parent = nullptr);
  ~Headless() override;

  /// Start reading commands from standard input. False (with a message on
  /// standard error) when standard input cannot be watched.
  bool start();
  /// Handle one command line (without its newline; parsed by parseHeadlessLine()).
  void handleLine(const QByteArray& line);

 signals:
  /// The front end is done (quit, or EOF on standard input): exit with `code`.
  void finished(int code);

 private:
  using Handler = void (Headless::*)(const HeadlessCommand& c, const QJsonValue& id);
  static Handler handlerOf(HeadlessCommandKind kind);

  void onStdinReadable();
  void onEof();
  void write(QJsonObject event);
  void reply(const QJsonValue& id, const QString& cmd, QJsonObject extras = {});
  void replyError(const QJsonValue& id, const QString& cmd, const QString& error, const QString& detail);
  void replyResult(const QJsonValue& id, const QString& cmd, const xmpp::SessionHost::ActionResult& r,
                   QJsonObject extras = {});
  bool needRoom(const QJsonValue& id, const QString& cmd);
  /// False (after a bad-argument reply) when parseHeadlessLine() found a bad field.
  bool goodArguments(const HeadlessCommand& c, const QString& cmd);

  void cmdConnect(const HeadlessCommand& c, const QJsonValue& id);
  void cmdJoin(const HeadlessCommand& c, const QJsonValue& id);
  void cmdSend(const HeadlessCommand& c, const QJsonValue& id);
  void cmdInclude(const HeadlessCommand& c, const QJsonValue& id);
  void cmdExclude(const HeadlessCommand& c, const QJsonValue& id);
  void cmdRefresh(const HeadlessCommand& c, const QJsonValue& id);
  void cmdAbort(const HeadlessCommand& c, const QJsonValue& id);
  void cmdAck(const HeadlessCommand& c, const QJsonValue& id);
  void cmdConsistency(const HeadlessCommand& c, const QJsonValue& id);
  void cmdPart(const HeadlessCommand& c, const QJsonValue& id);
  void cmdStatus(const HeadlessCommand& c, const QJsonValue& id);
  void cmdVerify(const HeadlessCommand& c, const QJsonValue& id);
  void cmdAcceptKey(const HeadlessCommand& c, const QJsonValue& id);
  void cmdQuit(const HeadlessCommand& c, const QJsonValue& id);
  void membersCommand(const HeadlessCommand& c, const QJsonValue& id, bool include);

  void onSessionEvent(const session::SessionEvent& e);
  void onKey(const xmpp::SessionHost::KeyInfo& key);
  void emitAck(transcript::Row row, std::optional<bool> afterWarning);
  QJsonObject statusObject() const;
  QString connectionState() const;

  void beginQuit();
  void finishQuit();

  HeadlessOptions options_;
  QElapsedTimer clock_;
  QSocketNotifier* stdin_ = nullptr;
  QByteArray buffer_;
  bool inCommand_ = false;  // a command handler runs: hold events until its reply
  QList<QJsonObject> held_;
  bool skipping_ = false;  // discarding the rest of an overlong line
  bool quitting_ = false;
  bool finished_ = false;
  QTimer quitTimer_;

  std::unique_ptr<xmpp::TrustStore> trust_;
  std::optional<crypto::Ed25519KeyPair> identity_;
  QString fingerprint_;
  xmpp::AccountConnection* account_ = nullptr;
  xmpp::SessionHost* host_ = nullptr;
  bool partRequested_ = false;          // "part" was sent for the current room
  bool roomOver_ = false;               // the current room ended: "join" may start another
  present::FullAckOnce fullyReported_;  // rows whose fully-acked ack event was written
};

}  // namespace mpenc::app
