// One encrypted room: a MucChannel and the core mpenc::session::Session that
// runs over it, driven by Qt's event loop.
//
//  - Channel events from the MucChannel go to Session::onChannelEvent in
//    channel order, stamped with a monotonic clock (QElapsedTimer).
//  - Session::advance runs from one single-shot QTimer, re-armed to
//    Session::nextDeadline() after every input.
//  - Static keys (staticKeyOf) and features (setPeerFeatures) come from the
//    capability each occupant advertises in its MUC presence.
//  - Every member's identity key is observed in the TrustStore (TOFU per real
//    JID when the room exposes it, else per occupant JID); a changed key is
//    reported loudly (keyObserved with KeyTrust::Changed).
//
// Reentrancy: the Session is never re-entered. Channel events that arrive
// while a Session call is on the stack (the MucChannel may emit synchronously
// from inside send() or kick()) are queued and fed after that call returns,
// in order. Every signal of this class is emitted from the same queue, after
// the Session call that produced it has returned, so a slot may call back
// into this object (send, include, …) directly.
//
// The UI talks to it through its signals and typed data: ActionResult,
// KeyInfo (with TrustStore::PeerKind), the presenter's LeaveReason,
// QString/QStringList, and core's SessionEvent (core data). Turning these into
// words or protocol strings is the front end's business (wording.h, the
// headless JSON).
#pragma once

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/session/session.h"
#include "ui/presentation/session_presenter.h"
#include "xmpp/mpenc_stanzas.h"
#include "xmpp/trust_store.h"

class QXmppPresence;

namespace mpenc::xmpp {

class AccountConnection;
class MucChannel;

/// Session settings a front end chooses (the rest comes from the account).
struct SessionHostOptions {
  /// MembershipConfig::autoIncludeJoiners (T-ES): include joiners automatically.
  bool autoIncludeJoiners = false;
  /// The consistency timers (defaults: [JS] values for XMPP).
  mpenc::session::Timing timing{};
  /// MembershipConfig::operationTimeout; nullopt = the default (25 s).
  std::optional<mpenc::session::Millis> operationTimeout;
  /// SessionConfig::chainAckTimeout; nullopt = the default ([JS] FA_INTV).
  std::optional<mpenc::session::Millis> chainAckTimeout;
  /// SessionConfig::joinTimeout (T-TO1); nullopt = the default.
  std::optional<mpenc::session::Millis> joinTimeout;
  /// Shortened timers for tests and benchmarks only: Timing::fromBase(500 ms,
  /// 2.5 s), a 5 s operation timeout, a 3 s chain-ack timeout and a 15 s
  /// join timeout.
  static SessionHostOptions fast(bool autoInclude);
};

class SessionHost : public QObject {
  Q_OBJECT

 public:
  enum class KeyTrust { New, Pinned, Verified, Changed, Unknown };
  Q_ENUM(KeyTrust)

  /// A member's identity key as the trust store sees it.
  struct KeyInfo {
    QString member;  ///< occupant JID
    QString peer;    ///< what trust is pinned to: real bare JID, else the occupant JID
    /// What `peer` is: the real bare JID (Jid) or the occupant JID (Nick).
    TrustStore::PeerKind kind = TrustStore::PeerKind::Nick;
    QString fingerprint;  ///< TrustStore::fingerprint of the key
    KeyTrust trust = KeyTrust::Unknown;
  };

  /// The outcome of a user action, as plain data. `error` is a short code
  /// ("not-in-channel", "no-subsession", "parting", "stopped", "send",
  /// "propose", "unknown-member", "busy"); `detail` is human-readable.
  struct ActionResult {
    bool ok = true;
    QString error;
    QString detail;
    QString messageId;  ///< send(): the new message's ID (hex)
  };

  /// `account` must outlive this object. `identity` is our Ed25519 identity
  /// key for this account; `trust` (optional, not owned) records keys.
  SessionHost(AccountConnection* account, const QString& roomJid, const QString& nick,
              const mpenc::crypto::Ed25519KeyPair& identity, const SessionHostOptions& options,
              TrustStore* trust = nullptr, QObject* parent = nullptr);
  ~SessionHost() override;

  // ---- user actions (see mpenc::session::Session) --------------------------
  void join();
  ActionResult send(const QString& text);
  ActionResult include(const QStringList& members);
  ActionResult exclude(const QStringList& members);
  ActionResult refresh();
  ActionResult abortOperation();
  ActionResult ackNow();
  ActionResult requestConsistency();
  void part();
  /// Mark `member`'s key verified when `fingerprint` (hex, spaces ignored)
  /// matches the key it advertises. False (and `detail`) otherwise.
  bool verify(const QString& member, const QString& fingerprint, QString* detail = nullptr);
  /// Accept `member`'s changed key without verifying it (re-pinned, unverified).
  bool acceptKey(const QString& member, QString* detail = nullptr);
  /// Change SessionHostOptions::autoIncludeJoiners for the running session
  /// (T-ES): read each time a member enters (MembershipConfig::rejoining).
  void setAutoIncludeJoiners(bool on) { options_.autoIncludeJoiners = on; }
  bool autoIncludeJoiners() const { return options_.autoIncludeJoiners; }

