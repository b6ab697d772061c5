// MemberPanel / MemberModel on a RoomState filled directly (a widget unit
// test; the end-to-end checks run on the demo room): sections (U-10), trust
// labels, "(you)", unresponsive members greyed with "no response for N s" (U-19),
// "being added…", the Invite chip and the per-member actions.
#include <QAbstractItemModelTester>
#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>

#include "ui/presentation/room_state.h"
#include "ui/room/member_model.h"
#include "ui/room/member_panel.h"
#include "ui/screenshot.h"

using mpenc::present::MemberInfo;
using mpenc::present::RoomState;
using mpenc::present::Trust;
using mpenc::ui::MemberModel;
using mpenc::ui::MemberPanel;

namespace {

MemberInfo member(const QString& nick, bool inSession, Trust trust) {
  MemberInfo m;
  m.id = QStringLiteral("team@conference.example.org/") + nick;
  m.name = nick;
  m.inSession = inSession;
  m.trust = trust;
  m.fingerprint = QStringLiteral("0123abcd 4567ef01 89abcdef 01234567 89abcdef 01234567 89abcdef 0123abcd");
  return m;
}

QVector<MemberInfo> sampleMembers() {
  MemberInfo alice = member(QStringLiteral("Alice"), true, Trust::Verified);
  alice.self = true;
  MemberInfo dave = member(QStringLiteral("Dave"), true, Trust::Unverified);
  dave.responsive = false;
  dave.silentForS = 40;
  MemberInfo frank = member(QStringLiteral("Frank"), true, Trust::Changed);
  frank.previousFingerprint =
      QStringLiteral("ffff0000 ffff0000 ffff0000 ffff0000 ffff0000 ffff0000 ffff0000 ffff0000");
  MemberInfo erin = member(QStringLiteral("Erin"), false, Trust::Unverified);
  erin.pending = QStringLiteral("being added");
  MemberInfo grace = member(QStringLiteral("grace"), false, Trust::Unknown);
  grace.plain = true;
  grace.fingerprint.clear();
  MemberInfo gone = member(QStringLiteral("zed"), false, Trust::Unverified);
  gone.inRoom = false;
  return {alice, member(QStringLiteral("Bob"), true, Trust::Verified), dave, frank, erin, grace, gone};
}

}  // namespace

class MemberPanelTest : public QObject {
  Q_OBJECT

 private slots:
  void modelPassesTheTester() {
    RoomState state;
    MemberModel model(&state);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    state.setMembers(sampleMembers());
    state.setMembers({});
    state.setMembers(sampleMembers());
  }

  void sectionsFollowTheRoomState() {
    RoomState state;
    state.setMembers(sampleMembers());
    MemberModel model(&state);
    // Expected rows derived from the members: heading, in-session members,
    // heading, in the room but not in session; the one not in the room is absent.
    QStringList expected{MemberModel::sessionHeading()};
    for (const MemberInfo& m : state.members())
      if (m.inSession) expected << m.id;
    expected << MemberModel::outsideHeading();
    for (const MemberInfo& m : state.members())
      if (!m.inSession && m.inRoom) expected << m.id;
    QCOMPARE(model.rowCount(), expected.size());
    for (int r = 0; r < model.rowCount(); ++r) {
      const QModelIndex i = model.index(r, 0);
      if (i.data(MemberModel::IsHeadingRole).toBool()) {
        QCOMPARE(i.data().toString(), expected[r]);
        QVERIFY(!(model.flags(i) & Qt::ItemIsSelectable));
      } else {
        QCOMPARE(i.data(MemberModel::MemberIdRole).toString(), expected[r]);
      }
    }
    QCOMPARE(model.rowOf(QStringLiteral("team@conference.example.org/zed")), -1);

    // Only the outside section disappears when nobody is outside.
    QVector<MemberInfo> inside;
    for (const MemberInfo& m : state.members())
      if (m.inSession) inside << m;
    state.setMembers(inside);
    QCOMPARE(model.rowCount(), inside.size() + 1);
  }

