// DemoRoom (demo_room.h): what the simulated members do. They are real
// Sessions; this file only decides when each of them joins, talks, proposes
// a membership change, becomes slow or stops responding (virtual time, ms).
//
// Intro timeline (fast-forwarded into the first second):
//     0  alice enters (alone: a new chain, H-C4); 200 bob, carol, dave, you enter
//   900  alice includes everyone: the encrypted session is established
//  4000  alice writes; 6000 bob and carol reply at the same time (concurrent:
//        the second reply gets a "[2]" marker, U-2)
//  8000  carol's connection becomes slow (3 s delay): alice's question waits
//        for carol's ack (W-3 "waiting for carol") until carol answers
// 16000  frank enters, alice includes him (an include)
// 24000  alice removes dave (an exclude; dave is kicked, H-18)
// 27000  frank's client is gone (lost connection): the others exclude him (T-LS)
// 31000  frank comes back from a new installation with a NEW identity key:
//        the user sees the key change and is asked; frank is not re-included
//        without consent (DemoRoom::configFor's `rejoining`)
// 39000  bob's client hangs (frozen): carol's message waits for bob, then
//        W-8 "no response" for bob. (Not earlier: the subsession frank left
//        must have finished shutting down, A-23 FIN timeout, or bob's late
//        packets for it would arrive after everyone dropped it: W-2.)
// 64000  (4 s into real time) bob's client recovers: everything is acked
#include <QStringList>
#include <algorithm>

#include "app/demo/demo_room.h"
#include "ui/presentation/session_presenter.h"

