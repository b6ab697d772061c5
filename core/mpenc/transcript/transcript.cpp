#include "mpenc/transcript/transcript.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>

#include "mpenc/common/bytes.h"

namespace mpenc::transcript {

std::string_view toString(TranscriptErrorCode c) noexcept {
  switch (c) {
    case TranscriptErrorCode::SelfParent:
      return "SelfParent";
    case TranscriptErrorCode::DuplicateParent:
      return "DuplicateParent";
    case TranscriptErrorCode::UnknownMember:
      return "UnknownMember";
    case TranscriptErrorCode::AuthorInReaders:
      return "AuthorInReaders";
    case TranscriptErrorCode::MissingParents:
      return "MissingParents";
    case TranscriptErrorCode::ParentNotVisible:
      return "ParentNotVisible";
    case TranscriptErrorCode::NotAntichain:
      return "NotAntichain";
    case TranscriptErrorCode::Fork:
      return "Fork";
    case TranscriptErrorCode::IdConflict:
      return "IdConflict";
  }
  return "?";
}

namespace {

TranscriptError err(TranscriptErrorCode c, std::vector<MessageId> ids, std::string detail) {
  return TranscriptError{c, std::move(ids), std::move(detail)};
}

std::string shortHex(const MessageId& id) {
  return toHex(ByteView(id.data(), 6));
}

}  // namespace

std::size_t MessageIdHash::operator()(const MessageId& id) const noexcept {
  std::uint64_t a = 0, b = 0;
  std::uint32_t c = 0;
  std::memcpy(&a, id.data(), 8);
  std::memcpy(&b, id.data() + 8, 8);
  std::memcpy(&c, id.data() + 16, 4);
  std::uint64_t h = a ^ (b * 0x9E3779B97F4A7C15ull) ^ (std::uint64_t{c} << 17);
  h ^= h >> 29;
  return static_cast<std::size_t>(h);
}

Transcript::Transcript(std::vector<std::string> members)
    : members_(std::move(members)),
      nMembers_(members_.size()),
      words_(members_.words()),
      ctx_(nMembers_),
      readers_(std::max<std::size_t>(words_, 1)),
      unackby_(std::max<std::size_t>(words_, 1)) {
  byAuthor_.resize(nMembers_);
  parentBegin_.push_back(0);
}

namespace {
/// Slot of a hash in a table of 2^bits slots (the high bits of a multiply).
std::size_t slotFor(std::size_t h, std::size_t mask) noexcept {
  return static_cast<std::size_t>((std::uint64_t{h} * 0x9E3779B97F4A7C15ull) >> 32) & mask;
}
}  // namespace

std::optional<Pos> Transcript::find(const MessageId& id) const {
  if (slots_.empty()) return std::nullopt;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = slotFor(MessageIdHash{}(id), mask);; i = (i + 1) & mask) {
    const Pos s = slots_[i];
    if (s == 0) return std::nullopt;
    if (ids_[s - 1] == id) return s - 1;
  }
}

// Keep the load at most 0.7; grow by doubling and re-insert every position.
void Transcript::indexInsert(Pos x) {
  if ((std::size_t{x} + 1) * 10 > slots_.size() * 7) {
    slots_.assign(std::max<std::size_t>(16, slots_.size() * 2), 0);
    for (Pos p = 0; p < x; ++p) indexInsert(p);
  }
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = slotFor(MessageIdHash{}(ids_[x]), mask);
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = x + 1;
}

std::uint32_t Transcript::nextStamp() const {
  if (++stamp_ == 0) {  // wrapped: clear every mark once
    for (std::size_t i = 0; i < mark_.size(); ++i) mark_[i] = 0;
    stamp_ = 1;
  }
  return stamp_;
}

