// SingleInstance: one running mpenc-chat per profile. A second start with the
// same profile asks the running one to raise its window and exits.
//
// The local socket's name is derived from a hash of the user and the profile
// directory (so two profiles, or two users, never meet); it lives in the
// user's runtime directory where there is one, and the server accepts only
// the user's own connections (QLocalServer::UserAccessOption). The
// request is one line, "raise", answered with "ok"; anything else is ignored.
// A socket left behind by a crashed instance (connecting fails) is removed
// (QLocalServer::removeServer) before listening.
#pragma once

#include <QLocalServer>
#include <QObject>
#include <QString>

namespace mpenc::app {

class SingleInstance : public QObject {
  Q_OBJECT

 public:
  enum class Role { Primary, Secondary, Unavailable };

  /// `profileDir` identifies the profile (its data directory).
  explicit SingleInstance(const QString& profileDir, QObject* parent = nullptr);
  ~SingleInstance() override;

  /// "mpenc-chat-<hash>" for this user and `profileDir` (on Unix under the
  /// user's runtime directory, XDG_RUNTIME_DIR).
  static QString serverNameFor(const QString& profileDir);
  QString serverName() const { return name_; }

  /// Secondary: another instance runs and was asked to raise its window.
  /// Primary: we listen for later starts (raiseRequested). Unavailable: we
  /// could not listen (run anyway, without the single-instance guard).
  Role start();

 signals:
  /// A second start asked for the window.
  void raiseRequested();

 private:
  bool askRunning();
  void onConnection();

  QString name_;
  QLocalServer server_;
};

}  // namespace mpenc::app
