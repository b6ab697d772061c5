#include "ui/desktop_shell.h"

#include "ui/app_icon.h"
#include "ui/app_settings.h"
#include "ui/dialogs/settings_dialog.h"
#include "ui/main_window.h"
#include "ui/presentation/client_backend.h"
#include "ui/room/message_delegate.h"
#include "ui/room/room_view.h"
#include "ui/room/transcript_view.h"
#include "ui/theme.h"
#include "ui/tray_notifier.h"
#include "ui/window_state.h"

namespace mpenc::ui {

DesktopShell::DesktopShell(MainWindow* window, present::ClientBackend* client, AppSettings* settings,
                           QObject* parent)
    : QObject(parent),
      window_(window),
      client_(client),
      settings_(settings),
      tray_(new TrayNotifier(window, client, settings, this)),
      state_(new WindowState(window, client, settings, this)) {
  window_->setWindowIcon(appIcon());
  connect(window_, &MainWindow::settingsRequested, this, &DesktopShell::openSettings);
  connect(settings_, &AppSettings::changed, this, &DesktopShell::apply);
  // After the window's slot: the room's view exists here.
  connect(client_, &present::ClientBackend::roomOpened, this, &DesktopShell::applyTimestamps);
  apply();
}

DesktopShell::~DesktopShell() = default;

SettingsDialog* DesktopShell::settingsDialog() const {
  return dialog_.data();
}

void DesktopShell::openSettings() {
  if (dialog_ == nullptr) {
    dialog_ = new SettingsDialog(settings_, window_);
    dialog_->setAttribute(Qt::WA_DeleteOnClose);
  }
  dialog_->show();
  dialog_->raise();
  dialog_->activateWindow();
}

void DesktopShell::apply() {
  const int theme = static_cast<int>(settings_->theme());
  // The platform palette is the application's until the user picks another:
  // nothing is set at start-up with "Like the system".
  if (theme != theme_ && !(theme_ < 0 && settings_->theme() == AppSettings::Theme::System))
    applyTheme(settings_->theme());
  theme_ = theme;
  client_->setAutoIncludeJoiners(settings_->autoInclude());
  for (present::RoomBackend* room : client_->rooms()) applyTimestamps(room);
}

void DesktopShell::applyTimestamps(present::RoomBackend* room) {
  RoomView* view = window_->roomView(room);
  if (view == nullptr) return;
  TranscriptView* transcript = view->transcript();
  const bool on = settings_->showTimestamps();
  if (transcript->messageDelegate()->showTimestamps() == on) return;
  transcript->messageDelegate()->setShowTimestamps(on);
  transcript->doItemsLayout();  // the heights changed
  transcript->viewport()->update();
}

}  // namespace mpenc::ui