Pos Transcript::edgeChild(std::uint32_t e) const noexcept {
  // parentBegin_ is non-decreasing: the child is the last x with parentBegin_[x] <= e.
  std::size_t lo = 0, hi = ids_.size();  // parentBegin_[lo] <= e < parentBegin_[hi]
  while (hi - lo > 1) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (parentBegin_[mid] <= e)
      lo = mid;
    else
      hi = mid;
  }
  return static_cast<Pos>(lo);
}

std::optional<TranscriptError> Transcript::checkStateless(const Message& msg) const {
  MemberIdx author = 0;
  std::vector<std::uint64_t> rbits(words_, 0);
  return intern(msg, author, rbits);
}

// The checks that need no other message (C-2, C-8 readers, membership); also
// interns the author and the readers (each member ID is looked up once).
std::optional<TranscriptError> Transcript::intern(const Message& msg, MemberIdx& author,
                                                  std::vector<std::uint64_t>& rbits) const {
  const auto a = members_.find(msg.author);
  if (!a)
    return err(TranscriptErrorCode::UnknownMember, {msg.id}, "author is not a member of this subsession");
  author = *a;
  if (msg.readersAreOthers) {
    for (std::size_t i = 0; i < nMembers_; ++i)
      if (i != author) bits::set(rbits, static_cast<MemberIdx>(i));
  }
  // Readers usually come in member order (every member but the author): try
  // the next member by position first, then the hash lookup.
  std::size_t guess = 0;
  const std::span<const std::string> listed =
      msg.readersAreOthers ? std::span<const std::string>{} : std::span<const std::string>(msg.readers);
  for (const auto& r : listed) {
    if (guess == author) ++guess;
    std::optional<MemberIdx> i;
    if (guess < nMembers_ && members_.name(static_cast<MemberIdx>(guess)) == r)
      i = static_cast<MemberIdx>(guess);
    else
      i = members_.find(r);
    if (i) guess = std::size_t{*i} + 1;
    if (!i)
      return err(TranscriptErrorCode::UnknownMember, {msg.id}, "reader is not a member of this subsession");
    if (*i == author)
      return err(TranscriptErrorCode::AuthorInReaders, {msg.id}, "message sent to its own author");
    bits::set(rbits, *i);
  }
  // Anti-chain parents have pairwise distinct authors (C-5 + C-6), so more
  // parents than members is always invalid; checking it here also bounds the
  // quadratic checks below and the buffer's per-message bookkeeping.
  if (msg.parents.size() > nMembers_)
    return err(TranscriptErrorCode::NotAntichain, {msg.id}, "more parents than members");
  for (std::size_t i = 0; i < msg.parents.size(); ++i) {
    if (msg.parents[i] == msg.id)
      return err(TranscriptErrorCode::SelfParent, {msg.id}, "message references itself");
    for (std::size_t j = 0; j < i; ++j)
      if (msg.parents[i] == msg.parents[j])
        return err(TranscriptErrorCode::DuplicateParent, {msg.parents[i]}, "parent listed twice");
  }
  return std::nullopt;
}

std::vector<MessageId> Transcript::missingParents(const Message& msg) const {
  std::vector<MessageId> out;
  for (const auto& p : msg.parents)
    if (!contains(p)) out.push_back(p);
  return out;
}

bool Transcript::sameContent(Pos p, const Message& msg, std::span<const std::uint64_t> rbits) const {
  if (author(p) != msg.author || bodyType_[p] != static_cast<std::uint8_t>(msg.bodyType) ||
      bodyTag_[p] != msg.bodyTag)
    return false;
  const auto rb = readerBits(p);
  if (!std::equal(rb.begin(), rb.end(), rbits.begin(), rbits.end())) return false;
  const std::uint32_t b = parentBegin_[p], e = parentBegin_[p + 1];
  if (e - b != msg.parents.size()) return false;
  for (std::uint32_t k = b; k < e; ++k)
    if (ids_[edgeParent_[k]] != msg.parents[k - b]) return false;
  return true;
}

