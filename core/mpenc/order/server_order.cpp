// The concurrency resolver (protocol-rules.md §3.4–3.7). Rule numbers in the
// comments refer to that file; byte layouts to protocol-wire.md §6.
#include "mpenc/order/server_order.h"

#include <algorithm>
#include <utility>

namespace mpenc::order {

namespace {

bool contains(std::span<const std::string> set, std::string_view x) {
  return std::find(set.begin(), set.end(), x) != set.end();
}

bool allIn(const std::vector<std::string>& subset, std::span<const std::string> set) {
  return std::all_of(subset.begin(), subset.end(), [&](const std::string& m) { return contains(set, m); });
}

std::vector<std::string> sortedUnique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

bool isIgnoredReason(Reason r) noexcept {
  switch (r) {
    case Reason::TargetNotInChannel:
    case Reason::AuthorNotMember:
    case Reason::NotForUs:
    case Reason::BlacklistedPrevPf:
    case Reason::UnsyncedFinal:
      return true;
    default:
      return false;
  }
}

std::string_view reasonName(Reason r) noexcept {
  switch (r) {
    case Reason::Accepted:
      return "Accepted";
    case Reason::NotCandidate:
      return "NotCandidate";
    case Reason::TargetNotInChannel:
      return "TargetNotInChannel";
    case Reason::AuthorNotMember:
      return "AuthorNotMember";
    case Reason::NotForUs:
      return "NotForUs";
    case Reason::BlacklistedPrevPf:
      return "BlacklistedPrevPf";
    case Reason::UnsyncedFinal:
      return "UnsyncedFinal";
    case Reason::DuplicateInitial:
      return "DuplicateInitial";
    case Reason::OngoingOperation:
      return "OngoingOperation";
    case Reason::StalePrevPf:
      return "StalePrevPf";
    case Reason::DuplicateFinal:
      return "DuplicateFinal";
    case Reason::NoOngoingOperation:
      return "NoOngoingOperation";
    case Reason::StaleInitial:
      return "StaleInitial";
  }
  return "?";
}

ServerOrder::ServerOrder(std::string ownId) : ownId_(std::move(ownId)) {}

void ServerOrder::syncNew(crypto::Rng& rng) {
  const Hash32 prevPf = rng.bytes<32>();
  syncWithPrev(prevPf, proto::initialChainHash(prevPf));
}

void ServerOrder::syncWithPrev(const Hash32& prevPf, const Hash32& prevCh) {
  chain_.assign(1, ChainLink{prevPf, prevCh, std::nullopt});
  ops_.clear();
  blacklist_.clear();
  own_.reset();
}

std::optional<Hash32> ServerOrder::prevPf() const {
  if (!synced()) return std::nullopt;
  // (std::find_if, not std::views::reverse: clang 14 cannot compile
  // libstdc++ 12's <ranges>.)
  const auto it =
      std::find_if(ops_.rbegin(), ops_.rend(), [](const OperationRecord& op) { return op.final; });
  if (it != ops_.rend()) return *it->final;
  return chain_.front().packetId;
}

std::optional<Hash32> ServerOrder::prevCh() const {
  if (!synced()) return std::nullopt;
  return chain_.back().chainHash;
}

std::optional<Hash32> ServerOrder::currentPi() const {
  if (!hasOngoingOp()) return std::nullopt;
  return ops_.back().initial;
}

bool ServerOrder::isBlacklisted(const Hash32& prevPf) const {
  return std::find(blacklist_.begin(), blacklist_.end(), prevPf) != blacklist_.end();
}

bool ServerOrder::recordOwnProposal(const OwnProposal& p) {
  if (!synced() || own_) return false;
  own_ = p;
  return true;
}

void ServerOrder::append(const Hash32& pid, ChainType type) {
  chain_.push_back(ChainLink{pid, proto::chainHash(chain_.back().chainHash, pid, type), type});
}

bool ServerOrder::isOwnEcho(const OpPacket& op, const Hash32& parent) const {
  if (!own_ || op.sender != ownId_ || own_->parent != parent) return false;
  return !op.wireHash || *op.wireHash == own_->wireHash;
}

// H-9: a proposal with our pending proposal's parent was accepted. It was ours
// only if it is the echo of our packet; otherwise ours lost. Runs at most once
// per accepted packet (for H-7, only for the initial step).
void ServerOrder::settleOwn(const Hash32& parent, const Hash32& acceptedId, bool ours,
                            std::optional<OwnProposalResult>& out) {
  if (!own_ || own_->parent != parent) return;
  out = OwnProposalResult{*own_, ours, acceptedId};
  own_.reset();
}

Outcome ServerOrder::tryOpPacket(const OpPacket& op, std::span<const std::string> channelMembers,
                                 std::span<const std::string> sessionMembers, bool isFinalOfCurrent) {
  return tryOpPacket(op, channelMembers, sessionMembers,
                     isFinalOfCurrent ? Finality::ofCurrent() : Finality::notFinal());
}

Outcome ServerOrder::tryOpPacket(const OpPacket& op, std::span<const std::string> channelMembers,
                                 std::span<const std::string> sessionMembers, const Finality& finality) {
  Outcome out;
  out.packetId = op.packetId;
  const bool initial = op.isInitialCandidate();
  // For an initial candidate, "final" can only mean "final of itself" (H-7).
  const bool final = finality.isFinal && (!initial || !finality.of || *finality.of == op.packetId);
  if (!initial && !final) return out;  // H-8: middle packet, not resolved

  auto reject = [&](Reason r) {
    out.verdict = Verdict::Rejected;
    out.reason = r;
    // Our own echo that can never be accepted settles our proposal (H-9).
    const std::optional<Hash32> parent = initial ? op.prevPf : (finality.of ? finality.of : currentPi());
    if (parent && isOwnEcho(op, *parent)) {
      out.own = OwnProposalResult{*own_, false, std::nullopt};
      own_.reset();
    }
    return out;
  };

  // H-3 (XP): every target member must be in the channel at receipt.
  if (!allIn(op.members, channelMembers)) return reject(Reason::TargetNotInChannel);

  // Decide everything on the current state first; commit only when accepted.
  bool syncNow = false;
  if (!synced()) {
    if (!initial) return reject(Reason::UnsyncedFinal);
    if (!contains(op.members, ownId_)) {
      // T-EIO: others have accepted this pI or an earlier one with its prev_pF.
      if (!isBlacklisted(*op.prevPf)) blacklist_.push_back(*op.prevPf);
      return reject(Reason::NotForUs);
    }
    if (isBlacklisted(*op.prevPf)) return reject(Reason::BlacklistedPrevPf);
    syncNow = true;  // T-EII
  } else if (initial && !contains(sessionMembers, op.sender)) {
    return reject(Reason::AuthorNotMember);  // H-6 (author = channel sender, authenticated by G)
  }

  const bool hasOngoing = !syncNow && hasOngoingOp();
  if (initial) {
    if (!syncNow) {
      const bool dup = std::any_of(ops_.begin(), ops_.end(),
                                   [&](const OperationRecord& r) { return r.initial == op.packetId; });
      if (dup) return reject(Reason::DuplicateInitial);
      if (hasOngoing) return reject(Reason::OngoingOperation);          // H-4
      if (*op.prevPf != *prevPf()) return reject(Reason::StalePrevPf);  // H-2, H-4
    }
  } else {
    const bool dup = std::any_of(ops_.begin(), ops_.end(),
                                 [&](const OperationRecord& r) { return r.final == op.packetId; });
    if (dup) return reject(Reason::DuplicateFinal);                                               // H-5
    if (!hasOngoing) return reject(Reason::NoOngoingOperation);                                   // H-5
    if (finality.of && *finality.of != ops_.back().initial) return reject(Reason::StaleInitial);  // H-5
  }

  // ---- commit ----
  out.verdict = initial ? (final ? Verdict::InitialFinal : Verdict::Initial) : Verdict::Final;
  out.reason = Reason::Accepted;
  if (initial) {
    if (syncNow) {
      syncWithPrev(*op.prevPf, op.prevChainHash.value_or(Hash32{}));
      out.syncedNow = true;
    } else {
      out.prevChMismatch = op.prevChainHash != chain_.back().chainHash;
    }
    OperationRecord rec;
    rec.initial = op.packetId;
    rec.prevPf = *op.prevPf;
    rec.prevCh = op.prevChainHash.value_or(Hash32{});
    rec.latestPm = op.latestPm;
    rec.initiator = op.sender;
    rec.members = sortedUnique(op.members);
    if (final) rec.final = op.packetId;  // H-7: pI and immediately pF
    const bool ours = isOwnEcho(op, rec.prevPf);
    settleOwn(rec.prevPf, op.packetId, ours, out.own);  // once, even for H-7
    ops_.push_back(std::move(rec));
    append(op.packetId, final ? ChainType::InitialFinal : ChainType::Initial);
  } else {
    const Hash32 pI = ops_.back().initial;
    const bool ours = isOwnEcho(op, pI);
    ops_.back().final = op.packetId;
    settleOwn(pI, op.packetId, ours, out.own);
    append(op.packetId, ChainType::Final);
  }
  out.operation = ops_.back();
  out.chainHash = chain_.back().chainHash;
  return out;
}

std::optional<LeaveOutcome> ServerOrder::onOthersLeft(std::span<const std::string> leavers,
                                                      std::span<const std::string> channelAfter) {
  if (!hasOngoingOp() || leavers.empty()) return std::nullopt;
  const OperationRecord& cur = ops_.back();
  const bool affects = std::any_of(leavers.begin(), leavers.end(),
                                   [&](const std::string& l) { return contains(cur.members, l); });
  if (!affects) return std::nullopt;  // T-LOX concerns the session layer only

  // T-LOI: pseudo-pF meaning failure, accepted at once (protocol-wire.md §6).
  LeaveOutcome out;
  out.leavers = sortedUnique(std::vector<std::string>(leavers.begin(), leavers.end()));
  const std::vector<std::string> channel(channelAfter.begin(), channelAfter.end());
  out.pseudoFinal = proto::leavePacketId(cur.initial, out.leavers, channel);
  const Hash32 pI = cur.initial;
  ops_.back().final = out.pseudoFinal;
  ops_.back().failedByLeave = true;
  settleOwn(pI, out.pseudoFinal, false, out.own);
  append(out.pseudoFinal, ChainType::Leave);
  out.chainHash = chain_.back().chainHash;
  out.operation = ops_.back();
  return out;
}

SelfLeaveOutcome ServerOrder::onSelfLeft() {
  SelfLeaveOutcome out;
  out.wasSynced = synced();
  if (const OperationRecord* cur = ongoing()) {
    out.ongoing = *cur;
    out.ongoingIncludedUs = contains(cur->members, ownId_);
  }
  out.droppedOwnProposal = own_;
  chain_.clear();
  ops_.clear();
  blacklist_.clear();
  own_.reset();
  return out;
}

}  // namespace mpenc::order
