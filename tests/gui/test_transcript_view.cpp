// The causal transcript widgets on a RoomState filled directly (the
// presentation data the engine-driven presenter produces; the demo-room test
// checks the same against the engine). U-1 append-only, U-2 [k] markers,
// U-3 ancestor highlighting by mouse and keyboard, the details pane.
#include <QAbstractItemModelTester>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <random>
#include <set>

#include "ui/presentation/room_state.h"
#include "ui/room/details_pane.h"
#include "ui/room/message_delegate.h"
#include "ui/room/transcript_model.h"
#include "ui/room/transcript_view.h"
#include "ui/screenshot.h"

using mpenc::present::AckState;
using mpenc::present::MemberInfo;
using mpenc::present::NoticeKind;
using mpenc::present::RoomState;
using mpenc::present::TranscriptItem;
using mpenc::ui::DetailsPane;
using mpenc::ui::TranscriptModel;
using mpenc::ui::TranscriptView;

namespace {

const QStringList kMembers = {QStringLiteral("team@x/alice"), QStringLiteral("team@x/bob"),
                              QStringLiteral("team@x/carol"), QStringLiteral("team@x/you")};

TranscriptItem message(const QString& author, const QString& text, QVector<int> parents) {
  TranscriptItem it;
  it.id = QString::number(qHash(text), 16) + text.left(4);
  it.author = author;
  it.authorName = author.section(QLatin1Char('/'), 1);
  it.own = author.endsWith(QLatin1String("/you"));
  it.text = text;
  it.received = QDateTime::currentDateTime();
  it.parentRows = std::move(parents);
  it.readers = kMembers;
  it.unackedBy = kMembers;
  it.unackedBy.removeAll(author);
  return it;
}

TranscriptItem notice(const QString& text) {
  TranscriptItem it;
  it.kind = TranscriptItem::Kind::Notice;
  it.notice = NoticeKind::Info;
  it.text = text;
  return it;
}

/// A room with a fork: 0 <- 1 <- {2, 3} (concurrent) ; 4 replies to 2 only; 5 merges 3 and 4.
void fill(RoomState& s) {
  QVector<MemberInfo> ms;
  for (const auto& id : kMembers) {
    MemberInfo m;
    m.id = id;
    m.name = id.section(QLatin1Char('/'), 1);
    m.inSession = true;
    m.self = id.endsWith(QLatin1String("/you"));
    ms << m;
  }
  s.setMembers(ms);
  s.appendNotice(notice(QStringLiteral("Encrypted session started with alice, bob, carol")));
  s.appendMessage(message(kMembers[0], QStringLiteral("Release at five?"), {}));
  s.appendMessage(message(kMembers[1], QStringLiteral("Staging is green."), {0}));
  s.appendMessage(message(kMembers[2], QStringLiteral("I need ten more minutes."), {1}));
  auto concurrent = message(kMembers[0], QStringLiteral("Then five fifteen."), {1});
  concurrent.offsets = {2};  // U-2: its real parent is 2 rows up
  s.appendMessage(concurrent);
  s.appendNotice(notice(QStringLiteral("frank entered the room")));
  auto reply = message(kMembers[3], QStringLiteral("OK for me."), {2});
  reply.offsets = {2};
  s.appendMessage(reply);
  s.appendMessage(message(kMembers[1], QStringLiteral("Merged both."), {3, 4}));
}

/// The test's own closure over parentRows (not RoomState::ancestorRows).
std::set<int> closure(const RoomState& s, int row) {
  std::set<int> out;
  std::vector<int> todo(s.item(s.itemOfMessageRow(row)).parentRows.begin(),
                        s.item(s.itemOfMessageRow(row)).parentRows.end());
  while (!todo.empty()) {
    const int r = todo.back();
    todo.pop_back();
    if (!out.insert(r).second) continue;
    for (int p : s.item(s.itemOfMessageRow(r)).parentRows) todo.push_back(p);
  }
  return out;
}

/// What the view shows for every message row: highlighted / dimmed / selected.
void checkHighlight(const RoomState& s, const TranscriptModel& m, int selected) {
  const std::set<int> anc = selected >= 0 ? closure(s, selected) : std::set<int>{};
  for (int i = 0; i < m.rowCount(); ++i) {
    const QModelIndex idx = m.index(i);
    const int row = idx.data(TranscriptModel::MessageRowRole).toInt();
    if (row < 0) {
      QVERIFY(!idx.data(TranscriptModel::HighlightRole).toBool());
      QVERIFY(!idx.data(TranscriptModel::DimmedRole).toBool());
      continue;
    }
    const bool isAnc = anc.count(row) != 0;
    QCOMPARE(idx.data(TranscriptModel::HighlightRole).toBool(), isAnc);
    QCOMPARE(idx.data(TranscriptModel::SelectedRole).toBool(), row == selected);
    QCOMPARE(idx.data(TranscriptModel::DimmedRole).toBool(), selected >= 0 && row != selected && !isAnc);
  }
}

}  // namespace

