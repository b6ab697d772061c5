#include "xmpp/history_codec.h"

#include <sodium.h>

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QtEndian>
#include <cstring>
#include <new>
#include <utility>

namespace mpenc::xmpp::history {

using mpenc::present::AckState;
using mpenc::present::MessageMark;
using mpenc::present::NoticeKind;
using mpenc::present::Severity;
using mpenc::present::TranscriptItem;

namespace {

constexpr char kRowAd[] = "mpenc-history-row-v1";
constexpr char kBodyAd[] = "mpenc-history-body-v1";
constexpr std::size_t kMaxPlain = 4u << 20;  // a row never holds more than a few messages' worth

// CBOR map keys (small integers keep rows compact; never renumber).
enum Key : int {
  kKind = 1,
  kId,
  kAuthor,
  kAuthorName,
  kOwn,
  kReceived,
  kClaimed,
  kParents,
  kOffsets,
  kReaders,
  kDifferent,
  kUnacked,
  kAck,
  kMarks,
  kSubsession,
  kNotice,
  kSeverity,
  kCode,
  kMembers,
  kOrdinal,
  kSession,
  kMentions,
};

// Rows are written with integers only. QCborValue::toInteger() on a double
// out of the qint64 range is undefined behaviour (found by fuzz_history:
// tests/fuzz/regressions/history/cbor-double-out-of-range.bin), so anything
// but an integer reads as `fallback`.
qint64 intOf(const QCborValue& v, qint64 fallback = 0) {
  return v.isInteger() ? v.toInteger() : fallback;
}

QCborArray strings(const QStringList& l) {
  QCborArray a;
  for (const auto& s : l) a.append(s);
  return a;
}
QStringList stringsOf(const QCborValue& v) {
  QStringList out;
  for (const auto& e : v.toArray()) out << e.toString();
  return out;
}
QCborArray ints(const QVector<int>& l) {
  QCborArray a;
  for (int x : l) a.append(x);
  return a;
}
QVector<int> intsOf(const QCborValue& v) {
  QVector<int> out;
  for (const auto& e : v.toArray()) out << static_cast<int>(intOf(e));
  return out;
}

void putVarint(QByteArray& out, quint64 v) {
  while (v >= 0x80) {
    out.append(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.append(static_cast<char>(v));
}
// The body length prefix; false if truncated or absurd.
bool getVarint(const QByteArray& in, int* pos, quint64* v) {
  *v = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (*pos >= in.size()) return false;
    const auto b = static_cast<unsigned char>(in[(*pos)++]);
    *v |= static_cast<quint64>(b & 0x7f) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

// Qt's CBOR decoder allocates a string's declared length before it finds the
// input too short (seen with the fuzz target: ~20 MB zeroed for a 4 KiB row,
// 3 ms per row). A linear scan of every item head first: a definite string
// longer than what is left, or a container with more entries than bytes left,
// cannot be a row we wrote, and is refused without allocating.
bool cborLengthsFit(const QByteArray& in, int from) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.constData());
  const quint64 n = static_cast<quint64>(in.size());
  quint64 pos = static_cast<quint64>(from);
  while (pos < n) {
    const unsigned major = p[pos] >> 5U;
    const unsigned ai = p[pos] & 0x1fU;
    ++pos;
    quint64 arg = ai;
    if (ai >= 24 && ai <= 27) {
      const quint64 bytes = quint64{1} << (ai - 24);
      if (bytes > n - pos) return false;
      arg = 0;
      for (quint64 i = 0; i < bytes; ++i) arg = (arg << 8U) | p[pos + i];
      pos += bytes;
    } else if (ai >= 28 && ai <= 30) {
      return false;  // reserved
    }
    if (ai == 31 || major == 0 || major == 1 || major == 6 || major == 7) continue;
    if (arg > n - pos) return false;  // strings: their bytes; arrays and maps: >= 1 byte per entry
    if (major == 2 || major == 3) pos += arg;
  }
  return true;
}

QByteArray encodePlain(const StoredItem& s) {
  const TranscriptItem& it = s.item;
  QCborMap m;
  m.insert(kKind, it.isMessage() ? 1 : 2);
  if (it.isMessage()) {
    m.insert(kId, it.id);
    m.insert(kAuthor, it.author);
    m.insert(kAuthorName, it.authorName);
    if (it.own) m.insert(kOwn, true);
    if (it.mentionsMe) m.insert(kMentions, true);
    if (it.claimed) m.insert(kClaimed, it.claimed->toMSecsSinceEpoch());
    m.insert(kParents, ints(it.parentRows));
    if (!it.offsets.isEmpty()) m.insert(kOffsets, ints(it.offsets));
    m.insert(kReaders, strings(it.readers));
    if (it.differentMembership) m.insert(kDifferent, true);
    if (!it.unackedBy.isEmpty()) m.insert(kUnacked, strings(it.unackedBy));
    m.insert(kAck, static_cast<int>(it.ack));
    m.insert(kSubsession, it.subsession);
    m.insert(kOrdinal, s.ordinal);
  } else {
    m.insert(kNotice, static_cast<int>(it.notice));
    m.insert(kSeverity, static_cast<int>(it.severity));
    if (!it.code.isEmpty()) m.insert(kCode, it.code);
    if (!it.members.isEmpty()) m.insert(kMembers, strings(it.members));
  }
  m.insert(kReceived, it.received.toMSecsSinceEpoch());
  if (!it.marks.isEmpty()) {
    QCborArray marks;
    for (const MessageMark& k : it.marks) marks.append(QCborArray{k.code, k.text, k.permanent});
    m.insert(kMarks, marks);
  }
  if (!s.sessionId.isEmpty()) m.insert(kSession, s.sessionId);
  const QByteArray body = it.text.toUtf8();
  QByteArray out;
  putVarint(out, static_cast<quint64>(body.size()));
  out += body;
  out += m.toCborValue().toCbor();
  return out;
}

template <typename E>
E enumOf(const QCborValue& v, E last, E fallback) {
  const auto x = intOf(v, -1);
  return x >= 0 && x <= static_cast<qint64>(last) ? static_cast<E>(x) : fallback;
}

std::optional<StoredItem> decodePlain(const QByteArray& plain) {
  int pos = 0;
  quint64 len = 0;
  if (!getVarint(plain, &pos, &len) || len > static_cast<quint64>(plain.size() - pos)) return std::nullopt;
  StoredItem s;
  TranscriptItem& it = s.item;
  it.text = QString::fromUtf8(plain.constData() + pos, static_cast<int>(len));
  if (!cborLengthsFit(plain, pos + static_cast<int>(len))) return std::nullopt;
  QCborParserError err;
  const QCborValue v = QCborValue::fromCbor(plain.mid(pos + static_cast<int>(len)), &err);
  if (err.error != QCborError::NoError || !v.isMap()) return std::nullopt;
  const QCborMap m = v.toMap();
  const auto kind = intOf(m.value(kKind));
  if (kind != 1 && kind != 2) return std::nullopt;
  it.kind = kind == 1 ? TranscriptItem::Kind::Message : TranscriptItem::Kind::Notice;
  it.received = QDateTime::fromMSecsSinceEpoch(intOf(m.value(kReceived)));
  if (it.isMessage()) {
    it.id = m.value(kId).toString();
    it.author = m.value(kAuthor).toString();
    it.authorName = m.value(kAuthorName).toString();
    it.own = m.value(kOwn).toBool();
    it.mentionsMe = m.value(kMentions).toBool();
    if (m.contains(kClaimed)) it.claimed = QDateTime::fromMSecsSinceEpoch(intOf(m.value(kClaimed)));
    it.parentRows = intsOf(m.value(kParents));
    it.offsets = intsOf(m.value(kOffsets));
    it.readers = stringsOf(m.value(kReaders));
    it.differentMembership = m.value(kDifferent).toBool();
    it.unackedBy = stringsOf(m.value(kUnacked));
    it.ack = enumOf(m.value(kAck), AckState::FullyAcked, AckState::Young);
    it.subsession = static_cast<int>(intOf(m.value(kSubsession)));
    s.ordinal = intOf(m.value(kOrdinal), -1);
    if (s.ordinal < 0) return std::nullopt;
  } else {
    it.notice = enumOf(m.value(kNotice), NoticeKind::Info, NoticeKind::Info);
    it.severity = enumOf(m.value(kSeverity), Severity::Fatal, Severity::Info);
    it.code = m.value(kCode).toString();
    it.members = stringsOf(m.value(kMembers));
  }
  for (const auto& e : m.value(kMarks).toArray()) {
    const QCborArray a = e.toArray();
    it.marks.push_back(MessageMark{a.at(0).toString(), a.at(1).toString(), a.at(2).toBool()});
  }
  s.sessionId = m.value(kSession).toString();
  return s;
}

}  // namespace

QByteArray encodeRowPlain(const StoredItem& item) {
  return encodePlain(item);
}
std::optional<StoredItem> decodeRowPlain(const QByteArray& plain) {
  return decodePlain(plain);
}

// ---- the key -------------------------------------------------------------------------------

StorageKey::StorageKey() {
  if (sodium_init() < 0) throw std::bad_alloc();  // idempotent; needed before sodium_malloc
  p_ = static_cast<std::uint8_t*>(sodium_malloc(kKeyBytes));
  if (!p_) throw std::bad_alloc();
}
StorageKey::StorageKey(StorageKey&& other) noexcept : p_(other.p_) {
  other.p_ = nullptr;
}
StorageKey& StorageKey::operator=(StorageKey&& other) noexcept {
  if (this != &other) {
    if (p_) sodium_free(p_);  // sodium_free wipes
    p_ = other.p_;
    other.p_ = nullptr;
  }
  return *this;
}
StorageKey::~StorageKey() {
  if (p_) sodium_free(p_);
}

StorageKey StorageKey::fromIdentitySeed(std::span<const std::uint8_t, 32> seed) {
  StorageKey k;
  // BLAKE2b keyed by the seed, with a fixed message: one-way, domain-separated
  // from every other use of the identity key.
  static constexpr char kContext[] = "mpenc-chat local history storage key v1";
  crypto_generichash(k.p_, kKeyBytes, reinterpret_cast<const unsigned char*>(kContext), sizeof kContext - 1,
                     seed.data(), seed.size());
  return k;
}

StorageKey StorageKey::fromBytes(std::span<const std::uint8_t, kKeyBytes> key) {
  StorageKey k;
  std::memcpy(k.p_, key.data(), kKeyBytes);
  return k;
}

QByteArray roomTag(const StorageKey& key, const QString& roomJid) {
  const QByteArray jid = QByteArray("room:") + roomJid.toLower().toUtf8();
  QByteArray out(16, Qt::Uninitialized);
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), 16,
                     reinterpret_cast<const unsigned char*>(jid.constData()), static_cast<size_t>(jid.size()),
                     key.data(), kKeyBytes);
  return out;
}

