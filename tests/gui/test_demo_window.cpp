// The whole window on the offline demo (`mpenc-chat --demo`), driven as a user
// would: real widgets, the real engine behind them. What the view shows is
// checked against the engine's own data (the user's Session: its MessageLog
// and notices), never against the view's state alone.
#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSet>
#include <QTest>
#include <algorithm>
#include <set>

#include "app/demo/demo_client.h"
#include "app/demo/demo_room.h"
#include "ui/dialogs/account_dialog.h"
#include "ui/dialogs/fingerprint_dialog.h"
#include "ui/dialogs/join_room_dialog.h"
#include "ui/main_window.h"
#include "ui/presentation/room_state.h"
#include "ui/room/composer.h"
#include "ui/room/details_pane.h"
#include "ui/room/member_model.h"
#include "ui/room/member_panel.h"
#include "ui/room/room_view.h"
#include "ui/room/transcript_model.h"
#include "ui/room/transcript_view.h"
#include "ui/screenshot.h"

using mpenc::demo::DemoClient;
using mpenc::demo::DemoRoom;
using mpenc::present::AckState;
using mpenc::present::NoticeKind;
using mpenc::present::RoomState;
using mpenc::ui::MainWindow;
using mpenc::ui::TranscriptModel;

namespace {

QString hexOf(const mpenc::session::MessageId& id) {
  QString s;
  for (auto b : id) s += QStringLiteral("%1").arg(static_cast<unsigned>(b), 2, 16, QLatin1Char('0'));
  return s;
}

void shoot(QWidget& w, const char* name) {
  QString error;
  const QString path = QStringLiteral(MPENC_GUI_ARTIFACTS "/") + QLatin1String(name);
  QVERIFY2(mpenc::ui::saveScreenshot(w, path, &error), qPrintable(error));
}

/// Ancestors of log row `row`, from the engine's MessageLog (display parents, C-22).
std::set<int> engineAncestors(const mpenc::transcript::MessageLog& log, std::size_t row) {
  std::set<int> out;
  std::vector<std::size_t> todo(log.row(row).displayParents.begin(), log.row(row).displayParents.end());
  while (!todo.empty()) {
    const std::size_t r = todo.back();
    todo.pop_back();
    if (!out.insert(static_cast<int>(r)).second) continue;
    for (auto p : log.row(r).displayParents) todo.push_back(p);
  }
  return out;
}

/// Interactive widgets under `root` (visible, focusable) without an accessible name.
QStringList unnamedWidgets(QWidget* root) {
  QStringList unnamed;
  const auto widgets = root->findChildren<QWidget*>();
  for (QWidget* w : widgets) {
    if (!w->isVisibleTo(root) || w->focusPolicy() == Qt::NoFocus) continue;
    if (qobject_cast<QAbstractSpinBox*>(w->parentWidget())) continue;  // its editor: the spin box is named
    const bool interactive = qobject_cast<QAbstractButton*>(w) || qobject_cast<QLineEdit*>(w) ||
                             qobject_cast<QPlainTextEdit*>(w) || qobject_cast<QAbstractItemView*>(w) ||
                             qobject_cast<QComboBox*>(w) || qobject_cast<QAbstractSpinBox*>(w);
    if (!interactive) continue;
    QAccessibleInterface* a = QAccessible::queryAccessibleInterface(w);
    const QString name = a ? a->text(QAccessible::Name) : QString();
    if (name.trimmed().isEmpty())
      unnamed << QStringLiteral("%1 (%2)").arg(w->objectName(), QLatin1String(w->metaObject()->className()));
  }
  return unnamed;
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
    // The demo promises an established, busy room within a second of start.
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
  RoomState& state() { return *room->state(); }
};

}  // namespace

class DemoWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void showsAnEstablishedBusyRoomQuickly() {
    Fixture f;
    QElapsedTimer t;
    t.start();
    QVERIFY(f.open());
    QVERIFY2(t.elapsed() < 3000, qPrintable(QStringLiteral("intro took %1 ms").arg(t.elapsed())));
    QCOMPARE(f.window.currentRoomView(), f.view);
    QCOMPARE(f.window.roomList()->count(), 1);

