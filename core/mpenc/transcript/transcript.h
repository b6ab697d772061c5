// Transcript: the causal DAG of accepted messages of one subsession, with the
// ack bookkeeping of protocol-rules.md §2.2 (rules named C-x / A-x below).
//
// Pure data structure: no IO, no clock, no logging. Every error a peer can
// cause is returned as a TranscriptError value; a failed add() leaves the
// transcript unchanged (all checks run before any mutation).
//
// Representation (chosen for 100 000+ messages):
// - messages are numbered by accept position (Pos, 0-based); all per-message
//   data lives in flat arrays indexed by Pos;
// - member IDs are interned (MemberIndex); membership is fixed per subsession;
// - context (vector clock, §1.2) is #members entries per message:
//   ctx[m][u] = 1-based position of context(m)[u] in by(u), 0 = ⊥, kept as
//   int16 differences to a per-page base (ContextRows). So a ≤ b  ⇔
//   ctx[b][author(a)] ≥ seq(a): O(1);
// - readers and unackby are fixed-width member bitsets in flat arenas;
// - parent edges in one arena, children as intrusive per-edge linked lists
//   (an edge's child is found from the parent ranges, not stored);
// - every per-message array is paged (PagedRows: slack ≤ one page, nothing
//   copied as it grows) and the ID index is an open-addressing table of
//   positions (4 bytes per slot, the IDs themselves live in ids_ only).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mpenc/codec/packets.h"
#include "mpenc/codec/plaintext.h"
#include "mpenc/common/expected.h"
#include "mpenc/transcript/context_rows.h"
#include "mpenc/transcript/member_index.h"
#include "mpenc/transcript/paged_rows.h"

namespace mpenc::transcript {

using codec::BodyType;
using codec::MessageId;

/// Hash for MessageId keys. IDs are hash outputs (C-E2); all 20 bytes are
/// folded so a member grinding IDs for one bucket must control more than a prefix.
struct MessageIdHash {
  std::size_t operator()(const MessageId& id) const noexcept;
};

/// Accept position of a message in its transcript (0-based, dense).
using Pos = std::uint32_t;

/// What the transcript needs to know about a verified, decrypted message.
struct Message {
  MessageId id{};
  std::string author;
  std::vector<std::string> readers;  ///< treated as a set
  /// Readers are every member but the author (mpENC's rule, §2.3); then
  /// `readers` is ignored and no reader ID is compared (issue 12).
  bool readersAreOthers = false;
  std::vector<MessageId> parents;  ///< pre(m), as encoded (C-E1)
  BodyType bodyType = BodyType::Payload;
  /// Caller-chosen fingerprint of the body (e.g. 8 bytes of a hash of the
  /// plaintext). Compared only to tell an identical duplicate from a message
  /// that reuses an ID with different content (C-8, A-16).
  std::uint64_t bodyTag = 0;

  /// Content messages are displayed and count as implicit acks (§2.3); the
  /// others (explicit acks, heartbeats, Consistency/FIN) are hidden (U-4).
  bool isContent() const noexcept { return bodyType == BodyType::Payload; }
};

/// Why add() refused a message. `ids` is documented per code.
enum class TranscriptErrorCode : std::uint8_t {
  SelfParent,        ///< C-2: the message lists its own ID as a parent. ids = {m}.
  DuplicateParent,   ///< the same parent ID is listed twice. ids = {parent}.
  UnknownMember,     ///< author or a reader is not a member of this subsession. ids = {m}.
  AuthorInReaders,   ///< C-8: the author is among its own readers. ids = {m}.
  MissingParents,    ///< C-4: parents not in the transcript (buffer it, C-11). ids = missing parents.
  ParentNotVisible,  ///< C-7: author(m) is not a member of these parents. ids = those parents.
  NotAntichain,      ///< C-5: parents are comparable. ids = {ancestor, descendant}; or
                     ///< more parents than members (never an anti-chain). ids = {m}.
  Fork,              ///< C-6/C-9: "does not reference prev-sent": the author equivocated.
                     ///< ids = {first message by the author that m does not descend from, m}.
  IdConflict,        ///< C-8/A-16: ID already accepted with different content. ids = {m}.
};

std::string_view toString(TranscriptErrorCode c) noexcept;

struct TranscriptError {
  TranscriptErrorCode code{};
  std::vector<MessageId> ids;
  std::string detail;  ///< human-readable, neutral wording (C-15)
};

struct AddResult {
  enum class Status : std::uint8_t {
    Accepted,   ///< newly added
    Duplicate,  ///< identical to an accepted message: a no-op (C-17, A-16)
  };
  Status status = Status::Accepted;
  Pos pos = 0;  ///< accept position (of the earlier copy for a Duplicate)
  /// context(m) as a vector clock over members(): 1-based position in
  /// by(member), 0 = ⊥ (§1.2, computed by the safe max rule).
  std::vector<std::uint32_t> context;
  /// C-8: the message has no readers (warning; it is fully acked at once).
  bool noReaders = false;
  /// messages that just became fully acked, in accept order (may include
  /// m itself when it has no readers). Empty for a Duplicate.
  std::vector<MessageId> fullyAcked;
  /// Ancestors whose unackby just lost author(m) (A-5 walk), accept order.
  /// Lets a view update only the affected rows.
  std::vector<Pos> ackProgress;
};

class Transcript {
 public:
  /// `members`: the fixed membership of this subsession.
  explicit Transcript(std::vector<std::string> members);

