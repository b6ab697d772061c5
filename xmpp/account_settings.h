// What an account connection needs: credentials, server, TLS policy and the
// reconnect policy. Plain data; the password is never logged or printed.
#pragma once

#include <QString>
#include <QtGlobal>

namespace mpenc::xmpp {

/// TLS for the client-to-server stream. Required is the default; the others
/// exist for loopback testing and must be chosen explicitly.
enum class TlsPolicy {
  Required,        ///< STARTTLS must succeed, certificate must verify (default)
  IfAvailable,     ///< use TLS when the server offers it (opportunistic)
  DisabledUnsafe,  ///< never use TLS: only for loopback servers in tests
};

/// Automatic reconnect after an unexpected disconnect: delays grow as
/// initial · factor^attempt up to `maxDelayMs`, with ± `jitter` (a fraction).
struct ReconnectPolicy {
  bool enabled = true;
  int initialDelayMs = 1000;
  int maxDelayMs = 60000;
  double factor = 2.0;
  double jitter = 0.1;

  /// Delay before reconnect attempt `attempt` (0-based), without jitter.
  int baseDelayMs(int attempt) const;
  /// With jitter applied from `unit` in [0, 1) (0.5 = no change); never below 1 ms or above the cap.
  int delayMs(int attempt, double unit) const;
};

struct AccountSettings {
  QString jid;       ///< user@domain (a resource is chosen by the server unless given)
  QString password;  ///< never logged
  QString host;      ///< optional: connect here instead of resolving the domain
  quint16 port = 0;  ///< optional: 0 = default (5222)
  TlsPolicy tls = TlsPolicy::Required;
  bool ignoreSslErrors = false;  ///< only for tests with self-signed certificates
  int keepAliveIntervalS = 60;   ///< XMPP ping interval (0 = no pings)
  int keepAliveTimeoutS = 20;    ///< no reply within this: the stream is dead
  /// An attempt whose XMPP stream is not up (TCP, TLS, authentication,
  /// session) within this is given up and retried with the backoff: a server
  /// or network that accepts the TCP connection and then answers nothing
  /// (QXmpp has no timeout of its own there; nor has TCP connect: minutes).
  int connectTimeoutS = 30;
  ReconnectPolicy reconnect;

  /// The timeout given to QXmpp: below the interval. QXmpp (1.4; later releases' PingManager alike)
  /// re-arms the timeout at every ping, so a timeout >= the interval never
  /// fires and a dead network would go unnoticed (measured on 1.4: 2 s / 3 s
  /// was still "connected" after 7 s without a reply).
  int effectiveKeepAliveTimeoutS() const;
};

}  // namespace mpenc::xmpp