    const auto& session = f.room->userSession();
    QVERIFY(session.state() == mpenc::session::SessionState::Joined);
    QVERIFY(session.members().size() >= 3);
    const auto& log = session.log();
    RoomState& s = f.state();
    // Every displayed message of the engine's log is a transcript row, in order,
    // with the same display parents and [k] markers (U-1, U-2, C-22).
    QCOMPARE(static_cast<std::size_t>(s.messageCount()), log.size());
    int markers = 0;
    for (std::size_t r = 0; r < log.size(); ++r) {
      const auto& it = s.item(s.itemOfMessageRow(static_cast<int>(r)));
      QCOMPARE(it.id, hexOf(log.row(r).id));
      QVector<int> parents;
      for (auto p : log.row(r).displayParents) parents << static_cast<int>(p);
      QCOMPARE(it.parentRows, parents);
      QCOMPARE(!it.offsets.isEmpty(), log.row(r).highlight);
      if (log.row(r).highlight) ++markers;
    }
    QVERIFY2(markers >= 1, "the demo shows concurrent replies ([k] markers)");

    // Include and exclude happened (engine: SubsessionStarted with included /
    // excluded members), and each is a notice naming the member (U-5, U-7).
    QStringList included, excluded;
    for (const auto& e : f.room->userEvents())
      if (const auto* st = e.as<mpenc::session::event::SubsessionStarted>()) {
        for (const auto& m : st->included) included << QString::fromStdString(m).section(QLatin1Char('/'), 1);
        for (const auto& m : st->excluded) excluded << QString::fromStdString(m).section(QLatin1Char('/'), 1);
      }
    QVERIFY2(!included.isEmpty() && !excluded.isEmpty(), "the demo shows an include and an exclude");
    const auto noticeNames = [&](const QString& nick) {
      for (const auto& it : s.items())
        if (!it.isMessage() && it.notice == NoticeKind::OperationSucceeded && it.text.contains(nick))
          return true;
      return false;
    };
    QVERIFY2(noticeNames(excluded.first()), qPrintable(excluded.first()));
    QVERIFY2(noticeNames(included.last()), qPrintable(included.last()));
    auto* members = f.view->members()->memberModel();
    QAbstractItemModelTester tester(members, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::set<QString> inSession;
    for (int i = 0; i < members->rowCount(); ++i) {
      const QModelIndex idx = members->index(i);
      if (idx.data(mpenc::ui::MemberModel::IsHeadingRole).toBool()) continue;
      if (idx.data(mpenc::ui::MemberModel::InSessionRole).toBool())
        inSession.insert(idx.data(mpenc::ui::MemberModel::MemberIdRole).toString());
    }
    std::set<QString> engineMembers;
    for (const auto& m : session.members()) engineMembers.insert(QString::fromStdString(m));
    QCOMPARE(inSession, engineMembers);

    // We were included by someone else: "… is including you", not a list of
    // everyone already in the session.
    bool includingYou = false;
    for (const auto& it : s.items())
      includingYou |= !it.isMessage() && it.notice == NoticeKind::OperationStarted &&
                      it.text.contains(QStringLiteral("including you"));
    QVERIFY(includingYou);

    // A changed key is shown loudly.
    bool keyChanged = false;
    for (const auto& it : s.items()) keyChanged |= !it.isMessage() && it.notice == NoticeKind::KeyChanged;
    QVERIFY(keyChanged);
    shoot(f.window, "demo-room.png");
  }

  void slowMemberShowsWaitingThenClears() {
    Fixture f;
    QVERIFY(f.open());
    // From the engine: a W-3 (NotFullyAcked) for some message naming the slow
    // member, then its late full ack (FullyAcked afterWarning).
    std::optional<mpenc::session::MessageId> warned;
    std::string missing;
    QElapsedTimer t;
    t.start();
    bool cleared = false;
    while (t.elapsed() < 15000 && !cleared) {
      for (const auto& e : f.room->userEvents()) {
        if (const auto* w = e.as<mpenc::session::NotFullyAcked>(); w && !warned) {
          warned = w->id;
          missing = w->unackedBy.empty() ? std::string() : w->unackedBy.front();
        }
        if (const auto* a = e.as<mpenc::session::FullyAcked>(); a && warned && a->id == *warned)
          cleared = true;
      }
      if (warned && !cleared) {
        // While it waits, the row says who is missing (U-16).
        const int item = f.state().itemOfMessage(hexOf(*warned));
        QVERIFY(item >= 0);
        const auto& it = f.state().item(item);
        if (it.ack == AckState::Waiting) QVERIFY(it.unackedBy.contains(QString::fromStdString(missing)));
      }
      QTest::qWait(50);
    }
    QVERIFY2(warned.has_value(), "the demo's slow member causes a W-3");
    QVERIFY2(cleared, "the slow member's ack arrives later");
    QTest::qWait(50);
    const auto& it = f.state().item(f.state().itemOfMessage(hexOf(*warned)));
    QCOMPARE(it.ack, AckState::FullyAcked);
    for (const auto& m : it.marks) QVERIFY(m.code != QStringLiteral("W-3"));
  }