namespace {
QByteArray labelledAd(const char* label, const QByteArray& tag, qint64 seq) {
  QByteArray ad(label);
  ad += tag;
  char le[8];
  qToLittleEndian<qint64>(seq, le);
  ad.append(le, 8);
  return ad;
}
}  // namespace

QByteArray rowAd(const QByteArray& tag, qint64 seq) {
  return labelledAd(kRowAd, tag, seq);
}

QByteArray bodyAd(const QByteArray& tag, qint64 seq) {
  return labelledAd(kBodyAd, tag, seq);
}

// ---- sealing -----------------------------------------------------------------------------------

QByteArray sealBytes(const StorageKey& key, const QByteArray& ad, const QByteArray& plain,
                     QByteArray* nonce) {
  nonce->resize(kNonceBytes);
  randombytes_buf(nonce->data(), kNonceBytes);
  QByteArray out(plain.size() + static_cast<int>(crypto_aead_xchacha20poly1305_ietf_ABYTES),
                 Qt::Uninitialized);
  unsigned long long n = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      reinterpret_cast<unsigned char*>(out.data()), &n,
      reinterpret_cast<const unsigned char*>(plain.constData()),
      static_cast<unsigned long long>(plain.size()), reinterpret_cast<const unsigned char*>(ad.constData()),
      static_cast<unsigned long long>(ad.size()), nullptr,
      reinterpret_cast<const unsigned char*>(nonce->constData()), key.data());
  out.resize(static_cast<int>(n));
  return out;
}

