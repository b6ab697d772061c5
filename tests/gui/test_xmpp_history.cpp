// The local history through the real window stack (issue 11), on a private
// Prosody: Alice (an XmppClient, the window's backend) and Bob (a headless
// mpenc-chat process) talk in a room; Alice quits (the client is destroyed)
// and starts again with the same data directory. Checked as a user would:
//  - the room reopens with the earlier conversation above the new session:
//    the same texts, authors and message IDs Bob's engine reported, Alice's
//    message still "seen by all" (its final ack state), and a line saying the
//    session ended when the app was closed, before the new session's lines;
//  - the raw database files contain none of the texts;
//  - scrolling the transcript to the top loads the earlier page (a long
//    history, seeded into the same store), keeping the rows being read;
//  - Ctrl+F search in the room view finds a message and selecting the result
//    selects it in the transcript (and its ancestors light up, U-3).
// Screenshots: artifacts/history-reopened.png, artifacts/history-search.png.
#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>

#include "headless_client.h"
#include "prosody_fixture.h"
#include "ui/main_window.h"
#include "ui/presentation/room_state.h"
#include "ui/room/history_search.h"
#include "ui/room/room_view.h"
#include "ui/room/transcript_model.h"
#include "ui/room/transcript_view.h"
#include "ui/screenshot.h"
#include "xmpp/history_store.h"
#include "xmpp/session_host.h"
#include "xmpp/xmpp_client.h"
#include "xmpp/xmpp_room.h"

using mpenc::present::AccountForm;
using mpenc::present::AckState;
using mpenc::present::ConnectionPhase;
using mpenc::present::NoticeKind;
using mpenc::present::Phase;
using mpenc::present::RoomState;
using mpenc::present::TlsChoice;
using mpenc::present::TranscriptItem;
using mpenc::test::HeadlessClient;
using mpenc::test::ProsodyFixture;
using mpenc::xmpp::XmppClient;
using mpenc::xmpp::XmppClientOptions;
using mpenc::xmpp::XmppRoom;

namespace {

constexpr int kWait = 30000;
constexpr int kAckWait = 60000;

int findMessage(const RoomState& s, const QString& text) {
  for (int i = 0; i < s.itemCount(); ++i)
    if (s.item(i).isMessage() && s.item(i).text == text) return i;
  return -1;
}

QString describe(const RoomState& s) {
  QString out = QStringLiteral("phase=%1\n").arg(mpenc::present::toString(s.status().phase));
  for (const TranscriptItem& it : s.items())
    out += (it.isMessage() ? QStringLiteral("  [msg %1] %2\n").arg(it.author, it.text)
                           : QStringLiteral("  [notice] %1\n").arg(it.text));
  return out;
}

template <typename W>
W* findChildNamed(QWidget* root, const char* name) {
  return root->findChild<W*>(QLatin1String(name));
}

}  // namespace

class TestXmppHistory : public QObject {
  Q_OBJECT

  ProsodyFixture server_;
  QTemporaryDir dir_;