Expected<AddResult, TranscriptError> Transcript::add(const Message& msg) {
  // ---- stateless sanity (C-2, C-8, membership) ----
  MemberIdx u = 0;
  auto& rbits = rbitsScratch_;
  rbits.assign(words_, 0);
  if (auto e = intern(msg, u, rbits)) return fail(std::move(*e));

  // ---- duplicate (C-8, C-17, A-16) ----
  if (auto dup = find(msg.id)) {
    if (!sameContent(*dup, msg, rbits))
      return fail(
          err(TranscriptErrorCode::IdConflict, {msg.id}, "message ID already used with different content"));
    AddResult r;
    r.status = AddResult::Status::Duplicate;
    r.pos = *dup;
    r.context = contextVector(*dup);
    r.noReaders = bits::none(readerBits(*dup));
    return r;
  }

  // ---- C-4: parents exist ----
  auto& parents = parentScratch_;
  parents.clear();
  {
    std::vector<MessageId> missing;
    for (const auto& pid : msg.parents) {
      auto p = find(pid);
      if (p)
        parents.push_back(*p);
      else
        missing.push_back(pid);
    }
    if (!missing.empty())
      return fail(
          err(TranscriptErrorCode::MissingParents, std::move(missing), "parents not in the transcript yet"));
  }

  // ---- C-7: the author could see every parent ----
  {
    std::vector<MessageId> secret;
    for (Pos p : parents)
      if (author_[p] != u && !bits::test(readerBits(p), u)) secret.push_back(ids_[p]);
    if (!secret.empty())
      return fail(err(TranscriptErrorCode::ParentNotVisible, std::move(secret),
                      "references messages its author was not sent"));
  }

  // ---- C-5: parents form an anti-chain ----
  // Two parents by the same author are always comparable (by(u) is a chain):
  // report them as such; k ≤ #members is already guaranteed by intern().
  {
    for (std::size_t i = 0; i < parents.size(); ++i)
      for (std::size_t j = 0; j < i; ++j) {
        const Pos p = parents[i], q = parents[j];
        if (author_[p] != author_[q]) continue;
        const Pos lo = seq_[q] < seq_[p] ? q : p, hi = seq_[q] < seq_[p] ? p : q;
        return fail(err(TranscriptErrorCode::NotAntichain, {ids_[lo], ids_[hi]},
                        "parents are not an anti-chain (same author twice)"));
      }
    // parents[i] ≤ parents[j] ⇔ ctx[parents[j]][author(parents[i])] ≥ seq(parents[i]):
    // each row j is located once (issue 12: this was a sixth of an insert).
    for (std::size_t j = 0; j < parents.size(); ++j) {
      const auto row = ctx_.view(parents[j]);
      for (std::size_t i = 0; i < parents.size(); ++i)
        if (i != j && row[author_[parents[i]]] >= seq_[parents[i]])
          return fail(err(TranscriptErrorCode::NotAntichain, {ids_[parents[i]], ids_[parents[j]]},
                          "parent " + shortHex(ids_[parents[i]]) + " is an ancestor of parent " +
                              shortHex(ids_[parents[j]])));
    }
  }

  // ---- context (§1.2 safe rule: max over all parents, never "the parent by u") ----
  std::vector<std::uint32_t> context(nMembers_, 0);
  for (Pos p : parents) {
    ctx_.maxInto(p, context);
  }

  // ---- C-6 / C-9: by(u) stays a chain ----
  const auto& mine = byAuthor_[u];
  if (context[u] < mine.size()) {
    // m does not descend from u's previous message: u signed two concurrent
    // messages. The fork sibling is the first message by u that m has not seen.
    const Pos sibling = mine[context[u]];
    return fail(err(TranscriptErrorCode::Fork, {ids_[sibling], msg.id},
                    "does not reference prev-sent " + shortHex(ids_[mine.back()]) + ": author fork with " +
                        shortHex(ids_[sibling])));
  }

  // ---- commit (nothing below can fail on peer input) ----
  const Pos x = static_cast<Pos>(ids_.size());
  const std::optional<Pos> prevU = latestBy(u);
  const auto mySeq = static_cast<std::uint32_t>(mine.size() + 1);
  context[u] = mySeq;

  ids_.push_back(msg.id);
  indexInsert(x);
  author_.push_back(u);
  seq_.push_back(mySeq);
  bodyType_.push_back(static_cast<std::uint8_t>(msg.bodyType));
  bodyTag_.push_back(msg.bodyTag);
  for (Pos p : parents) {
    const auto e = static_cast<std::uint32_t>(edgeParent_.size());
    edgeParent_.push_back(p);
    edgeNextChild_.push_back(firstChildEdge_[p]);
    firstChildEdge_[p] = e;
  }
  parentBegin_.push_back(static_cast<std::uint32_t>(edgeParent_.size()));
  firstChildEdge_.push_back(kNoEdge);
  ctx_.push(context);
  readers_.push(rbits);
  unackby_.push(rbits);
  byAuthor_[u].push_back(x);
  mark_.push_back(0);

  // max(G): drop the parents (marked: O(|max| + k), not O(|max| · k)), add m.
  const std::uint32_t stamp = nextStamp();
  for (Pos p : parents) mark_[p] = stamp;
  std::erase_if(max_, [&](Pos p) { return mark_[p] == stamp; });
  max_.push_back(x);

  AddResult out;
  out.pos = x;
  out.noReaders = bits::none(rbits);
  ++unackedCount_;
  ackWalk(x, u, prevU, out);
  if (out.noReaders) {
    --unackedCount_;
    out.fullyAcked.push_back(msg.id);  // x is the largest position
  }
  out.context = std::move(context);
  return out;
}