  // ---- queries ---------------------------------------------------------------
  const mpenc::session::Session& session() const { return *session_; }
  mpenc::session::SessionState state() const { return session_->state(); }
  QString roomJid() const;
  QString nick() const { return nick_; }
  /// Our member ID (occupant JID).
  QString selfJid() const;
  /// Occupants without the mpENC capability (not channel members).
  QStringList plainOccupants() const;
  /// Channel members (capability advertised), including us; empty when out.
  QStringList channelMembers() const;
  /// Whether we are a moderator of the room (kicking an excluded member needs it).
  bool isModerator() const;
  /// "room@service/nick" for a JID or a bare nick; empty (and `detail`) when it
  /// names nobody in the room or the session.
  QString resolveMember(const QString& jidOrNick, QString* detail = nullptr) const;
  QList<KeyInfo> keys() const;
  /// Our own fingerprint (TrustStore::fingerprint of our identity key).
  QString ownFingerprint() const;
  /// Milliseconds of the monotonic clock the session runs on.
  qint64 nowMs() const { return clock_.elapsed(); }
  /// The account this room belongs to.
  AccountConnection* account() const { return account_; }

 signals:
  /// Every notice of the session (subsession, membership and session level).
  void sessionEvent(const mpenc::session::SessionEvent& event);
  /// A member's identity key was observed (on entering, or when it changed).
  void keyObserved(const mpenc::xmpp::SessionHost::KeyInfo& key);
  /// A message that was NOT encrypted (never part of the transcript).
  void unencryptedMessage(const QString& from, const QString& text);
  void plainOccupantsChanged(const QStringList& occupants);
  /// A transport-level problem the channel ignored (malformed packet, …).
  void channelWarning(const QString& text);
  /// We left the room, for `reason`; `text` is the channel's technical
  /// description (the wording for users is leaveReasonText in wording.h).
  void roomLeft(mpenc::present::LeaveReason reason, const QString& text);
  void joinFailed(const QString& text);
  void kickFailed(const QString& member, const QString& text);

 private:
  using Millis = mpenc::session::Millis;
  Millis now() const { return Millis{clock_.elapsed()}; }
  void buildSession(const std::string& self);
  void onChannelEvent(const mpenc::session::ChannelEvent& ev);
  void onPresence(const QXmppPresence& p);
  void feed(const mpenc::session::ChannelEvent& ev);
  void noteMembers(const mpenc::session::MemberSet& members);
  void observeKey(const QString& member);
  /// Run `f` on the session with the reentrancy guard, then pump.
  template <class F>
  auto guarded(F&& f);
  void post(std::function<void()> emitter);
  void pump();
  void rearm();
  std::optional<mpenc::crypto::Ed25519Public> staticKeyOf(std::string_view member) const;
  ActionResult fromStatus(const mpenc::Status<mpenc::session::SessionError>& s) const;
  std::vector<std::string> resolveAll(const QStringList& members, QString* detail) const;
  /// include/exclude: resolve `members` (JIDs or nicks), then run `act` on them.
  ActionResult onMembers(
      const QStringList& members,
      const std::function<mpenc::Status<mpenc::session::SessionError>(const std::vector<std::string>&)>& act);

  AccountConnection* account_;
  QString nick_;
  mpenc::crypto::Ed25519KeyPair identity_;
  SessionHostOptions options_;
  TrustStore* trust_;
  Capability capability_;
  mpenc::crypto::SystemRng rng_;
  QElapsedTimer clock_;
  QTimer timer_;
  QMap<QString, QString> realJids_;  // occupant JID -> real bare JID (non-anonymous rooms)
  std::map<std::string, mpenc::crypto::Ed25519Public> knownKeys_;  // last key seen per member
  QMap<QString, KeyInfo> keys_;                                    // by occupant JID
  MucChannel* channel_ = nullptr;
  std::unique_ptr<mpenc::session::Session> session_;
  bool inSession_ = false;  // a Session call is on the stack
  bool pumping_ = false;
  std::deque<std::function<void()>> inbox_;   // session inputs, fed one at a time
  std::deque<std::function<void()>> outbox_;  // signal emissions
};

}  // namespace mpenc::xmpp

Q_DECLARE_METATYPE(mpenc::session::SessionEvent)
Q_DECLARE_METATYPE(mpenc::xmpp::SessionHost::KeyInfo)
Q_DECLARE_METATYPE(mpenc::present::LeaveReason)
