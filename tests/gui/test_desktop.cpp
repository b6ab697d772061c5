// Desktop integration (issue 11, ux.md "Desktop conventions") on the offline
// demo: the settings dialog's changes apply at once (the transcript's
// timestamps, the application palette, the engine's auto-include rule),
// unread counts reach the tray tooltip, notifications name room and author
// but not the text unless allowed, a click opens the room, and the window
// geometry and splitters come back after a restart. Screenshots in artifacts/.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QImage>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

#include "app/demo/demo_client.h"
#include "app/demo/demo_room.h"
#include "ui/app_settings.h"
#include "ui/desktop_shell.h"
#include "ui/dialogs/settings_dialog.h"
#include "ui/main_window.h"
#include "ui/presentation/room_state.h"
#include "ui/room/message_delegate.h"
#include "ui/room/room_view.h"
#include "ui/room/transcript_model.h"
#include "ui/room/transcript_view.h"
#include "ui/screenshot.h"
#include "ui/theme.h"
#include "ui/tray_notifier.h"
#include "ui/window_state.h"

using mpenc::demo::DemoClient;
using mpenc::demo::DemoRoom;
using mpenc::present::RoomState;
using mpenc::present::TranscriptItem;
using mpenc::ui::AppSettings;
using mpenc::ui::DesktopShell;
using mpenc::ui::MainWindow;
using mpenc::ui::TrayNotifier;

namespace {

void shoot(QWidget& w, const char* name) {
  QString error;
  const QString path = QStringLiteral(MPENC_GUI_ARTIFACTS "/") + QLatin1String(name);
  QVERIFY2(mpenc::ui::saveScreenshot(w, path, &error), qPrintable(error));
}

/// The demo behind a window with its desktop shell, settings in a temporary profile.
struct Fixture {
  explicit Fixture(const QString& settingsFile) : settings(settingsFile) {}
  AppSettings settings;
  DemoClient client;
  MainWindow window{&client, QStringLiteral("test")};
  DesktopShell shell{&window, &client, &settings};
  DemoRoom* room = nullptr;
  mpenc::ui::RoomView* view = nullptr;

  bool open(bool restore = false) {
    window.resize(1200, 760);
    if (restore) shell.windowState()->restoreGeometry();
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) return false;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 5000) {
      if (!client.rooms().isEmpty()) room = qobject_cast<DemoRoom*>(client.rooms().first());
      if (room && room->introFinished()) break;
      QTest::qWait(20);
    }
    if (!room || !room->introFinished()) return false;
    view = window.roomView(room);
    return view != nullptr;
  }
};

/// One transcript row painted by `delegate` on white.
QImage paintRow(mpenc::ui::TranscriptView* tv, const QModelIndex& index, int width) {
  QStyleOptionViewItem opt;
  opt.initFrom(tv->viewport());
  opt.widget = tv;
  opt.font = tv->font();
  opt.fontMetrics = QFontMetrics(tv->font());
  opt.state &= ~QStyle::State_Selected;
  const QSize hint = tv->itemDelegate()->sizeHint(opt, index);
  opt.rect = QRect(0, 0, width, hint.height());
  QImage img(width, hint.height(), QImage::Format_ARGB32_Premultiplied);
  img.fill(Qt::white);
  QPainter p(&img);
  tv->itemDelegate()->paint(&p, opt, index);
  return img;
}

TranscriptItem plainMessage(const QString& text, const QTime& at) {
  TranscriptItem it;
  it.id = QStringLiteral("ab") + text;
  it.author = QStringLiteral("team@x/alice");
  it.authorName = QStringLiteral("alice");
  it.text = text;
  it.received = QDateTime(QDate(2026, 12, 7), at);
  it.readers = QStringList{QStringLiteral("team@x/alice"), QStringLiteral("team@x/you")};
  return it;
}

/// The messages by others appended to `state` from item `from` on (engine data, not the view's counts).
int othersMessagesSince(const RoomState& state, int from) {
  int n = 0;
  for (int i = from; i < state.itemCount(); ++i)
    if (state.item(i).isMessage() && !state.item(i).own) ++n;
  return n;
}

QVector<const TranscriptItem*> othersSince(const RoomState& state, int from) {
  QVector<const TranscriptItem*> out;
  for (int i = from; i < state.itemCount(); ++i)
    if (state.item(i).isMessage() && !state.item(i).own) out << &state.item(i);
  return out;
}

