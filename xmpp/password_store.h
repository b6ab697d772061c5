// Account passwords in the OS keychain (QtKeychain), and nowhere else.
//
// One keychain entry per account ("password-v1/<bare JID>", service
// "mpenc-chat"). Without a keychain (a build without QtKeychain, useKeychain
// false, or MPENC_NO_KEYCHAIN set in the environment) nothing is remembered:
// there is no plaintext password file, ever, and description() says so.
// Jobs run in a local event loop, at most 5 s each (keychain_job.h). The
// password is never logged; error texts come from QtKeychain and never carry it.
#pragma once

#include <QString>
#include <optional>

namespace mpenc::xmpp {

class PasswordStore {
 public:
  explicit PasswordStore(bool useKeychain = true);

  /// Whether passwords can be remembered at all.
  bool available() const { return enabled_; }
  /// Where a remembered password lives, for the user ("the system keychain",
  /// or why passwords are not remembered).
  QString description() const;

  /// The remembered password; nullopt when none (or no keychain: `*error` says why).
  std::optional<QString> read(const QString& accountJid, QString* error = nullptr) const;
  /// Remember it. False (and `*error`) when there is no keychain or it refused.
  bool write(const QString& accountJid, const QString& password, QString* error = nullptr);
  /// Forget it (no error when there was none).
  bool remove(const QString& accountJid, QString* error = nullptr);

 private:
  bool enabled_ = false;
};

}  // namespace mpenc::xmpp