// Remove u from unackby(a) for every ancestor a of x that u had not acked
// yet: the ancestors of x that are not ancestors of prevU (u's previous
// message; those were handled when prevU was added). With mpENC's readers =
// members − author this is exactly "stop where unackby no longer contains u",
// and it stays correct if some reader sets were smaller.
//
// No graph walk is needed: by(w) is a chain and context(x)[w] is the latest
// message by w that x descends from, so anc(x) ∩ by(w) is the prefix of by(w)
// of length ctx[x][w], and anc(x) \ anc(prevU) is the union over w of
// by(w)[ctx[prevU][w] .. ctx[x][w]). O(#members + #new ancestors), no edges,
// no marks (issue 12: insert cost with 50 authors).
void Transcript::ackWalk(Pos x, MemberIdx u, std::optional<Pos> prevU, AddResult& out) {
  // First pass: the ranges and how many positions they hold (one allocation
  // for ackProgress instead of regrowing it).
  auto& ranges = rangeScratch_;
  ranges.clear();
  std::size_t count = 0;
  const std::optional<ContextRows::RowView> prevRow =
      prevU ? std::optional<ContextRows::RowView>(ctx_.view(*prevU)) : std::nullopt;
  const auto xRow = ctx_.view(x);
  for (std::size_t w = 0; w < nMembers_; ++w) {
    const std::uint32_t from = prevRow ? (*prevRow)[w] : 0;
    std::uint32_t to = xRow[w];
    if (w == u && to > 0) --to;  // x itself
    if (from >= to) continue;
    ranges.push_back({static_cast<MemberIdx>(w), from, to});
    count += to - from;
  }
  out.ackProgress.reserve(count);
  auto& becameFull = fullScratch_;
  becameFull.clear();
  Pos lo = x;
  for (const auto& r : ranges) {
    const auto& chain = byAuthor_[r.author];
    for (std::uint32_t k = r.from; k < r.to; ++k) {
      const Pos a = chain[k];
      auto ub = unackBitsMut(a);
      if (!bits::test(ub, u)) continue;
      bits::clear(ub, u);
      out.ackProgress.push_back(a);
      lo = std::min(lo, a);
      if (bits::none(ub)) becameFull.push_back(a);
    }
  }
  sortPositions(out.ackProgress, lo, x);
  if (becameFull.size() > 1) std::sort(becameFull.begin(), becameFull.end());
  unackedCount_ -= becameFull.size();
  if (becameFull.empty()) return;  // the usual case: no allocation
  out.fullyAcked.reserve(becameFull.size() + 1);
  for (Pos p : becameFull) out.fullyAcked.push_back(ids_[p]);
}