bool waitFor(const std::function<bool()>& cond, int ms) {
  QElapsedTimer t;
  t.start();
  while (!cond() && t.elapsed() < ms) QTest::qWait(20);
  return cond();
}

}  // namespace

class DesktopTest : public QObject {
  Q_OBJECT

 private slots:
  void defaultsAreSafe() {
    QTemporaryDir dir;
    AppSettings s(dir.filePath(QStringLiteral("settings.ini")));
    QCOMPARE(s.notify(), AppSettings::Notify::Unfocused);
    QVERIFY(!s.notificationBody());  // no plaintext to the notification daemon by default
    QVERIFY(!s.autoInclude());
    QVERIFY(s.showTimestamps());
    QCOMPARE(s.theme(), AppSettings::Theme::System);
    // Written through: a second reader (the next start) sees a change at once.
    s.setTheme(AppSettings::Theme::Dark);
    s.sync();
    AppSettings again(dir.filePath(QStringLiteral("settings.ini")));
    QCOMPARE(again.theme(), AppSettings::Theme::Dark);
  }

  void notificationRule() {
    using N = AppSettings::Notify;
    QVERIFY(!TrayNotifier::shouldNotify(int(N::Off), false, false));
    QVERIFY(TrayNotifier::shouldNotify(int(N::Unfocused), true, false));  // another room
    QVERIFY(TrayNotifier::shouldNotify(int(N::Unfocused), false, true));  // window not active
    QVERIFY(!TrayNotifier::shouldNotify(int(N::Unfocused), true, true));  // the user is looking at it
    QVERIFY(TrayNotifier::shouldNotify(int(N::All), true, true));
  }

  // U-23's receipt time can be hidden: with timestamps off the row's painting
  // no longer depends on the time at all; with them on it does.
  void delegateHidesTimestamps() {
    RoomState state;
    state.appendMessage(plainMessage(QStringLiteral("Release at five?"), QTime(9, 15)));
    state.appendMessage(plainMessage(QStringLiteral("Release at five?"), QTime(17, 42)));
    mpenc::ui::TranscriptView tv(&state);
    tv.resize(700, 400);
    auto* d = tv.messageDelegate();
    const QModelIndex a = tv.model()->index(0, 0), b = tv.model()->index(1, 0);
    QVERIFY(d->showTimestamps());
    QVERIFY(paintRow(&tv, a, 700) != paintRow(&tv, b, 700));
    QStyleOptionViewItem opt;
    opt.initFrom(tv.viewport());
    opt.widget = &tv;
    const int withTime = d->sizeHint(opt, a).height();
    d->setShowTimestamps(false);
    QCOMPARE(paintRow(&tv, a, 700), paintRow(&tv, b, 700));
    QVERIFY(d->sizeHint(opt, a).height() <= withTime);
    d->setShowTimestamps(true);
    QVERIFY(paintRow(&tv, a, 700) != paintRow(&tv, b, 700));
  }

