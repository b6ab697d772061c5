// SessionPresenter on real sessions: three members (alice, bob, carol) with
// real crypto over the in-memory SimChannel (tests/support/sim_channel.h) and
// a virtual clock; alice's SessionEvents feed a SessionPresenter, and the
// RoomState it fills is checked against alice's engine data (her
// session().log() rows, her notices), never against the presenter's own state.
//  - U-1/C-22/U-2: messages appended in delivery order, parentRows and [k]
//    offsets as the log's display parents; U-4: hidden kinds never items;
//  - U-15/U-16: acks become FullyAcked; a W-3 after the grace period lists
//    who is missing and is cleared by the late full ack;
//  - U-5/U-7/U-8/U-10: invite / include / exclude notices, pending members;
//  - U-6: a message sent to the old membership is marked; U-12/W-1: held
//    content is never shown, the indicator follows; W-8/U-19: unresponsive
//    (heartbeats on), and a hung member owing acks (heartbeats off): one line;
//  - U-22: W-5 (fork) and W-10 (broken transcript) give a Fatal notice with
//    "Start a new session" and phase Stopped (after W-5 the engine excludes
//    the author and goes on: the room follows it).
// The harness (Net) is tests/gui/presenter_net.h.
#include <QTest>
#include <algorithm>

#include "mpenc/greet/store.h"
#include "mpenc/proto/data_message.h"
#include "presenter_net.h"
#include "ui/presentation/wording.h"

using namespace presenter_test;  // NOLINT(google-build-using-namespace)
using mpenc::present::AckState;
using mpenc::present::Phase;
namespace present = mpenc::present;

class PresenterTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY(crypto::initialize()); }
  void aloneThenInviteAndInclude();
  void joinerNobodyIncludesIsToldSo_T_TO1();
  void messagesInOrderWithDisplayParents();
  void mentionsOfOurNickAreMarked();
  void notFullyAckedAfterGraceThenCleared();
  void excludeShowsProgressAndMembers();
  void oldMembershipMessageIsMarked();
  void heldMessageIsNeverShownAndResolves();
  void silentMemberIsUnresponsive();
  void hungMemberOwingAcksIsGreyedOnce();
  void silentNewcomerIsNamed();
  void forkIsFatal();
  void brokenTranscriptStopsTheSession();
  void brokenTranscriptContinuesWithoutTheClaimant();
};

void PresenterTest::aloneThenInviteAndInclude() {
  Net net(11);
  net.add(kAlice);
  net.presenter->onJoining();
  net.s(kAlice).join(net.now);
  net.run();
  net.settle();
  // Alone in the room: nothing to encrypt to yet.
  QCOMPARE(present::toString(net.state.status().phase), present::toString(Phase::Alone));
  QVERIFY(!net.state.status().canSend);
  QCOMPARE(net.state.status().cannotSendReason, present::cannotSendAloneText());

  // Bob enters outside an operation: U-10, a notice offering to invite him.
  net.add(kBob);
  net.s(kBob).join(net.now);
  net.run();
  QCOMPARE(net.node(kAlice).all<notice::JoinRequest>().size(), std::size_t{1});
  const auto* request = net.lastNotice(NoticeKind::JoinRequest);
  QVERIFY(request);
  QCOMPARE(request->action, present::actionInvite());
  QCOMPARE(request->members, ql(net.node(kAlice).all<notice::JoinRequest>()[0]->members));
  const auto* bobRow = net.state.member(q(kBob));
  QVERIFY(bobRow);
  QVERIFY(bobRow->inRoom);
  QVERIFY(!bobRow->inSession);

  // Alice includes him: accepted, started (Bob "being added" while it runs), succeeded, session started.
  QVERIFY(net.s(kAlice).include({kBob}, net.now));
  QVERIFY(net.stepUntil([&] { return !net.node(kAlice).all<notice::OperationStarted>().empty(); }));
  QVERIFY(net.lastNotice(NoticeKind::OperationAccepted));
  QVERIFY(net.lastNotice(NoticeKind::OperationStarted));
  QCOMPARE(net.lastNotice(NoticeKind::OperationStarted)->members, QStringList{q(kBob)});
  if (net.s(kAlice).operationOngoing()) {
    QCOMPARE(net.state.member(q(kBob))->pending, present::beingAddedText());
    QVERIFY(!net.state.status().operation.isEmpty());
  }
  net.settle();
  QCOMPARE(net.node(kAlice).all<notice::OperationSucceeded>().size(), std::size_t{1});
  // The operation that creates our first session is announced once, by the
  // "established with bob" line, not also as "bob joined".
  QVERIFY(!net.lastNotice(NoticeKind::OperationSucceeded));
  const auto* started = net.lastNotice(NoticeKind::SessionStarted);
  QVERIFY(started);
  QVERIFY(started->text.contains(QStringLiteral("bob")));
  QCOMPARE(started->members, ql(net.node(kAlice).all<event::SubsessionStarted>().back()->members));
  QVERIFY(net.state.member(q(kBob))->inSession);
  QVERIFY(net.state.member(q(kBob))->pending.isEmpty());
  QCOMPARE(present::toString(net.state.status().phase), present::toString(Phase::Established));
  QVERIFY(net.state.status().canSend);
  QCOMPARE(net.state.status().members, static_cast<int>(net.s(kAlice).members().size()));
  QCOMPARE(net.state.status().members, 2);
  const auto sid = net.s(kAlice).sessionId();
  QVERIFY(sid);
  QCOMPARE(net.state.status().sessionId,
           QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(sid->data()), 32).toHex()));
  QVERIFY(net.state.status().operation.isEmpty());
}

