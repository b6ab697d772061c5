#include "prosody_fixture.h"

#include <sys/types.h>
#include <unistd.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <csignal>

namespace mpenc::test {

namespace {

quint16 freePort() {
  QTcpServer server;
  if (!server.listen(QHostAddress::LocalHost, 0)) return 0;
  const quint16 port = server.serverPort();
  server.close();
  return port;
}

QString luaString(const QString& s) {
  QString out = s;
  out.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
  return QLatin1Char('"') + out + QLatin1Char('"');
}

}  // namespace

// Found on PATH (Debian: /usr/bin); ctest passes its PATH on.
QString ProsodyFixture::prosodyPath() {
  return QStandardPaths::findExecutable(QStringLiteral("prosody"));
}

QString ProsodyFixture::prosodyctlPath() {
  return QStandardPaths::findExecutable(QStringLiteral("prosodyctl"));
}

ProsodyFixture::ProsodyFixture() : port_(freePort()) {
  QDir(dir_.path()).mkpath(QStringLiteral("data"));
  writeConfig();
}

ProsodyFixture::~ProsodyFixture() {
  stop();
}

QString ProsodyFixture::configPath() const {
  return dir_.filePath(QStringLiteral("prosody.cfg.lua"));
}
QString ProsodyFixture::logPath() const {
  return dir_.filePath(QStringLiteral("prosody.log"));
}

void ProsodyFixture::writeConfig() {
  const QString d = dir_.path();
  QString cfg;
  // Prosody 0.12 refuses root and hangs, 13 exits: tests may run as root (CI, chroot).
  if (::geteuid() == 0) cfg += QStringLiteral("run_as_root = true\n");
  cfg += QStringLiteral("daemonize = false\n");
  cfg += QStringLiteral("pidfile = %1\n").arg(luaString(d + QStringLiteral("/prosody.pid")));
  cfg += QStringLiteral("data_path = %1\n").arg(luaString(d + QStringLiteral("/data")));
  cfg += QStringLiteral("log = { { levels = { min = \"info\" }, to = \"file\", filename = %1 } }\n")
             .arg(luaString(logPath()));
  cfg += QStringLiteral(
             "interfaces = { \"127.0.0.1\" }\n"
             "local_interfaces = { \"127.0.0.1\" }\n"
             "c2s_interfaces = { \"127.0.0.1\" }\n"
             "c2s_ports = { %1 }\n"
             "http_ports = { }\nhttps_ports = { }\n"
             "c2s_direct_tls_ports = { }\n"
             "modules_enabled = { \"roster\", \"saslauth\", \"disco\", \"ping\", \"posix\", \"private\" }\n"
             "modules_disabled = { \"s2s\", \"tls\" }\n"
             "authentication = \"internal_plain\"\n"
             "storage = \"internal\"\n"
             "c2s_require_encryption = false\n"
             "allow_unencrypted_plain_auth = true\n"
             "VirtualHost \"localhost\"\n"
             "Component \"conference.localhost\" \"muc\"\n"
             "  restrict_room_creation = false\n"
             "  muc_room_locking = false\n"
             "  muc_room_default_history_length = 0\n")
             .arg(port_);
  QFile f(configPath());
  if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) f.write(cfg.toUtf8());
}

bool ProsodyFixture::isRunning() const {
  return process_ && process_->state() != QProcess::NotRunning;
}

bool ProsodyFixture::portOpen() const {
  QTcpSocket socket;
  socket.connectToHost(QHostAddress::LocalHost, port_);
  const bool ok = socket.waitForConnected(200);
  socket.abort();
  return ok;
}

QString ProsodyFixture::logTail() const {
  QString out;
  for (const QString& path : {logPath(), dir_.filePath(QStringLiteral("stdout.log"))}) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) continue;
    const QByteArray all = f.readAll();
    out += QStringLiteral("\n--- ") + path + QStringLiteral(":\n") + QString::fromUtf8(all.right(2000));
  }
  return out;
}

bool ProsodyFixture::start(int timeoutMs) {
  error_.clear();
  if (isRunning()) return true;
  if (port_ == 0) {
    error_ = QStringLiteral("no free port on 127.0.0.1");
    return false;
  }
  if (portOpen()) {
    error_ = QStringLiteral("port %1 is already in use").arg(port_);
    return false;
  }
  process_ = std::make_unique<QProcess>();
  process_->setProcessChannelMode(QProcess::MergedChannels);
  process_->setStandardOutputFile(dir_.filePath(QStringLiteral("stdout.log")), QIODevice::Append);
  process_->setStandardInputFile(QProcess::nullDevice());
  process_->start(prosodyPath(), {QStringLiteral("--config"), configPath()});
  if (!process_->waitForStarted(5000)) {
    error_ = QStringLiteral("prosody did not start: ") + process_->errorString();
    process_.reset();
    return false;
  }
  pid_ = process_->processId();
  const QDeadlineTimer deadline(timeoutMs);
  while (!deadline.hasExpired()) {
    if (process_->state() == QProcess::NotRunning) {
      error_ = QStringLiteral("prosody exited with code %1").arg(process_->exitCode()) + logTail();
      process_.reset();
      pid_ = 0;
      return false;
    }
    if (portOpen()) return true;
    process_->waitForFinished(100);
  }
  error_ = QStringLiteral("prosody did not open port %1 within %2 ms").arg(port_).arg(timeoutMs) + logTail();
  stop();
  return false;
}

bool ProsodyFixture::stop(int graceMs) {
  if (!process_) return true;
  if (process_->state() != QProcess::NotRunning && pid_ > 0) {
    ::kill(static_cast<pid_t>(pid_), SIGTERM);
    if (!process_->waitForFinished(graceMs)) {
      ::kill(static_cast<pid_t>(pid_), SIGKILL);
      process_->waitForFinished(graceMs);
    }
  }
  const bool gone = process_->state() == QProcess::NotRunning;
  if (!gone) error_ = QStringLiteral("prosody (pid %1) did not stop").arg(pid_);
  process_.reset();
  pid_ = 0;
  return gone;
}

bool ProsodyFixture::registerUser(const QString& name, const QString& password) {
  QProcess ctl;
  ctl.setProcessChannelMode(QProcess::MergedChannels);
  ctl.setStandardInputFile(QProcess::nullDevice());
  ctl.start(prosodyctlPath(),
            {QStringLiteral("--config"), configPath(), QStringLiteral("register"), name, domain(), password});
  if (!ctl.waitForFinished(20000)) {
    ctl.kill();
    ctl.waitForFinished(2000);
    error_ = QStringLiteral("prosodyctl register %1 timed out").arg(name);
    return false;
  }
  if (ctl.exitStatus() != QProcess::NormalExit || ctl.exitCode() != 0) {
    error_ = QStringLiteral("prosodyctl register %1 failed (%2): %3")
                 .arg(name)
                 .arg(ctl.exitCode())
                 .arg(QString::fromUtf8(ctl.readAll()));
    return false;
  }
  return true;
}

}  // namespace mpenc::test