  // ---- accept ----------------------------------------------------------
  /// Check and add a verified message (C-2, C-4..C-9, A-5). On error nothing
  /// changes.
  Expected<AddResult, TranscriptError> add(const Message& msg);
  /// The checks that need no other message (C-2, C-8 readers, membership):
  /// run before buffering so junk never occupies the causal buffer.
  std::optional<TranscriptError> checkStateless(const Message& msg) const;
  /// Parents of msg that are not (yet) in the transcript (C-4), in listed order.
  std::vector<MessageId> missingParents(const Message& msg) const;

  // ---- membership ------------------------------------------------------
  const MemberIndex& members() const noexcept { return members_; }

  // ---- by ID -------------------------------------------------------------
  bool contains(const MessageId& id) const { return find(id).has_value(); }
  std::optional<Pos> find(const MessageId& id) const;
  std::size_t size() const noexcept { return ids_.size(); }
  bool empty() const noexcept { return ids_.size() == 0; }

  // ---- by position (precondition p < size(); std::out_of_range otherwise) --
  const MessageId& id(Pos p) const { return ids_[checked(p)]; }
  const std::string& author(Pos p) const { return members_.name(authorIdx(p)); }
  MemberIdx authorIdx(Pos p) const { return author_[checked(p)]; }
  BodyType bodyType(Pos p) const { return static_cast<BodyType>(bodyType_[checked(p)]); }
  bool isContent(Pos p) const { return bodyType(p) == BodyType::Payload; }
  std::vector<Pos> parents(Pos p) const;
  std::vector<Pos> children(Pos p) const;
  std::vector<std::string> readers(Pos p) const;
  bool isReader(Pos p, MemberIdx u) const;
  /// 1-based position of p in by(author(p)).
  std::uint32_t authorSeq(Pos p) const { return seq_[checked(p)]; }

  // ---- order -------------------------------------------------------------
  /// a ≤ b (a is b or an ancestor of b). O(1) via the vector clock.
  bool isAncestor(Pos a, Pos b) const;
  bool isAncestor(const MessageId& a, const MessageId& b) const;
  /// max(G): the latest messages, an anti-chain; parents for the next
  /// message we send (C-E3). In accept order.
  std::vector<MessageId> max() const;
  const std::vector<Pos>& maxPos() const noexcept { return max_; }
  /// Visit anc(p) \ {p} breadth-first; `visit` returns false to not walk
  /// beyond that message (its ancestors are then skipped unless reachable
  /// through another path).
  void walkAncestors(Pos p, const std::function<bool(Pos)>& visit) const;
  /// anc(p) \ {p}, in accept order (O(size of the result · parents)).
  std::vector<Pos> ancestors(Pos p) const;

  // ---- authors -------------------------------------------------------------
  /// by(u): u's messages in their total order; empty for unknown u.
  const std::vector<Pos>& byAuthor(MemberIdx u) const { return byAuthor_.at(u); }
  std::vector<MessageId> byAuthor(std::string_view u) const;
  /// Latest message by u (JS `pre_uId`-like for "my previous message").
  std::optional<Pos> latestBy(MemberIdx u) const;
  /// context(p)[u]: latest message by u that author(p) had seen (p itself if
  /// u is the author), nullopt for ⊥.
  std::optional<Pos> context(Pos p, MemberIdx u) const;
  /// The whole vector clock of p (see AddResult::context).
  std::vector<std::uint32_t> contextVector(Pos p) const;

