#include "ui/presentation/wording.h"

#include <QCoreApplication>

#include "ui/presentation/session_presenter.h"

namespace mpenc::present {

namespace {

QString tr(const char* s) {
  return QCoreApplication::translate("mpenc::present", s);
}

/// A text with a count: "%n" is the number, and each language (English too,
/// resources/translations/mpenc-chat_en.ts) has its own plural forms.
QString tr(const char* s, const char* disambiguation, std::size_t n) {
  return QCoreApplication::translate("mpenc::present", s, disambiguation, static_cast<int>(n));
}

}  // namespace

QString fingerprintText(const QByteArray& key) {
  const QString hex = QString::fromLatin1(key.toHex());
  QString out;
  out.reserve(hex.size() + hex.size() / 8);
  for (int i = 0; i < hex.size(); i += 8) {
    if (i > 0) out.append(QLatin1Char(' '));
    out.append(hex.mid(i, 8));
  }
  return out;
}

QString nickOf(const QString& memberId) {
  const int slash = memberId.indexOf(QLatin1Char('/'));
  return slash >= 0 ? memberId.mid(slash + 1) : memberId;
}

bool mentions(const QString& text, const QString& nick) {
  if (nick.isEmpty()) return false;
  const auto isWordChar = [](QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_'); };
  for (qsizetype at = text.indexOf(nick, 0, Qt::CaseInsensitive); at >= 0;
       at = text.indexOf(nick, at + 1, Qt::CaseInsensitive)) {
    const qsizetype end = at + nick.size();
    const bool startOk = at == 0 || !isWordChar(text.at(at - 1));
    const bool endOk = end >= text.size() || !isWordChar(text.at(end));
    if (startOk && endOk) return true;
  }
  return false;
}

QStringList nicksOf(const QStringList& ids) {
  QStringList out;
  out.reserve(ids.size());
  for (const auto& id : ids) out << nickOf(id);
  return out;
}

QString joinNames(const QStringList& names) {
  return names.join(QStringLiteral(", "));
}

// ---- warnings ---------------------------------------------------------------------

QString heldMessageLateText(const QString& author, std::size_t missing) {
  return tr("A message from %1 is waiting for %n earlier message(s) that have not arrived yet.", nullptr,
            missing)
      .arg(author);
}

QString heldMessageResolvedText() {
  return tr("The earlier message arrived; nothing is waiting for it any more.");
}

QString undecryptableText(const QString& sender, std::size_t count) {
  return tr("%n packet(s) sent by %1 could not be read.", nullptr, count).arg(sender);
}

QString notFullyAckedText(const QString& author, const QStringList& unackedBy) {
  return tr("A message from %1 has not been acknowledged yet by: %2.").arg(author, joinNames(unackedBy));
}

QString notFullyAckedMark(const QStringList& unackedBy) {
  return tr("Not acknowledged yet by %1.").arg(joinNames(unackedBy));
}

QString invalidMessageText(const QString& source, const QString& why) {
  if (why.isEmpty())
    return tr("A message that arrived from %1 could not be accepted and was set aside.").arg(source);
  return tr("A message that arrived from %1 could not be accepted (%2) and was set aside.").arg(source, why);
}

QString forkDetectedText(const QString& author) {
  return tr("Two conflicting messages signed as %1 were received; this session cannot continue safely and "
            "has "
            "stopped.")
      .arg(author);
}

QString finNotConfirmedText(std::size_t unconfirmed) {
  return tr("The end of our conversation was not confirmed by everyone; %n message(s) remain unconfirmed.",
            nullptr, unconfirmed);
}

QString finNotConfirmedMark() {
  return tr("Not confirmed by everyone when the conversation ended.");
}

QString contentAfterFinText(const QString& author) {
  return tr("A message from %1 arrived after we closed the conversation; it is not part of the confirmed "
            "transcript.")
      .arg(author);
}

QString contentAfterFinMark() {
  return tr("Arrived after the conversation was closed; not part of the confirmed transcript.");
}

QString memberNotRespondingText(const QString& member, int seconds) {
  return tr("%1 is not responding: nothing has been heard from them for %2 s.").arg(member).arg(seconds);
}

QString memberRespondingText(const QString& member) {
  return tr("%1 is responding again.").arg(member);
}

QString silentForText(int seconds) {
  return tr("no response for %1 s").arg(seconds);
}

QString chainMismatchText() {
  return tr(
      "The membership history named by a new operation differs from the one seen here; the order of "
      "events may not be the same for everyone.");
}

QString chainHashMismatchText(const QString& member) {
  return tr("The membership history acknowledged by %1 differs from the one seen here.").arg(member);
}

QString chainAckMissingText(const QStringList& missing) {
  return tr("Confirmation of the membership history has not arrived from: %1.").arg(joinNames(missing));
}

QString transcriptBrokenText(std::size_t unknown) {
  return tr(
      "The new session refers to %n earlier message(s) that never arrived here; this session cannot "
      "continue safely and has stopped.",
      nullptr, unknown);
}

QString transcriptBrokenContinuingText(std::size_t unknown, const QString& claimant) {
  // C-15: says what happened, blames nobody (the network may have withheld them).
  return tr("%1's change of the session refers to %n earlier message(s) that never reached you, so earlier "
            "messages may be missing here. The session continues without %1; you can add %1 again after "
            "comparing notes.",
            nullptr, unknown)
      .arg(claimant);
}

QString inconsistentDroppedText(std::size_t unacked) {
  return tr("An earlier session ended before %n message(s) were confirmed by everyone.", nullptr, unacked);
}

QString inconsistentDroppedMark() {
  return tr("The session ended before everyone confirmed this message.");
}

QString peerErrorText(const QString& member, bool terminal) {
  if (terminal) return tr("%1 reported that this session cannot continue for them.").arg(member);
  return tr("%1 reported a problem with this session.").arg(member);
}

// ---- keys -----------------------------------------------------------------------------

QString keyChangedText(const QString& member, const QString& peer) {
  return tr("The identity key of %1 is not the one pinned for %2. Compare fingerprints with them out of band "
            "before trusting this session.")
      .arg(member, peer);
}

QString keyChangedNotice(const QString& name) {
  return tr("The identity key of %1 changed. Compare keys with them before trusting what they send.")
      .arg(name);
}

// ---- membership operations ---------------------------------------------------------------

QString proposalAcceptedText() {
  return tr("Your proposal was accepted; the change is in progress.");
}

QString proposalRejectedText(bool outvoted) {
  if (outvoted)
    return tr(
        "Your proposal was not carried out because another change came first. You can propose it again.");
  return tr("Your proposal could not be carried out. You can propose it again.");
}

QString operationStartedText(const QString& initiator, const QStringList& added, const QStringList& removed,
                             bool youAdded, bool youRemoved) {
  const bool ours = initiator.isEmpty();
  if (youRemoved) return tr("%1 is removing you from the encrypted session.").arg(initiator);
  if (youAdded) {
    if (added.isEmpty()) return tr("%1 is including you in the encrypted session.").arg(initiator);
    return tr("%1 is including you and %2 in the encrypted session.").arg(initiator, joinNames(added));
  }
  if (!added.isEmpty() && !removed.isEmpty()) {
    return ours ? tr("Adding %1 and removing %2…").arg(joinNames(added), joinNames(removed))
                : tr("%1 is adding %2 and removing %3…").arg(initiator, joinNames(added), joinNames(removed));
  }
  if (!added.isEmpty())
    return ours ? tr("Adding %1 to the encrypted session…").arg(joinNames(added))
                : tr("%1 is adding %2 to the encrypted session…").arg(initiator, joinNames(added));
  if (!removed.isEmpty())
    return ours ? tr("Removing %1 from the encrypted session…").arg(joinNames(removed))
                : tr("%1 is removing %2 from the encrypted session…").arg(initiator, joinNames(removed));
  return ours ? tr("Renewing the session key…") : tr("%1 is renewing the session key…").arg(initiator);
}

QString excludeStillReachesText(const QStringList& removed) {
  return tr("Until this is finished, new messages still go to %1 as well.").arg(joinNames(removed));
}

QString operationSucceededText(const QStringList& included, const QStringList& excluded, bool youIncluded,
                               bool youExcluded) {
  if (youExcluded) return tr("You were removed from the encrypted session.");
  if (youIncluded) {
    if (included.isEmpty()) return tr("You joined the encrypted session.");
    return tr("You and %1 joined the encrypted session.").arg(joinNames(included));
  }
  if (!included.isEmpty() && !excluded.isEmpty())
    return tr("%1 joined and %2 left the encrypted session.").arg(joinNames(included), joinNames(excluded));
  if (!included.isEmpty()) return tr("%1 joined the encrypted session.").arg(joinNames(included));
  if (!excluded.isEmpty()) return tr("%1 was removed from the encrypted session.").arg(joinNames(excluded));
  return tr("The session key was renewed.");
}

QString operationFailedText(FailCause cause, const QStringList& who) {
  switch (cause) {
    case FailCause::MemberLeft:
      if (who.isEmpty()) return tr("The membership change did not complete: a member left the room.");
      return tr("The membership change did not complete: %1 left the room.").arg(joinNames(who));
    case FailCause::Aborted:
      if (who.isEmpty()) return tr("The membership change was cancelled.");
      return tr("The membership change was cancelled by %1.").arg(joinNames(who));
    case FailCause::TimedOut:
      return tr(
          "The membership change did not complete in time and was cancelled. It can be proposed again.");
    case FailCause::SelfLeft:
      return tr("The membership change did not complete because you left the room.");
  }
  return {};
}

QString nonResponderText(const QStringList& who) {
  return tr("No answer from %1, so adding them was cancelled; the session goes on unchanged. They are not "
            "added automatically again until they re-enter the room, but you can still invite them.")
      .arg(joinNames(who));
}

QString joinRequestText(const QStringList& names) {
  return tr("%1 entered the room and is not in the encrypted session yet.").arg(joinNames(names));
}

QString timeoutLeaveText() {
  return tr("A membership change did not complete in time; leaving the room for a moment to recover.");
}

QString packetRejectedText(const QString& sender) {
  return tr("A membership message that arrived from %1 could not be used and was ignored.").arg(sender);
}

QString reenteringText() {
  return tr("Nobody included you yet; entering the room again to ask once more.");
}

QString waitingToBeIncludedText() {
  return tr(
      "Waiting for a member to add you to the encrypted session. They see that you entered and "
      "can add you; until then you cannot send.");
}

QString stillNotIncludedText() {
  return tr(
      "Nobody has added you to the encrypted session yet, also after entering the room again to ask "
      "once more. A member in the room can add you; mpENC Chat keeps asking now and then.");
}

QString peerLeavingText(const QString& member) {
  return tr("%1 is leaving the encrypted session.").arg(member);
}

QString operationStatusText(const QStringList& added, const QStringList& removed) {
  if (!added.isEmpty() && !removed.isEmpty())
    return tr("adding %1, removing %2").arg(joinNames(added), joinNames(removed));
  if (!added.isEmpty()) return tr("adding %1").arg(joinNames(added));
  if (!removed.isEmpty()) return tr("removing %1").arg(joinNames(removed));
  return tr("renewing the session key");
}

QString beingAddedText() {
  return tr("being added");
}

QString beingRemovedText() {
  return tr("being removed");
}

// ---- session lifecycle ----------------------------------------------------------------

QString sessionStartedText(const QStringList& members) {
  if (members.isEmpty()) return tr("Encrypted session established.");
  return tr("Encrypted session established with %1.").arg(joinNames(members));
}

QString readableByText(int members) {
  return tr("Messages from here on are readable by %n member(s).", nullptr,
            static_cast<std::size_t>(members));
}

QString sessionEndedText(bool consistent) {
  if (consistent) return tr("The encrypted session ended.");
  return tr("The encrypted session ended before everything in it was confirmed by everyone.");
}

QString leaveReasonText(LeaveReason reason, const QString& detail) {
  QString s;
  switch (reason) {
    case LeaveReason::Requested:
      s = tr("You left the room.");
      break;
    case LeaveReason::Kicked:
      s = tr("You were removed from the room.");
      break;
    case LeaveReason::Banned:
      s = tr("You may not enter this room any more.");
      break;
    case LeaveReason::Removed:
      s = tr("You are no longer in the room.");
      break;
    case LeaveReason::Disconnected:
      s = tr("The connection to the room was lost.");
      break;
    case LeaveReason::Timeout:
      s = tr("The room did not answer in time.");
      break;
  }
  if (!detail.isEmpty()) s += QLatin1Char(' ') + tr("(Details: %1.)").arg(detail);
  return s;
}

QString leaveReasonCode(LeaveReason reason) {
  switch (reason) {
    case LeaveReason::Requested:
      return QStringLiteral("requested");
    case LeaveReason::Kicked:
      return QStringLiteral("kicked");
    case LeaveReason::Banned:
      return QStringLiteral("banned");
    case LeaveReason::Removed:
      return QStringLiteral("removed");
    case LeaveReason::Disconnected:
      return QStringLiteral("disconnected");
    case LeaveReason::Timeout:
      return QStringLiteral("timeout");
  }
  return QStringLiteral("removed");
}

QString joinFailedText(const QString& detail) {
  if (detail.isEmpty()) return tr("Could not enter the room.");
  return tr("Could not enter the room: %1").arg(detail);
}

QString unencryptedMessageText(const QString& from, const QString& text) {
  return tr("Not encrypted, from %1: %2").arg(from, text);
}

QString kickFailedText(const QString& member, const QString& detail) {
  if (detail.isEmpty()) return tr("%1 could not be removed from the room.").arg(member);
  return tr("%1 could not be removed from the room: %2").arg(member, detail);
}

// ---- composer ---------------------------------------------------------------------------

QString cannotSendOfflineText() {
  return tr("Offline: waiting for the connection.");
}
QString cannotSendNotJoinedText() {
  return tr("Not in the room.");
}
QString cannotSendAloneText() {
  return tr("Nobody to encrypt to yet.");
}
QString cannotSendEstablishingText() {
  return tr("The encrypted session is being set up.");
}
QString cannotSendPartingText() {
  return tr("Leaving this encrypted session.");
}
QString cannotSendStoppedText() {
  return tr("This session stopped. Start a new session to continue.");
}

// ---- actions -----------------------------------------------------------------------------

QString actionInvite() {
  return tr("Invite");
}
QString actionStartNewSession() {
  return tr("Start a new session");
}
QString actionCompareKeys() {
  return tr("Compare keys");
}
QString actionRemoveFromSession() {
  return tr("Remove from the session");
}

}  // namespace mpenc::present