// T-TO1 for the user: alice enters where bob (no auto-include) never adds her.
// Not a spinner for ever: waiting for a person, said in the status; after the
// join timeout she re-enters, and then the status says nobody added her yet.
void PresenterTest::joinerNobodyIncludesIsToldSo_T_TO1() {
  Net net(12);
  net.add(kBob);
  net.s(kBob).join(net.now);
  net.run();
  net.settle();
  SessionConfig cfg = net.config(kAlice);
  cfg.joinTimeout = Millis{4000};
  net.add(kAlice, std::move(cfg));
  net.presenter->onJoining();
  net.s(kAlice).join(net.now);
  net.run();
  net.advance(Millis{1000});
  const auto& st = net.state.status();
  // The engine: in the channel with bob, no subsession, nothing running.
  QVERIFY(net.s(kAlice).state() == SessionState::Joining);
  QVERIFY(!net.s(kAlice).current());
  QVERIFY(!net.s(kAlice).operationOngoing());
  QCOMPARE(present::toString(st.phase), present::toString(Phase::Establishing));
  QVERIFY(st.waitingToBeIncluded);
  QCOMPARE(st.detail, present::waitingToBeIncludedText());
  QVERIFY(!st.canSend);

  net.advance(Millis{4000});  // the join timeout: leave, re-enter after 2-3 s
  QCOMPARE(net.node(kAlice).all<event::Reentering>().size(), std::size_t{1});
  const auto infos = net.notices(NoticeKind::Info);
  QVERIFY(std::any_of(infos.begin(), infos.end(),
                      [](const TranscriptItem* it) { return it->text == present::reenteringText(); }));
  net.advance(Millis{3500});
  QVERIFY(net.s(kAlice).inChannel());
  QVERIFY(st.waitingToBeIncluded);
  QCOMPARE(st.detail, present::stillNotIncludedText());

  // Bob adds her at last: established, the waiting text is gone.
  QVERIFY(net.s(kBob).include({kAlice}, net.now));
  net.settle();
  QCOMPARE(present::toString(st.phase), present::toString(Phase::Established));
  QVERIFY(!st.waitingToBeIncluded);
  QVERIFY(st.detail.isEmpty());
  QVERIFY(st.canSend);
}

