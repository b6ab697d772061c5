// The trust store's file format (trust.json, see trust_store.h), as pure
// functions on bytes: no file IO, so that the fuzz target
// (tests/fuzz/fuzz_trust.cpp) and the unit tests can call the same parser
// TrustStore::load() uses.
//
//   {"format": "mpenc-trust-v1",
//    "entries": [{"account": "alice@example.com", "peer": "bob@example.org",
//                 "kind": "jid" | "nick", "key": <base64 of 32 bytes>,
//                 "verified": bool, "firstSeen": <ISO date, optional>,
//                 "pending": <base64 of 32 bytes, optional>,
//                 "changedAt": <ISO date, optional>}, …]}
//
// Strict: any deviation (not JSON, unknown format, a bad or non-normalised
// field, a duplicate entry) rejects the whole file; a format
// "mpenc-trust-v<other>" is a newer version, reported as such. Never throws.
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <optional>
#include <tuple>

#include "xmpp/trust_store.h"

namespace mpenc::xmpp::trust {

/// The largest trust.json accepted (a bigger one is corrupt).
inline constexpr qint64 kMaxFileSize = qint64{16} * 1024 * 1024;

/// (account, peer, kind) as stored: account normalised like a bare JID; peer
/// too for kind Jid, an exact string of at most 3071 characters for Nick.
using Key = std::tuple<QString, QString, int>;
using Entries = QMap<Key, TrustStore::Entry>;

/// The normalised key, or nullopt when account or peer is not usable.
std::optional<Key> makeKey(const QString& account, const QString& peer, TrustStore::PeerKind kind);

struct Parsed {
  enum class Status { Ok, Corrupt, Newer } status = Status::Corrupt;
  Entries entries;      ///< Ok only
  QString problem;      ///< Corrupt: what is wrong, e.g. "entry 3: bad key" (not translated)
  QString newerFormat;  ///< Newer: the format string (at most 64 characters)
};

/// Parses the bytes of a trust.json.
Parsed parseTrustFile(const QByteArray& data);

/// The trust.json bytes of `entries` (what TrustStore saves). Times are
/// written in UTC with second precision; entries whose key does not satisfy
/// makeKey() would not parse back and must not be passed.
QByteArray encodeTrustFile(const Entries& entries);

}  // namespace mpenc::xmpp::trust
