// The neutral user-facing wording of the engine's notices (C-15, U-14): every
// warning W-1 … W-11, the membership-operation notices, session start/end and
// the leave reasons. One place for the texts, shared by the room window (the
// SessionPresenter) and the headless front end (app/headless_events.cpp).
//
// Rules of the texts:
//  - never blame the author, a member, the server or the network: "has not
//    arrived", "could not be read", "has not acknowledged yet" (C-15, U-14);
//  - say what happened and, where the user can act, what to do;
//  - no automatic retry is ever offered for a rejected proposal (U-11).
// Every function returns a translated QString (context "mpenc::present"),
// except the stable machine codes (leaveReasonCode). Counts are "%n" plural
// forms: a program shows them right once it has installed at least the English
// plural forms (app/translations.h; mpenc-chat, headless included, and the GUI
// tests do), else Qt shows "3 message(s)".
// Names are passed in already formatted: the presenter passes nicks, the
// headless front end full member IDs.
#pragma once

#include <QByteArray>
#include <QSet>
#include <QString>
#include <QStringList>
#include <cstddef>

namespace mpenc::present {

enum class LeaveReason;  // session_presenter.h

/// The nick of an occupant JID room@service/nick (the resource part); the
/// whole string when it has none.
/// A 32-byte identity key as shown and compared by people: 8 groups of 8
/// lower-case hex digits (the one formatting; TrustStore::fingerprint uses it).
QString fingerprintText(const QByteArray& key);
QString nickOf(const QString& memberId);
/// Whether `text` mentions `nick` as a word (case-insensitive; "alice", "@alice",
/// "Alice:" count, "malice" does not). Empty nick: false.
bool mentions(const QString& text, const QString& nick);
/// Nicks of `ids`, in order.
QStringList nicksOf(const QStringList& ids);
/// "a, b, c" (the list separator of every text below).
QString joinNames(const QStringList& names);

// ---- warnings (protocol-rules.md §2.10) --------------------------------------
/// W-1: a message waits for `missing` earlier messages that have not arrived.
QString heldMessageLateText(const QString& author, std::size_t missing);
/// C-14: the missing message arrived (the W-1 is cancelled).
QString heldMessageResolvedText();
/// W-2: `count` packets could not be read.
QString undecryptableText(const QString& sender, std::size_t count);
/// W-3 as a sentence (headless, notices).
QString notFullyAckedText(const QString& author, const QStringList& unackedBy);
/// W-3 as a mark on the message itself (U-15).
QString notFullyAckedMark(const QStringList& unackedBy);
/// W-4; `why` is a technical reason ("rejected, …") or empty.
QString invalidMessageText(const QString& source, const QString& why = {});
/// W-5 (fatal, U-22).
QString forkDetectedText(const QString& author);
/// W-6 as a sentence, and as the permanent mark of each message (U-18).
QString finNotConfirmedText(std::size_t unconfirmed);
QString finNotConfirmedMark();
/// W-7 as a sentence, and as the permanent mark of the message (U-18).
QString contentAfterFinText(const QString& author);
QString contentAfterFinMark();
/// W-8 (U-19): nothing heard from `member` for `seconds`.
QString memberNotRespondingText(const QString& member, int seconds);
QString memberRespondingText(const QString& member);
/// "no response for N s" (U-19).
QString silentForText(int seconds);
/// W-9: the accepted initial packet's chain hash differs from ours.
QString chainMismatchText();
/// W-9: a member's chain-hash ack differs from our chain.
QString chainHashMismatchText(const QString& member);
/// W-9: chain-hash acks missing.
QString chainAckMissingText(const QStringList& missing);
/// W-10 (fatal, U-22).
QString transcriptBrokenText(std::size_t unknown);
/// W-10 with the recovery (docs/w10-insider-dos.md): `claimant` (a nick) is being removed, we go on.
QString transcriptBrokenContinuingText(std::size_t unknown, const QString& claimant);
/// W-11 as a sentence, and as the permanent mark of each message (U-18).
QString inconsistentDroppedText(std::size_t unacked);
QString inconsistentDroppedMark();
/// A signed error report of a member (e.g. the fork NACK of C-9).
QString peerErrorText(const QString& member, bool terminal);

// ---- keys ----------------------------------------------------------------------
/// Headless: `member`'s key is not the one pinned for `peer` (its JID or nick).
QString keyChangedText(const QString& member, const QString& peer);
/// Room window: `name`'s identity key changed (action: actionCompareKeys()).
QString keyChangedNotice(const QString& name);

// ---- membership operations (U-5, U-7, U-8, U-10, U-11) ----------------------------
QString proposalAcceptedText();
/// U-11: no automatic retry; a manual one is suggested. `outvoted`: another
/// proposal came first (else ours could not be carried out).
QString proposalRejectedText(bool outvoted);
/// An operation started. `initiator` empty = ours. `added` / `removed`: the
/// names that change (both empty = a key refresh); `youAdded` / `youRemoved`:
/// the operation includes / excludes us.
QString operationStartedText(const QString& initiator, const QStringList& added, const QStringList& removed,
                             bool youAdded, bool youRemoved);
/// U-8: our exclusion runs; messages still reach the members being removed.
QString excludeStillReachesText(const QStringList& removed);
QString operationSucceededText(const QStringList& included, const QStringList& excluded, bool youIncluded,
                               bool youExcluded);
enum class FailCause { MemberLeft, Aborted, TimedOut, SelfLeft };
QString operationFailedText(FailCause cause, const QStringList& who = {});
/// A timed-out change cancelled because these newcomers never answered (issue 14):
/// the session is unchanged, and they are not added automatically again.
QString nonResponderText(const QStringList& who);
/// U-10: they entered the room and are not in the encrypted session.
QString joinRequestText(const QStringList& names);
QString timeoutLeaveText();
QString packetRejectedText(const QString& sender);
QString reenteringText();
/// RoomStatus::detail while waiting to be included, before / after a T-TO1 re-entry.
QString waitingToBeIncludedText();
QString stillNotIncludedText();
QString peerLeavingText(const QString& member);
/// The running operation for the status line ("Adding Frank…").
QString operationStatusText(const QStringList& added, const QStringList& removed);
/// The member list's pending state.
QString beingAddedText();
QString beingRemovedText();

// ---- session lifecycle ------------------------------------------------------------
QString sessionStartedText(const QStringList& members);
/// After a membership change: who can read what is sent from now on (U-5, U-6).
QString readableByText(int members);
QString sessionEndedText(bool consistent);
QString leaveReasonText(LeaveReason reason, const QString& detail = {});
/// The stable machine code of a leave reason, never translated: "requested",
/// "kicked", "banned", "removed", "disconnected", "timeout" (the headless
/// protocol's `room`/`left` event, docs/headless.md).
QString leaveReasonCode(LeaveReason reason);
QString joinFailedText(const QString& detail);
QString unencryptedMessageText(const QString& from, const QString& text);
QString kickFailedText(const QString& member, const QString& detail);

// ---- why the composer cannot send ----------------------------------------------------
QString cannotSendOfflineText();
QString cannotSendNotJoinedText();
QString cannotSendAloneText();
QString cannotSendEstablishingText();
QString cannotSendPartingText();
QString cannotSendStoppedText();

// ---- action buttons ---------------------------------------------------------------
QString actionInvite();
QString actionStartNewSession();
QString actionCompareKeys();
/// W-8: remove the member that is not responding (U-19; §2.9: without its input).
QString actionRemoveFromSession();

/// The full-ack-once rule of the ack reports: a row's full ack is reported
/// once (from the log update or the FullyAcked notice, whichever comes
/// first), and once more when it cancels a W-3.
class FullAckOnce {
 public:
  /// Whether an ack report for `row` (its current `fullyAcked`) is to be made.
  bool report(std::size_t row, bool fullyAcked, bool afterWarning) {
    if (!fullyAcked) return true;
    const auto key = static_cast<qulonglong>(row);
    if (reported_.contains(key) && !afterWarning) return false;
    reported_.insert(key);
    return true;
  }
  void clear() { reported_.clear(); }

 private:
  QSet<qulonglong> reported_;
};

}  // namespace mpenc::present
