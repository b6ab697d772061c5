// What the room window shows, as plain Qt data: transcript items (messages and
// inline notices), members, the summary indicators (U-20) and the room status.
//
// This is the presentation model shared by every front end of a room: the
// SessionPresenter (ui/presentation/session_presenter.h) fills it from the
// engine's notices, the widgets in ui/room/ draw it. No core/ or QXmpp types
// appear here, so ui/room/ never sees the engine or the transport.
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace mpenc::present {

/// Key verification state of a member (TOFU, protocol docs/xmpp-binding.md).
enum class Trust {
  Unknown,     ///< no key advertised / not observed yet
  Unverified,  ///< pinned on first use (or re-pinned after an accepted change), not verified
  Verified,    ///< the user compared fingerprints out of band
  Changed,     ///< the key differs from the one pinned: loud until verified or accepted
};

/// Ack state of one message as the user sees it (U-15/U-16).
enum class AckState {
  Young,       ///< not fully acked yet, within the grace period: quiet
  Waiting,     ///< W-3: not fully acked after the grace period; `unackedBy` lists who is missing
  FullyAcked,  ///< every reader acknowledged it
};

/// A mark attached to a message. Permanent marks (W-6, W-7, W-11; U-18) never
/// go away; a W-3 mark is cleared (removed) when the full ack arrives late.
struct MessageMark {
  QString code;  ///< "W-3", "W-6", "W-7", "W-11", "W-1", "W-4" …
  QString text;  ///< neutral wording (U-14)
  bool permanent = false;
};

enum class Severity { Info, Success, Progress, Warning, Fatal };

/// Kinds of inline notices in the stream (U-5, U-7, U-8, U-10, U-14, U-22).
enum class NoticeKind {
  SessionStarted,      ///< encrypted session established / new subsession (members listed)
  SessionEnded,        ///< a subsession or the session ended
  OperationProposed,   ///< a membership proposal was sent (ours) or seen
  OperationAccepted,   ///< our proposal was accepted (the operation runs)
  OperationRejected,   ///< our proposal lost / was refused (U-11: no automatic retry)
  OperationStarted,    ///< an operation started (anyone's), with who is added / removed
  OperationFailed,     ///< the running operation failed (member left, aborted, …)
  OperationSucceeded,  ///< "Frank joined the encrypted session" / "Dave was removed"
  JoinRequest,         ///< U-10: an occupant entered outside an operation: offer to include
  KeyChanged,          ///< a member's identity key changed
  Warning,             ///< a session-level warning (W-1, W-2, W-4, W-8, W-9, W-11)
  Fatal,               ///< W-5 / W-10: the session stopped (U-22)
  Info,                ///< anything else worth a line (joined the room, left, reconnecting…)
};

/// One row of the transcript: a displayed message or an inline notice.
/// Items are only ever appended (U-1); an existing item's ack state and marks
/// change in place (itemChanged).
struct TranscriptItem {
  enum class Kind { Message, Notice } kind = Kind::Message;

  // ---- message ----
  QString id;          ///< message ID (hex); empty for notices
  QString author;      ///< member ID (occupant JID)
  QString authorName;  ///< display name (the nick)
  bool own = false;
  bool mentionsMe = false;  ///< someone else's message naming our nick (highlighted, notified)
  QString text;
  QDateTime received;                ///< local receipt time (U-23)
  std::optional<QDateTime> claimed;  ///< the sender's claimed time (U-23; v1 peers send none)
  int messageRow = -1;               ///< index among message items only (the engine's log row)
  QVector<int> parentRows;           ///< display parents as message rows (C-22), ascending
  QVector<int> offsets;              ///< U-2 "[k]" (message rows up); empty = no marker
  QStringList readers;               ///< the message's membership (U-6)
  bool differentMembership = false;  ///< U-6: readers differ from the membership shown at this place
  QStringList unackedBy;             ///< live (U-16)
  AckState ack = AckState::Young;
  QVector<MessageMark> marks;
  int subsession = 0;

  // ---- notice ----
  NoticeKind notice = NoticeKind::Info;
  Severity severity = Severity::Info;
  QString code;  ///< "W-x" for warnings, else empty
  /// For actionable notices: the members concerned (U-10 "include", key changed …).
  QStringList members;
  /// The text of an action button the view offers ("Invite", "Start a new session"); empty = none.
  QString action;

  bool isMessage() const { return kind == Kind::Message; }
};

/// A person in the room: a session member, a channel member not (yet) in the
/// session, or a plain XMPP occupant without mpENC.
struct MemberInfo {
  QString id;    ///< occupant JID (the member ID)
  QString name;  ///< the nick
  bool self = false;
  bool inSession = false;  ///< member of the current encrypted session
  bool inRoom = true;      ///< present in the room (channel member or plain occupant)
  bool plain = false;      ///< occupant without the mpENC capability (plain XMPP client)
  Trust trust = Trust::Unknown;
  QString fingerprint;          ///< 8 groups of 8 hex digits; empty when unknown
  QString previousFingerprint;  ///< Trust::Changed: the pinned one
  bool responsive = true;       ///< U-19 / W-8
  int silentForS = 0;           ///< seconds since last heard, when not responsive
  QString pending;              ///< "being added" / "being removed" while an operation runs; else empty
};

/// U-20 summary indicators; each true = all is well.
struct Indicators {
  bool nothingMissing = true;      ///< (a) nothing held, nothing unreadable
  int held = 0;                    ///< messages waiting for earlier ones
  int unreadable = 0;              ///< packets not readable (W-2) / set aside (W-4) recently
  bool everyoneResponsive = true;  ///< (b)
  QStringList unresponsive;        ///< names
  bool allAcked = true;            ///< (c)
  int awaitingAcks = 0;            ///< messages not fully acked (after grace or not)
};

/// Where the room is, as one state a user can read.
enum class Phase {
  Offline,       ///< the account is not connected
  Joining,       ///< entering the room
  Establishing,  ///< in the room, the encrypted session is being set up / waiting to be included
  Alone,         ///< in the room, nobody else with mpENC: nothing to encrypt to yet
  Established,   ///< in an encrypted session with others
  Parting,       ///< leaving
  Left,          ///< not in the room (left, kicked, failed to join)
  Stopped,       ///< W-5 / W-10 ended the session (U-22): start a new one
};

struct RoomStatus {
  Phase phase = Phase::Offline;
  QString roomJid;
  QString title;          ///< short room name ("team")
  bool encrypted = true;  ///< false for a room used without mpENC (nobody advertises it)
  QString sessionId;      ///< hex of the current session ID, empty without one
  int members = 0;        ///< session members, us included
  QDateTime since;        ///< when the current session was established
  bool canSend = false;
  QString cannotSendReason;  ///< why sending is impossible (shown in the composer)
  QString operation;         ///< the running membership operation, human-readable; empty = none
  QString detail;            ///< a line for the header/banner (fatal error text, leave reason …)
  /// Establishing, and nobody is adding us (no operation running, T-TO1):
  /// waiting for a person, not progress; `detail` says what happens and what helps.
  bool waitingToBeIncluded = false;
  /// Largest message text (UTF-8 bytes) the composer accepts: v1 carries at
  /// most 32 KiB of padded plaintext (codec::kMaxTextBytes, 30 KiB, leaves
  /// room for parents and escaping; was 48 KiB, which the engine refused).
  int maxMessageBytes = 30 * 1024;
};

/// A message of the room's local history that matches a search.
struct HistoryMatch {
  qint64 key = -1;  ///< the message's ordinal in the room's history (for revealHistory)
  QString authorName;
  bool own = false;
  QDateTime received;
  QString text;
};

QString toString(Trust t);
QString toString(Phase p);

}  // namespace mpenc::present

Q_DECLARE_METATYPE(mpenc::present::TranscriptItem)
Q_DECLARE_METATYPE(mpenc::present::MemberInfo)