  void sendAppearsAndBecomesSeenByAll() {
    Fixture f;
    QVERIFY(f.open());
    auto* input = f.view->composer()->findChild<QPlainTextEdit*>(QStringLiteral("composerInput"));
    QVERIFY(input != nullptr);
    input->setFocus();
    QTest::keyClicks(input, QStringLiteral("Hello from the test"));
    QTest::keyClick(input, Qt::Key_Return);
    QVERIFY(input->toPlainText().isEmpty());
    RoomState& s = f.state();
    int item = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          for (int i = s.itemCount() - 1; i >= 0; --i)
            if (s.item(i).isMessage() && s.item(i).own &&
                s.item(i).text == QStringLiteral("Hello from the test"))
              return (item = i) >= 0;
          return false;
        }(),
        5000);
    const QString id = s.item(item).id;
    // The engine says it is fully acked; then the row says so (U-15).
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          for (const auto& e : f.room->userEvents())
            if (const auto* a = e.as<mpenc::session::FullyAcked>(); a && hexOf(a->id) == id) return true;
          return false;
        }(),
        15000);
    QTRY_COMPARE_WITH_TIMEOUT(s.item(item).ack, AckState::FullyAcked, 2000);
    // The simulated members answer.
    QTRY_VERIFY_WITH_TIMEOUT(s.messageCount() > s.item(item).messageRow + 1, 10000);
    shoot(f.window, "demo-after-send.png");
  }

  void selectingHighlightsTheEngineAncestors() {
    Fixture f;
    QVERIFY(f.open());
    const auto& log = f.room->userSession().log();
    // The latest message with a [k] marker: its ancestors are not simply "everything above".
    std::size_t row = log.size() - 1;
    for (std::size_t r = log.size(); r-- > 0;)
      if (log.row(r).highlight) {
        row = r;
        break;
      }
    auto* tv = f.view->transcript();
    auto* m = tv->transcriptModel();
    const int item = f.state().itemOfMessageRow(static_cast<int>(row));
    tv->scrollTo(m->index(item), QAbstractItemView::PositionAtCenter);
    QTest::mouseClick(tv->viewport(), Qt::LeftButton, {}, tv->visualRect(m->index(item)).center());
    QCOMPARE(tv->selectedMessageRow(), static_cast<int>(row));
    const std::set<int> anc = engineAncestors(log, row);
    for (int i = 0; i < m->rowCount(); ++i) {
      const int r = m->index(i).data(TranscriptModel::MessageRowRole).toInt();
      if (r < 0) continue;
      QCOMPARE(m->index(i).data(TranscriptModel::HighlightRole).toBool(), anc.count(r) != 0);
      QCOMPARE(m->index(i).data(TranscriptModel::DimmedRole).toBool(),
               r != static_cast<int>(row) && anc.count(r) == 0);
    }
    QTest::qWait(50);  // let the details pane lay out, as a user would see it
    shoot(f.window, "demo-selected.png");
    // Keyboard: Up moves to the previous message, Esc clears.
    tv->setFocus();
    QTest::keyClick(tv, Qt::Key_Up);
    QCOMPARE(tv->selectedMessageRow(), static_cast<int>(row) - 1);
    QTest::keyClick(tv, Qt::Key_Escape);
    QCOMPARE(tv->selectedMessageRow(), -1);
  }

  void everyInteractiveWidgetHasAnAccessibleName() {
    Fixture f;
    QVERIFY(f.open());
    QStringList unnamed = unnamedWidgets(&f.window);
    // The dialogs a user meets: account, join room, compare fingerprints.
    mpenc::ui::AccountDialog account(std::nullopt, &f.window);
    account.show();
    for (const auto& u : unnamedWidgets(&account)) unnamed << QStringLiteral("AccountDialog: ") + u;
    shoot(account, "account-dialog.png");
    mpenc::ui::JoinRoomDialog join(QStringLiteral("you@demo.invalid"), &f.window);
    join.show();
    for (const auto& u : unnamedWidgets(&join)) unnamed << QStringLiteral("JoinRoomDialog: ") + u;
    shoot(join, "join-room-dialog.png");
    const auto& members = f.state().members();
    auto other = std::find_if(members.begin(), members.end(), [](const auto& m) { return !m.self; });
    QVERIFY(other != members.end());
    mpenc::ui::FingerprintDialog fp(*other, f.state().ownFingerprint(), &f.window);
    fp.show();
    for (const auto& u : unnamedWidgets(&fp)) unnamed << QStringLiteral("FingerprintDialog: ") + u;
    shoot(fp, "fingerprint-dialog.png");
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
  }
};

QTEST_MAIN(DemoWindowTest)
#include "test_demo_window.moc"