  void labelsGreyingAndInvite() {
    RoomState state;
    state.setMembers(sampleMembers());
    MemberModel model(&state);
    auto row = [&](const QString& nick) {
      return model.index(model.rowOf(QStringLiteral("team@conference.example.org/") + nick), 0);
    };
    QCOMPARE(row(QStringLiteral("Alice")).data(MemberModel::NameRole).toString(),
             QStringLiteral("Alice (you)"));
    QCOMPARE(row(QStringLiteral("Alice")).data(MemberModel::TrustTextRole).toString(),
             QStringLiteral("✓ verified"));
    QCOMPARE(row(QStringLiteral("Dave")).data(MemberModel::TrustTextRole).toString(),
             QStringLiteral("unverified"));
    QCOMPARE(row(QStringLiteral("Frank")).data(MemberModel::TrustTextRole).toString(),
             QStringLiteral("⚠ key changed"));
    // U-19: greyed with how long.
    QVERIFY(row(QStringLiteral("Dave")).data(MemberModel::GreyedRole).toBool());
    QCOMPARE(row(QStringLiteral("Dave")).data(MemberModel::StatusTextRole).toString(),
             QStringLiteral("no response for 40 s"));
    QVERIFY(!row(QStringLiteral("Bob")).data(MemberModel::GreyedRole).toBool());
    QCOMPARE(row(QStringLiteral("Erin")).data(MemberModel::StatusTextRole).toString(),
             QStringLiteral("being added…"));
    QCOMPARE(row(QStringLiteral("grace")).data(MemberModel::NameRole).toString(),
             QStringLiteral("grace (plain XMPP client)"));
    // U-10: Invite for those in the room but not in the session (not while being added).
    QVERIFY(row(QStringLiteral("grace")).data(MemberModel::CanInviteRole).toBool());
    QVERIFY(!row(QStringLiteral("Erin")).data(MemberModel::CanInviteRole).toBool());
    QVERIFY(!row(QStringLiteral("Bob")).data(MemberModel::CanInviteRole).toBool());

    // Dave answers again: no longer greyed (the state drives it).
    QVector<MemberInfo> ms = state.members();
    for (MemberInfo& m : ms)
      if (m.name == QStringLiteral("Dave")) m.responsive = true;
    state.setMembers(ms);
    QVERIFY(!row(QStringLiteral("Dave")).data(MemberModel::GreyedRole).toBool());
    QVERIFY(row(QStringLiteral("Dave")).data(MemberModel::StatusTextRole).toString().isEmpty());
  }

  void inviteChipAndActions() {
    RoomState state;
    state.setMembers(sampleMembers());
    MemberPanel panel(&state);
    panel.resize(300, 320);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCOMPARE(panel.objectName(), QStringLiteral("memberList"));
    QVERIFY(!panel.accessibleName().isEmpty());

    const QString grace = QStringLiteral("team@conference.example.org/grace");
    const int graceRow = panel.memberModel()->rowOf(grace);
    const QRect chip = panel.inviteRect(graceRow);
    QVERIFY(!chip.isEmpty());
    QSignalSpy include(&panel, &MemberPanel::includeRequested);
    QTest::mouseClick(panel.viewport(), Qt::LeftButton, Qt::NoModifier, chip.center());
    QCOMPARE(include.count(), 1);
    QCOMPARE(include.at(0).at(0).toStringList(), QStringList{grace});

    // Context menu of a session member with a changed key.
    const QString frank = QStringLiteral("team@conference.example.org/Frank");
    QMenu* menu = panel.createActionsMenu(frank, &panel);
    QVERIFY(menu != nullptr);
    auto action = [&](const char* name) { return menu->findChild<QAction*>(QString::fromLatin1(name)); };
    QVERIFY(action("actionInclude") && !action("actionInclude")->isEnabled());
    QVERIFY(action("actionExclude") && action("actionExclude")->isEnabled());
    QVERIFY(action("actionVerify") && action("actionVerify")->isEnabled());
    QVERIFY(action("actionAcceptKey") != nullptr);
    QSignalSpy exclude(&panel, &MemberPanel::excludeRequested);
    QSignalSpy accept(&panel, &MemberPanel::acceptKeyRequested);
    action("actionExclude")->trigger();
    action("actionAcceptKey")->trigger();
    QCOMPARE(exclude.count(), 1);
    QCOMPARE(exclude.at(0).at(0).toStringList(), QStringList{frank});
    QCOMPARE(accept.count(), 1);
    delete menu;

    // No "accept the new key" for an unchanged key; no exclude for ourselves.
    QMenu* own = panel.createActionsMenu(QStringLiteral("team@conference.example.org/Alice"), &panel);
    QVERIFY(own->findChild<QAction*>(QStringLiteral("actionAcceptKey")) == nullptr);
    QVERIFY(!own->findChild<QAction*>(QStringLiteral("actionExclude"))->isEnabled());
    delete own;

    QString error;
    QVERIFY2(
        mpenc::ui::saveScreenshot(panel, QStringLiteral(MPENC_GUI_ARTIFACTS "/member-panel.png"), &error),
        qPrintable(error));
  }
};

QTEST_MAIN(MemberPanelTest)
#include "test_member_panel.moc"