  void settingsApplyAtOnce() {
    QTemporaryDir dir;
    Fixture f(dir.filePath(QStringLiteral("settings.ini")));
    QVERIFY(f.open());
    const QPalette platform = QApplication::palette();

    // Account ▸ Settings… opens the dialog.
    QAction* action = f.window.findChild<QAction*>(QStringLiteral("actionSettings"));
    QVERIFY(action != nullptr);
    action->trigger();
    auto* dialog = f.shell.settingsDialog();
    QVERIFY(dialog != nullptr);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    shoot(*dialog, "settings-dialog.png");

    // Timestamps: the room's delegate stops drawing them, the rows repaint.
    mpenc::ui::TranscriptView* tv = f.view->transcript();
    int row = -1;
    for (int i = 0; i < f.room->state()->itemCount() && row < 0; ++i)
      if (f.room->state()->item(i).isMessage()) row = i;
    QVERIFY(row >= 0);
    const QModelIndex idx = tv->model()->index(row, 0);
    const QImage before = paintRow(tv, idx, 700);
    QVERIFY(tv->messageDelegate()->showTimestamps());
    dialog->timestampsCheck()->click();
    QVERIFY(!f.settings.showTimestamps());
    QVERIFY(!tv->messageDelegate()->showTimestamps());
    const QImage after = paintRow(tv, idx, 700);
    QVERIFY(before != after);
    QVERIFY(after.height() <= before.height());
    shoot(f.window, "desktop-no-timestamps.png");
    dialog->timestampsCheck()->click();
    QVERIFY(tv->messageDelegate()->showTimestamps());

    // Auto-include reaches the engine: the user's Session now includes a
    // newcomer on entering, but still not frank, whose key changed (consent first).
    QVERIFY(!f.room->wouldAutoInclude("erin"));
    dialog->autoIncludeCheck()->click();
    QVERIFY(f.client.autoIncludeJoiners());
    QVERIFY(f.room->wouldAutoInclude("erin"));
    QVERIFY(!f.room->wouldAutoInclude("frank"));
    // A room opened afterwards gets it too.
    QVERIFY(f.client.joinRoom(QStringLiteral("side@demo.invalid"), QStringLiteral("you")).ok);
    auto* side = qobject_cast<DemoRoom*>(f.client.rooms().last());
    QVERIFY(side != nullptr && side != f.room);
    QVERIFY(side->autoIncludeJoiners());
    dialog->autoIncludeCheck()->click();
    QVERIFY(!f.room->wouldAutoInclude("erin"));
    QVERIFY(!side->autoIncludeJoiners());

    // Theme: dark, light, and back to the platform's palette.
    auto* theme = dialog->themeCombo();
    theme->setCurrentIndex(theme->findData(int(AppSettings::Theme::Dark)));
    QCOMPARE(f.settings.theme(), AppSettings::Theme::Dark);
    QVERIFY(mpenc::ui::isDark(QApplication::palette()));
    // Qt 6 re-resolves the widgets' palettes from the event loop, Qt 5 at once:
    // either way the view is dark before the user sees the next frame.
    QTRY_VERIFY(mpenc::ui::isDark(f.view->palette()));
    QCOMPARE(QApplication::palette().color(QPalette::Window),
             mpenc::ui::themePalette(AppSettings::Theme::Dark).color(QPalette::Window));
    f.window.roomList()->setCurrentRow(0);
    QTest::qWait(50);
    shoot(f.window, "desktop-dark.png");
    shoot(*dialog, "settings-dialog-dark.png");
    theme->setCurrentIndex(theme->findData(int(AppSettings::Theme::Light)));
    QVERIFY(!mpenc::ui::isDark(QApplication::palette()));
    QCOMPARE(QApplication::palette().color(QPalette::Base), QColor(Qt::white));
    QTRY_VERIFY(!mpenc::ui::isDark(f.view->palette()));
    theme->setCurrentIndex(theme->findData(int(AppSettings::Theme::System)));
    QCOMPARE(QApplication::palette().color(QPalette::Window), platform.color(QPalette::Window));
    QCOMPARE(QApplication::palette().color(QPalette::Text), platform.color(QPalette::Text));
    dialog->close();
  }

  void unreadReachesTrayAndNotifies() {
    QTemporaryDir dir;
    Fixture f(dir.filePath(QStringLiteral("settings.ini")));
    QVERIFY(f.open());
    TrayNotifier* tray = f.shell.tray();
    QCOMPARE(tray->trayIcon()->toolTip(), QStringLiteral("mpENC Chat"));
    // The icon the tray and the window use is drawn for any size (high DPI).
    QVERIFY(!f.window.windowIcon().isNull());
    QCOMPARE(f.window.windowIcon().pixmap(QSize(256, 256)).size(), QSize(256, 256));

    // Say something in the team room, then look at another room: the
    // simulated members' answers arrive in a room not in view.
    QVERIFY(f.room->send(QStringLiteral("Shall we ship the release notes today?")).ok);
    QVERIFY(f.client.joinRoom(QStringLiteral("side@demo.invalid"), QStringLiteral("you")).ok);
    QVERIFY(waitFor([&] { return f.window.currentRoomView() != f.view; }, 2000));
    const int from = f.room->state()->itemCount();
    QVERIFY(waitFor([&] { return othersMessagesSince(*f.room->state(), from) > 0; }, 15000));
    QTest::qWait(50);
    const int arrived = othersMessagesSince(*f.room->state(), from);
    QCOMPARE(f.window.unreadCount(f.room), arrived);
    QCOMPARE(tray->trayIcon()->toolTip(), tray->toolTip());
    QVERIFY2(tray->toolTip().contains(QString::number(arrived)), qPrintable(tray->toolTip()));

    // The notification names room and author, never the text by default.
    QVERIFY(tray->notificationCount() >= 1);
    QCOMPARE(tray->lastRoom(), f.room);
    const auto n = tray->lastNotification();
    QVERIFY2(n.text.contains(QStringLiteral("team")), qPrintable(n.text));
    bool namesAnAuthor = false;
    for (const TranscriptItem* it : othersSince(*f.room->state(), from)) {
      namesAnAuthor = namesAnAuthor || n.text.contains(it->authorName);
      QVERIFY2(!n.text.contains(it->text) && !n.title.contains(it->text), qPrintable(n.text));
    }
    QVERIFY2(namesAnAuthor, qPrintable(n.text));
    if (!tray->trayShown()) {  // the offscreen platform has no tray: the in-window fallback
      QVERIFY(tray->inWindowBar() != nullptr && tray->inWindowBar()->isVisible());
      QCOMPARE(tray->inWindowBar()->text(), n.text);
      shoot(f.window, "desktop-notification.png");
    }

    // With the text allowed, the next one carries it.
    f.settings.setNotificationBody(true);
    const int before = tray->notificationCount();
    const int from2 = f.room->state()->itemCount();
    QVERIFY(f.room->send(QStringLiteral("And the changelog?")).ok);
    QVERIFY(waitFor([&] { return tray->notificationCount() > before; }, 15000));
    QTest::qWait(50);
    bool carriesAText = false;
    for (const TranscriptItem* it : othersSince(*f.room->state(), from2))
      carriesAText = carriesAText || tray->lastNotification().text == it->text;
    QVERIFY2(carriesAText, qPrintable(tray->lastNotification().text));

    // Off: nothing more.
    f.settings.setNotify(AppSettings::Notify::Off);
    const int quiet = tray->notificationCount();
    QVERIFY(f.room->send(QStringLiteral("Last one.")).ok);
    const int from3 = f.room->state()->itemCount();
    QVERIFY(waitFor([&] { return othersMessagesSince(*f.room->state(), from3) > 0; }, 15000));
    QCOMPARE(tray->notificationCount(), quiet);

    // Clicking the notification opens the room: its unread count goes to zero.
    tray->openLastRoom();
    QCOMPARE(f.window.currentRoomView(), f.view);
    QCOMPARE(f.window.unreadCount(f.room), 0);
    QCOMPARE(tray->trayIcon()->toolTip(), QStringLiteral("mpENC Chat"));
  }

