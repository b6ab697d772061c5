// The offline demo window (`mpenc-chat --demo`) driven as a user would: the
// member list's context menu and Invite chip, the fingerprint dialog, the
// composer's limits, a second room from the join-room dialog with its unread
// badge, and "Start a new session" after leaving. Every outcome is checked
// against the engine's own data (DemoRoom::userSession(): members(), log();
// DemoRoom::userEvents()), not against what the view thinks it shows. Each
// state is saved as a screenshot in MPENC_GUI_ARTIFACTS.
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>
#include <algorithm>
#include <set>

#include "app/demo/demo_client.h"
#include "app/demo/demo_room.h"
#include "ui/dialogs/fingerprint_dialog.h"
#include "ui/dialogs/join_room_dialog.h"
#include "ui/main_window.h"
#include "ui/presentation/room_state.h"
#include "ui/room/composer.h"
#include "ui/room/member_model.h"
#include "ui/room/member_panel.h"
#include "ui/room/room_view.h"
#include "ui/screenshot.h"

using mpenc::demo::DemoClient;
using mpenc::demo::DemoRoom;
using mpenc::present::NoticeKind;
using mpenc::present::RoomState;
using mpenc::session::SessionState;
using mpenc::ui::MainWindow;
using mpenc::ui::MemberModel;

namespace {

void shoot(QWidget& w, const char* name) {
  QString error;
  const QString path = QStringLiteral(MPENC_GUI_ARTIFACTS "/") + QLatin1String(name);
  QVERIFY2(mpenc::ui::saveScreenshot(w, path, &error), qPrintable(error));
}

std::set<QString> engineMembers(const DemoRoom& room) {
  std::set<QString> out;
  for (const auto& m : room.userSession().members()) out.insert(QString::fromStdString(m));
  return out;
}

bool engineHasMember(const DemoRoom& room, const std::string& id) {
  const auto m = room.userSession().members();
  return std::find(m.begin(), m.end(), id) != m.end();
}

/// The member IDs the list shows in its "encrypted session" section.
std::set<QString> listedSessionSection(MemberModel* model) {
  std::set<QString> out;
  for (int i = 0; i < model->rowCount(); ++i) {
    const QModelIndex idx = model->index(i);
    if (idx.data(MemberModel::IsHeadingRole).toBool()) continue;
    if (idx.data(MemberModel::InSessionRole).toBool())
      out.insert(idx.data(MemberModel::MemberIdRole).toString());
  }
  return out;
}

/// Log rows of the engine not written by us, from row `from` on.
int othersRowsSince(const DemoRoom& room, std::size_t from) {
  const auto& log = room.userSession().log();
  int n = 0;
  for (std::size_t r = from; r < log.size(); ++r) n += log.row(r).author != room.userSession().self();
  return n;
}

/// Whether a notice of `kind` mentioning `text` was appended at or after item `from`.
bool noticeSince(const RoomState& s, int from, NoticeKind kind, const QString& text) {
  for (int i = from; i < s.itemCount(); ++i) {
    const auto& it = s.item(i);
    if (!it.isMessage() && it.notice == kind && it.text.contains(text, Qt::CaseInsensitive)) return true;
  }
  return false;
}

struct Fixture {
  DemoClient client;
  MainWindow window{&client, QStringLiteral("test")};
  DemoRoom* room = nullptr;
  mpenc::ui::RoomView* view = nullptr;

  bool open() {
    window.resize(1280, 800);
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

  /// Wait until the engine has settled after the intro: joined, nobody
  /// unresponsive any more (bob recovers a few seconds into real time), every
  /// message fully acked, no operation running.
  bool settle(int timeoutMs = 20000) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
      const auto& s = room->userSession();
      const auto& log = s.log();
      bool acked = true;
      for (std::size_t r = 0; r < log.size(); ++r) acked = acked && log.row(r).fullyAcked;
      if (s.state() == SessionState::Joined && acked && state().status().operation.isEmpty() &&
          state().indicators().everyoneResponsive)
        return true;
      QTest::qWait(50);
    }
    return false;
  }

