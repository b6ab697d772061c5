// Fuzz target: the identity key file / keychain text (xmpp/identity_store.h,
// parseIdentityKeyText). Any input gives a key pair or a typed error
// (Corrupt / UnsupportedVersion) with a message; an accepted text is the
// canonical three-line format, ending with its public key (the final newline
// may be missing: the parser takes the end of the text as the end of a line,
// regressions/identity/no-final-newline.txt).
#include <QByteArray>
#include <QString>

#include "fuzz_driver.h"
#include "xmpp/identity_store.h"

void mpencFuzzOne(std::span<const std::uint8_t> data) {
  const QByteArray text(reinterpret_cast<const char*>(data.data()), static_cast<int>(data.size()));  // NOLINT
  QString error;
  auto kind = mpenc::xmpp::IdentityError::Io;
  auto kp = mpenc::xmpp::parseIdentityKeyText(text, &error, &kind);
  if (kp) {
    const auto pub = kp->publicKey();
    const QByteArray pub64 =
        QByteArray(reinterpret_cast<const char*>(pub.data()), static_cast<int>(pub.size()))
            .toBase64();  // NOLINT
    if (!text.endsWith(QByteArray(pub64 + '\n')) && !text.endsWith(pub64))
      mpencFuzzFailure("accepted key text does not end with its public key");
    if (!text.startsWith("mpenc-identity-v1\n")) mpencFuzzFailure("accepted key text without the v1 header");
  } else {
    if (error.isEmpty()) mpencFuzzFailure("rejected without a message");
    if (kind != mpenc::xmpp::IdentityError::Corrupt && kind != mpenc::xmpp::IdentityError::UnsupportedVersion)
      mpencFuzzFailure("rejected with a kind other than Corrupt/UnsupportedVersion");
  }
}