void PresenterTest::messagesInOrderWithDisplayParents() {
  Net net(12);
  net.startGroup({kBob, kCarol});
  QCOMPARE(net.s(kAlice).members().size(), std::size_t{3});
  // One "established" line for the first subsession; the later change says
  // who joined and how many read along from there (U-5, U-6).
  QCOMPARE(net.notices(NoticeKind::SessionStarted).size(), std::size_t{1});
  QCOMPARE(net.notices(NoticeKind::OperationSucceeded).size(),
           net.node(kAlice).all<notice::OperationSucceeded>().size() - 1);  // the first is "established"
  QVERIFY(net.lastNotice(NoticeKind::OperationSucceeded)->text.contains(QStringLiteral("carol")));
  QVERIFY(net.lastNotice(NoticeKind::OperationSucceeded)->text.contains(present::readableByText(3)));
  // U-2's example: Alice "Q1" and Carol "Q2" concurrently, then Bob answers.
  QVERIFY(net.s(kAlice).send("Q1", net.now));
  QVERIFY(net.s(kCarol).send("Q2", net.now));
  net.run();
  QVERIFY(net.s(kBob).send("R", net.now));
  net.run();
  QVERIFY(net.s(kAlice).send("after", net.now));
  net.run();
  net.advance(Millis{6000});

  const auto& log = net.s(kAlice).log();
  QCOMPARE(log.size(), std::size_t{4});
  QCOMPARE(net.state.messageCount(), static_cast<int>(log.size()));
  const QStringList texts{QStringLiteral("Q1"), QStringLiteral("Q2"), QStringLiteral("R"),
                          QStringLiteral("after")};
  int lastItem = -1;
  for (std::size_t r = 0; r < log.size(); ++r) {
    const auto& row = log.row(r);
    const auto& it = net.message(r);
    const int index = net.state.itemOfMessageRow(static_cast<int>(r));
    QVERIFY(index > lastItem);  // U-1: appended in delivery order
    lastItem = index;
    QCOMPARE(it.messageRow, static_cast<int>(r));
    QCOMPARE(it.id, hex(row.id));
    QCOMPARE(it.author, q(row.author));
    QCOMPARE(it.authorName, q(row.author).mid(q(row.author).indexOf(QLatin1Char('/')) + 1));
    QCOMPARE(it.own, row.author == kAlice);
    QCOMPARE(it.text, texts[static_cast<int>(r)]);
    QVector<int> parents;
    for (const auto p : row.displayParents) parents << static_cast<int>(p);
    QCOMPARE(it.parentRows, parents);  // C-22
    QVector<int> offsets;
    if (row.highlight)
      for (const auto k : row.offsets) offsets << static_cast<int>(k);
    QCOMPARE(it.offsets, offsets);  // U-2
    QCOMPARE(it.readers, ql(row.readers));
    QVERIFY(!it.differentMembership);  // sent to the membership shown
    QVERIFY(row.fullyAcked);
    QCOMPARE(it.ack, AckState::FullyAcked);  // U-15
    QVERIFY(it.unackedBy.isEmpty());
    QVERIFY(it.marks.isEmpty());
    QVERIFY(it.received.isValid());
  }
  // Q1 and Q2 are concurrent: Bob's answer has both as display parents, and a marker.
  QCOMPARE(net.message(2).parentRows, (QVector<int>{0, 1}));
  QVERIFY(!net.message(2).offsets.isEmpty());
  QCOMPARE(net.state.indicators().awaitingAcks, 0);
  QVERIFY(net.state.indicators().allAcked);
  QVERIFY(net.state.indicators().nothingMissing);

  // U-4: acks, FINs, Consistency, chain acks and heartbeats were delivered but are never items.
  std::size_t hidden = 0;
  for (const auto* d : net.node(kAlice).all<Delivered>()) {
    if (d->body.type == mpenc::codec::BodyType::Payload) continue;
    ++hidden;
    QCOMPARE(net.state.itemOfMessage(hex(d->id)), -1);
  }
  QVERIFY(hidden > 0);
  for (const auto& it : net.state.items())
    if (it.isMessage()) QVERIFY(texts.contains(it.text));
}

// Issue 11 (mention highlighting): someone else's message naming our nick as
// a word is marked; our own, a longer word containing it and other names are not.
void PresenterTest::mentionsOfOurNickAreMarked() {
  Net net(13);
  net.startGroup({kBob, kCarol});
  QVERIFY(net.s(kBob).send("hey Alice, ready?", net.now));
  net.run();
  QVERIFY(net.s(kCarol).send("malice aforethought", net.now));
  net.run();
  QVERIFY(net.s(kCarol).send("@alice: look", net.now));
  net.run();
  QVERIFY(net.s(kAlice).send("alice here", net.now));
  net.run();
  const auto& log = net.s(kAlice).log();
  QCOMPARE(log.size(), std::size_t{4});
  const QVector<bool> expected{true, false, true, false};
  for (std::size_t r = 0; r < log.size(); ++r) {
    const auto& it = net.message(r);
    const QString nick = q(kAlice).mid(q(kAlice).indexOf(QLatin1Char('/')) + 1);
    QCOMPARE(it.mentionsMe, log.row(r).author != kAlice && present::mentions(it.text, nick));
    QCOMPARE(it.mentionsMe, expected[static_cast<int>(r)]);
  }
  QVERIFY(!present::mentions(QStringLiteral("anything"), QString()));
  QVERIFY(present::mentions(QStringLiteral("bob"), QStringLiteral("BOB")));
  QVERIFY(!present::mentions(QStringLiteral("bobby"), QStringLiteral("bob")));
  QVERIFY(present::mentions(QStringLiteral("bobby, bob."), QStringLiteral("bob")));
}

