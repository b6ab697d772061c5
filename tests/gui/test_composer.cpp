// Composer on a RoomState filled directly, with a RoomBackend that records
// the calls (a widget unit test only; sending for real is checked on the demo
// room). Enter vs Shift+Enter, clearing after a send, keeping the text on
// failure, disabled with the reason, oversize rejected before sending.
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

#include "ui/presentation/room_backend.h"
#include "ui/room/composer.h"

using mpenc::present::ActionOutcome;
using mpenc::present::Phase;
using mpenc::present::RoomState;
using mpenc::present::RoomStatus;

namespace {

class RecordingRoom : public mpenc::present::RoomBackend {
 public:
  RoomState* state() override { return &state_; }
  ActionOutcome send(const QString& text) override {
    sent << text;
    return next;
  }
  ActionOutcome include(const QStringList&) override { return {}; }
  ActionOutcome exclude(const QStringList&) override { return {}; }
  ActionOutcome verify(const QString&, const QString&) override { return {}; }
  ActionOutcome acceptKey(const QString&) override { return {}; }
  ActionOutcome startNewSession() override { return {}; }
  void leave() override {}

  QStringList sent;
  ActionOutcome next;

 private:
  RoomState state_;
};

RoomStatus sendable() {
  RoomStatus s;
  s.phase = Phase::Established;
  s.roomJid = QStringLiteral("team@conference.example.org");
  s.title = QStringLiteral("team");
  s.members = 6;
  s.canSend = true;
  return s;
}

}  // namespace

class ComposerTest : public QObject {
  Q_OBJECT

 private slots:
  void enterSendsShiftEnterBreaksTheLine() {
    RecordingRoom room;
    room.state()->setStatus(sendable());
    mpenc::ui::Composer composer(&room);
    composer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&composer));
    QPlainTextEdit* input = composer.input();
    QCOMPARE(input->objectName(), QStringLiteral("composerInput"));
    QCOMPARE(input->placeholderText(), QStringLiteral("Message team (encrypted to 6 members)…"));
    QVERIFY(composer.hint()->text().contains(QStringLiteral("Shift+Enter")));
    input->setFocus();

    QTest::keyClicks(input, QStringLiteral("first"));
    QTest::keyClick(input, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(input, QStringLiteral("second"));
    QVERIFY(room.sent.isEmpty());
    QCOMPARE(input->toPlainText(), QStringLiteral("first\nsecond"));

    QTest::keyClick(input, Qt::Key_Return);
    QCOMPARE(room.sent, QStringList{QStringLiteral("first\nsecond")});
    QVERIFY(input->toPlainText().isEmpty());

    // Nothing typed: Enter sends nothing.
    QTest::keyClick(input, Qt::Key_Return);
    QCOMPARE(room.sent.size(), 1);
  }

  void failureKeepsTheText() {
    RecordingRoom room;
    room.state()->setStatus(sendable());
    room.next = ActionOutcome::failure(QStringLiteral("Not connected; the message was not sent."));
    mpenc::ui::Composer composer(&room);
    composer.show();
    QTest::keyClicks(composer.input(), QStringLiteral("hello"));
    QTest::keyClick(composer.input(), Qt::Key_Return);
    QCOMPARE(room.sent.size(), 1);
    QCOMPARE(composer.input()->toPlainText(), QStringLiteral("hello"));
    QVERIFY(composer.statusLine()->isVisible());
    QCOMPARE(composer.statusLine()->text(), room.next.message);
  }

  void disabledWithTheReason() {
    RecordingRoom room;
    RoomStatus s = sendable();
    s.phase = Phase::Stopped;
    s.canSend = false;
    s.cannotSendReason = QStringLiteral("The session stopped. Start a new session to send.");
    room.state()->setStatus(s);
    mpenc::ui::Composer composer(&room);
    composer.show();
    QVERIFY(!composer.input()->isEnabled());
    QVERIFY(composer.statusLine()->isVisible());
    QCOMPARE(composer.statusLine()->text(), s.cannotSendReason);
    QVERIFY(!composer.sendNow());
    QVERIFY(room.sent.isEmpty());

    // Becomes sendable: enabled again, the reason goes.
    room.state()->setStatus(sendable());
    QVERIFY(composer.input()->isEnabled());
    QVERIFY(!composer.statusLine()->isVisible());
  }

  void oversizeIsRefusedBeforeSending() {
    RecordingRoom room;
    room.state()->setStatus(sendable());
    mpenc::ui::Composer composer(&room);
    composer.show();
    const QString big(70 * 1024, QLatin1Char('x'));
    composer.input()->setPlainText(big);
    composer.input()->setFocus();
    QTest::keyClick(composer.input(), Qt::Key_Return);
    QVERIFY(room.sent.isEmpty());
    QCOMPARE(composer.input()->toPlainText(), big);
    QCOMPARE(composer.statusLine()->text(),
             QStringLiteral("This message is 70 KB; the limit is 30 KB. Split it or shorten it."));
    // Multi-byte text counts in UTF-8 bytes: 15,000 "é" are 30,000 bytes (fits), 16,000 are not.
    composer.input()->setPlainText(QString(15000, QChar(0xe9)));
    QVERIFY(composer.sendNow());
    composer.input()->setPlainText(QString(16000, QChar(0xe9)));
    QVERIFY(!composer.sendNow());
    QCOMPARE(room.sent.size(), 1);
  }

  void escapeAsksToClearTheSelection() {
    RecordingRoom room;
    room.state()->setStatus(sendable());
    mpenc::ui::Composer composer(&room);
    composer.show();
    QSignalSpy esc(&composer, &mpenc::ui::Composer::escapePressed);
    QTest::keyClick(composer.input(), Qt::Key_Escape);
    QCOMPARE(esc.count(), 1);
  }
};

QTEST_MAIN(ComposerTest)
#include "test_composer.moc"
