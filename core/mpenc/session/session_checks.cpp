// Session: the session-level checks (see session.h) — the end of a
// subsession with W-11 (C-19) and H-C6 / W-10 with its recovery, and the H-13
// chain-hash acknowledgements (extension chain-ack-1, W-9).
#include <algorithm>
#include <utility>

#include "mpenc/session/session.h"
#include "mpenc/session/session_internal.h"

namespace mpenc::session {

using namespace session_detail;

void Session::endLive(Live& l) {
  const Subsession& s = *l.sub;
  event::SubsessionEnded ended{l.index, s.state(), s.isConsistent()};
  if (!ended.consistent) {  // W-11
    event::InconsistentDropped d{l.index, {}, {}};
    const auto& t = s.transcript();
    for (transcript::Pos p : t.unacked()) {
      if (!t.isContent(p)) continue;
      d.unacked.push_back(t.id(p));
      if (t.author(p) == self()) d.ownUnacked.push_back(t.id(p));
    }
    droppedInconsistent_ = true;
    notify(l.index, SessionNotice{std::move(d)});
  }
  notify(l.index, SessionNotice{ended});
  if (!l.awaitedLatestPm.empty() && !stopped_) brokenTranscript(l);  // W-10
}

// H-C6 / W-10 (docs/w10-insider-dos.md). The transcript of `l` misses
// messages that the signed pI of the operation after it named. We cannot tell
// a transport that withheld them from us from an insider that named bogus IDs
// (C-15), so that transcript is never passed off as the group's: the notice
// says so, with the claimant. Then, option D: rather than ending everyone's
// participation (the reference behaviour, and the insider denial of service),
// the claimant — the pI's initiator — is excluded automatically (every victim
// proposes it; concurrent proposals settle by H-2) and never included
// automatically again. Members whose transcripts had the messages saw no W-10
// and simply see an exclusion. A transport attacker gains nothing new (the
// MUC service can kick anyone already); an insider's lie costs it its place.
// The claimant is ourselves only if our own pI named what we never had (a
// tampered LATEST_PM): then nothing can be trusted, and we stop.
void Session::brokenTranscript(const Live& l) {
  event::TranscriptBroken b{l.awaitedFor, l.awaitedLatestPm, l.awaitedFrom, false};
  b.continuing = cfg_.recoverFromBrokenTranscript && mem_.autoExcludes() && !l.awaitedFrom.empty() &&
                 l.awaitedFrom != self() && mem_.inChannel();
  const bool continuing = b.continuing;
  if (continuing) {
    claimants_.insert(l.awaitedFrom);
    rejoinable_.erase(l.awaitedFrom);  // not "back after a reconnect" either
    claimantsToExclude_.push_back(l.awaitedFrom);
  }
  notify(l.index, SessionNotice{std::move(b)});
  if (!continuing) stop();  // U-22
}

void Session::onDelivered(Live& l, const Delivered& d, Millis /*now*/) {
  if (!l.awaitedLatestPm.empty()) std::erase(l.awaitedLatestPm, d.id);
  if (d.body.type == codec::BodyType::ChainAck && !d.own)
    checkChainAck(d.author, d.body.chainPacketId, d.body.chainHash);
}

void Session::sendChainAck(Live& l, Millis now) {
  const auto& chain = mem_.order().chain();
  if (!cfg_.chainAcks || chain.empty()) return;
  const auto& ids = l.sub->security().memberIds();
  if (!allHave(ids, kFeatureChainAck)) return;  // v1 peers cannot decode it
  const auto& link = chain.back();
  auto r = l.sub->sendChainAck(link.packetId, link.chainHash, now);
  if (!r) return;
  ChainCheck c;
  c.packetId = link.packetId;
  c.chainHash = link.chainHash;
  c.index = l.index;
  for (const auto& m : ids)
    if (m != self()) c.waiting.insert(m);
  c.deadline = now + cfg_.chainAckTimeout;
  // Acks that arrived before ours (retried from the undecryptable buffer
  // later) are checked when delivered.
  chainCheck_ = std::move(c);
  applyOutput(l, std::move(*r), now);
}

void Session::checkChainAck(const std::string& member, const codec::Hash32& pid, const codec::Hash32& ch) {
  const auto& chain = mem_.order().chain();
  std::optional<codec::Hash32> ours;
  for (const auto& link : chain)
    if (link.packetId == pid) ours = link.chainHash;
  if (!ours || *ours != ch) {  // W-9: the server showed us different histories
    notify(std::nullopt, SessionNotice{event::ChainHashMismatch{member, pid, ch, ours}});
    if (chainCheck_ && chainCheck_->packetId == pid) chainCheck_->mismatch = true;
    return;
  }
  if (!chainCheck_ || chainCheck_->packetId != pid) return;  // an older operation's ack: fine
  chainCheck_->waiting.erase(member);
  if (chainCheck_->waiting.empty() && !chainCheck_->mismatch && !chainCheck_->reported) {
    chainCheck_->reported = true;
    notify(chainCheck_->index, SessionNotice{event::ChainConfirmed{pid, ch}});
  }
}

}  // namespace mpenc::session