void PresenterTest::notFullyAckedAfterGraceThenCleared() {
  Net net(13);
  net.startGroup({kBob, kCarol});
  net.advance(Millis{6000});
  // Carol hears nothing for a while: Alice's message is not fully acked after the grace (W-3).
  net.partitioned.insert(kCarol);
  QVERIFY(net.s(kAlice).send("are you there?", net.now));
  net.run();
  const auto row = net.s(kAlice).log().size() - 1;
  QCOMPARE(net.message(row).ack, AckState::Young);  // quiet within the grace period
  net.advance(Millis{4000});
  const auto w3 = net.node(kAlice).all<NotFullyAcked>();
  QVERIFY(!w3.empty());
  QCOMPARE(hex(w3.back()->id), net.message(row).id);
  const auto& waiting = net.message(row);
  QCOMPARE(waiting.ack, AckState::Waiting);
  QCOMPARE(waiting.unackedBy, ql(w3.back()->unackedBy));
  QCOMPARE(waiting.unackedBy, QStringList{q(kCarol)});
  QCOMPARE(waiting.unackedBy, ql(net.s(kAlice).log().row(row).unackedBy));
  QCOMPARE(waiting.marks.size(), 1);
  QCOMPARE(waiting.marks[0].code, QStringLiteral("W-3"));
  QVERIFY(!waiting.marks[0].permanent);
  QVERIFY(!net.state.indicators().allAcked);
  QVERIFY(net.state.indicators().awaitingAcks >= 1);

  // Carol catches up: the late full ack cancels the W-3 (U-15).
  net.heal(kCarol);
  net.run();
  net.advance(Millis{6000});
  QVERIFY(net.s(kAlice).log().row(row).fullyAcked);
  bool cancelled = false;
  for (const auto* f : net.node(kAlice).all<FullyAcked>())
    cancelled = cancelled || (f->afterWarning && hex(f->id) == net.message(row).id);
  QVERIFY(cancelled);
  QCOMPARE(net.message(row).ack, AckState::FullyAcked);
  QVERIFY(net.message(row).unackedBy.isEmpty());
  QVERIFY(net.message(row).marks.isEmpty());
  QVERIFY(net.state.indicators().allAcked);
}

void PresenterTest::excludeShowsProgressAndMembers() {
  Net net(14);
  net.startGroup({kBob, kCarol});
  QCOMPARE(net.state.status().members, 3);
  QVERIFY(net.s(kAlice).exclude({kCarol}, net.now));
  // The third operation alice sees (include bob, include carol, exclude carol).
  QVERIFY(net.stepUntil([&] { return net.node(kAlice).all<notice::OperationStarted>().size() >= 3; }));
  // Ours, removing Carol: U-8 says messages still reach her until it is done.
  const auto* started = net.lastNotice(NoticeKind::OperationStarted);
  QVERIFY(started);
  QCOMPARE(started->members, QStringList{q(kCarol)});
  QVERIFY(started->text.contains(present::excludeStillReachesText({QStringLiteral("carol")})));
  if (net.s(kAlice).operationOngoing())
    QCOMPARE(net.state.member(q(kCarol))->pending, present::beingRemovedText());
  net.settle();
  net.advance(Millis{10000});
  const auto ok = net.node(kAlice).all<notice::OperationSucceeded>();
  QVERIFY(!ok.empty());
  QCOMPARE(ok.back()->excluded, std::vector<std::string>{kCarol});
  const auto* done = net.lastNotice(NoticeKind::OperationSucceeded);
  QVERIFY(done);
  QCOMPARE(done->members, QStringList{q(kCarol)});  // U-5: "carol was removed"
  QVERIFY(done->text.contains(QStringLiteral("carol")));
  const auto* carol = net.state.member(q(kCarol));
  QVERIFY(!carol || !carol->inSession);
  QVERIFY(net.state.member(q(kBob))->inSession);
  QCOMPARE(net.state.status().members, static_cast<int>(net.s(kAlice).members().size()));
  QCOMPARE(net.state.status().members, 2);
  // A message after the change goes to the new membership, shown as such.
  QVERIFY(net.s(kAlice).send("just us", net.now));
  net.run();
  net.advance(Millis{6000});
  const auto last = net.s(kAlice).log().size() - 1;
  QCOMPARE(net.message(last).readers, ql(net.s(kAlice).log().row(last).readers));
  QCOMPARE(net.message(last).readers, QStringList{q(kBob)});  // the log's readers leave out the author (C-8)
  QVERIFY(!net.message(last).differentMembership);
  QCOMPARE(net.message(last).ack, AckState::FullyAcked);
}

