// Trust on first use for peers' identity keys (docs/xmpp-binding.md,
// "Identity keys and trust"; ux.md "Identity and trust").
//
// One entry per (our account's bare JID, peer, kind):
//  - kind Jid: the occupant's real bare JID, when the room exposes it
//    (normalised like an account JID: resource dropped, lower-cased);
//  - kind Nick: otherwise; an opaque string compared exactly. Nicks only mean
//    something inside one room, so callers should pass the occupant JID
//    room@service/nick rather than the bare nick.
//
// Rules:
//  - First sight of a peer pins its key (New).
//  - The pinned key again: Pinned, or Verified once the user compared
//    fingerprints out of band.
//  - A different key: Changed, every time it is seen, until the user accepts it
//    (acceptNewKey: re-pinned, unverified) or verifies it (verify with the new
//    key's fingerprint: re-pinned, verified). The old pin is kept meanwhile and
//    is never replaced silently. Seeing the pinned key again withdraws the
//    pending change.
//  - Keys that are not 32 bytes, and empty account/peer strings, are Invalid
//    and never pinned.
//
// Persisted as JSON in <dataDir>/trust.json (written atomically through
// QSaveFile, mode 0600). Public keys only: the store never sees a secret.
// A trust.json that does not parse is renamed aside to
// trust.json.corrupt-<UTC time> (load() reports Corrupt and names it); a file
// from a newer format is left in place and the store stays read-only. The
// format itself is parsed and written by xmpp/trust_codec.h.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMap>
#include <QString>
#include <optional>
#include <tuple>

namespace mpenc::xmpp {

class TrustStore {
 public:
  enum class Trust {
    New,       ///< first sight: the key is now pinned
    Pinned,    ///< the pinned key, not verified
    Verified,  ///< the pinned key, verified by the user
    Changed,   ///< a key other than the pinned one (the pin is kept): warn loudly
    Invalid,   ///< not a 32-byte key, or empty account/peer: nothing stored
  };
  enum class PeerKind { Jid, Nick };

  struct Observation {
    Trust trust = Trust::Invalid;
    QByteArray pinnedKey;  ///< the pin after this observation
    QByteArray seenKey;    ///< the key just observed
    QString fingerprint;   ///< fingerprint(seenKey)
  };

  /// What is stored about one peer.
  struct Entry {
    QByteArray pinnedKey;
    bool verified = false;  ///< refers to pinnedKey
    QByteArray pendingKey;  ///< a changed key not yet accepted; empty if none
    QDateTime firstSeen;    ///< when pinnedKey was pinned (UTC)
    QDateTime changedAt;    ///< when pendingKey was first seen (UTC); invalid if none
  };

  enum class ErrorKind { None, Io, Corrupt, UnsupportedVersion };
  struct Error {
    ErrorKind kind = ErrorKind::None;
    QString message;  ///< for the user; empty if kind == None
  };

  /// Loads <dataDir>/trust.json at once (see load(); result in loadError()).
  explicit TrustStore(QString dataDir);

  /// (Re)reads trust.json; a missing file is an empty store. On Corrupt the
  /// file has been renamed aside (message names it) and the store starts
  /// empty; on UnsupportedVersion, or Io (unreadable, or renaming aside
  /// failed), the store is empty and read-only so the file is never
  /// overwritten. Returns kind == None on success.
  Error load();
  /// The result of the last load().
  const Error& loadError() const { return loadError_; }
  /// True when changes cannot be saved (see load()); they still apply in memory.
  bool readOnly() const { return readOnly_; }

  Observation observe(const QString& account, const QString& peer, PeerKind kind,
                      const QByteArray& identityKey);
  /// The user typed/compared `fingerprintTyped` (spaces, ':' and '-' and case
  /// ignored) against the key currently seen from the peer (the pending key
  /// after a change, else the pin). On a match: verified, re-pinned to that
  /// key; true. Otherwise (or unknown peer) nothing changes; false.
  bool verify(const QString& account, const QString& peer, PeerKind kind, const QString& fingerprintTyped);
  /// Re-pin to the pending changed key, unverified. False if there is none.
  bool acceptNewKey(const QString& account, const QString& peer, PeerKind kind);
  /// The stored state, without observing anything.
  std::optional<Entry> entry(const QString& account, const QString& peer, PeerKind kind) const;

  /// The key as lowercase hex in groups of 8 characters separated by single
  /// spaces: a 32-byte key is 64 hex digits = 8 groups. The whole key, not a
  /// truncated hash, so two people reading it aloud compare every bit.
  static QString fingerprint(const QByteArray& key);

  QString filePath() const;
  /// The last failure to save (kind None if the last save worked).
  const Error& lastSaveError() const { return saveError_; }

 private:
  using Key = std::tuple<QString, QString, int>;  // account, peer, kind: trust::Key (trust_codec.h)
  std::optional<Key> makeKey(const QString& account, const QString& peer, PeerKind kind) const;
  bool save();

  QString dataDir_;
  QMap<Key, Entry> entries_;
  bool readOnly_ = false;
  Error loadError_;
  Error saveError_;
};

}  // namespace mpenc::xmpp