  // ---- acks (§2.2) -------------------------------------------------------
  /// Readers of p that have not yet acked it.
  std::vector<std::string> unackedBy(Pos p) const;
  std::vector<MemberIdx> unackedByIdx(Pos p) const;
  bool isFullyAcked(Pos p) const;
  /// p is acked by u (some message by u strictly after p). The author
  /// counts as having acked its own message.
  bool ackedBy(Pos p, MemberIdx u) const;
  /// for each reader r of p, the earliest message by r that descends
  /// from p, or nullopt if none yet. Indexed like readers(p) (ascending idx).
  std::vector<std::pair<MemberIdx, std::optional<Pos>>> diracks(Pos p) const;
  /// Messages not yet fully acked, in accept order.
  std::vector<Pos> unacked() const;
  std::size_t unackedCount() const noexcept { return unackedCount_; }

  /// Approximate heap bytes owned by this transcript (benchmarks).
  std::size_t memoryBytes() const;

 private:
  using IdHash = MessageIdHash;
  static constexpr std::uint32_t kNoEdge = 0xFFFFFFFFu;

  /// p itself, or std::out_of_range when p is not a position of this transcript.
  Pos checked(Pos p) const {
    if (p >= ids_.size()) throw std::out_of_range("transcript position");
    return p;
  }
  std::span<const std::uint64_t> readerBits(Pos p) const { return {readers_.row(p).data(), words_}; }
  std::span<const std::uint64_t> unackBits(Pos p) const { return {unackby_.row(p).data(), words_}; }
  std::span<std::uint64_t> unackBitsMut(Pos p) { return {unackby_.row(p).data(), words_}; }
  bool le(Pos a, Pos b) const noexcept { return a == b || ctx_.at(b, author_[a]) >= seq_[a]; }
  /// A fresh value for mark_ (no position holds it yet).
  std::uint32_t nextStamp() const;
  /// The child of edge e: the message whose parent range holds e.
  Pos edgeChild(std::uint32_t e) const noexcept;
  void indexInsert(Pos x);
  std::optional<TranscriptError> intern(const Message& msg, MemberIdx& author,
                                        std::vector<std::uint64_t>& rbits) const;
  bool sameContent(Pos p, const Message& msg, std::span<const std::uint64_t> readerBits) const;
  void ackWalk(Pos x, MemberIdx u, std::optional<Pos> prevU, AddResult& out);
  /// Sort distinct positions in [lo, hi) (ackWalk's output).
  void sortPositions(std::vector<Pos>& v, Pos lo, Pos hi) const;

  MemberIndex members_;
  std::size_t nMembers_ = 0;
  std::size_t words_ = 0;

  // ID index: open addressing, linear probing; slot = position + 1, 0 = empty.
  std::vector<Pos> slots_;
  PagedRows<MessageId> ids_;
  PagedRows<MemberIdx> author_;
  PagedRows<std::uint32_t> seq_;
  PagedRows<std::uint8_t> bodyType_;
  PagedRows<std::uint64_t> bodyTag_;
  // parent edges: parents of p are edgeParent_[parentBegin_[p] .. parentBegin_[p+1])
  PagedRows<std::uint32_t> parentBegin_;
  PagedRows<Pos> edgeParent_;
  PagedRows<std::uint32_t> edgeNextChild_;   // next edge with the same parent
  PagedRows<std::uint32_t> firstChildEdge_;  // per message, kNoEdge if none
  ContextRows ctx_;                          // rows of nMembers_ (int16 to a page base)
  PagedRows<std::uint64_t> readers_;         // rows of words_
  PagedRows<std::uint64_t> unackby_;         // rows of words_
  std::vector<std::vector<Pos>> byAuthor_;
  std::vector<Pos> max_;
  std::size_t unackedCount_ = 0;
  mutable Pos firstMaybeUnacked_ = 0;  // cache for unacked()
  // Scratch for walks (mutable: also used by const queries, so a Transcript
  // must not be queried from two threads at once).
  mutable PagedRows<std::uint32_t> mark_;
  mutable std::uint32_t stamp_ = 0;
  // Scratch of add() (kept to avoid allocations per message; issue 12).
  struct AckRange {
    MemberIdx author;
    std::uint32_t from, to;  // by(author)[from .. to)
  };
  std::vector<AckRange> rangeScratch_;
  std::vector<Pos> fullScratch_;
  std::vector<Pos> parentScratch_;
  std::vector<std::uint64_t> rbitsScratch_;
  mutable std::vector<std::uint64_t> bitmapScratch_;
};

}  // namespace mpenc::transcript