void PresenterTest::oldMembershipMessageIsMarked() {
  Net net(17);
  net.startGroup({kBob, kCarol});
  net.advance(Millis{6000});
  // Carol misses her exclusion and sends to the old membership; the message
  // reaches alice after the change (U-6: marked).
  net.noKickRights = true;
  net.partitioned.insert(kCarol);
  QVERIFY(net.s(kAlice).exclude({kCarol}, net.now));
  const auto startedBefore = net.node(kAlice).all<event::SubsessionStarted>().size();
  QVERIFY(
      net.stepUntil([&] { return net.node(kAlice).all<event::SubsessionStarted>().size() > startedBefore; }));
  QVERIFY(net.s(kCarol).send("to the old group", net.now));
  net.run();
  const auto& log = net.s(kAlice).log();
  QVERIFY(log.size() > 0);
  const auto& row = log.row(log.size() - 1);
  QCOMPARE(row.author, kCarol);
  const auto& it = net.message(log.size() - 1);
  QCOMPARE(it.text, QStringLiteral("to the old group"));
  QCOMPARE(it.readers, ql(row.readers));
  QVERIFY(it.readers.contains(q(kBob)));
  QVERIFY(it.differentMembership);
  QCOMPARE(it.subsession, static_cast<int>(row.subsession));
  QVERIFY(it.subsession < static_cast<int>(*net.s(kAlice).currentIndex()));
}

void PresenterTest::heldMessageIsNeverShownAndResolves() {
  Net net(18);
  net.startGroup({kBob, kCarol});
  net.advance(Millis{6000});
  const int before = net.state.messageCount();
  // Bob's first message does not reach alice for a while; his second (its child) does.
  bool holdOne = true;
  net.holdIf = [&](const std::string& to, const ChannelEvent& ev) {
    if (to != kAlice || ev.kind != ChannelEvent::Kind::Packet || ev.sender != kBob || !holdOne) return false;
    holdOne = false;
    return true;
  };
  QVERIFY(net.s(kBob).send("first", net.now));
  net.run();
  QVERIFY(net.s(kBob).send("second", net.now));
  net.run();
  net.advance(Millis{1500});
  const auto late = net.node(kAlice).all<HeldMessageLate>();
  QVERIFY(!late.empty());  // W-1
  const auto* w1 = net.lastNotice(NoticeKind::Warning);
  QVERIFY(w1);
  QCOMPARE(w1->code, QStringLiteral("W-1"));
  QCOMPARE(w1->text, present::heldMessageLateText(QStringLiteral("bob"), late.back()->missing.size()));
  QCOMPARE(net.state.indicators().held, static_cast<int>(late.size()));
  QVERIFY(!net.state.indicators().nothingMissing);  // U-20 (a)
  QCOMPARE(net.state.messageCount(), before);       // U-12: held content is never shown
  QCOMPARE(net.state.itemOfMessage(hex(late.back()->held)), -1);
  for (const auto& it : net.state.items()) QVERIFY(it.text != QStringLiteral("second"));

  // The missing message arrives: both are shown, in order, and nothing is missing any more.
  net.holdIf = nullptr;
  net.heal(kAlice);
  net.run();
  net.advance(Millis{6000});
  QVERIFY(!net.node(kAlice).all<HeldMessageResolved>().empty());
  QCOMPARE(net.state.indicators().held, 0);
  QVERIFY(net.state.indicators().nothingMissing);
  QCOMPARE(net.state.messageCount(), before + 2);
  QCOMPARE(net.message(static_cast<std::size_t>(before)).text, QStringLiteral("first"));
  QCOMPARE(net.message(static_cast<std::size_t>(before) + 1).text, QStringLiteral("second"));
  QCOMPARE(net.message(static_cast<std::size_t>(before) + 1).parentRows, QVector<int>{before});
  QCOMPARE(net.message(static_cast<std::size_t>(before) + 1).ack, AckState::FullyAcked);
}