std::optional<QByteArray> openBytes(const StorageKey& key, const QByteArray& ad, const QByteArray& nonce,
                                    const QByteArray& sealed) {
  const auto abytes = static_cast<int>(crypto_aead_xchacha20poly1305_ietf_ABYTES);
  if (nonce.size() != static_cast<int>(kNonceBytes) || sealed.size() < abytes ||
      static_cast<std::size_t>(sealed.size()) > kMaxPlain + static_cast<std::size_t>(abytes))
    return std::nullopt;
  QByteArray out(sealed.size() - abytes, Qt::Uninitialized);
  unsigned long long n = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &n, nullptr,
          reinterpret_cast<const unsigned char*>(sealed.constData()),
          static_cast<unsigned long long>(sealed.size()),
          reinterpret_cast<const unsigned char*>(ad.constData()), static_cast<unsigned long long>(ad.size()),
          reinterpret_cast<const unsigned char*>(nonce.constData()), key.data()) != 0)
    return std::nullopt;
  out.resize(static_cast<int>(n));
  return out;
}

namespace {
/// Seal `plain` and wipe it.
QByteArray sealWiping(const StorageKey& key, const QByteArray& ad, QByteArray plain, QByteArray* nonce) {
  QByteArray sealed = sealBytes(key, ad, plain, nonce);
  sodium_memzero(plain.data(), static_cast<size_t>(plain.size()));
  return sealed;
}

/// Open, decode the plaintext with `decode` (returning an optional), wipe it.
template <class Decode>
auto openDecoding(const StorageKey& key, const QByteArray& ad, const QByteArray& nonce,
                  const QByteArray& sealed, Decode decode)
    -> decltype(decode(std::declval<const QByteArray&>())) {
  auto plain = openBytes(key, ad, nonce, sealed);
  if (!plain) return std::nullopt;
  auto out = decode(std::as_const(*plain));
  sodium_memzero(plain->data(), static_cast<size_t>(plain->size()));
  return out;
}
}  // namespace

