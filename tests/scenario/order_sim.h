// A seeded simulation of N members running order::ServerOrder over a simulated
// totally-ordered channel (protocol-rules.md §3.1: one global event sequence;
// sends are placed later than decided, H-M3), with a fake operation model: an
// operation finishes when every target member has sent a "confirm" packet
// (the initiator's pI counts as its own), or at its pI when it is one-packet
// (H-7). Members react as the session layer would: confirm accepted pIs that
// include them, adopt the new membership on success, kick the excluded (H-18),
// sync a new chain when alone / all seniors left, leave after a failed include
// (T-TO1 shortcut). Records every member's verdict on every packet so tests can
// check agreement.
#pragma once

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/order/server_order.h"
#include "mpenc/proto/ids.h"

namespace mpenc::order::sim {

using Members = std::vector<std::string>;

inline bool has(const Members& ms, const std::string& x) {
  return std::find(ms.begin(), ms.end(), x) != ms.end();
}
inline Members sorted(Members v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

struct FakePacket {
  bool proposal = false;  ///< initial candidate; otherwise a confirm of `pI`
  bool oneShot = false;   ///< one-packet operation (H-7)
  std::string sender;
  Members members;  ///< target membership M (sorted)
  Hash32 prevPf{}, prevCh{}, pI{};
  std::uint32_t nonce = 0;

  std::string wire() const {
    std::string w = proposal ? "P|" : "C|";
    w += sender + "|" + std::to_string(nonce) + "|" + (oneShot ? "1|" : "0|");
    for (const auto& m : members) w += m + ",";
    w += "|" + toHex(proposal ? prevPf : pI) + "|" + toHex(prevCh);
    return w;
  }
};

struct Action {
  enum class Kind { Send, Enter, Leave } kind;
  std::string who;
  FakePacket pkt;
};

/// One member's view of one delivered packet.
struct Seen {
  std::size_t event = 0;
  std::string id;
  bool syncedBefore = false;
  Hash32 tipBefore{};
  std::optional<Hash32> piBefore;
  Members session;
  bool inTarget = false;  ///< in the target M of the ongoing operation (or, if none, of this packet)
  Verdict verdict = Verdict::Other;
  Hash32 tipAfter{};
  bool forged = false;
};

struct SimMember {
  std::string id;
  ServerOrder order;
  Members session;
  bool inChannel = false;
  std::set<std::string> seniors;
  bool newcomer = false;  ///< synced through T-EII, not yet in a completed operation
  // fake greeting state
  std::optional<Hash32> opPi;
  Members opMembers, opPrevSession;
  std::string opInitiator;
  std::set<std::string> confirmed;
  explicit SimMember(std::string i) : id(i), order(i), session{i} {}
  void clearOp() {
    opPi.reset();
    opMembers.clear();
    confirmed.clear();
  }
};

struct Stats {
  int proposals = 0, accepted = 0, rejected = 0, finals = 0, oneShots = 0, leavePseudo = 0, syncs = 0,
      tli = 0;
};

class Sim {
 public:
  Sim(std::uint64_t seed, std::size_t n, bool forgeOnce = false) : rng_(seed), forge_(forgeOnce) {
    for (std::size_t i = 0; i < n; ++i) ids_.push_back("m" + std::to_string(i) + "@x/1");
    for (const auto& id : ids_) members_.emplace(id, SimMember(id));
    apply(Action{Action::Kind::Enter, ids_[0], {}});  // the first one starts a chain
  }

  const Members& channel() const { return mem_; }
  const std::map<std::string, SimMember>& members() const { return members_; }
  const std::vector<Seen>& seen() const { return seen_; }
  const Stats& stats() const { return stats_; }
  std::optional<std::string> victim() const { return victim_; }

  /// Random activity: proposals, joins, leaves, and the server placing pending actions.
  void run(int steps) {
    for (int s = 0; s < steps; ++s) {
      const std::uint32_t r = rng_.uniform(100);
      if (r < 45) {
        step();
      } else if (r < 70) {
        propose();
      } else if (r < 82) {
        const Members out = outsiders();
        if (!out.empty()) queue_.push_back({Action::Kind::Enter, pick(out), {}});
      } else if (r < 88) {
        if (!mem_.empty()) queue_.push_back({Action::Kind::Leave, pick(mem_), {}});
      } else {
        step();
      }
    }
  }

  /// No more user activity: deliver everything; stuck operations time out (a
  /// target member that cannot finish leaves, as T-TO1/T-TO2 would make it).
  void drain() {
    for (int guard = 0; guard < 10000; ++guard) {
      if (!queue_.empty()) {
        step();
        continue;
      }
      const SimMember* stuck = nullptr;
      for (const auto& [id, m] : members_) {
        if (m.inChannel && m.order.hasOngoingOp()) stuck = &m;
      }
      if (!stuck) return;
      const Members& targets = stuck->order.ongoing()->members;
      std::string leaver = stuck->id;
      for (const auto& t : targets) {
        if (has(mem_, t) && (!members_.at(t).opPi || *members_.at(t).opPi != *stuck->order.currentPi()))
          leaver = t;
      }
      queue_.push_back({Action::Kind::Leave, leaver, {}});
    }
  }

 private:
  const std::string& pick(const Members& v) { return v[rng_.uniform(static_cast<std::uint32_t>(v.size()))]; }

  Members outsiders() const {
    Members out;
    for (const auto& id : ids_)
      if (!has(mem_, id)) out.push_back(id);
    return out;
  }

  void step() {
    if (queue_.empty()) return;
    // The server places pending actions in any order (H-M3), mostly FIFO-ish.
    const std::size_t window = std::min<std::size_t>(queue_.size(), 4);
    const std::size_t i = rng_.uniform(static_cast<std::uint32_t>(window));
    Action a = queue_[i];
    queue_.erase(queue_.begin() + static_cast<std::ptrdiff_t>(i));
    apply(a);
  }

  void propose() {
    if (mem_.empty()) return;
    SimMember& m = members_.at(pick(mem_));
    if (!m.order.synced() || m.order.hasOngoingOp() || m.order.ownProposal() || !has(m.session, m.id)) return;
    Members base;  // present session members (absent ones are excluded: T-LS/T-LOX)
    for (const auto& x : m.session)
      if (has(mem_, x)) base.push_back(x);
    Members target = base;
    bool oneShot = false;
    const std::uint32_t kind = rng_.uniform(4);
    if (kind <= 1) {  // include some occupants (H-3 checked before sending)
      for (const auto& x : mem_)
        if (!has(m.session, x) && rng_.uniform(2) == 0) target.push_back(x);
    } else if (kind == 2) {  // exclude some members (never ourselves, T-P3)
      std::erase_if(target, [&](const std::string& x) { return x != m.id && rng_.uniform(3) == 0; });
    } else {
      oneShot = true;  // refresh
    }
    target = sorted(target);
    if (target.size() == 1) oneShot = true;  // exclude leaving one member
    if (!oneShot && target == sorted(m.session)) return;
    FakePacket p{true, oneShot, m.id, target, *m.order.prevPf(), *m.order.prevCh(), {}, nonce_++};
    m.order.recordOwnProposal({p.prevPf, crypto::sha256(asBytes(p.wire()))});
    ++stats_.proposals;
    queue_.push_back({Action::Kind::Send, m.id, p});
  }

  void apply(const Action& a) {
    ++event_;
    switch (a.kind) {
      case Action::Kind::Send:
        if (has(mem_, a.who)) deliver(a.pkt);  // a sender outside the channel is dropped
        break;
      case Action::Kind::Enter: {
        if (has(mem_, a.who)) break;
        const Members before = mem_;
        mem_ = sorted([&] {
          Members v = mem_;
          v.push_back(a.who);
          return v;
        }());
        SimMember& m = members_.at(a.who);
        m.inChannel = true;
        m.seniors = std::set<std::string>(before.begin(), before.end());
        if (before.empty()) syncNew(m);
        break;
      }
      case Action::Kind::Leave: {
        if (!has(mem_, a.who)) break;
        std::erase(mem_, a.who);
        SimMember& l = members_.at(a.who);
        l.order.onSelfLeft();  // T-LI
        ++stats_.tli;
        l.session = {l.id};
        l.clearOp();
        l.inChannel = false;
        l.newcomer = false;
        for (const auto& id : mem_) othersLeft(members_.at(id), a.who);
        break;
      }
    }
  }

  void syncNew(SimMember& m) {
    m.order.syncNew(rng_);
    m.session = {m.id};
    m.newcomer = false;
    ++stats_.syncs;
  }

  void othersLeft(SimMember& m, const std::string& who) {
    m.seniors.erase(who);
    if (!m.order.synced()) {
      if (m.seniors.empty()) syncNew(m);  // all seniors left: start our own chain
      return;
    }
    const Members leavers{who};
    if (auto lo = m.order.onOthersLeft(leavers, mem_)) {  // T-LOI
      ++stats_.leavePseudo;
      m.clearOp();
      if (m.newcomer) queue_.push_back({Action::Kind::Leave, m.id, {}});  // our include failed
    }
  }

  Finality judge(const SimMember& m, const FakePacket& p) const {
    if (p.proposal) {
      // A one-packet operation completes only for members holding the previous
      // session state it builds on (a REFRESH needs the old group key): a
      // newcomer that synced opportunistically on it (T-EII) cannot finish it.
      const bool prevState = std::all_of(p.members.begin(), p.members.end(),
                                         [&](const std::string& x) { return has(m.session, x); });
      return p.oneShot && has(p.members, m.id) && prevState ? Finality::ofCurrent() : Finality::notFinal();
    }
    if (!m.opPi || *m.opPi != p.pI || !has(m.opMembers, m.id)) return Finality::notFinal();
    std::set<std::string> after = m.confirmed;
    after.insert(p.sender);
    const bool done = std::all_of(m.opMembers.begin(), m.opMembers.end(),
                                  [&](const std::string& x) { return after.count(x) > 0; });
    return done ? Finality::ofInitial(p.pI) : Finality::notFinal();
  }

  void deliver(const FakePacket& p) {
    const std::string wire = p.wire();
    std::optional<std::string> forgedFor;
    if (forge_ && !victim_ && p.proposal && mem_.size() >= 2 && rng_.uniform(3) == 0) forgedFor = pick(mem_);
    for (const auto& id : Members(mem_)) {
      SimMember& m = members_.at(id);
      Members view = mem_;
      if (forgedFor == id) {
        view.push_back("mallory@x/9");  // the server lies about the recipients to this member
        victim_ = id;
      }
      OpPacket op;
      op.packetId = proto::packetId(wire, p.sender, view);
      op.wireHash = crypto::sha256(asBytes(wire));
      op.sender = p.sender;
      op.type = codec::GreetType(p.proposal ? codec::GreetType::IncludeAuxInitiatorUp
                                            : codec::GreetType::IncludeAuxParticipantConfirmDown);
      op.members = p.members;
      if (p.proposal) {
        op.prevPf = p.prevPf;
        op.prevChainHash = p.prevCh;
      }
      Seen s;
      s.event = event_;
      s.id = id;
      s.syncedBefore = m.order.synced();
      if (s.syncedBefore) s.tipBefore = *m.order.prevCh();
      s.piBefore = m.order.currentPi();
      s.session = sorted(m.session);
      s.inTarget = has(m.order.ongoing() ? m.order.ongoing()->members : p.members, id);
      s.forged = forgedFor == id;
      const Members prevSession = m.session;
      const Outcome out = m.order.tryOpPacket(op, view, m.session, judge(m, p));
      s.verdict = out.verdict;
      if (m.order.synced()) s.tipAfter = *m.order.prevCh();
      seen_.push_back(s);
      react(m, p, op, out, prevSession);
    }
  }

  void react(SimMember& m, const FakePacket& p, const OpPacket& op, const Outcome& out,
             const Members& prevSession) {
    if (out.syncedNow) m.newcomer = true;
    if (out.verdict == Verdict::Rejected) ++stats_.rejected;
    if (out.accepted() && p.proposal) {
      ++stats_.accepted;
      m.opPi = op.packetId;
      m.opMembers = p.members;
      m.opInitiator = p.sender;
      m.opPrevSession = prevSession;
      m.confirmed = {p.sender};
      if (has(p.members, m.id) && m.id != p.sender && !p.oneShot) {
        FakePacket c{false, false, m.id, p.members, {}, {}, op.packetId, nonce_++};
        queue_.push_back({Action::Kind::Send, m.id, c});
      }
    } else if (!p.proposal && m.opPi && *m.opPi == p.pI) {
      m.confirmed.insert(p.sender);
    }
    if (out.verdict == Verdict::Final || out.verdict == Verdict::InitialFinal) {
      ++stats_.finals;
      if (out.verdict == Verdict::InitialFinal) ++stats_.oneShots;
      if (has(m.opMembers, m.id)) {
        m.session = m.opMembers;
        m.newcomer = false;
        if (m.id == m.opInitiator) {  // H-18: kick the excluded
          for (const auto& x : m.opPrevSession)
            if (!has(m.opMembers, x) && has(mem_, x)) queue_.push_back({Action::Kind::Leave, x, {}});
        }
      }
      m.clearOp();
    }
  }

  crypto::SeededRng rng_;
  bool forge_ = false;
  std::optional<std::string> victim_;
  Members ids_, mem_;
  std::map<std::string, SimMember> members_;
  std::deque<Action> queue_;
  std::vector<Seen> seen_;
  std::size_t event_ = 0;
  std::uint32_t nonce_ = 0;
  Stats stats_;
};

}  // namespace mpenc::order::sim
