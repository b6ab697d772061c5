#include "ui/tray_notifier.h"

#include <QApplication>
#include <QDateTime>
#include <QMenu>
#include <QPushButton>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QVariant>

#include "ui/app_icon.h"
#include "ui/app_settings.h"
#include "ui/main_window.h"
#include "ui/presentation/client_backend.h"
#include "ui/presentation/room_state.h"
#include "ui/room/room_view.h"

namespace mpenc::ui {

using present::RoomBackend;

namespace {
/// Older rows are history being shown again (a reopened room), not news.
constexpr qint64 kNewForS = 120;
/// The in-window bar disappears after this.
constexpr int kBarMs = 10000;
/// One notification per room within this interval; the rest are merged.
constexpr qint64 kBurstMs = 2000;
}  // namespace

TrayNotifier::TrayNotifier(MainWindow* window, present::ClientBackend* client, AppSettings* settings,
                           QObject* parent)
    : QObject(parent), window_(window), client_(client), settings_(settings) {
  clock_.start();
  tray_ = new QSystemTrayIcon(appIcon(), this);
  tray_->setObjectName(QStringLiteral("trayIcon"));
  auto* menu = new QMenu(window_);
  menu->setObjectName(QStringLiteral("trayMenu"));
  menu->addAction(tr("Show mpENC Chat"), this, [this] { window_->showRoom(nullptr); });
  menu->addSeparator();
  menu->addAction(tr("Quit"), window_, &QWidget::close);
  tray_->setContextMenu(menu);
  connect(tray_, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason why) {
    if (why == QSystemTrayIcon::Trigger || why == QSystemTrayIcon::DoubleClick) window_->showRoom(nullptr);
  });
  connect(tray_, &QSystemTrayIcon::messageClicked, this, &TrayNotifier::openLastRoom);
  if (QSystemTrayIcon::isSystemTrayAvailable()) tray_->show();

  connect(window_, &MainWindow::unreadChanged, this, &TrayNotifier::refreshTray);
  // Connected after the window's own slots: its unread counts are up to date here.
  connect(client_, &present::ClientBackend::roomOpened, this, &TrayNotifier::watch);
  for (RoomBackend* room : client_->rooms()) watch(room);
  refreshTray();
}

TrayNotifier::~TrayNotifier() {
  tray_->hide();
}

bool TrayNotifier::trayShown() const {
  return tray_->isVisible();
}

bool TrayNotifier::shouldNotify(int mode, bool windowActive, bool roomShown) {
  switch (static_cast<AppSettings::Notify>(mode)) {
    case AppSettings::Notify::Off:
      return false;
    case AppSettings::Notify::All:
      return true;
    case AppSettings::Notify::Unfocused:
      break;
  }
  return !windowActive || !roomShown;
}

void TrayNotifier::watch(RoomBackend* room) {
  if (room->property("mpencTrayWatched").toBool()) return;
  room->setProperty("mpencTrayWatched", true);
  present::RoomState* state = room->state();
  connect(state, &present::RoomState::itemAppended, this,
          [this, room](int index) { onItemAppended(room, index); });
  connect(room, &QObject::destroyed, this, [this, room] { pending_.remove(room); });
}

void TrayNotifier::onItemAppended(RoomBackend* room, int index) {
  const present::TranscriptItem& it = room->state()->item(index);
  if (!it.isMessage() || it.own) return;
  if (it.received.isValid() && it.received.secsTo(QDateTime::currentDateTime()) > kNewForS) return;
  const RoomView* shown = window_->currentRoomView();
  const bool roomShown = shown != nullptr && shown->room() == room;
  if (!shouldNotify(static_cast<int>(settings_->notify()), window_->isActiveWindow(), roomShown)) return;
  const present::RoomStatus& s = room->state()->status();
  const QString name = s.title.isEmpty() ? s.roomJid : s.title;
  Notification n;
  if (settings_->notificationBody()) {
    n.title = tr("%1 in %2").arg(it.authorName, name);
    n.text = it.text.size() > 200 ? it.text.left(200) + QStringLiteral("…") : it.text;
  } else if (it.mentionsMe) {
    n.title = tr("mpENC Chat");
    n.text = tr("%1 mentioned you in %2").arg(it.authorName, name);
  } else {
    n.title = tr("mpENC Chat");
    n.text = s.encrypted ? tr("New encrypted message in %1 from %2").arg(name, it.authorName)
                         : tr("New message in %1 from %2").arg(name, it.authorName);
  }
  if (it.mentionsMe) {
    notify(room, n);  // a mention is never merged into a burst
    return;
  }
  queue(room, n, name, s.encrypted);
}

