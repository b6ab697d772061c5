// DesktopShell: what makes the main window behave like a desktop app, kept
// out of MainWindow: the settings (AppSettings, the dialog from Account ▸
// Settings…) applied at once — the theme (QPalette), the transcript's
// timestamps, the backend's auto-include (ClientBackend::
// setAutoIncludeJoiners) —, the tray icon and notifications (TrayNotifier),
// the window icon, and the window state saved and restored (WindowState).
#pragma once

#include <QObject>
#include <QPointer>

namespace mpenc::present {
class ClientBackend;
class RoomBackend;
}  // namespace mpenc::present

namespace mpenc::ui {

class AppSettings;
class MainWindow;
class SettingsDialog;
class TrayNotifier;
class WindowState;

class DesktopShell : public QObject {
  Q_OBJECT

 public:
  /// `window`, `client` and `settings` must outlive this object.
  DesktopShell(MainWindow* window, present::ClientBackend* client, AppSettings* settings,
               QObject* parent = nullptr);
  ~DesktopShell() override;

  TrayNotifier* tray() const { return tray_; }
  WindowState* windowState() const { return state_; }
  /// The open settings dialog, nullptr when closed.
  SettingsDialog* settingsDialog() const;

 public slots:
  void openSettings();
  /// Apply every setting now (after a change).
  void apply();

 private:
  void applyTimestamps(present::RoomBackend* room);

  MainWindow* window_;
  present::ClientBackend* client_;
  AppSettings* settings_;
  TrayNotifier* tray_;
  WindowState* state_;
  QPointer<SettingsDialog> dialog_;
  int theme_ = -1;  // applied theme (AppSettings::Theme), -1 = none yet
};

}  // namespace mpenc::ui
