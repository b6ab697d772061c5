#include "xmpp/muc_channel.h"

#include <QXmppClient.h>
#include <QXmppIq.h>
#include <QXmppMessage.h>
#include <QXmppMucIq.h>
#include <QXmppPresence.h>

#include <QUuid>
#include <variant>

#include "mpenc/codec/packets.h"
#include "xmpp/account_connection.h"

namespace mpenc::xmpp {

using mpenc::session::ChannelEvent;
using mpenc::session::MemberId;
using mpenc::session::MemberSet;

namespace {

// A pending-reflection set this large means the room is not reflecting: stop remembering.
constexpr int kMaxPending = 4096;

QString errorText(const QXmppStanza::Error& e) {
  QString text = e.text();
  if (text.isEmpty()) text = QStringLiteral("error condition %1").arg(static_cast<int>(e.condition()));
  return text;
}

}  // namespace

MemberId toMemberId(const QString& occupantJid) {
  return occupantJid.toUtf8().toStdString();
}
QString fromMemberId(const MemberId& member) {
  return QString::fromUtf8(member.data(), static_cast<int>(member.size()));
}

MucChannel::MucChannel(AccountConnection* account, const QString& roomJid, const QString& nick,
                       const Capability& capability, QObject* parent)
    : QObject(parent), account_(account), room_(bareOf(roomJid).toLower()), nick_(nick), cap_(capability) {
  joinTimer_.setSingleShot(true);
  joinTimer_.setInterval(30000);
  leaveTimer_.setSingleShot(true);
  leaveTimer_.setInterval(10000);
  connect(&joinTimer_, &QTimer::timeout, this, [this] {
    if (state_ != State::Joining) return;
    setState(State::Out);
    occupants_.clear();
    emit joinFailed(QStringLiteral("The room did not answer our join in time"));
  });
  connect(&leaveTimer_, &QTimer::timeout, this, [this] {
    if (state_ == State::Leaving)
      selfUnavailable(LeaveReason::Timeout, QStringLiteral("The room did not confirm our leave in time"));
  });
  QXmppClient* client = account_->client();
  connect(account_, &AccountConnection::connected, this, &MucChannel::onConnected);
  connect(account_, &AccountConnection::disconnected, this, &MucChannel::onDisconnected);
  connect(client, &QXmppClient::presenceReceived, this, &MucChannel::onPresence);
  connect(client, &QXmppClient::messageReceived, this, &MucChannel::onMessage);
  connect(client, &QXmppClient::iqReceived, this, &MucChannel::onIq);
}

MucChannel::~MucChannel() {
  if (state_ != State::Out && account_->isConnected())
    account_->client()->sendPacket(
        makeLeavePresence(selfJid_.isEmpty() ? room_ + QLatin1Char('/') + nick_ : selfJid_));
}

void MucChannel::setEventSink(std::function<void(const ChannelEvent&)> sink) {
  sink_ = std::move(sink);
}

void MucChannel::setTimeouts(int joinMs, int leaveMs) {
  joinTimer_.setInterval(joinMs);
  leaveTimer_.setInterval(leaveMs);
}

bool MucChannel::isModerator() const {
  return inChannel() && selfRole_ == QXmppMucItem::ModeratorRole;
}

bool MucChannel::fromRoom(const QString& jid) const {
  return bareOf(jid).toLower() == room_;
}

QStringList MucChannel::plainOccupants() const {
  QStringList out;
  for (auto it = occupants_.cbegin(); it != occupants_.cend(); ++it)
    if (!it->cap) out << it.key();
  return out;  // QMap iterates sorted
}

std::optional<Capability> MucChannel::capabilityOf(const QString& occupantJid) const {
  if (!selfJid_.isEmpty() && occupantJid == selfJid_) return cap_;
  const auto it = occupants_.constFind(occupantJid);
  return it == occupants_.cend() ? std::nullopt : it->cap;
}

std::optional<MemberSet> MucChannel::members() const {
  if (!inChannel()) return std::nullopt;
  MemberSet out{toMemberId(selfJid_)};
  for (auto it = occupants_.cbegin(); it != occupants_.cend(); ++it)
    if (it->cap) out.insert(toMemberId(it.key()));
  return out;
}

// ---- actions -----------------------------------------------------------------

void MucChannel::enter() {
  wanted_ = true;
  if (state_ == State::Out && account_->isConnected()) sendJoin();
}

void MucChannel::leave() {
  wanted_ = false;
  if (state_ == State::Joining) {
    account_->client()->sendPacket(makeLeavePresence(room_ + QLatin1Char('/') + nick_));
    occupants_.clear();
    setState(State::Out);
  } else if (state_ == State::In) {
    account_->client()->sendPacket(makeLeavePresence(selfJid_));
    setState(State::Leaving);
    leaveTimer_.start();
  }
}

void MucChannel::sendJoin() {
  occupants_.clear();
  selfJid_.clear();
  selfRole_ = 0;
  setState(State::Joining);
  joinTimer_.start();
  account_->client()->sendPacket(makeJoinPresence(room_ + QLatin1Char('/') + nick_, cap_));
}

void MucChannel::send(const std::string& wire, const MemberSet& /*intendedRecipients: a MUC reaches all*/) {
  if (static_cast<qsizetype>(wire.size()) > maxPacket_) {
    emit warning(
        QStringLiteral("Refusing to send a packet of %1 bytes (limit %2)").arg(wire.size()).arg(maxPacket_));
    return;
  }
  const auto decoded = mpenc::codec::decodeWire(wire);
  if (!decoded) {
    emit warning(QStringLiteral("Refusing to send a malformed packet: ") +
                 QString::fromStdString(decoded.error().describe()));
    return;
  }
  const bool data = std::holds_alternative<mpenc::codec::DataPacket>(*decoded);
  sendPacket(QString::fromStdString(wire), data ? StanzaKind::Data : StanzaKind::Control);
}

bool MucChannel::sendPacket(const QString& wire, StanzaKind kind) {
  if (state_ != State::In) {
    emit warning(QStringLiteral("Not in room %1: packet not sent").arg(room_));
    return false;
  }
  if (wire.size() > maxPacket_) {
    emit warning(
        QStringLiteral("Refusing to send a packet of %1 bytes (limit %2)").arg(wire.size()).arg(maxPacket_));
    return false;
  }
  const QString originId = QUuid::createUuid().toString(QUuid::WithoutBraces);
  if (!account_->client()->sendPacket(makePacketMessage(room_, wire, kind, originId))) {
    emit warning(QStringLiteral("Could not send to room %1").arg(room_));
    return false;
  }
  if (pending_.size() >= kMaxPending) pending_.clear();
  pending_.insert(originId);
  return true;
}

bool MucChannel::kick(const MemberId& member) {
  const QString jid = fromMemberId(member);
  if (state_ != State::In || selfRole_ != QXmppMucItem::ModeratorRole || jid == selfJid_ ||
      !occupants_.contains(jid))
    return false;
  QXmppMucItem item;
  item.setNick(resourceOf(jid));
  item.setRole(QXmppMucItem::NoRole);
  item.setReason(QStringLiteral("Excluded from the encrypted session"));
  QXmppMucAdminIq iq;
  iq.setType(QXmppIq::Set);
  iq.setTo(room_);
  iq.setItems({item});
  if (!account_->client()->sendPacket(iq)) return false;
  kickIqs_.insert(iq.id(), jid);
  return true;
}

// ---- connection ----------------------------------------------------------------

void MucChannel::onConnected() {
  if (wanted_ && state_ == State::Out) sendJoin();
}

void MucChannel::onDisconnected() {
  kickIqs_.clear();
  if (state_ == State::Joining) {
    occupants_.clear();
    joinTimer_.stop();
    setState(State::Out);
  } else if (inChannel()) {
    selfUnavailable(LeaveReason::Disconnected, QStringLiteral("Lost the connection to the server"));
  }
}

// ---- incoming stanzas, in the server's order -----------------------------------------

void MucChannel::onPresence(const QXmppPresence& p) {
  if (!fromRoom(p.from())) return;
  const QString from = p.from();
  if (resourceOf(from).isEmpty()) return;
  const QList<int> codes = p.mucStatusCodes();
  const bool self = codes.contains(110) || (!selfJid_.isEmpty() && from == selfJid_) ||
                    (state_ == State::Joining && from == room_ + QLatin1Char('/') + nick_);

  if (p.type() == QXmppPresence::Error) {
    if (state_ == State::Joining && self) {
      joinTimer_.stop();
      occupants_.clear();
      setState(State::Out);
      wanted_ = false;
      emit joinFailed(QStringLiteral("Could not join %1: %2").arg(room_, errorText(p.error())));
    } else {
      emit warning(QStringLiteral("Presence error from %1: %2").arg(from, errorText(p.error())));
    }
    return;
  }
  if (p.type() == QXmppPresence::Unavailable) {
    if (!self) {
      otherUnavailable(from);
    } else if (codes.contains(307)) {
      selfUnavailable(LeaveReason::Kicked, QStringLiteral("You were kicked from the room"));
    } else if (codes.contains(301)) {
      selfUnavailable(LeaveReason::Banned, QStringLiteral("You were banned from the room"));
    } else if (codes.contains(321) || codes.contains(322) || codes.contains(332) || codes.contains(333)) {
      selfUnavailable(LeaveReason::Removed, QStringLiteral("The room removed you"));
    } else if (state_ == State::Leaving) {
      selfUnavailable(LeaveReason::Requested, QStringLiteral("You left the room"));
    } else {
      selfUnavailable(LeaveReason::Removed, QStringLiteral("The room removed you"));
    }
    return;
  }
  if (p.type() != QXmppPresence::Available) return;
  if (self) {
    selfAvailable(p);
  } else {
    otherAvailable(from, p);
  }
}

void MucChannel::selfAvailable(const QXmppPresence& p) {
  selfRole_ = p.mucItem().role();
  if (state_ != State::Joining) return;  // a presence update while in the room (e.g. role change)
  joinTimer_.stop();
  selfJid_ = p.from();
  setState(State::In);
  MemberSet present{toMemberId(selfJid_)};
  for (auto it = occupants_.cbegin(); it != occupants_.cend(); ++it)
    if (it->cap) present.insert(toMemberId(it.key()));
  emitEvent(ChannelEvent::selfEnter(std::move(present)));
  emit plainOccupantsChanged(plainOccupants());
}

void MucChannel::selfUnavailable(LeaveReason reason, const QString& text) {
  if (state_ == State::Out) return;
  const bool wasIn = inChannel();
  joinTimer_.stop();
  leaveTimer_.stop();
  occupants_.clear();
  pending_.clear();
  selfRole_ = 0;
  setState(State::Out);
  if (reason != LeaveReason::Disconnected && reason != LeaveReason::Requested &&
      reason != LeaveReason::Timeout)
    wanted_ = false;  // kicked, banned, removed: the user decides whether to come back
  if (wasIn) {
    emitEvent(ChannelEvent::selfLeave());
    emit left(reason, text);
    emit plainOccupantsChanged({});
  } else {
    emit joinFailed(text);
  }
  // enter() during Leaving asks to come straight back.
  if (wanted_ && reason != LeaveReason::Disconnected && account_->isConnected()) sendJoin();
}

void MucChannel::otherAvailable(const QString& jid, const QXmppPresence& p) {
  const CapabilityParse parsed = parseCapability(p);
  if (parsed.present && !parsed.cap)
    emit warning(
        QStringLiteral("%1 advertises a malformed mpENC capability (%2): treated as a plain occupant")
            .arg(jid, parsed.problem));
  auto it = occupants_.find(jid);
  if (it == occupants_.end()) {
    occupants_.insert(jid, Occupant{parsed.cap, p.mucItem().role()});
    if (!inChannel()) return;
    if (parsed.cap) {
      emitEvent(ChannelEvent::othersEnter({toMemberId(jid)}));
    } else {
      emit plainOccupantsChanged(plainOccupants());
    }
    return;
  }
  const std::optional<Capability> before = it->cap;
  it->cap = parsed.cap;
  it->role = p.mucItem().role();
  if (!inChannel()) return;
  if (!before && parsed.cap) {
    emitEvent(ChannelEvent::othersEnter({toMemberId(jid)}));
    emit plainOccupantsChanged(plainOccupants());
  } else if (before && !parsed.cap) {
    emitEvent(ChannelEvent::othersLeave({toMemberId(jid)}));
    emit plainOccupantsChanged(plainOccupants());
  } else if (before && parsed.cap && before->identityKey != parsed.cap->identityKey) {
    emit warning(QStringLiteral("%1 changed its identity key while in the room").arg(jid));
    emit identityChanged(jid);
  }
}

void MucChannel::otherUnavailable(const QString& jid) {
  const auto it = occupants_.find(jid);
  if (it == occupants_.end()) return;
  const bool member = it->cap.has_value();
  occupants_.erase(it);
  if (!inChannel()) return;
  if (member) {
    emitEvent(ChannelEvent::othersLeave({toMemberId(jid)}));
  } else {
    emit plainOccupantsChanged(plainOccupants());
  }
}

void MucChannel::onMessage(const QXmppMessage& m) {
  if (!fromRoom(m.from())) return;
  if (m.type() == QXmppMessage::Error) {
    const QString id = m.originId().isEmpty() ? m.id() : m.originId();
    if (pending_.remove(id))
      emit warning(QStringLiteral("The room rejected one of our packets: ") + errorText(m.error()));
    return;
  }
  if (m.type() != QXmppMessage::GroupChat || !inChannel()) return;
  // History (delayed) and room messages (subject, status) are not channel events.
  if (m.stamp().isValid() || !m.subject().isEmpty()) return;
  const QString sender = m.from();
  if (resourceOf(sender).isEmpty()) return;

  const bool self = sender == selfJid_;
  if (self) pending_.remove(m.originId().isEmpty() ? m.id() : m.originId());
  const PacketExtract extract = extractPacket(m);
  if (extract.source == PacketExtract::Source::None) {
    if (!extract.problem.isEmpty()) {
      emit warning(QStringLiteral("Ignored a message from %1: %2").arg(sender, extract.problem));
    } else if (!m.body().isEmpty()) {
      emit unencryptedMessage(sender, m.body());
    }
    return;
  }
  const auto occupant = occupants_.constFind(sender);
  const bool member = self || (occupant != occupants_.cend() && occupant->cap);
  if (!member) {
    emit warning(
        QStringLiteral("Ignored an mpENC packet from %1, who is not in the encrypted channel").arg(sender));
    return;
  }
  if (extract.wire.size() > maxPacket_) {
    emit warning(QStringLiteral("Ignored an oversize packet from %1 (%2 characters, limit %3)")
                     .arg(sender)
                     .arg(extract.wire.size())
                     .arg(maxPacket_));
    return;
  }
  std::string wire = extract.wire.toUtf8().toStdString();
  const auto decoded = mpenc::codec::decodeWire(wire);
  if (!decoded) {
    emit warning(QStringLiteral("Ignored a malformed packet from %1: ").arg(sender) +
                 QString::fromStdString(decoded.error().describe()));
    return;
  }
  emitEvent(ChannelEvent::packet(toMemberId(sender), std::move(wire)));
}

void MucChannel::onIq(const QXmppIq& iq) {
  const auto it = kickIqs_.find(iq.id());
  if (it == kickIqs_.end() || !fromRoom(iq.from())) return;
  const QString jid = it.value();
  kickIqs_.erase(it);
  if (iq.type() == QXmppIq::Error)
    emit kickFailed(jid, QStringLiteral("Could not kick %1: %2").arg(jid, errorText(iq.error())));
}

void MucChannel::setState(State s) {
  if (s == state_) return;
  state_ = s;
  emit stateChanged(s);
}

void MucChannel::emitEvent(const ChannelEvent& ev) {
  if (sink_) sink_(ev);
  emit channelEvent(ev);
}

}  // namespace mpenc::xmpp