  AccountForm form(const QString& user) const {
    AccountForm f;
    f.jid = user + QLatin1Char('@') + server_.domain();
    f.password = QStringLiteral("pw-history-") + user;
    f.host = QStringLiteral("127.0.0.1");
    f.port = server_.port();
    f.tls = TlsChoice::DisabledUnsafe;  // loopback test server without certificates
    f.rememberPassword = false;
    return f;
  }
  XmppClientOptions options() const {
    XmppClientOptions o;
    o.dataDir = dir_.filePath(QStringLiteral("alice-data"));
    o.settingsFile = dir_.filePath(QStringLiteral("alice.ini"));
    o.fastTimers = true;
    o.useKeychain = false;
    return o;
  }
  /// Alice connected, in `room`, with Bob included; returns her room.
  XmppRoom* enter(XmppClient& alice, HeadlessClient& bob, const QString& room, bool bobJoins) {
    [&] {
      QVERIFY(alice.connectAccount(form(QStringLiteral("alice"))).ok);
      QVERIFY2(QTest::qWaitFor([&] { return alice.connection().phase == ConnectionPhase::Connected; }, kWait),
               qPrintable(alice.connection().detail));
      QVERIFY(alice.historyProblem().isEmpty());
      if (!alice.room(room))
        QVERIFY(alice.joinRoom(room, QStringLiteral("alice")).ok);  // else reopened by itself
    }();
    auto* r = alice.room(room);
    if (!r) return nullptr;
    if (!QTest::qWaitFor([&] { return r->host()->session().inChannel(); }, kWait)) return nullptr;
    if (bobJoins && !bob.join(room)) return nullptr;
    const QString bobOcc = room + QStringLiteral("/bob");
    if (!QTest::qWaitFor([&] { return r->host()->channelMembers().contains(bobOcc); }, kWait)) return nullptr;
    if (r->state()->status().members < 2 && !r->include({bobOcc}).ok) return nullptr;
    if (!QTest::qWaitFor([&] { return r->state()->status().phase == Phase::Established; }, kWait))
      return nullptr;
    return r;
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QVERIFY2(server_.start(), qPrintable(server_.lastError()));
    for (const QString& u : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")})
      QVERIFY2(server_.registerUser(u, QStringLiteral("pw-history-") + u), qPrintable(server_.lastError()));
  }
  void cleanupTestCase() { QVERIFY2(server_.stop(), qPrintable(server_.lastError())); }

  void historySurvivesARestart() {
    const QString room = QStringLiteral("history@") + server_.mucDomain();
    const QString aliceOcc = room + QStringLiteral("/alice");
    const QString bobOcc = room + QStringLiteral("/bob");
    const QString bookmarked = QStringLiteral("bookmarked@") + server_.mucDomain();
    HeadlessClient bob(QStringLiteral("bob"), dir_.filePath(QStringLiteral("bob-data")),
                       mpenc::test::artifactsRoot() + QStringLiteral("/gui_xmpp_history"));
    QVERIFY2(bob.start(), qPrintable(bob.lastError()));
    QVERIFY(bob.connectTo(server_, QStringLiteral("pw-history-bob")));

    const QString hello = QStringLiteral("the quarterly numbers are in the usual place");
    const QString reply = QStringLiteral("thanks, reading them now (zebra)");
    QString helloId;
    QString replyId;
    QString dbPath;
    {
      XmppClient alice(options());
      XmppRoom* r = enter(alice, bob, room, true);
      QVERIFY2(r, "Alice and Bob did not get into one session");
      QVERIFY(r->keepsHistory());
      // A bookmark (joined automatically at start) of a room not open now.
      QVERIFY(alice.setBookmark({bookmarked, QStringLiteral("alice"), true}).ok);
      QVERIFY(!alice.setBookmark({QStringLiteral("not a room"), QStringLiteral("alice"), true}).ok);
      QCOMPARE(alice.bookmarks().size(), 1);
      QVERIFY(r->send(hello).ok);
      const int at = bob.waitMessage(hello, aliceOcc, kWait);
      QVERIFY(at >= 0);
      helloId = bob.events().at(static_cast<size_t>(at)).str("id");
      replyId = bob.say(reply);
      QVERIFY(!replyId.isEmpty());
      RoomState& s = *r->state();
      QVERIFY2(QTest::qWaitFor([&] { return findMessage(s, reply) >= 0; }, kWait), qPrintable(describe(s)));
      QVERIFY2(QTest::qWaitFor([&] { return s.item(findMessage(s, hello)).ack == AckState::FullyAcked; },
                               kAckWait),
               qPrintable(describe(s)));
      dbPath = alice.historyStore()->path();
      // Alice quits: the client and its room go away without a word to the user.
    }
    bob.stop();  // Bob leaves too; he comes back after Alice's restart
    QVERIFY(QFile::exists(dbPath));
    {
      QByteArray raw;
      for (const QString& suffix : {QString(), QStringLiteral("-wal")}) {
        QFile f(dbPath + suffix);
        if (f.open(QIODevice::ReadOnly)) raw += f.readAll();
      }
      QVERIFY(raw.size() > 0);
      QVERIFY(!raw.contains("quarterly"));
      QVERIFY(!raw.contains("zebra"));
      QVERIFY(!raw.contains(room.toUtf8()));
    }
    // A long earlier history of the same room (as if from many sessions), so
    // scrolling up has pages to load: written through the same store format.
    {
      XmppClientOptions o = options();
      o.restoreRooms = false;  // only the store is wanted here
      XmppClient seed(o);
      QVERIFY(seed.connectAccount(form(QStringLiteral("alice"))).ok);
      auto* store = seed.historyStore();
      QVERIFY(store && store->isOpen());
      // 600 rows of a later session that also ended, so that the first
      // conversation is several pages up after the restart.
      const QByteArray tag = store->roomTag(room);
      const qint64 base = store->messageCount(tag);
      QVERIFY(base >= 2);
      QVERIFY(store->begin());
      for (int i = 0; i < 600; ++i) {
        mpenc::xmpp::history::StoredItem st;
        st.ordinal = base + i;
        st.item.kind = TranscriptItem::Kind::Message;
        st.item.id = QStringLiteral("seed%1").arg(i);
        st.item.author = bobOcc;
        st.item.authorName = QStringLiteral("bob");
        st.item.text = QStringLiteral("older line %1").arg(i);
        st.item.received = QDateTime::currentDateTime();
        st.item.ack = AckState::FullyAcked;
        st.item.readers = QStringList{aliceOcc, bobOcc};
        if (i > 0) st.item.parentRows = {static_cast<int>(base + i - 1)};
        QVERIFY(store->append(tag, st) > 0);
      }
      mpenc::xmpp::history::StoredItem end;
      end.item.kind = TranscriptItem::Kind::Notice;
      end.item.notice = NoticeKind::SessionEnded;
      end.item.text = QStringLiteral("Session ended.");
      end.item.received = QDateTime::currentDateTime();
      QVERIFY(store->append(tag, end) > 0);
      QVERIFY(store->commit());
      seed.disconnectAccount();
    }

    // Restart: the room reopens with its history above the new session.
    HeadlessClient bob2(QStringLiteral("bob"), dir_.filePath(QStringLiteral("bob-data")),
                        mpenc::test::artifactsRoot() + QStringLiteral("/gui_xmpp_history_2"));
    QVERIFY2(bob2.start(), qPrintable(bob2.lastError()));
    QVERIFY(bob2.connectTo(server_, QStringLiteral("pw-history-bob")));
    XmppClient alice(options());
    XmppRoom* r = enter(alice, bob2, room, true);
    QVERIFY2(r, "Alice could not get back into the session");
    // Both rooms reopened by themselves: the one open at quit and the autojoin bookmark.
    QCOMPARE(alice.rooms().size(), 2);
    QVERIFY(alice.room(bookmarked));
    QCOMPARE(alice.bookmarks().size(), 1);
    QCOMPARE(alice.bookmarks().first().roomJid, bookmarked);
    RoomState& s = *r->state();
    QVERIFY(r->hasOlderHistory());  // the newest page only: the first conversation is further up
    QVERIFY(findMessage(s, hello) < 0);
    const int newest = findMessage(s, QStringLiteral("older line 599"));
    QVERIFY2(newest >= 0, qPrintable(describe(s)));
    // The new session's lines come after the saved rows.
    int liveStart = -1;
    for (int i = newest; i < s.itemCount(); ++i)
      if (!s.item(i).isMessage() && s.item(i).notice == NoticeKind::SessionStarted) liveStart = i;
    QVERIFY2(liveStart > newest, qPrintable(describe(s)));

    mpenc::ui::MainWindow window(&alice, QStringLiteral("test"));
    window.resize(1200, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(200);
    // The sidebar lists the bookmark.
    auto* marks = window.findChild<QListWidget*>(QStringLiteral("bookmarkList"));
    QVERIFY(marks);
    QCOMPARE(marks->count(), 1);
    QCOMPARE(marks->item(0)->text(), bookmarked);
    window.showRoom(r);
    QTest::qWait(100);
    mpenc::ui::RoomView* view = window.roomView(r);
    QVERIFY(view);
    QCOMPARE(window.currentRoomView(), view);
    mpenc::ui::TranscriptView* tv = view->transcript();
    // It opens at the newest rows (the new session), like any chat.
    QVERIFY(tv->verticalScrollBar()->maximum() > 0);
    QCOMPARE(tv->verticalScrollBar()->value(), tv->verticalScrollBar()->maximum());
    QString error;
    QVERIFY2(mpenc::ui::saveScreenshot(window, QStringLiteral(MPENC_GUI_ARTIFACTS "/history-reopened.png"),
                                       &error),
             qPrintable(error));

    // Scroll to the top, page after page, until the first conversation is there.
    int guard = 0;
    while (findMessage(s, hello) < 0 && guard++ < 20) {
      const int before = s.itemCount();
      const QString firstText = s.item(0).text;  // the row at the top once scrolled up
      tv->verticalScrollBar()->setValue(tv->verticalScrollBar()->minimum() + 1);
      tv->verticalScrollBar()->setValue(tv->verticalScrollBar()->minimum());
      QVERIFY2(QTest::qWaitFor([&] { return s.itemCount() > before; }, 2000), qPrintable(describe(s)));
      QTest::qWait(50);
      // The row the user was reading (the old first row) is still at the top,
      // now below the earlier page: no jump.
      const int row = tv->indexAt(QPoint(10, 10)).row();
      const int added = s.itemCount() - before;
      QVERIFY2(row >= added - 2 && row <= added + 2,
               qPrintable(QStringLiteral("top row %1 after %2 rows were added").arg(row).arg(added)));
      QCOMPARE(s.item(added).text, firstText);
    }
    const int h = findMessage(s, hello);
    const int rp = findMessage(s, reply);
    QVERIFY2(h >= 0 && rp > h, qPrintable(describe(s)));
    // What Bob's engine said, and Alice's final ack state.
    QCOMPARE(s.item(h).id, helloId);
    QCOMPARE(s.item(h).author, aliceOcc);
    QVERIFY(s.item(h).own);
    QCOMPARE(s.item(h).ack, AckState::FullyAcked);
    QCOMPARE(s.item(rp).id, replyId);
    QCOMPARE(s.item(rp).author, bobOcc);
    QCOMPARE(s.item(rp).authorName, QStringLiteral("bob"));
    // The first session's end is recorded right after it.
    bool ended = false;
    for (int i = rp + 1; i < s.itemCount() && !ended; ++i) {
      if (s.item(i).isMessage()) break;
      ended = s.item(i).notice == NoticeKind::SessionEnded;
    }
    QVERIFY2(ended, qPrintable(describe(s)));
    QVERIFY(!r->hasOlderHistory() || findMessage(s, hello) >= 0);

    // Ctrl+F: search, pick the result, it is selected in the transcript.
    tv->setFocus();
    QTest::keyClick(tv, Qt::Key_F, Qt::ControlModifier);
    auto* search = view->search();
    QVERIFY(search->isVisible());
    search->field()->setText(QStringLiteral("ZEBRA"));
    search->searchNow();
    QCOMPARE(search->results()->count(), 1);
    QVERIFY(search->results()->item(0)->text().contains(reply));
    QVERIFY(search->results()->item(0)->text().contains(QStringLiteral("bob")));
    QTest::keyClick(search->field(), Qt::Key_Return);
    QCOMPARE(tv->selectedMessageRow(), s.item(rp).messageRow);
    QVERIFY(tv->transcriptModel()->isAncestor(s.item(h).messageRow));  // Bob had seen Alice's message
    QTest::qWait(100);
    QVERIFY2(
        mpenc::ui::saveScreenshot(window, QStringLiteral(MPENC_GUI_ARTIFACTS "/history-search.png"), &error),
        qPrintable(error));
    bob2.stop();
  }

  /// Bookmarks live on the server too (XEP-0048 private storage): a fresh
  /// install (another settings file and data directory) of the same account
  /// finds them and joins the autojoin ones; a local bookmark made before the
  /// server's arrived is merged into the server's list.
  void bookmarksReachAFreshInstall() {
    const QString first = QStringLiteral("bm-first@") + server_.mucDomain();
    const QString second = QStringLiteral("bm-second@") + server_.mucDomain();
    auto optionsFor = [&](const QString& name) {
      XmppClientOptions o;
      o.dataDir = dir_.filePath(name + QStringLiteral("-data"));
      o.settingsFile = dir_.filePath(name + QStringLiteral(".ini"));
      o.fastTimers = true;
      o.useKeychain = false;
      return o;
    };
    {
      XmppClient laptop(optionsFor(QStringLiteral("laptop")));
      QVERIFY(laptop.connectAccount(form(QStringLiteral("carol"))).ok);
      QVERIFY(
          laptop.setBookmark({first, QStringLiteral("carol-laptop"), true}).ok);  // before the server's list
      QVERIFY2(QTest::qWaitFor([&] { return laptop.serverBookmarksAvailable(); }, kWait),
               "the server's bookmarks never arrived (mod_private)");
      QVERIFY(laptop.setBookmark({second, QStringLiteral("carol"), false}).ok);
      QCOMPARE(laptop.bookmarks().size(), 2);
      QTest::qWait(500);  // the private-storage set goes out
    }
    XmppClient desktop(optionsFor(QStringLiteral("desktop")));
    QVERIFY(desktop.bookmarks().isEmpty() || desktop.connection().account.isEmpty());
    QVERIFY(desktop.connectAccount(form(QStringLiteral("carol"))).ok);
    QVERIFY2(QTest::qWaitFor([&] { return desktop.bookmarks().size() == 2; }, kWait),
             qPrintable(QString::number(desktop.bookmarks().size())));
    const auto marks = desktop.bookmarks();
    const auto it =
        std::find_if(marks.cbegin(), marks.cend(), [&](const auto& b) { return b.roomJid == first; });
    QVERIFY(it != marks.cend());
    QCOMPARE(it->nick, QStringLiteral("carol-laptop"));
    QVERIFY(it->autojoin);
    // The autojoin one is opened; the other is only listed.
    QVERIFY(QTest::qWaitFor([&] { return desktop.room(first) != nullptr; }, kWait));
    QVERIFY(desktop.room(second) == nullptr);
    // Removing it here removes it on the server too.
    desktop.removeBookmark(second);
    QCOMPARE(desktop.bookmarks().size(), 1);
  }
};

QTEST_MAIN(TestXmppHistory)
#include "test_xmpp_history.moc"