void PresenterTest::silentMemberIsUnresponsive() {
  Net net(19);
  net.tweak = [](SessionConfig& c) { c.timing.heartbeats = true; };
  net.startGroup({kBob, kCarol});
  net.advance(Millis{3000});
  QVERIFY(net.state.member(q(kCarol))->responsive);
  // Carol hears nothing and says nothing for longer than the presence expiry (W-8, U-19).
  net.partitioned.insert(kCarol);
  net.muted.insert(kCarol);
  net.advance(Millis{30000});
  QVERIFY(!net.node(kAlice).all<MemberNotResponding>().empty());
  QCOMPARE(net.node(kAlice).all<MemberNotResponding>().back()->member, kCarol);
  const auto* carol = net.state.member(q(kCarol));
  QVERIFY(carol);
  QVERIFY(!carol->responsive);
  QVERIFY(carol->silentForS >= 0);
  QVERIFY(net.state.member(q(kBob))->responsive);
  QVERIFY(!net.state.indicators().everyoneResponsive);  // U-20 (b)
  QCOMPARE(net.state.indicators().unresponsive, QStringList{QStringLiteral("carol")});
  net.muted.erase(kCarol);
  net.heal(kCarol);
  net.run();
  net.advance(Millis{15000});
  QVERIFY(!net.node(kAlice).all<MemberResponding>().empty());
  QVERIFY(net.state.member(q(kCarol))->responsive);
  QVERIFY(net.state.indicators().everyoneResponsive);
}

// W-8 without heartbeats (the default): carol hangs (SIGSTOP: she reads and
// sends nothing) while alice and bob talk. The member greyed is the one
// alice's engine reports, with its "no response for N s" span; the room gets
// one W-8 line for her, not one per message; when she resumes it clears.
void PresenterTest::hungMemberOwingAcksIsGreyedOnce() {
  Net net(29);
  net.startGroup({kBob, kCarol});
  QVERIFY(net.s(kAlice).send("before", net.now));
  net.advance(Millis{6000});
  QVERIFY(net.node(kAlice).all<MemberNotResponding>().empty());
  net.partitioned.insert(kCarol);
  net.muted.insert(kCarol);
  for (int k = 0; k < 4; ++k) {
    QVERIFY(net.s(k % 2 == 0 ? kAlice : kBob).send("while carol hangs " + std::to_string(k), net.now));
    net.advance(Millis{2000});
  }
  net.advance(Millis{3000});
  const auto w8 = net.node(kAlice).all<MemberNotResponding>();
  QCOMPARE(w8.size(), std::size_t{1});
  QCOMPARE(w8[0]->member, kCarol);
  QVERIFY(w8[0]->silentFor >= Timing::fromBase(Millis{500}, Millis{2500}).notResponding);
  for (const auto& m : net.state.members())
    QCOMPARE(m.responsive, m.id != q(kCarol));  // greyed: exactly the member the engine reports
  const auto* carol = net.state.member(q(kCarol));
  QVERIFY(carol);
  QVERIFY(carol->silentForS >= static_cast<int>(w8[0]->silentFor.count() / 1000));
  QCOMPARE(net.state.indicators().unresponsive, QStringList{QStringLiteral("carol")});
  const auto lines = net.notices(NoticeKind::Warning);
  int w8Lines = 0;
  for (const auto* it : lines)
    if (it->code == QLatin1String("W-8")) {
      ++w8Lines;
      QCOMPARE(it->members, QStringList{q(kCarol)});
      QCOMPARE(it->text, present::memberNotRespondingText(QStringLiteral("carol"),
                                                          static_cast<int>(w8[0]->silentFor.count() / 1000)));
      QCOMPARE(it->action, present::actionRemoveFromSession());  // §2.9: exclusion without her input
    }
  QCOMPARE(w8Lines, 1);
  // She resumes: everything queued reaches her, her acks reach alice.
  net.muted.erase(kCarol);
  net.heal(kCarol);
  net.run();
  net.advance(Millis{3000});
  QCOMPARE(net.node(kAlice).all<MemberResponding>().size(), std::size_t{1});
  QVERIFY(net.state.member(q(kCarol))->responsive);
  QVERIFY(net.state.indicators().everyoneResponsive);
  QCOMPARE(net.node(kAlice).all<MemberNotResponding>().size(), std::size_t{1});
  for (const auto* it : net.notices(NoticeKind::Warning))
    if (it->code == QLatin1String("W-8")) QVERIFY(it->action.isEmpty());  // nothing left to do
}

