// The headless front end's events: SessionEvents and SessionHost signals turned
// into JSON event objects (message, ack, state, membership, warning, notice, key),
// with the W-code warning wording (docs/headless.md).
#include <QJsonArray>
#include <QStringList>
#include <cstdio>
#include <optional>
#include <type_traits>
#include <variant>

#include "app/headless.h"
#include "app/headless_json.h"
#include "ui/presentation/wording.h"

namespace mpenc::app {

using namespace mpenc::session;  // NOLINT(google-build-using-namespace): notice names
using headless_json::hex;
using headless_json::hexArray;
using headless_json::peerKindName;
using headless_json::stateName;
using headless_json::str;
using headless_json::strArray;
using headless_json::trustName;
using headless_json::warning;
using xmpp::SessionHost;

namespace headless_json {

QString stateName(SessionState s) {
  switch (s) {
    case SessionState::Parted:
      return QStringLiteral("parted");
    case SessionState::Joining:
      return QStringLiteral("joining");
    case SessionState::Joined:
      return QStringLiteral("joined");
    case SessionState::Parting:
      return QStringLiteral("parting");
  }
  return QStringLiteral("parted");
}

QString trustName(SessionHost::KeyTrust t) {
  switch (t) {
    case SessionHost::KeyTrust::New:
      return QStringLiteral("new");
    case SessionHost::KeyTrust::Pinned:
      return QStringLiteral("pinned");
    case SessionHost::KeyTrust::Verified:
      return QStringLiteral("verified");
    case SessionHost::KeyTrust::Changed:
      return QStringLiteral("changed");
    case SessionHost::KeyTrust::Unknown:
      return QStringLiteral("unknown");
  }
  return QStringLiteral("unknown");
}

QString peerKindName(xmpp::TrustStore::PeerKind k) {
  return k == xmpp::TrustStore::PeerKind::Jid ? QStringLiteral("jid") : QStringLiteral("nick");
}

QJsonObject warning(const char* code, const char* kind, const QString& text) {
  return {{QStringLiteral("event"), QStringLiteral("warning")},
          {QStringLiteral("code"), QLatin1String(code)},
          {QStringLiteral("kind"), QLatin1String(kind)},
          {QStringLiteral("text"), text}};
}

}  // namespace headless_json

namespace {

QString subStateName(SubsessionState s) {
  switch (s) {
    case SubsessionState::Active:
      return QStringLiteral("active");
    case SubsessionState::Parting:
      return QStringLiteral("parting");
    case SubsessionState::Parted:
      return QStringLiteral("parted");
    case SubsessionState::PartFailed:
      return QStringLiteral("part-failed");
    case SubsessionState::Failed:
      return QStringLiteral("failed");
  }
  return QStringLiteral("active");
}

QString operationName(codec::GreetOperation op) {
  switch (op) {
    case codec::GreetOperation::Start:
      return QStringLiteral("start");
    case codec::GreetOperation::Include:
      return QStringLiteral("include");
    case codec::GreetOperation::Exclude:
      return QStringLiteral("exclude");
    case codec::GreetOperation::Refresh:
      return QStringLiteral("refresh");
    case codec::GreetOperation::Quit:
      return QStringLiteral("quit");
    case codec::GreetOperation::Abort:
      return QStringLiteral("abort");
  }
  return QStringLiteral("unknown");
}

QString bodyTypeName(codec::BodyType t) {
  switch (t) {
    case codec::BodyType::Payload:
      return QStringLiteral("payload");
    case codec::BodyType::ExplicitAck:
      return QStringLiteral("ack");
    case codec::BodyType::HeartBeat:
      return QStringLiteral("heartbeat");
    case codec::BodyType::Consistency:
      return QStringLiteral("consistency");
    case codec::BodyType::ChainAck:
      return QStringLiteral("chain-ack");
  }
  return QStringLiteral("unknown");
}

QString invalidReasonName(InvalidMessage::Reason r) {
  switch (r) {
    case InvalidMessage::Reason::Malformed:
      return QStringLiteral("malformed");
    case InvalidMessage::Reason::BadPlaintext:
      return QStringLiteral("bad-plaintext");
    case InvalidMessage::Reason::Rejected:
      return QStringLiteral("rejected");
    case InvalidMessage::Reason::Dependent:
      return QStringLiteral("dependent");
  }
  return QStringLiteral("rejected");
}

QStringList strList(const std::vector<std::string>& v) {
  QStringList out;
  for (const auto& s : v) out << str(s);
  return out;
}

QJsonObject membership(const char* kind) {
  return {{QStringLiteral("event"), QStringLiteral("membership")},
          {QStringLiteral("kind"), QLatin1String(kind)}};
}

QJsonObject notice(const char* kind) {
  return {{QStringLiteral("event"), QStringLiteral("notice")}, {QStringLiteral("kind"), QLatin1String(kind)}};
}

// ---- notice → JSON (everything except deliveries and acks) -----------------------
// Warning texts (ui/presentation/wording.h, shared with the room window) follow
// C-15: they never say whether a member or the server is at fault ("has not
// arrived", "could not be read", "has not acknowledged").

QJsonObject toJson(const HeldMessageLate& n) {
  auto o = warning("W-1", "HeldMessageLate", present::heldMessageLateText(str(n.author), n.missing.size()));
  o.insert(QStringLiteral("id"), hex(n.held));
  o.insert(QStringLiteral("author"), str(n.author));
  o.insert(QStringLiteral("missing"), hexArray(n.missing));
  return o;
}
QJsonObject toJson(const HeldMessageResolved& n) {
  auto o = notice("held-message-resolved");
  o.insert(QStringLiteral("id"), hex(n.arrived));
  return o;
}
QJsonObject toJson(const Undecryptable& n) {
  auto o = warning("W-2", "Undecryptable", present::undecryptableText(str(n.sender), n.count));
  o.insert(QStringLiteral("member"), str(n.sender));
  o.insert(QStringLiteral("count"), static_cast<qint64>(n.count));
  return o;
}
QJsonObject toJson(const NotFullyAcked& n) {
  auto o = warning("W-3", "NotFullyAcked", present::notFullyAckedText(str(n.author), strList(n.unackedBy)));
  o.insert(QStringLiteral("id"), hex(n.id));
  o.insert(QStringLiteral("author"), str(n.author));
  o.insert(QStringLiteral("type"), bodyTypeName(n.kind));
  o.insert(QStringLiteral("unacked_by"), strArray(n.unackedBy));
  return o;
}
QJsonObject toJson(const InvalidMessage& n) {
  QString why = invalidReasonName(n.reason);
  if (n.rule) why += QStringLiteral(", ") + str(transcript::toString(*n.rule));
  auto o = warning("W-4", "InvalidMessage", present::invalidMessageText(str(n.source), why));
  o.insert(QStringLiteral("member"), str(n.source));
  o.insert(QStringLiteral("reason"), invalidReasonName(n.reason));
  if (!n.author.empty()) o.insert(QStringLiteral("author"), str(n.author));
  if (n.id) o.insert(QStringLiteral("id"), hex(*n.id));
  if (n.rule) o.insert(QStringLiteral("rule"), str(transcript::toString(*n.rule)));
  if (!n.detail.empty()) o.insert(QStringLiteral("detail"), QString::fromStdString(n.detail));
  return o;
}
QJsonObject toJson(const ForkDetected& n) {
  auto o = warning("W-5", "ForkDetected", present::forkDetectedText(str(n.author)));
  o.insert(QStringLiteral("member"), str(n.author));
  o.insert(QStringLiteral("messages"), hexArray(std::vector<MessageId>{n.first, n.second}));
  return o;
}
QJsonObject toJson(const FinNotConfirmed& n) {
  auto o = warning("W-6", "FinNotConfirmed", present::finNotConfirmedText(n.unconfirmed.size()));
  o.insert(QStringLiteral("id"), hex(n.fin));
  o.insert(QStringLiteral("messages"), hexArray(n.unconfirmed));
  return o;
}
QJsonObject toJson(const ContentAfterFin& n) {
  auto o = warning("W-7", "ContentAfterFin", present::contentAfterFinText(str(n.author)));
  o.insert(QStringLiteral("id"), hex(n.id));
  o.insert(QStringLiteral("author"), str(n.author));
  return o;
}
QJsonObject toJson(const MemberNotResponding& n) {
  auto o =
      warning("W-8", "MemberNotResponding",
              present::memberNotRespondingText(str(n.member), static_cast<int>(n.silentFor.count() / 1000)));
  o.insert(QStringLiteral("member"), str(n.member));
  o.insert(QStringLiteral("silent_ms"), static_cast<qint64>(n.silentFor.count()));
  return o;
}
QJsonObject toJson(const MemberResponding& n) {
  auto o = notice("member-responding");
  o.insert(QStringLiteral("member"), str(n.member));
  return o;
}
QJsonObject toJson(const StateChanged& n) {
  auto o = notice("subsession-state");
  o.insert(QStringLiteral("from"), subStateName(n.from));
  o.insert(QStringLiteral("to"), subStateName(n.to));
  return o;
}
QJsonObject toJson(const PeerFin& n) {
  auto o = notice("peer-fin");
  o.insert(QStringLiteral("member"), str(n.member));
  o.insert(QStringLiteral("id"), hex(n.id));
  o.insert(QStringLiteral("leave_intent"), n.leaveIntent);
  return o;
}

QJsonObject toJson(const notice::ProposalAccepted& n) {
  auto o = membership("proposal-accepted");
  o.insert(QStringLiteral("id"), hex(n.packetId));
  o.insert(QStringLiteral("automatic"), n.automatic);
  return o;
}
QJsonObject toJson(const notice::ProposalRejected& n) {
  auto o = membership("proposal-rejected");
  if (n.winner) o.insert(QStringLiteral("winner"), hex(*n.winner));
  o.insert(QStringLiteral("automatic"), n.automatic);
  o.insert(QStringLiteral("reason"), QString::fromStdString(n.reason));
  return o;
}
QJsonObject toJson(const notice::OperationStarted& n) {
  auto o = membership("started");
  o.insert(QStringLiteral("id"), hex(n.initial));
  o.insert(QStringLiteral("initiator"), str(n.initiator));
  o.insert(QStringLiteral("operation"), operationName(n.operation));
  o.insert(QStringLiteral("members"), strArray(n.members));
  o.insert(QStringLiteral("excludes_us"), n.excludesUs);
  return o;
}
QJsonObject toJson(const notice::OperationSucceeded& n) {
  auto o = membership("succeeded");
  o.insert(QStringLiteral("members"), strArray(n.members));
  o.insert(QStringLiteral("included"), strArray(n.included));
  o.insert(QStringLiteral("excluded"), strArray(n.excluded));
  o.insert(QStringLiteral("sid"), hex(n.sessionId));
  o.insert(QStringLiteral("excludes_us"), n.weAreExcluded);
  return o;
}
QJsonObject toJson(const notice::OperationFailed& n) {
  auto o = membership("failed");
  switch (n.cause) {
    case notice::OperationFailed::Cause::MemberLeft:
      o.insert(QStringLiteral("reason"), QStringLiteral("member-left"));
      o.insert(QStringLiteral("members"), strArray(n.leavers));
      break;
    case notice::OperationFailed::Cause::Aborted:
      o.insert(QStringLiteral("reason"), QStringLiteral("aborted"));
      o.insert(QStringLiteral("aborted_by"), str(n.abortedBy));
      o.insert(QStringLiteral("abort_reason"), str(greet::abortReasonName(n.abortReason)));
      break;
    case notice::OperationFailed::Cause::SelfLeft:
      o.insert(QStringLiteral("reason"), QStringLiteral("self-left"));
      break;
  }
  o.insert(QStringLiteral("non_responders"), strArray(n.nonResponders));  // issue 14
  return o;
}
QJsonObject toJson(const notice::SyncedNew&) {
  return membership("synced-new");
}
QJsonObject toJson(const notice::Synced& n) {
  auto o = membership("synced");
  o.insert(QStringLiteral("id"), hex(n.initial));
  return o;
}
QJsonObject toJson(const notice::ChainMismatch& n) {
  auto o = warning("W-9", "ChainMismatch", present::chainMismatchText());
  o.insert(QStringLiteral("id"), hex(n.initial));
  return o;
}
QJsonObject toJson(const notice::PacketRejected& n) {
  auto o = notice("packet-rejected");
  o.insert(QStringLiteral("member"), str(n.sender));
  o.insert(QStringLiteral("reason"), QString::fromStdString(n.reason));
  return o;
}
QJsonObject toJson(const notice::JoinRequest& n) {
  auto o = membership("join-request");
  o.insert(QStringLiteral("members"), strArray(n.members));
  return o;
}
QJsonObject toJson(const notice::TimeoutLeave& n) {
  auto o = membership("timeout-leave");
  o.insert(QStringLiteral("id"), hex(n.initial));
  return o;
}

QJsonObject toJson(const event::SubsessionStarted& n) {
  auto o = membership("subsession-started");
  o.insert(QStringLiteral("index"), static_cast<qint64>(n.index));
  o.insert(QStringLiteral("sid"), hex(n.sessionId));
  o.insert(QStringLiteral("members"), strArray(n.members));
  o.insert(QStringLiteral("included"), strArray(n.included));
  o.insert(QStringLiteral("excluded"), strArray(n.excluded));
  return o;
}
QJsonObject toJson(const event::SubsessionEnded& n) {
  auto o = membership("subsession-ended");
  o.insert(QStringLiteral("index"), static_cast<qint64>(n.index));
  o.insert(QStringLiteral("final_state"), subStateName(n.finalState));
  o.insert(QStringLiteral("consistent"), n.consistent);
  return o;
}
QJsonObject toJson(const event::ChainHashMismatch& n) {
  auto o = warning("W-9", "ChainHashMismatch", present::chainHashMismatchText(str(n.member)));
  o.insert(QStringLiteral("member"), str(n.member));
  o.insert(QStringLiteral("id"), hex(n.packetId));
  return o;
}
QJsonObject toJson(const event::ChainAckMissing& n) {
  auto o = warning("W-9", "ChainAckMissing", present::chainAckMissingText(strList(n.missing)));
  o.insert(QStringLiteral("id"), hex(n.packetId));
  o.insert(QStringLiteral("unacked_by"), strArray(n.missing));
  return o;
}
QJsonObject toJson(const event::ChainConfirmed& n) {
  auto o = notice("chain-confirmed");
  o.insert(QStringLiteral("id"), hex(n.packetId));
  o.insert(QStringLiteral("chain_hash"), hex(n.chainHash));
  return o;
}
QJsonObject toJson(const event::TranscriptBroken& n) {
  const QString claimant = QString::fromStdString(n.claimant);
  auto o = warning("W-10", "TranscriptBroken",
                   n.continuing ? present::transcriptBrokenContinuingText(n.unknown.size(), claimant)
                                : present::transcriptBrokenText(n.unknown.size()));
  o.insert(QStringLiteral("id"), hex(n.initial));
  o.insert(QStringLiteral("messages"), hexArray(n.unknown));
  o.insert(QStringLiteral("claimant"), claimant);
  o.insert(QStringLiteral("continuing"), n.continuing);
  return o;
}
QJsonObject toJson(const event::InconsistentDropped& n) {
  auto o = warning("W-11", "InconsistentDropped", present::inconsistentDroppedText(n.unacked.size()));
  o.insert(QStringLiteral("index"), static_cast<qint64>(n.index));
  o.insert(QStringLiteral("messages"), hexArray(n.unacked));
  o.insert(QStringLiteral("own"), hexArray(n.ownUnacked));
  return o;
}
QJsonObject toJson(const event::PeerError& n) {
  auto o = notice("peer-error");
  o.insert(QStringLiteral("member"), str(n.sender));
  o.insert(QStringLiteral("severity"), n.severity == codec::Severity::Terminal  ? QStringLiteral("terminal")
                                       : n.severity == codec::Severity::Warning ? QStringLiteral("warning")
                                                                                : QStringLiteral("info"));
  o.insert(QStringLiteral("text"), str(n.text));
  o.insert(QStringLiteral("authenticated"), n.authenticated);
  return o;
}
QJsonObject toJson(const event::Reentering&) {
  return membership("reentering");
}

}  // namespace

// ---- events ---------------------------------------------------------------------------

void Headless::onKey(const SessionHost::KeyInfo& key) {
  QJsonObject o{{QStringLiteral("event"), QStringLiteral("key")},
                {QStringLiteral("member"), key.member},
                {QStringLiteral("peer"), key.peer},
                {QStringLiteral("peer_kind"), peerKindName(key.kind)},
                {QStringLiteral("fingerprint"), key.fingerprint},
                {QStringLiteral("trust"), trustName(key.trust)}};
  if (key.trust == SessionHost::KeyTrust::Changed) {
    o.insert(QStringLiteral("text"), present::keyChangedText(key.member, key.peer));
    std::fprintf(stderr, "mpenc-chat: WARNING: the identity key of %s changed\n", qPrintable(key.member));
  }
  write(o);
}

void Headless::emitAck(transcript::Row row, std::optional<bool> afterWarning) {
  const auto& log = host_->session().log();
  if (row >= log.size()) return;
  const transcript::LogRow& r = log.row(row);
  // A row's full ack is reported once (from the log update or the FullyAcked
  // notice, whichever comes first), and once more if it cancels a W-3.
  if (!fullyReported_.report(row, r.fullyAcked, afterWarning.value_or(false))) return;
  QJsonObject o{{QStringLiteral("event"), QStringLiteral("ack")},
                {QStringLiteral("id"), hex(r.id)},
                {QStringLiteral("row"), static_cast<qint64>(row)},
                {QStringLiteral("unacked_by"), strArray(r.unackedBy)},
                {QStringLiteral("fully_acked"), r.fullyAcked},
                {QStringLiteral("after_warning"), afterWarning.value_or(false)}};
  write(o);
}

void Headless::onSessionEvent(const SessionEvent& e) {
  if (!host_) return;
  QJsonObject out;
  const auto sub = e.subsession;
  auto onNotice = [&](const Notice& n) {
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, Delivered>) {
            const auto& log = host_->session().log();
            if (x.log && x.log->appended && *x.log->appended < log.size()) {
              const transcript::Row row = *x.log->appended;
              const transcript::LogRow& r = log.row(row);
              QJsonArray parents;
              QJsonArray parentRows;
              for (const auto p : r.displayParents) {
                if (p < log.size()) parents.append(hex(log.row(p).id));
                parentRows.append(static_cast<qint64>(p));
              }
              QJsonArray offsets;
              for (const auto k : r.offsets) offsets.append(static_cast<qint64>(k));
              write({{QStringLiteral("event"), QStringLiteral("message")},
                     {QStringLiteral("id"), hex(x.id)},
                     {QStringLiteral("author"), str(x.author)},
                     {QStringLiteral("text"), str(x.body.content)},
                     {QStringLiteral("own"), x.own},
                     {QStringLiteral("row"), static_cast<qint64>(row)},
                     {QStringLiteral("parents"), parents},
                     {QStringLiteral("parent_rows"), parentRows},
                     {QStringLiteral("offsets"), offsets},
                     {QStringLiteral("highlight"), r.highlight},
                     {QStringLiteral("readers"), strArray(r.readers)},
                     {QStringLiteral("unacked_by"), strArray(r.unackedBy)},
                     {QStringLiteral("subsession"), static_cast<qint64>(r.subsession)}});
            }
            if (x.log)
              for (const auto row : x.log->changed) emitAck(row, std::nullopt);
          } else if constexpr (std::is_same_v<T, FullyAcked>) {
            if (const auto row = host_->session().log().rowOf(x.id)) emitAck(*row, x.afterWarning);
          } else {
            out = toJson(x);
          }
        },
        n);
  };
  std::visit(
      [&](const auto& w) {
        using W = std::decay_t<decltype(w)>;
        if constexpr (std::is_same_v<W, Notice>) {
          onNotice(w);
        } else {
          std::visit(
              [&](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, event::SessionStateChanged>) {
                  if (x.to == SessionState::Parted && partRequested_) roomOver_ = true;
                  write({{QStringLiteral("event"), QStringLiteral("state")},
                         {QStringLiteral("from"), stateName(x.from)},
                         {QStringLiteral("to"), stateName(x.to)}});
                } else {
                  out = toJson(x);
                }
              },
              w);
        }
      },
      e.what);
  if (!out.isEmpty()) {
    if (sub && !out.contains(QStringLiteral("subsession")))
      out.insert(QStringLiteral("subsession"), static_cast<qint64>(*sub));
    write(out);
  }
  // After the events still queued behind this one.
  if (quitting_ && host_->state() == SessionState::Parted)
    QTimer::singleShot(0, this, [this] { finishQuit(); });
}

}  // namespace mpenc::app