  RoomState& state() { return *room->state(); }
  mpenc::ui::MemberPanel* panel() { return view->members(); }
  QWidget* actionStatus() { return view->findChild<QWidget*>(QStringLiteral("actionStatus")); }
  QString actionStatusText() {
    auto* l = view->findChild<QLabel*>(QStringLiteral("actionStatusText"));
    return l ? l->text() : QString();
  }
  QString id(const char* nick) { return QString::fromStdString(room->memberId(nick)); }
};

QAction* actionNamed(QMenu* menu, const char* name) {
  const auto actions = menu->actions();
  for (QAction* a : actions)
    if (a->objectName() == QLatin1String(name)) return a;
  return nullptr;
}

}  // namespace

class DemoInteractionsTest : public QObject {
  Q_OBJECT

 private slots:
  void excludeFromTheMemberMenu() {
    Fixture f;
    QVERIFY(f.open());
    QVERIFY2(f.settle(), "the demo room settles after its intro");
    const QString carol = f.id("carol");
    QVERIFY(engineHasMember(*f.room, carol.toStdString()));
    const int firstItem = f.state().itemCount();

    QMenu* menu = f.panel()->createActionsMenu(carol, f.panel());
    QVERIFY(menu != nullptr);
    QAction* exclude = actionNamed(menu, "actionExclude");
    QVERIFY(exclude != nullptr);
    QVERIFY(exclude->isEnabled());
    QVERIFY(!actionNamed(menu, "actionInclude")->isEnabled());  // already in the session
    const int row = f.panel()->memberModel()->rowOf(carol);
    menu->popup(f.panel()->viewport()->mapToGlobal(
        f.panel()->visualRect(f.panel()->memberModel()->index(row)).center()));
    QVERIFY(QTest::qWaitForWindowExposed(menu));
    shoot(*menu, "interactions-member-menu.png");
    exclude->trigger();
    menu->close();
    menu->deleteLater();
    QVERIFY2(!f.actionStatus()->isVisible(), qPrintable(f.actionStatusText()));

    // The engine runs the operation: a new subsession without carol (U-7).
    QTRY_VERIFY_WITH_TIMEOUT(!engineHasMember(*f.room, carol.toStdString()), 15000);
    bool excludedInEngine = false;
    for (const auto& e : f.room->userEvents())
      if (const auto* st = e.as<mpenc::session::event::SubsessionStarted>())
        excludedInEngine |=
            std::find(st->excluded.begin(), st->excluded.end(), carol.toStdString()) != st->excluded.end();
    QVERIFY(excludedInEngine);
    // The stream says so: the operation and its result name carol (U-5, U-7).
    QTRY_VERIFY_WITH_TIMEOUT(
        noticeSince(f.state(), firstItem, NoticeKind::OperationSucceeded, QStringLiteral("carol")), 3000);
    bool announced = false;
    for (NoticeKind k :
         {NoticeKind::OperationProposed, NoticeKind::OperationAccepted, NoticeKind::OperationStarted})
      announced |= noticeSince(f.state(), firstItem, k, QStringLiteral("carol"));
    QVERIFY2(announced, "the running exclude was announced before its result");
    QTRY_COMPARE_WITH_TIMEOUT(listedSessionSection(f.panel()->memberModel()), engineMembers(*f.room), 3000);
    QTest::qWait(100);
    shoot(f.window, "interactions-after-exclude.png");
  }