QByteArray sealItem(const StorageKey& key, const QByteArray& ad, const StoredItem& item, QByteArray* nonce) {
  return sealWiping(key, ad, encodePlain(item), nonce);
}

std::optional<StoredItem> openItem(const StorageKey& key, const QByteArray& ad, const QByteArray& nonce,
                                   const QByteArray& sealed) {
  return openDecoding(key, ad, nonce, sealed, [](const QByteArray& plain) { return decodePlain(plain); });
}

std::optional<QString> openBody(const StorageKey& key, const QByteArray& ad, const QByteArray& nonce,
                                const QByteArray& sealed) {
  return openDecoding(key, ad, nonce, sealed, [](const QByteArray& plain) -> std::optional<QString> {
    int pos = 0;
    quint64 len = 0;
    if (!getVarint(plain, &pos, &len) || len > static_cast<quint64>(plain.size() - pos)) return std::nullopt;
    return QString::fromUtf8(plain.constData() + pos, static_cast<int>(len));
  });
}

QByteArray sealBodyText(const StorageKey& key, const QByteArray& ad, const QString& body, QByteArray* nonce) {
  return sealWiping(key, ad, body.toUtf8(), nonce);
}

std::optional<QString> openBodyText(const StorageKey& key, const QByteArray& ad, const QByteArray& nonce,
                                    const QByteArray& sealed) {
  return openDecoding(key, ad, nonce, sealed, [](const QByteArray& plain) -> std::optional<QString> {
    return QString::fromUtf8(plain);
  });
}

}  // namespace mpenc::xmpp::history
