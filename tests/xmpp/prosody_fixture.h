// A private Prosody server on 127.0.0.1 for integration tests.
//
// Generates its own config in a temporary directory (never /etc/prosody),
// picks a free high port, registers accounts with prosodyctl, waits (bounded)
// until the port accepts connections, and stops the server by the PID it
// started (SIGTERM, then SIGKILL after a bounded wait). stop() + start() keep
// the port and data directory, so accounts survive a restart.
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace mpenc::test {

class ProsodyFixture {
 public:
  /// The prosody and prosodyctl executables, or empty when not installed.
  static QString prosodyPath();
  static QString prosodyctlPath();
  static bool available() { return !prosodyPath().isEmpty() && !prosodyctlPath().isEmpty(); }

  ProsodyFixture();
  ~ProsodyFixture();
  ProsodyFixture(const ProsodyFixture&) = delete;
  ProsodyFixture& operator=(const ProsodyFixture&) = delete;

  /// Start the server and wait until its client port accepts connections.
  bool start(int timeoutMs = 15000);
  /// Stop the server (SIGTERM, SIGKILL after `graceMs`). True when it is gone.
  bool stop(int graceMs = 5000);
  bool isRunning() const;

  /// `prosodyctl --config FILE register NAME localhost PASSWORD` (bounded).
  bool registerUser(const QString& name, const QString& password);

  quint16 port() const { return port_; }
  QString domain() const { return QStringLiteral("localhost"); }
  QString mucDomain() const { return QStringLiteral("conference.localhost"); }
  QString dir() const { return dir_.path(); }
  QString configPath() const;
  QString logPath() const;
  qint64 pid() const { return pid_; }
  /// The last problem (start/stop/register failures), with the log's tail.
  QString lastError() const { return error_; }

 private:
  void writeConfig();
  bool portOpen() const;
  QString logTail() const;

  QTemporaryDir dir_;
  quint16 port_ = 0;
  std::unique_ptr<QProcess> process_;
  qint64 pid_ = 0;
  QString error_;
};

}  // namespace mpenc::test