// Issue 14: carol enters but never answers; alice's INCLUDE of her times out
// and is aborted. The line names carol (from the engine's nonResponders), the
// session goes on for alice and bob, and sending stays possible.
void PresenterTest::silentNewcomerIsNamed() {
  Net net(23);
  net.startGroup({kBob});
  const auto sessionId = net.s(kAlice).sessionId();
  net.muted.insert(kCarol);  // whatever carol sends is lost: she never answers
  net.add(kCarol);
  net.s(kCarol).join(net.now);
  net.run();
  net.settle();
  QVERIFY(net.s(kAlice).include({kCarol}, net.now));
  net.advance(Millis{12000});
  const auto fails = net.node(kAlice).all<notice::OperationFailed>();
  QCOMPARE(fails.size(), std::size_t{1});
  QCOMPARE(fails.back()->nonResponders, std::vector<std::string>{kCarol});
  const auto* line = net.lastNotice(NoticeKind::OperationFailed);
  QVERIFY(line);
  QCOMPARE(line->text, present::nonResponderText({QStringLiteral("carol")}));
  QCOMPARE(line->members, QStringList{q(kCarol)});
  QCOMPARE(net.s(kAlice).sessionId(), sessionId);
  QCOMPARE(net.state.status().members, static_cast<int>(net.s(kAlice).members().size()));
  QCOMPARE(net.state.status().members, 2);
  QVERIFY(net.state.status().canSend);
  QVERIFY(net.s(kAlice).send("still here", net.now));
  net.run();
  net.advance(Millis{6000});
  QCOMPARE(net.message(net.s(kAlice).log().size() - 1).ack, AckState::FullyAcked);
}

void PresenterTest::forkIsFatal() {
  Net net(15);
  net.startGroup({kBob, kCarol});
  QVERIFY(net.s(kAlice).send("before", net.now));
  net.run();
  net.advance(Millis{6000});
  // Carol signs a second message that does not descend from her first one (C-9).
  QVERIFY(net.s(kCarol).send("first", net.now));
  net.run();
  const auto* store = net.s(kCarol).membership().session();
  QVERIFY(store && store->ephemeral);
  mpenc::proto::SubsessionKeys keys{store->sessionId(), store->groupKey.clone()};
  auto sealed = mpenc::proto::sealData(keys, *store->ephemeral,
                                       {{}, mpenc::codec::Body::payload("equivocation")}, net.rng);
  const auto messagesBefore = net.state.messageCount();
  net.ch.send(kCarol, sealed.wire);
  QVERIFY(net.stepUntil([&] { return !net.node(kAlice).all<ForkDetected>().empty(); }));
  QCOMPARE(net.node(kAlice).all<ForkDetected>().size(), std::size_t{1});
  const auto* fatal = net.lastNotice(NoticeKind::Fatal);
  QVERIFY(fatal);
  QCOMPARE(fatal->code, QStringLiteral("W-5"));
  QCOMPARE(fatal->action, present::actionStartNewSession());
  QCOMPARE(fatal->text, present::forkDetectedText(QStringLiteral("carol")));
  QCOMPARE(present::toString(net.state.status().phase), present::toString(Phase::Stopped));  // U-22
  QVERIFY(!net.state.status().canSend);
  QCOMPARE(net.state.status().detail, fatal->text);
  // The conflicting message is never shown.
  for (int i = messagesBefore; i < net.state.messageCount(); ++i)
    QVERIFY(net.state.item(net.state.itemOfMessageRow(i)).text != QStringLiteral("equivocation"));
  // The engine (C-9) stops that subsession only: it excludes the author and
  // goes on with the others; the room follows it (no longer Stopped).
  net.run();
  net.settle();
  net.advance(Millis{12000});
  net.settle();
  QVERIFY(!net.s(kAlice).stopped());
  QVERIFY(net.s(kAlice).state() == SessionState::Joined);
  QCOMPARE(net.s(kAlice).members(), (std::vector<std::string>{kAlice, kBob}));
  QCOMPARE(present::toString(net.state.status().phase), present::toString(Phase::Established));
  QVERIFY(net.state.status().canSend);
  const auto* carol = net.state.member(q(kCarol));
  QVERIFY(!carol || !carol->inSession);
  for (const auto& it : net.state.items())
    QVERIFY(!it.isMessage() || it.text != QStringLiteral("equivocation"));
}

