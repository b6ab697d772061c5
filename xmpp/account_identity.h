// An account's identity key, ready to use: loaded (or created) through
// IdentityStore, with its fingerprint and an honest description of where it
// is kept. Shared by the front ends (the window's XmppClient; the headless
// front end does the same steps in app/headless_commands.cpp).
#pragma once

#include <QString>
#include <optional>

#include "mpenc/crypto/primitives.h"

namespace mpenc::xmpp {

struct AccountIdentity {
  mpenc::crypto::Ed25519KeyPair key;
  QString fingerprint;      ///< TrustStore::fingerprint of the public key
  bool created = false;     ///< generated now
  bool inKeychain = false;  ///< else in a 0600 file under the data directory
  QString keyFile;          ///< the file fallback's path (whether used or not)
  QString warning;          ///< IdentityStore's warning; empty if none
};

/// TrustStore::fingerprint of an Ed25519 public key.
QString fingerprintOf(const mpenc::crypto::Ed25519Public& key);

/// Creates `dataDir` if needed, then IdentityStore(dataDir, useKeychain)
/// .loadOrCreate(bare JID of `accountJid`). nullopt and `*error` on failure.
std::optional<AccountIdentity> loadAccountIdentity(const QString& dataDir, bool useKeychain,
                                                   const QString& accountJid, QString* error);

}  // namespace mpenc::xmpp
