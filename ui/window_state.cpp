#include "ui/window_state.h"

#include <QEvent>
#include <QSplitter>
#include <QVariant>

#include "ui/app_settings.h"
#include "ui/main_window.h"
#include "ui/presentation/client_backend.h"
#include "ui/room/room_view.h"

namespace mpenc::ui {

namespace {
const QString kGeometry = QStringLiteral("geometry");
const char* const kSplitters[] = {"roomSplitter", "rightColumn"};
}  // namespace

WindowState::WindowState(MainWindow* window, present::ClientBackend* client, AppSettings* settings,
                         QObject* parent)
    : QObject(parent), window_(window), settings_(settings) {
  window_->installEventFilter(this);
  // After the window's own slot: its RoomView exists here.
  connect(client, &present::ClientBackend::roomOpened, this, &WindowState::adopt);
  for (present::RoomBackend* room : client->rooms()) adopt(room);
}

bool WindowState::restoreGeometry() {
  const QByteArray g = settings_->windowValue(kGeometry);
  return !g.isEmpty() && window_->restoreGeometry(g);
}

void WindowState::save() {
  settings_->setWindowValue(kGeometry, window_->saveGeometry());
  if (RoomView* view = window_->currentRoomView())
    for (const char* name : kSplitters)
      if (auto* s = view->findChild<QSplitter*>(QLatin1String(name))) saveSplitter(s);
  settings_->sync();
}

bool WindowState::eventFilter(QObject* watched, QEvent* event) {
  if (watched == window_ && event->type() == QEvent::Close) save();
  return QObject::eventFilter(watched, event);
}

void WindowState::adopt(present::RoomBackend* room) {
  RoomView* view = window_->roomView(room);
  if (view == nullptr || view->property("mpencStateAdopted").toBool()) return;
  view->setProperty("mpencStateAdopted", true);
  for (const char* name : kSplitters) {
    auto* s = view->findChild<QSplitter*>(QLatin1String(name));
    if (s == nullptr) continue;
    const QByteArray state = settings_->windowValue(QLatin1String(name));
    if (!state.isEmpty()) s->restoreState(state);
    connect(s, &QSplitter::splitterMoved, this, [this, s] { saveSplitter(s); });
  }
}

void WindowState::saveSplitter(QSplitter* splitter) {
  settings_->setWindowValue(splitter->objectName(), splitter->saveState());
}

}  // namespace mpenc::ui
