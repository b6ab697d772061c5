// The encrypted row format of the local history (architecture.md
// "Persistence"; issue 11 "History, encrypted at rest").
//
// One transcript item (message or inline notice) becomes one sealed payload:
//   plaintext = varint(len(body)) ‖ body (UTF-8) ‖ CBOR map of everything else
//   sealed    = XChaCha20-Poly1305(key, nonce, plaintext,
//                                  ad = "mpenc-history-row-v1" ‖ room tag ‖ seq (8 bytes, LE))
// The body comes first so that decoding can stop after it. Since schema v3 a
// second, separately sealed copy of each message body sits in its own compact
// table (`bodies`, AD "mpenc-history-body-v1" ‖ tag ‖ seq) so that search
// reads and decrypts only bodies (issue 11: 100,000 messages within 300 ms).
// The associated data binds a row to its room and its position: a row copied to
// another room or another place does not open.
//
// The storage key is derived from the account's identity seed (held in the OS
// keychain, or honestly in a 0600 file: identity_store.h) with BLAKE2b under a
// fixed personalisation, so history is readable only with that keychain and
// needs no second secret. Room tags are keyed hashes of the room JID: the file
// does not name the rooms in the clear.
//
// Session keys are never stored; nothing here is logged.
#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>
#include <cstdint>
#include <optional>
#include <span>

#include "ui/presentation/room_types.h"

namespace mpenc::xmpp::history {

inline constexpr std::size_t kKeyBytes = 32;
inline constexpr std::size_t kNonceBytes = 24;

/// The 32-byte storage key, in guarded memory, wiped on destruction.
class StorageKey {
 public:
  /// Derived from an Ed25519 identity seed (32 bytes).
  static StorageKey fromIdentitySeed(std::span<const std::uint8_t, 32> seed);
  /// A given key (tests, tools).
  static StorageKey fromBytes(std::span<const std::uint8_t, kKeyBytes> key);
  StorageKey(StorageKey&& other) noexcept;
  StorageKey& operator=(StorageKey&& other) noexcept;
  StorageKey(const StorageKey&) = delete;
  StorageKey& operator=(const StorageKey&) = delete;
  ~StorageKey();

  const std::uint8_t* data() const noexcept { return p_; }

 private:
  StorageKey();
  std::uint8_t* p_ = nullptr;
};

/// What one stored row holds: the item as the view drew it, with its parents
/// as absolute message ordinals of the room (not state rows).
struct StoredItem {
  mpenc::present::TranscriptItem item;  ///< item.parentRows = parent ordinals
  qint64 ordinal = -1;                  ///< message ordinal in the room's history; -1 for notices
  QString sessionId;                    ///< hex session ID the item belongs to (may be empty)
};

/// A keyed hash naming a room in the file (16 bytes).
QByteArray roomTag(const StorageKey& key, const QString& roomJid);

/// The associated data of row `seq` in room `tag`.
QByteArray rowAd(const QByteArray& tag, qint64 seq);
/// The associated data of the search copy of row `seq`'s body (schema v3:
/// table `bodies`): "mpenc-history-body-v1" ‖ tag ‖ seq (8 bytes, LE). A
/// separate label, so a body box never opens as a row and vice versa.
QByteArray bodyAd(const QByteArray& tag, qint64 seq);

/// Encode and seal; the nonce is random and returned in `*nonce`.
QByteArray sealItem(const StorageKey& key, const QByteArray& ad, const StoredItem& item, QByteArray* nonce);
/// Open and decode; nullopt when the row does not authenticate or does not parse.
std::optional<StoredItem> openItem(const StorageKey& key, const QByteArray& ad, const QByteArray& nonce,
                                   const QByteArray& sealed);
/// Open a row and return only its body text (search); nullopt as above.
std::optional<QString> openBody(const StorageKey& key, const QByteArray& ad, const QByteArray& nonce,
                                const QByteArray& sealed);

/// The search copy of a message body: sealed on its own (plaintext = the UTF-8
/// body), so search decrypts a few dozen bytes per message, not the row.
QByteArray sealBodyText(const StorageKey& key, const QByteArray& ad, const QString& body, QByteArray* nonce);
std::optional<QString> openBodyText(const StorageKey& key, const QByteArray& ad, const QByteArray& nonce,
                                    const QByteArray& sealed);

/// The row plaintext without the sealing (pure, no IO): encode, and decode
/// (nullopt when it does not parse). Fuzzed by tests/fuzz/fuzz_history.cpp.
QByteArray encodeRowPlain(const StoredItem& item);
std::optional<StoredItem> decodeRowPlain(const QByteArray& plain);

/// Seal / open arbitrary bytes (the key check in the meta table).
QByteArray sealBytes(const StorageKey& key, const QByteArray& ad, const QByteArray& plain, QByteArray* nonce);
std::optional<QByteArray> openBytes(const StorageKey& key, const QByteArray& ad, const QByteArray& nonce,
                                    const QByteArray& sealed);

}  // namespace mpenc::xmpp::history
