// AppSettings: the user's preferences (the settings dialog), kept in QSettings
// (the application's default location, QStandardPaths' config directory, or
// a profile's INI file). Every setter writes through and emits changed(), so
// whoever applies a setting (theme, transcript timestamps, notifications,
// the backend's auto-include) does it at once, without a restart.
//
// The window's geometry and splitter state live in the same store
// (WindowState), under "window/".
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <memory>

class QSettings;

namespace mpenc::ui {

class AppSettings : public QObject {
  Q_OBJECT

 public:
  /// When to show a notification for a new message from someone else.
  enum class Notify { Off, Unfocused, All };
  Q_ENUM(Notify)
  /// The colour scheme: the platform's (default), or a fixed light or dark one.
  enum class Theme { System, Light, Dark };
  Q_ENUM(Theme)

  /// `file` = an INI file (a profile); empty = the application's QSettings.
  explicit AppSettings(const QString& file = {}, QObject* parent = nullptr);
  ~AppSettings() override;

  /// Default Unfocused: rooms not shown, or any room while the window is not active.
  Notify notify() const;
  void setNotify(Notify mode);
  /// Put the message text in notifications (default off: the notification
  /// daemon and the lock screen would see the plaintext).
  bool notificationBody() const;
  void setNotificationBody(bool on);
  /// Include members who enter a room automatically (T-ES; default off).
  bool autoInclude() const;
  void setAutoInclude(bool on);
  /// Show the local receipt time beside each message (default on).
  bool showTimestamps() const;
  void setShowTimestamps(bool on);
  Theme theme() const;
  void setTheme(Theme theme);

  /// Raw values of the window state (WindowState).
  QByteArray windowValue(const QString& key) const;
  void setWindowValue(const QString& key, const QByteArray& value);

  /// Write pending changes to disk now.
  void sync();

 signals:
  void changed();

 private:
  void set(const QString& key, const QVariant& value);

  std::unique_ptr<QSettings> store_;
};

}  // namespace mpenc::ui
