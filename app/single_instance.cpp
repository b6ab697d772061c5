#include "app/single_instance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QStandardPaths>

namespace mpenc::app {

namespace {
const QByteArray kRequest = QByteArrayLiteral("raise\n");
const QByteArray kAnswer = QByteArrayLiteral("ok\n");
constexpr int kConnectMs = 1000;
constexpr int kAnswerMs = 3000;
}  // namespace

SingleInstance::SingleInstance(const QString& profileDir, QObject* parent)
    : QObject(parent), name_(serverNameFor(profileDir)) {
  server_.setSocketOptions(QLocalServer::UserAccessOption);
  connect(&server_, &QLocalServer::newConnection, this, &SingleInstance::onConnection);
}

SingleInstance::~SingleInstance() {
  server_.close();  // removes the socket file
}

QString SingleInstance::serverNameFor(const QString& profileDir) {
  const QFileInfo info(profileDir);
  const QString canonical =
      info.exists() ? info.canonicalFilePath() : QDir::cleanPath(info.absoluteFilePath());
  QString user = qEnvironmentVariable("USER");
  if (user.isEmpty()) user = qEnvironmentVariable("USERNAME");
  const QByteArray key =
      (user + QLatin1Char('\n') + QDir::homePath() + QLatin1Char('\n') + canonical).toUtf8();
  const QByteArray hash = QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(24);
  const QString name = QStringLiteral("mpenc-chat-") + QString::fromLatin1(hash);
#ifdef Q_OS_UNIX
  // In the user's private runtime directory (0700) when it has one and the
  // path fits a socket address; else QLocalServer's default (the temp dir).
  QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
  // Inside Flatpak each instance gets its own runtime directory; the app's
  // subdirectory $XDG_RUNTIME_DIR/app/$FLATPAK_ID is the one all instances share.
  const QString flatpakId = qEnvironmentVariable("FLATPAK_ID");
  const QString shared = runtime + QStringLiteral("/app/") + flatpakId;
  if (!runtime.isEmpty() && !flatpakId.isEmpty() && QFileInfo(shared).isDir()) runtime = shared;
  if (!runtime.isEmpty() && runtime.size() + name.size() < 100) return runtime + QLatin1Char('/') + name;
#endif
  return name;
}

bool SingleInstance::askRunning() {
  QLocalSocket socket;
  socket.connectToServer(name_);
  if (!socket.waitForConnected(kConnectMs)) return false;
  socket.write(kRequest);
  socket.waitForBytesWritten(kConnectMs);
  // A live instance accepted the connection: it is the one. Wait for its
  // answer so the request is handled before we exit.
  QByteArray answer;
  while (!answer.contains('\n') && socket.waitForReadyRead(kAnswerMs)) answer += socket.read(64);
  socket.disconnectFromServer();
  return true;
}

SingleInstance::Role SingleInstance::start() {
  if (askRunning()) return Role::Secondary;
  if (server_.listen(name_)) return Role::Primary;
  // In use: another start may have won the race just now; else it is a stale
  // socket of an instance that is gone.
  if (askRunning()) return Role::Secondary;
  QLocalServer::removeServer(name_);
  return server_.listen(name_) ? Role::Primary : Role::Unavailable;
}

void SingleInstance::onConnection() {
  while (QLocalSocket* socket = server_.nextPendingConnection()) {
    connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
      if (!socket->canReadLine()) {
        if (socket->bytesAvailable() > 64) socket->disconnectFromServer();  // not ours
        return;
      }
      const QByteArray got = socket->readLine(64);
      if (got == kRequest) {
        socket->write(kAnswer);
        socket->flush();
        emit raiseRequested();
      }
      socket->disconnectFromServer();
    });
  }
}

}  // namespace mpenc::app