namespace mpenc::demo {

using mpenc::session::Millis;
using mpenc::session::ProposeErrc;
using mpenc::session::SessionErrc;

namespace {

// Proposals wait for a running operation to finish (H-4): retry later.
bool worthRetrying(const mpenc::session::SessionError& e) {
  return e.code == SessionErrc::Propose && e.propose &&
         (*e.propose == ProposeErrc::OperationOngoing || *e.propose == ProposeErrc::NotSynced ||
          *e.propose == ProposeErrc::TargetNotInChannel || *e.propose == ProposeErrc::IncludesExcludedMember);
}

constexpr Millis kRetry{500};
constexpr Millis kReplyDelay{1200};

}  // namespace

void DemoRoom::scheduleSetup() {
  at(Millis{0}, [this] {
    if (Sim* s = sim("alice")) s->session->join(now_);
  });
  at(Millis{200}, [this] {
    for (const char* n : {"bob", "carol", "dave"})
      if (Sim* s = sim(n)) s->session->join(now_);
    user_->join(now_);
  });
  at(Millis{900}, [this] {
    includeBy("alice", {memberId("bob"), memberId("carol"), memberId("dave"), user_->self()});
  });
  if (presenter_)
    presenter_->onActionNotice(
        mpenc::present::NoticeKind::Info, mpenc::present::Severity::Info,
        tr("Offline demo: the other members are simulated on this computer, each running the real "
           "encryption engine. Nothing is sent over the network and nothing is stored."));
}

void DemoRoom::scheduleIntro() {
  at(Millis{4000}, [this] {
    say("alice", tr("Morning! The release notes for 2.4 are in the shared folder.").toStdString());
  });
  at(Millis{6000}, [this] {
    // Both send before either has seen the other's message: concurrent replies.
    say("bob", tr("Thanks, reading them now.").toStdString());
    say("carol", tr("Great, I'll check the migration part.").toStdString());
  });
  at(Millis{8000}, [this] { hub_.setDelay(memberId("carol"), Millis{3000}); });
  at(Millis{8500}, [this] { say("alice", tr("Carol, can you confirm the migration steps?").toStdString()); });
  at(Millis{12500}, [this] { say("carol", tr("Confirmed: steps 1 to 4 work as written.").toStdString()); });
  at(Millis{14000}, [this] { hub_.setDelay(memberId("carol"), Millis{0}); });

  at(Millis{16000}, [this] { addSim("frank").session->join(now_); });
  at(Millis{16500}, [this] { includeBy("alice", {memberId("frank")}); });
  at(Millis{21000}, [this] { say("frank", tr("Hi all, thanks for adding me.").toStdString()); });

  at(Millis{23000}, [this] {
    say("alice",
        tr("Dave moves to the platform team today, so I'm removing him from this room.").toStdString());
  });
  at(Millis{24000}, [this] { excludeBy("alice", {memberId("dave")}); });

  at(Millis{27000}, [this] { dropSim("frank"); });
  at(Millis{31000}, [this] { restartSim("frank"); });

  at(Millis{38000}, [this] { say("bob", tr("Stepping out for lunch, back soon.").toStdString()); });
  at(Millis{39000}, [this] { hub_.setFrozen(memberId("bob"), true); });
  at(Millis{42000}, [this] { say("carol", tr("Build 2.4.0-rc2 passed all checks.").toStdString()); });
  // Four seconds into real time: bob's client recovers and catches up.
  at(Millis{64000}, [this] { hub_.setFrozen(memberId("bob"), false); });
}

void DemoRoom::dropSim(const std::string& nick) {
  Sim* s = sim(nick);
  if (!s || !s->session) return;
  s->channel->leave();  // the server notices the lost connection
  s->session.reset();   // the client is gone: whatever arrives for it is lost
}

void DemoRoom::say(const std::string& nick, const std::string& text) {
  Sim* s = sim(nick);
  if (!s || !s->session || hub_.frozen(s->id)) return;
  (void)s->session->send(text, now_);  // not in a session (yet): the line is simply not said
}

void DemoRoom::includeBy(const std::string& nick, std::vector<std::string> members, int attempts) {
  Sim* s = sim(nick);
  if (!s || !s->session) return;
  const auto current = s->session->members();
  std::erase_if(members, [&](const std::string& m) {
    return std::find(current.begin(), current.end(), m) != current.end();
  });
  if (members.empty()) return;
  const auto r = s->session->include(members, now_);
  if (!r && attempts > 0 && worthRetrying(r.error()))
    at(now_ + kRetry, [this, nick, members, attempts] { includeBy(nick, members, attempts - 1); });
}

void DemoRoom::excludeBy(const std::string& nick, std::vector<std::string> members, int attempts) {
  Sim* s = sim(nick);
  if (!s || !s->session) return;
  const auto current = s->session->members();
  std::erase_if(members, [&](const std::string& m) {
    return std::find(current.begin(), current.end(), m) == current.end();
  });
  if (members.empty()) return;
  const auto r = s->session->exclude(members, now_);
  if (!r && attempts > 0 && worthRetrying(r.error()))
    at(now_ + kRetry, [this, nick, members, attempts] { excludeBy(nick, members, attempts - 1); });
}

// ---- reacting (called from inside a simulated Session call: only cues) ---------

void DemoRoom::onSimEvent(const std::string& nick, const mpenc::session::SessionEvent& e) {
  if (const auto* d = e.as<mpenc::session::Delivered>()) {
    if (!d->own && d->author == memberId(nick_.toStdString()) && d->body.type == codec::BodyType::Payload)
      onUserMessageSeen(nick, d->id);
  } else if (const auto* j = e.as<mpenc::session::notice::JoinRequest>()) {
    onJoinRequest(nick, j->members);
  }
}

void DemoRoom::onJoinRequest(const std::string& nick, const std::vector<std::string>& members) {
  // The first responsive simulated member in the session lets the user back in
  // (a new session after "Start a new session", or a re-entry); the initial
  // set-up (900 ms) includes everyone at once. Nobody else is let in uninvited.
  if (now_ < Millis{1000}) return;
  std::string host;
  for (const auto& [n, s] : sims_) {
    if (!s->session || hub_.frozen(s->id) || s->session->state() != mpenc::session::SessionState::Joined)
      continue;
    host = n;
    break;
  }
  if (host != nick) return;
  for (const auto& m : members)
    if (m == memberId(nick_.toStdString())) at(now_ + Millis{400}, [this, host, m] { includeBy(host, {m}); });
}

void DemoRoom::planReplies(const mpenc::session::MessageId& id, const std::string& text) {
  std::vector<std::string> candidates;
  const auto members = user_->members();
  for (const auto& [nick, s] : sims_)
    if (s->session && !hub_.frozen(s->id) &&
        std::find(members.begin(), members.end(), s->id) != members.end())
      candidates.push_back(nick);
  if (candidates.empty()) return;
  Reply r;
  r.text = text;
  const std::size_t turn = replyTurn_++;
  r.responders.insert(candidates[turn % candidates.size()]);
  // Every second message gets two answers at once: concurrent, so one of them
  // carries a "[k]" marker (U-2).
  if (turn % 2 == 1 && candidates.size() > 1) r.responders.insert(candidates[(turn + 1) % candidates.size()]);
  replies_[id] = std::move(r);
}

void DemoRoom::onUserMessageSeen(const std::string& nick, const mpenc::session::MessageId& id) {
  auto it = replies_.find(id);
  if (it == replies_.end() || !it->second.responders.erase(nick)) return;
  QStringList words = QString::fromStdString(it->second.text).simplified().split(QLatin1Char(' '));
  const bool cut = words.size() > 4;
  while (words.size() > 4) words.removeLast();
  const QString quote = words.join(QLatin1Char(' ')) + (cut ? QStringLiteral("…") : QString());
  QString line;
  if (nick == "alice")
    line = tr("Got it — %1").arg(quote);
  else if (nick == "bob")
    line = tr("Thanks! Noted: %1").arg(quote);
  else if (nick == "carol")
    line = tr("Sounds good — %1").arg(quote);
  else
    line = tr("OK, %1").arg(quote);
  if (it->second.responders.empty()) replies_.erase(it);
  at(now_ + kReplyDelay, [this, nick, text = line.toStdString()] { say(nick, text); });
}

}  // namespace mpenc::demo