class TranscriptViewTest : public QObject {
  Q_OBJECT

 private slots:
  void modelPassesTheTester() {
    RoomState s;
    TranscriptModel model(&s);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(s);
    QCOMPARE(model.rowCount(), s.itemCount());
    s.setAck(2, {}, AckState::FullyAcked);
    model.setSelectedMessageRow(5);
    model.setSelectedMessageRow(-1);
    s.appendMessage(message(kMembers[2], QStringLiteral("late"), {5}));
    QCOMPARE(model.rowCount(), s.itemCount());
  }

  void appendOnlyAndNoticesAreNotSelectable() {
    RoomState s;
    fill(s);
    TranscriptModel model(&s);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    s.appendMessage(message(kMembers[0], QStringLiteral("one more"), {5}));
    s.setAck(0, {}, AckState::FullyAcked);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), s.itemCount() - 1);  // at the end (U-1)
    QCOMPARE(removed.count(), 0);
    QCOMPARE(moved.count(), 0);
    QVERIFY(!(model.flags(model.index(0)) & Qt::ItemIsSelectable));  // the notice
    QVERIFY(model.flags(model.index(1)) & Qt::ItemIsSelectable);
  }

  void clickHighlightsExactlyTheAncestors() {
    RoomState s;
    fill(s);
    TranscriptView view(&s);
    view.resize(700, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* m = view.transcriptModel();
    checkHighlight(s, *m, -1);

    // Click "OK for me." (message row 4): ancestors {0, 1, 2}; 3 (concurrent) is greyed.
    const int item = s.itemOfMessageRow(4);
    QSignalSpy changed(&view, &TranscriptView::selectionChangedTo);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.visualRect(m->index(item)).center());
    QCOMPARE(view.selectedMessageRow(), 4);
    QCOMPARE(changed.count(), 1);
    checkHighlight(s, *m, 4);
    QVERIFY(m->index(s.itemOfMessageRow(3)).data(TranscriptModel::DimmedRole).toBool());
    QVERIFY(m->index(s.itemOfMessageRow(2)).data(TranscriptModel::HighlightRole).toBool());

    // The merge (row 5) has everything before it as ancestors.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                      view.visualRect(m->index(s.itemOfMessageRow(5))).center());
    checkHighlight(s, *m, 5);
    QCOMPARE(m->ancestorCount(), 5);

    // A click on a notice selects nothing new; a second click on the selected clears.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                      view.visualRect(m->index(s.itemOfMessageRow(5))).center());
    QCOMPARE(view.selectedMessageRow(), -1);
    checkHighlight(s, *m, -1);

    const QString path = QStringLiteral(MPENC_GUI_ARTIFACTS "/transcript-unselected.png");
    QString error;
    QVERIFY2(mpenc::ui::saveScreenshot(view, path, &error), qPrintable(error));
  }

  void keyboardMovesSkipsNoticesAndEscClears() {
    RoomState s;
    fill(s);
    TranscriptView view(&s);
    view.resize(700, 500);
    view.show();
    view.setFocus();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::keyClick(&view, Qt::Key_End);
    QCOMPARE(view.selectedMessageRow(), s.messageCount() - 1);
    checkHighlight(s, *view.transcriptModel(), s.messageCount() - 1);
    QTest::keyClick(&view, Qt::Key_Up);
    QCOMPARE(view.selectedMessageRow(), 4);
    QTest::keyClick(&view, Qt::Key_Up);  // over the "frank entered" notice
    QCOMPARE(view.selectedMessageRow(), 3);
    checkHighlight(s, *view.transcriptModel(), 3);
    QTest::keyClick(&view, Qt::Key_Home);
    QCOMPARE(view.selectedMessageRow(), 0);
    QTest::keyClick(&view, Qt::Key_Up);  // stays on the first
    QCOMPARE(view.selectedMessageRow(), 0);
    QTest::keyClick(&view, Qt::Key_Down);
    QCOMPARE(view.selectedMessageRow(), 1);
    QTest::keyClick(&view, Qt::Key_Escape);
    QCOMPARE(view.selectedMessageRow(), -1);
    checkHighlight(s, *view.transcriptModel(), -1);
  }

  void detailsPaneShowsParentsAcksAndJumps() {
    RoomState s;
    fill(s);
    s.setAck(4, {kMembers[1]}, AckState::Waiting);
    DetailsPane pane(&s);
    pane.resize(320, 500);
    pane.show();
    auto* legend = pane.findChild<QLabel*>(QStringLiteral("detailsLegend"));
    QVERIFY(legend && legend->isVisible());
    pane.showMessageRow(4);
    QVERIFY(!legend->isVisible());
    auto* parents = pane.findChild<QLabel*>(QStringLiteral("detailsParents"));
    auto* unacked = pane.findChild<QLabel*>(QStringLiteral("detailsUnacked"));
    auto* author = pane.findChild<QLabel*>(QStringLiteral("detailsAuthor"));
    QVERIFY(parents && unacked && author);
    QVERIFY(author->text().contains(QStringLiteral("you")));
    QVERIFY2(parents->text().contains(QStringLiteral("I need ten")), qPrintable(parents->text()));
    QVERIFY(!parents->text().contains(QStringLiteral("Then five fifteen")));
    QVERIFY2(unacked->toolTip().contains(QStringLiteral("bob")), qPrintable(unacked->toolTip()));
    QVERIFY(unacked->isVisible());
    // The late ack arrives: the pane follows the item.
    s.setAck(4, {}, AckState::FullyAcked);
    QCOMPARE(unacked->toolTip(), QStringLiteral("nobody"));
    auto* acked = pane.findChild<QLabel*>(QStringLiteral("detailsAcked"));
    QVERIFY(acked != nullptr);
    QCOMPARE(acked->toolTip(), QStringLiteral("all 3"));
    // Two display parents: two links, both visible (not clipped to one line).
    pane.showMessageRow(5);
    QTest::qWait(10);
    QCOMPARE(parents->text().count(QStringLiteral("<a ")), 2);
    QVERIFY2(parents->height() >= 2 * parents->fontMetrics().lineSpacing(),
             qPrintable(QString::number(parents->height())));
    QSignalSpy jump(&pane, &DetailsPane::jumpToMessageRow);
    emit parents->linkActivated(QStringLiteral("row:2"));
    QCOMPARE(jump.count(), 1);
    QCOMPARE(jump.first().at(0).toInt(), 2);
  }

  void estimatedHeightsAreCorrectedWhenPainted() {
    // Long non-trivial bodies: the delegate estimates heights, paint measures exactly.
    RoomState s;
    std::mt19937 rng(3);
    const QStringList words = {QStringLiteral("WWWW"),   QStringLiteral("iii"), QStringLiteral("release"),
                               QStringLiteral("AVATAR"), QStringLiteral("fi"),  QStringLiteral("ffl")};
    for (int i = 0; i < 60; ++i) {
      QStringList w;
      for (int k = 0; k < 5 + static_cast<int>(rng() % 40); ++k) w << words[static_cast<int>(rng() % 6)];
      s.appendMessage(
          message(kMembers[i % 4], w.join(QLatin1Char(' ')), i ? QVector<int>{i - 1} : QVector<int>{}));
    }
    TranscriptView view(&s);
    view.resize(520, 2600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(50);
    // After one paint the corrected heights are laid out; painting again must
    // change nothing (the layout converged), and no rows overlap.
    QSignalSpy hints(view.itemDelegate(), &QAbstractItemDelegate::sizeHintChanged);
    view.viewport()->grab();
    QTest::qWait(50);
    QCOMPARE(hints.count(), 0);
    for (int i = 0; i + 1 < s.itemCount(); ++i) {
      const QRect a = view.visualRect(view.model()->index(i, 0));
      const QRect b = view.visualRect(view.model()->index(i + 1, 0));
      QVERIFY(a.bottom() < b.top());
      QVERIFY(a.height() >= 20);
    }
  }
};

QTEST_MAIN(TranscriptViewTest)
#include "test_transcript_view.moc"
