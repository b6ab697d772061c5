#include "xmpp/account_identity.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>

#include "xmpp/identity_store.h"
#include "xmpp/trust_store.h"

namespace mpenc::xmpp {

QString fingerprintOf(const mpenc::crypto::Ed25519Public& key) {
  return TrustStore::fingerprint(
      QByteArray(reinterpret_cast<const char*>(key.data()), static_cast<int>(key.size())));
}

std::optional<AccountIdentity> loadAccountIdentity(const QString& dataDir, bool useKeychain,
                                                   const QString& accountJid, QString* error) {
  if (!QDir().mkpath(dataDir)) {
    if (error)
      *error =
          QCoreApplication::translate("mpenc::xmpp::AccountIdentity", "Cannot create the data directory %1.")
              .arg(QDir::toNativeSeparators(dataDir));
    return std::nullopt;
  }
  IdentityStore store(dataDir, useKeychain);
  const QString bare = normalizeBareJid(accountJid);
  auto loaded = store.loadOrCreate(bare, error);
  if (!loaded) return std::nullopt;
  AccountIdentity out{std::move(loaded->key),  {},
                      loaded->created,         loaded->inKeychain,
                      store.keyFilePath(bare), loaded->warning};
  out.fingerprint = fingerprintOf(out.key.publicKey());
  return out;
}

}  // namespace mpenc::xmpp
