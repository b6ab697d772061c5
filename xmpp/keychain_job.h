// The OS keychain (QtKeychain) as the xmpp layer uses it: one bounded,
// synchronous job runner shared by identity keys (identity_store.cpp) and
// account passwords (password_store.cpp), and the one rule for whether the
// keychain may be used at all. QtKeychain's own plaintext fallback is never
// enabled. Secrets are never logged.
#pragma once

#include <QByteArray>
#include <QString>

namespace QKeychain {
class Job;
}

namespace mpenc::xmpp {

/// Built with QtKeychain (MPENC_HAVE_QTKEYCHAIN), `wanted`, and the
/// environment does not set MPENC_NO_KEYCHAIN (to anything but "0").
bool keychainAllowed(bool wanted);

/// The keychain service name of every entry this application writes.
inline constexpr char kKeychainService[] = "mpenc-chat";

struct KeychainResult {
  /// Unavailable: no keychain to talk to (no backend, no D-Bus session, …).
  /// Denied / TimedOut: a keychain exists but did not let us in (locked,
  /// refused, or an unlock prompt still open).
  enum class Status { Ok, NotFound, Unavailable, Denied, TimedOut } status = Status::Unavailable;
  QByteArray data;  ///< secret (read jobs): the caller wipes it
  QString message;  ///< QtKeychain's error text, never a secret
};

#ifdef MPENC_HAVE_QTKEYCHAIN
/// Runs `job` in a local event loop, bounded by 5 s (user input excluded).
/// The job deletes itself (now, or when it eventually finishes after a
/// timeout). Without a QCoreApplication: Unavailable.
KeychainResult runKeychainJob(QKeychain::Job* job, bool wantData);
#endif

}  // namespace mpenc::xmpp
