#include "xmpp/password_store.h"

#include <QCoreApplication>

#include "xmpp/identity_store.h"
#include "xmpp/keychain_job.h"

#ifdef MPENC_HAVE_QTKEYCHAIN
#if QT_VERSION_MAJOR >= 6
#include <qt6keychain/keychain.h>
#else
#include <qt5keychain/keychain.h>
#endif
#endif

namespace mpenc::xmpp {

namespace {

/// The translation context of the texts below (lupdate reads it too).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(mpenc::xmpp::PasswordStore)
};

#ifdef MPENC_HAVE_QTKEYCHAIN
QString entryKey(const QString& accountJid) {
  return QStringLiteral("password-v1/") + normalizeBareJid(accountJid);
}
#endif

QString noKeychain() {
#ifdef MPENC_HAVE_QTKEYCHAIN
  return Tr::tr("Passwords are not remembered: the system keychain is turned off for this profile.");
#else
  return Tr::tr("Passwords are not remembered: this build has no system keychain support.");
#endif
}

}  // namespace

PasswordStore::PasswordStore(bool useKeychain) : enabled_(keychainAllowed(useKeychain)) {}

QString PasswordStore::description() const {
  if (!enabled_) return noKeychain();
  return Tr::tr("Passwords are remembered in the system keychain.");
}

std::optional<QString> PasswordStore::read(const QString& accountJid, QString* error) const {
  if (!enabled_ || normalizeBareJid(accountJid).isEmpty()) {
    if (error) *error = noKeychain();
    return std::nullopt;
  }
#ifdef MPENC_HAVE_QTKEYCHAIN
  auto* job = new QKeychain::ReadPasswordJob(QLatin1String(kKeychainService));
  job->setKey(entryKey(accountJid));
  KeychainResult r = runKeychainJob(job, true);
  if (r.status == KeychainResult::Status::Ok) {
    QString pw = QString::fromUtf8(r.data);
    r.data.fill('\0');
    return pw;
  }
  if (error) {
    *error =
        r.status == KeychainResult::Status::NotFound
            ? Tr::tr("No password is remembered for this account.")
            : Tr::tr("Could not read the password from the system keychain (%1).").arg(r.message.left(200));
  }
  return std::nullopt;
#else
  return std::nullopt;
#endif
}

bool PasswordStore::write(const QString& accountJid, const QString& password, QString* error) {
  if (!enabled_ || normalizeBareJid(accountJid).isEmpty()) {
    if (error) *error = noKeychain();
    return false;
  }
#ifdef MPENC_HAVE_QTKEYCHAIN
  auto* job = new QKeychain::WritePasswordJob(QLatin1String(kKeychainService));
  job->setKey(entryKey(accountJid));
  job->setBinaryData(password.toUtf8());
  const KeychainResult r = runKeychainJob(job, false);
  if (r.status == KeychainResult::Status::Ok) return true;
  if (error)
    *error = Tr::tr("The system keychain did not store the password (%1); it is not remembered.")
                 .arg(r.message.left(200));
  return false;
#else
  Q_UNUSED(password)
  return false;
#endif
}

bool PasswordStore::remove(const QString& accountJid, QString* error) {
  if (!enabled_ || normalizeBareJid(accountJid).isEmpty()) return true;
#ifdef MPENC_HAVE_QTKEYCHAIN
  auto* job = new QKeychain::DeletePasswordJob(QLatin1String(kKeychainService));
  job->setKey(entryKey(accountJid));
  const KeychainResult r = runKeychainJob(job, false);
  if (r.status == KeychainResult::Status::Ok || r.status == KeychainResult::Status::NotFound) return true;
  if (error)
    *error = Tr::tr("Could not remove the password from the system keychain (%1).").arg(r.message.left(200));
  return false;
#else
  Q_UNUSED(error)
  return true;
#endif
}

}  // namespace mpenc::xmpp