  // A burst (here: five messages at once in a room not in view) is one
  // notification now and one merged notification when the interval ends.
  void burstIsMerged() {
    QTemporaryDir dir;
    Fixture f(dir.filePath(QStringLiteral("settings.ini")));
    QVERIFY(f.open());
    TrayNotifier* tray = f.shell.tray();
    QVERIFY(f.client.joinRoom(QStringLiteral("side@demo.invalid"), QStringLiteral("you")).ok);
    QVERIFY(waitFor([&] { return f.window.currentRoomView() != f.view; }, 2000));
    QTest::qWait(2500);  // past the intro's own burst
    const int before = tray->notificationCount();
    for (int i = 0; i < 5; ++i) {
      TranscriptItem it = plainMessage(QStringLiteral("burst %1").arg(i), QTime::currentTime());
      it.received = QDateTime::currentDateTime();
      f.room->state()->appendMessage(it);
    }
    QCOMPARE(tray->notificationCount(), before + 1);
    QVERIFY(waitFor([&] { return tray->notificationCount() == before + 2; }, 4000));
    QVERIFY2(tray->lastNotification().text.startsWith(QStringLiteral("4 new encrypted messages in team")),
             qPrintable(tray->lastNotification().text));
    QCOMPARE(f.window.unreadCount(f.room), 5);
    QVERIFY2(tray->toolTip().contains(QStringLiteral("5 unread")), qPrintable(tray->toolTip()));
  }

  void geometryAndSplittersRestored() {
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("settings.ini"));
    QList<int> sizes;
    QRect geometry;
    {
      Fixture f(file);
      QVERIFY(f.open());
      f.window.setGeometry(QRect(120, 90, 1100, 700));
      QTest::qWait(50);
      auto* split = f.view->findChild<QSplitter*>(QStringLiteral("roomSplitter"));
      QVERIFY(split != nullptr);
      split->setSizes({820, 280});
      QTest::qWait(50);
      sizes = split->sizes();
      geometry = f.window.geometry();
      QVERIFY(f.window.close());  // saves (WindowState on the close event)
    }
    Fixture g(file);
    QVERIFY(g.open(/*restore=*/true));
    QTest::qWait(50);
    QCOMPARE(g.window.size(), geometry.size());
    auto* split = g.view->findChild<QSplitter*>(QStringLiteral("roomSplitter"));
    QVERIFY(split != nullptr);
    QCOMPARE(split->sizes(), sizes);
  }
};

QTEST_MAIN(DesktopTest)
#include "test_desktop.moc"