  void includeFrankNeedsHisChangedKeyAcceptedFirst() {
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(f.settle());
    const QString frank = f.id("frank");
    // frank came back with a new key: in the room, not in the session.
    QVERIFY(!engineHasMember(*f.room, frank.toStdString()));
    QVERIFY(f.room->hub().present().count(frank.toStdString()));
    auto* panel = f.panel();
    const int row = panel->memberModel()->rowOf(frank);
    QVERIFY(row >= 0);
    panel->scrollTo(panel->memberModel()->index(row));
    const QRect chip = panel->inviteRect(row);
    QVERIFY2(!chip.isEmpty(), "frank has an Invite chip (U-10)");
    QVERIFY2(panel->viewport()->rect().contains(chip), "the whole chip is visible");
    const std::size_t eventsBefore = f.room->userEvents().size();

    // Invite: refused, with a clear message in the room's status line; nothing starts.
    QTest::mouseClick(panel->viewport(), Qt::LeftButton, {}, chip.center());
    QVERIFY(f.actionStatus()->isVisible());
    QVERIFY2(f.actionStatusText().contains(QStringLiteral("key changed")), qPrintable(f.actionStatusText()));
    QVERIFY2(f.actionStatusText().contains(QStringLiteral("frank")), qPrintable(f.actionStatusText()));
    QTest::qWait(300);
    QVERIFY(!engineHasMember(*f.room, frank.toStdString()));
    for (std::size_t i = eventsBefore; i < f.room->userEvents().size(); ++i)
      QVERIFY(!f.room->userEvents()[i].as<mpenc::session::event::SubsessionStarted>());
    shoot(f.window, "interactions-include-refused.png");

    // Verify… opens the fingerprint dialog with the old and the new key.
    QMenu* menu = panel->createActionsMenu(frank, panel);
    QVERIFY(actionNamed(menu, "actionAcceptKey") != nullptr);
    QAction* verify = actionNamed(menu, "actionVerify");
    QVERIFY(verify && verify->isEnabled());
    verify->trigger();
    delete menu;
    mpenc::ui::FingerprintDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = f.view->findChild<mpenc::ui::FingerprintDialog*>()) != nullptr);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto* shown = dialog->findChild<QLabel*>(QStringLiteral("memberFingerprint"));
    QVERIFY(shown != nullptr);
    // The dialog shows the key frank uses now, as the demo's directory has it.
    const auto compact = [](QString s) {
      return s.remove(QRegularExpression(QStringLiteral("\\s"))).toLower();
    };
    QCOMPARE(compact(shown->text()), compact(f.room->fingerprintOf(frank)));
    shoot(*dialog, "interactions-fingerprint-changed.png");
    auto* accept = dialog->findChild<QPushButton*>(QStringLiteral("acceptKeyButton"));
    QVERIFY(accept != nullptr);
    QTest::mouseClick(accept, Qt::LeftButton);
    QTRY_VERIFY(f.view->findChild<mpenc::ui::FingerprintDialog*>() == nullptr || !dialog->isVisible());
    QTRY_VERIFY(f.state().member(frank) &&
                f.state().member(frank)->trust == mpenc::present::Trust::Unverified);

    // Invite again: accepted; the engine includes him.
    const int row2 = panel->memberModel()->rowOf(frank);
    const QRect chip2 = panel->inviteRect(row2);
    QVERIFY(!chip2.isEmpty());
    QTest::mouseClick(panel->viewport(), Qt::LeftButton, {}, chip2.center());
    QVERIFY2(!f.actionStatus()->isVisible(), qPrintable(f.actionStatusText()));
    QTest::qWait(150);
    shoot(f.window, "interactions-including-frank.png");
    QTRY_VERIFY_WITH_TIMEOUT(engineHasMember(*f.room, frank.toStdString()), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(listedSessionSection(panel->memberModel()), engineMembers(*f.room), 3000);
    QTest::qWait(100);
    shoot(f.window, "interactions-frank-included.png");
  }

  void composerRefusesOversizeAndExplainsWhenSendingIsImpossible() {
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(f.settle());
    auto* composer = f.view->composer();
    QPlainTextEdit* input = composer->input();
    QVERIFY(input->isEnabled());
    QVERIFY2(composer->hint()->isVisible(), "the keyboard hint is shown under the input");

    // Oversize (RoomStatus::maxMessageBytes): refused before sending, nothing sent.
    const int limit = f.state().status().maxMessageBytes;
    const std::size_t logBefore = f.room->userSession().log().size();
    const int itemsBefore = f.state().itemCount();
    input->setFocus();
    input->setPlainText(QString(limit + 1, QLatin1Char('x')));
    QTest::keyClick(input, Qt::Key_Return);
    QVERIFY(composer->statusLine()->isVisible());
    const QString problem = composer->statusLine()->text();
    QVERIFY2(problem.contains(QStringLiteral("limit is %1 KB").arg(limit / 1024)), qPrintable(problem));
    QCOMPARE(input->toPlainText().size(), limit + 1);  // kept for the user to shorten
    QTest::qWait(1500);                                // the simulated members would have answered by now
    QCOMPARE(f.room->userSession().log().size(), logBefore);
    for (int i = itemsBefore; i < f.state().itemCount(); ++i) QVERIFY(!f.state().item(i).own);
    shoot(f.window, "interactions-composer-oversize.png");

    // Shortening it takes the message away and sending works again.
    input->setPlainText(QStringLiteral("short again"));
    QVERIFY(!composer->statusLine()->isVisible());
    input->clear();

    // Leaving: the input is disabled and says why (while parting and after).
    f.room->leave();
    QTRY_VERIFY_WITH_TIMEOUT(!f.state().status().canSend, 2000);
    QVERIFY(f.room->userSession().state() == SessionState::Parting ||
            f.room->userSession().state() == SessionState::Parted);
    QVERIFY(!input->isEnabled());
    QVERIFY(composer->statusLine()->isVisible());
    QVERIFY(!composer->statusLine()->text().isEmpty());
    QCOMPARE(composer->statusLine()->text(), f.state().status().cannotSendReason);
    QVERIFY2(!composer->hint()->isVisible(), "no \"Enter to send\" under an input that cannot send");
    shoot(f.window, "interactions-composer-parting.png");
    QTRY_VERIFY_WITH_TIMEOUT(f.room->userSession().state() == SessionState::Parted, 15000);
    QTRY_VERIFY(!input->isEnabled() && composer->statusLine()->isVisible());
    QCOMPARE(composer->statusLine()->text(), f.state().status().cannotSendReason);
    // After leaving, a way back is offered (RoomBackend::startNewSession: "after a leave").
    auto* restart = f.view->findChild<QPushButton*>(QStringLiteral("startNewSessionButton"));
    QVERIFY(restart != nullptr);
    QTRY_VERIFY(restart->isVisible());
    shoot(f.window, "interactions-composer-left.png");
  }

  void secondRoomFromTheJoinDialogCountsUnread() {
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(f.settle());
    f.window.openJoinRoomDialog();
    mpenc::ui::JoinRoomDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = f.window.findChild<mpenc::ui::JoinRoomDialog*>()) != nullptr);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto* jid = dialog->findChild<QLineEdit*>(QStringLiteral("roomJid"));
    auto* ok = dialog->findChild<QPushButton*>(QStringLiteral("joinOk"));
    QVERIFY(jid && ok);
    jid->setFocus();
    jid->clear();
    QTest::keyClicks(jid, QStringLiteral("design@demo.invalid"));
    QVERIFY(ok->isEnabled());
    shoot(*dialog, "interactions-join-dialog.png");
    QTest::mouseClick(ok, Qt::LeftButton);

    QTRY_COMPARE(f.client.rooms().size(), 2);
    auto* design = qobject_cast<DemoRoom*>(f.client.rooms().at(1));
    QVERIFY(design != nullptr);
    QCOMPARE(design->roomJid(), QStringLiteral("design@demo.invalid"));
    QTRY_COMPARE(f.window.roomList()->count(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(design->userSession().state() == SessionState::Joined, 15000);
    QCOMPARE(f.window.currentRoomView(), f.window.roomView(design));  // a room just opened is shown
    QTest::qWait(100);
    shoot(f.window, "interactions-two-rooms.png");

    // Back in team, say something, and go to design before the answers come.
    f.window.roomList()->setCurrentRow(0);
    QCOMPARE(f.window.currentRoomView(), f.view);
    auto* input = f.view->composer()->input();
    input->setFocus();
    // Two messages: the demo answers the first once and the second twice.
    for (const QString& text :
         {QStringLiteral("Who has the release checklist?"), QStringLiteral("And the staging credentials?")}) {
      QTest::keyClicks(input, text);
      QTest::keyClick(input, Qt::Key_Return);
      QVERIFY(input->toPlainText().isEmpty());
    }
    f.window.roomList()->setCurrentRow(1);
    QCOMPARE(f.window.currentRoomView(), f.window.roomView(design));
    const std::size_t base = f.room->userSession().log().size();
    QCOMPARE(f.window.unreadCount(f.room), 0);

    // Replies arrive in team: its badge counts exactly the engine's new rows by others.
    QTRY_VERIFY_WITH_TIMEOUT(othersRowsSince(*f.room, base) >= 1, 10000);
    QTRY_COMPARE(f.window.unreadCount(f.room), othersRowsSince(*f.room, base));
    QTRY_VERIFY_WITH_TIMEOUT(othersRowsSince(*f.room, base) >= 3, 8000);
    QTRY_COMPARE(f.window.unreadCount(f.room), othersRowsSince(*f.room, base));
    QCOMPARE(f.window.unreadCount(design), 0);
    const QString accessible = f.window.roomList()->item(0)->data(Qt::AccessibleTextRole).toString();
    QVERIFY2(accessible.contains(QStringLiteral("%1 unread").arg(f.window.unreadCount(f.room))),
             qPrintable(accessible));
    shoot(f.window, "interactions-unread-badge.png");

    // Switching there (a click on the room) clears it.
    auto* list = f.window.roomList();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
    QCOMPARE(f.window.currentRoomView(), f.view);
    QCOMPARE(f.window.unreadCount(f.room), 0);
    QTest::qWait(100);
    shoot(f.window, "interactions-unread-cleared.png");
  }

  void startNewSessionKeepsTheOldTranscript() {
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(f.settle());
    f.room->leave();
    QTRY_VERIFY_WITH_TIMEOUT(f.room->userSession().state() == SessionState::Parted, 15000);
    QTest::qWait(100);
    // What the user saw before, item by item.
    const QVector<mpenc::present::TranscriptItem> before = f.state().items();
    const std::size_t oldLogSize = f.room->userSession().log().size();
    QVERIFY(oldLogSize > 0);

    auto* restart = f.view->findChild<QPushButton*>(QStringLiteral("startNewSessionButton"));
    QVERIFY(restart != nullptr);
    QTRY_VERIFY(restart->isVisible());
    QTest::mouseClick(restart, Qt::LeftButton);
    QVERIFY2(!f.actionStatus()->isVisible(), qPrintable(f.actionStatusText()));

    // The engine: a new Session (its own log), joined with the others again.
    QTRY_VERIFY_WITH_TIMEOUT(f.room->userSession().state() == SessionState::Joined, 20000);
    QVERIFY(f.room->userSession().members().size() >= 2);
    QVERIFY(f.room->userSession().log().size() < oldLogSize);
    // U-1: everything shown before is still there, above, unchanged.
    QVERIFY(f.state().itemCount() > before.size());
    for (int i = 0; i < before.size(); ++i) {
      QCOMPARE(f.state().item(i).kind, before[i].kind);
      QCOMPARE(f.state().item(i).id, before[i].id);
      QCOMPARE(f.state().item(i).text, before[i].text);
    }
    // … followed by a new "established" notice naming the new session's members.
    QTRY_VERIFY(
        noticeSince(f.state(), before.size(), NoticeKind::SessionStarted, QStringLiteral("established")));
    QCOMPARE(listedSessionSection(f.panel()->memberModel()), engineMembers(*f.room));
    QTRY_VERIFY(!restart->isVisible());
    QTRY_VERIFY(f.view->composer()->input()->isEnabled());
    QTest::qWait(100);
    shoot(f.window, "interactions-new-session.png");
  }
};

QTEST_MAIN(DemoInteractionsTest)
#include "test_demo_interactions.moc"