// The positions are distinct and in [lo, hi). Usually they span a window a
// few times their number (the messages the author had not acked yet): then a
// bitmap of the window sorts them in O(window / 64 + count); else std::sort.
void Transcript::sortPositions(std::vector<Pos>& v, Pos lo, Pos hi) const {
  if (v.size() < 2) return;
  const std::size_t span = hi - lo;
  if (span > 256 * v.size()) {
    std::sort(v.begin(), v.end());
    return;
  }
  auto& bitmap = bitmapScratch_;
  bitmap.assign((span + 63) / 64, 0);
  for (Pos p : v) bitmap[(p - lo) / 64] |= std::uint64_t{1} << ((p - lo) % 64);
  std::size_t i = 0;
  for (std::size_t wi = 0; wi < bitmap.size(); ++wi)
    for (std::uint64_t word = bitmap[wi]; word != 0; word &= word - 1)
      v[i++] = lo + static_cast<Pos>(wi * 64 + static_cast<std::size_t>(std::countr_zero(word)));
}

std::vector<Pos> Transcript::parents(Pos p) const {
  std::vector<Pos> out;
  for (std::uint32_t k = parentBegin_[checked(p)]; k < parentBegin_[p + 1]; ++k)
    out.push_back(edgeParent_[k]);
  return out;
}

std::vector<Pos> Transcript::children(Pos p) const {
  std::vector<Pos> out;
  for (std::uint32_t e = firstChildEdge_[checked(p)]; e != kNoEdge; e = edgeNextChild_[e])
    out.push_back(edgeChild(e));
  std::reverse(out.begin(), out.end());  // accept order
  return out;
}

std::vector<std::string> Transcript::readers(Pos p) const {
  (void)checked(p);
  std::vector<std::string> out;
  for (MemberIdx i : bits::members(readerBits(p))) out.push_back(members_.name(i));
  return out;
}

bool Transcript::isReader(Pos p, MemberIdx u) const {
  (void)checked(p);
  return u < nMembers_ && bits::test(readerBits(p), u);
}

bool Transcript::isAncestor(Pos a, Pos b) const {
  (void)checked(a);
  (void)checked(b);
  return le(a, b);
}

bool Transcript::isAncestor(const MessageId& a, const MessageId& b) const {
  auto pa = find(a), pb = find(b);
  return pa && pb && le(*pa, *pb);
}

std::vector<MessageId> Transcript::max() const {
  std::vector<Pos> m = max_;
  std::sort(m.begin(), m.end());
  std::vector<MessageId> out;
  out.reserve(m.size());
  for (Pos p : m) out.push_back(ids_[p]);
  return out;
}

void Transcript::walkAncestors(Pos p, const std::function<bool(Pos)>& visit) const {
  (void)checked(p);
  const std::uint32_t stamp = nextStamp();
  std::vector<Pos> queue = parents(p);
  for (std::size_t i = 0; i < queue.size(); ++i) {
    const Pos a = queue[i];
    if (mark_[a] == stamp) continue;
    mark_[a] = stamp;
    if (!visit(a)) continue;
    for (std::uint32_t k = parentBegin_[a]; k < parentBegin_[a + 1]; ++k) queue.push_back(edgeParent_[k]);
  }
}