void TrayNotifier::queue(RoomBackend* room, const Notification& n, const QString& roomName, bool encrypted) {
  Pending& p = pending_[room];
  const qint64 now = clock_.elapsed();
  if (!p.scheduled && (p.lastShownMs < 0 || now - p.lastShownMs >= kBurstMs)) {
    p.lastShownMs = now;
    notify(room, n);
    return;
  }
  ++p.count;
  p.latest = n;
  p.roomName = roomName;
  p.encrypted = encrypted;
  if (p.scheduled) return;
  p.scheduled = true;
  QPointer<RoomBackend> alive(room);
  QTimer::singleShot(static_cast<int>(qMax<qint64>(0, p.lastShownMs + kBurstMs - now)), this,
                     [this, alive, room] {
                       if (alive) flush(room);
                     });
}

void TrayNotifier::flush(RoomBackend* room) {
  auto it = pending_.find(room);
  if (it == pending_.end() || !it->scheduled) return;
  Pending& p = *it;
  Notification n = p.latest;
  if (p.count > 1 && !settings_->notificationBody())
    n.text = p.encrypted ? tr("%n new encrypted message(s) in %1", nullptr, p.count).arg(p.roomName)
                         : tr("%n new message(s) in %1", nullptr, p.count).arg(p.roomName);
  p.count = 0;
  p.scheduled = false;
  p.lastShownMs = clock_.elapsed();
  // The rule again: the user may have opened the room (or the settings changed) meanwhile.
  const RoomView* shown = window_->currentRoomView();
  if (!shouldNotify(static_cast<int>(settings_->notify()), window_->isActiveWindow(),
                    shown != nullptr && shown->room() == room))
    return;
  notify(room, n);
}

void TrayNotifier::notify(RoomBackend* room, const Notification& n) {
  last_ = n;
  lastRoom_ = room;
  ++count_;
  if (trayShown() && QSystemTrayIcon::supportsMessages()) {
    tray_->showMessage(n.title, n.text, appIcon(), 8000);
    return;
  }
  // No tray: a bar in the window, and the taskbar entry asks for attention.
  if (bar_ == nullptr) {
    bar_ = new QPushButton(window_);
    bar_->setObjectName(QStringLiteral("inWindowNotification"));
    bar_->setFlat(true);
    bar_->setCursor(Qt::PointingHandCursor);
    bar_->setStyleSheet(QStringLiteral(
        "QPushButton#inWindowNotification { text-align: left; padding: 2px 8px; border-radius: 3px; "
        "background: palette(highlight); color: palette(highlighted-text); }"));
    connect(bar_, &QPushButton::clicked, this, &TrayNotifier::openLastRoom);
    window_->statusBar()->addPermanentWidget(bar_);
    barTimer_ = new QTimer(this);
    barTimer_->setSingleShot(true);
    connect(barTimer_, &QTimer::timeout, bar_, &QWidget::hide);
  }
  bar_->setText(n.text);
  bar_->setAccessibleName(tr("Notification: %1. Press to open the room.").arg(n.text));
  bar_->show();
  barTimer_->start(kBarMs);
  QApplication::alert(window_);
}

void TrayNotifier::openLastRoom() {
  if (bar_ != nullptr) bar_->hide();
  window_->showRoom(lastRoom_.data());
}

QString TrayNotifier::toolTip() const {
  const int n = window_->totalUnread();
  if (n == 0) return tr("mpENC Chat");
  return tr("mpENC Chat — %n unread message(s)", nullptr, n);
}

void TrayNotifier::refreshTray() {
  const int n = window_->totalUnread();
  tray_->setToolTip(toolTip());
  if (n == shownUnread_) return;
  shownUnread_ = n;
  tray_->setIcon(appIcon(n));
}

}  // namespace mpenc::ui