void PresenterTest::brokenTranscriptStopsTheSession() {
  Net net(16);
  MessageId bogus{};
  bogus.fill(0x5a);
  net.tweak = [](SessionConfig& c) { c.recoverFromBrokenTranscript = false; };
  net.startGroup({});
  auto cfg = net.config(kBob);
  cfg.membership.latestPm = [bogus] { return std::vector<MessageId>{bogus}; };
  net.add(kBob, std::move(cfg));
  net.s(kBob).join(net.now);
  net.run();
  net.settle();
  QVERIFY(net.s(kAlice).include({kBob}, net.now));
  net.settle();
  QCOMPARE(present::toString(net.state.status().phase), present::toString(Phase::Established));
  // Bob's refresh names a message Alice never received (H-C6): W-10, fatal
  // without the recovery (the reference behaviour, net.tweak above).
  QVERIFY(net.s(kBob).refresh(net.now));
  net.settle();
  net.advance(Millis{10000});
  QCOMPARE(net.node(kAlice).all<event::TranscriptBroken>().size(), std::size_t{1});
  QVERIFY(net.s(kAlice).stopped());
  const auto* fatal = net.lastNotice(NoticeKind::Fatal);
  QVERIFY(fatal);
  QCOMPARE(fatal->code, QStringLiteral("W-10"));
  QCOMPARE(fatal->action, present::actionStartNewSession());
  QCOMPARE(present::toString(net.state.status().phase), present::toString(Phase::Stopped));
  QVERIFY(!net.state.status().canSend);
  QCOMPARE(net.state.status().cannotSendReason, present::cannotSendStoppedText());
}

// W-10 with the recovery (docs/w10-insider-dos.md): bob's refresh names a
// message nobody has. Alice is told who made the claim, in a warning rather
// than a fatal line; bob is excluded, and alice and carol go on together.
void PresenterTest::brokenTranscriptContinuesWithoutTheClaimant() {
  Net net(17);
  MessageId bogus{};
  bogus.fill(0x5a);
  bool lying = false;
  net.startGroup({kCarol});
  auto cfg = net.config(kBob);
  cfg.membership.latestPm = [&] {
    if (lying) return std::vector<MessageId>{bogus};
    const auto* cur = net.s(kBob).current();
    return cur ? cur->transcript().max() : std::vector<MessageId>{};
  };
  net.add(kBob, std::move(cfg));
  net.s(kBob).join(net.now);
  net.run();
  net.settle();
  QVERIFY(net.s(kAlice).include({kBob}, net.now));
  net.settle();
  QCOMPARE(net.state.status().members, 3);
  lying = true;
  QVERIFY(net.s(kBob).refresh(net.now));
  net.settle();
  net.advance(Millis{15000});
  net.settle();
  const auto broken = net.node(kAlice).all<event::TranscriptBroken>();
  QCOMPARE(broken.size(), std::size_t{1});
  QCOMPARE(broken[0]->claimant, kBob);
  QVERIFY(broken[0]->continuing);
  QVERIFY(!net.s(kAlice).stopped());
  QVERIFY(!net.lastNotice(NoticeKind::Fatal));
  const auto warnings = net.notices(NoticeKind::Warning);
  const auto w10 = std::find_if(warnings.begin(), warnings.end(),
                                [](const TranscriptItem* it) { return it->code == QLatin1String("W-10"); });
  QVERIFY(w10 != warnings.end());
  QCOMPARE((*w10)->members, QStringList{q(kBob)});
  QCOMPARE((*w10)->text, present::transcriptBrokenContinuingText(1, QStringLiteral("bob")));
  // The engine's membership, as the member panel shows it: bob is out, carol in.
  const auto members = net.s(kAlice).members();
  QCOMPARE(members, (std::vector<std::string>{kAlice, kCarol}));
  QCOMPARE(net.state.status().members, static_cast<int>(members.size()));
  const auto* bobRow = net.state.member(q(kBob));
  QVERIFY(!bobRow || !bobRow->inSession);
  QVERIFY(net.state.member(q(kCarol))->inSession);
  QCOMPARE(present::toString(net.state.status().phase), present::toString(Phase::Established));
  QVERIFY(net.state.status().canSend);
}

QTEST_GUILESS_MAIN(PresenterTest)
#include "test_presenter.moc"