std::vector<Pos> Transcript::ancestors(Pos p) const {
  std::vector<Pos> out;
  walkAncestors(p, [&](Pos a) {
    out.push_back(a);
    return true;
  });
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<MessageId> Transcript::byAuthor(std::string_view u) const {
  std::vector<MessageId> out;
  if (auto i = members_.find(u))
    for (Pos p : byAuthor_[*i]) out.push_back(ids_[p]);
  return out;
}

std::optional<Pos> Transcript::latestBy(MemberIdx u) const {
  const auto& v = byAuthor_.at(u);
  if (v.empty()) return std::nullopt;
  return v.back();
}

std::optional<Pos> Transcript::context(Pos p, MemberIdx u) const {
  (void)checked(p);
  if (u >= nMembers_) return std::nullopt;
  const std::uint32_t s = ctx_.at(p, u);
  if (s == 0) return std::nullopt;
  return byAuthor_[u][s - 1];
}

std::vector<std::uint32_t> Transcript::contextVector(Pos p) const {
  (void)checked(p);
  return ctx_.row(p);
}

std::vector<MemberIdx> Transcript::unackedByIdx(Pos p) const {
  (void)checked(p);
  return bits::members(unackBits(p));
}

std::vector<std::string> Transcript::unackedBy(Pos p) const {
  std::vector<std::string> out;
  for (MemberIdx i : unackedByIdx(p)) out.push_back(members_.name(i));
  return out;
}

bool Transcript::isFullyAcked(Pos p) const {
  (void)checked(p);
  return bits::none(unackBits(p));
}

bool Transcript::ackedBy(Pos p, MemberIdx u) const {
  (void)checked(p);
  if (u >= nMembers_) return false;
  if (author_[p] == u) return true;
  const auto last = latestBy(u);
  return last && *last != p && le(p, *last);
}

std::vector<std::pair<MemberIdx, std::optional<Pos>>> Transcript::diracks(Pos p) const {
  (void)checked(p);
  std::vector<std::pair<MemberIdx, std::optional<Pos>>> out;
  const MemberIdx a = author_[p];
  const std::uint32_t s = seq_[p];
  for (MemberIdx r : bits::members(readerBits(p))) {
    // context(x)[a] is non-decreasing along by(r): binary search the first x ≥ p.
    const auto& chain = byAuthor_[r];
    auto it = std::partition_point(chain.begin(), chain.end(), [&](Pos x) { return ctx_.at(x, a) < s; });
    out.emplace_back(r, it == chain.end() ? std::nullopt : std::optional<Pos>(*it));
  }
  return out;
}

std::vector<Pos> Transcript::unacked() const {
  std::vector<Pos> out;
  // Advance the cursor past the fully acked prefix (amortised O(1) per message).
  auto& cursor = firstMaybeUnacked_;
  while (cursor < ids_.size() && bits::none(unackBits(cursor))) ++cursor;
  for (Pos p = cursor; p < ids_.size(); ++p)
    if (!bits::none(unackBits(p))) out.push_back(p);
  return out;
}

std::size_t Transcript::memoryBytes() const {
  std::size_t n = members_.memoryBytes();
  n += slots_.capacity() * sizeof(Pos);
  n += ids_.memoryBytes() + author_.memoryBytes() + seq_.memoryBytes() + bodyType_.memoryBytes() +
       bodyTag_.memoryBytes() + parentBegin_.memoryBytes() + edgeParent_.memoryBytes() +
       edgeNextChild_.memoryBytes() + firstChildEdge_.memoryBytes() + ctx_.memoryBytes() +
       readers_.memoryBytes() + unackby_.memoryBytes() + mark_.memoryBytes() + max_.capacity() * 4;
  n += byAuthor_.capacity() * sizeof(std::vector<Pos>);
  for (const auto& v : byAuthor_) n += v.capacity() * sizeof(Pos);
  return n;
}

}  // namespace mpenc::transcript
