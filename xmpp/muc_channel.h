// One MUC room as the engine's GroupChannel (docs/xmpp-binding.md).
//
// Turns the room's presences and groupchat messages into ChannelEvents in
// exactly the order the server delivered them: the occupants seen before our
// self-presence (status 110) form SelfEnter; our unavailable presence, a kick,
// a ban or a disconnect is SelfLeave; others' presences are OthersEnter /
// OthersLeave; packets are Packet events, our own only on reflection.
// Only occupants whose presence carries the mpENC capability are channel
// members; the others are "plain occupants", reported separately, and their
// messages arrive as clearly unencrypted messages, never as packets.
#pragma once

#include <QMap>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <functional>

#include "mpenc/session/group_channel.h"
#include "xmpp/mpenc_stanzas.h"

class QXmppIq;
class QXmppMessage;
class QXmppPresence;

namespace mpenc::xmpp {

class AccountConnection;

class MucChannel : public QObject, public mpenc::session::GroupChannel {
  Q_OBJECT

 public:
  enum class State { Out, Joining, In, Leaving };
  Q_ENUM(State)
  /// Why we left the room (reported with SelfLeave).
  enum class LeaveReason { Requested, Kicked, Banned, Removed, Disconnected, Timeout };
  Q_ENUM(LeaveReason)

  /// `roomJid` = room@service; `nick` = the nickname to ask for; `capability`
  /// = what we advertise (our identity key and features). Does not join yet.
  MucChannel(AccountConnection* account, const QString& roomJid, const QString& nick,
             const Capability& capability, QObject* parent = nullptr);
  ~MucChannel() override;

  // ---- GroupChannel -------------------------------------------------------
  /// Sends `wire` as a data stanza when it decodes as a DATA packet, else as a
  /// control stanza; refuses (with warning()) malformed or oversize packets
  /// and sends while we are not in the room.
  void send(const std::string& wire, const mpenc::session::MemberSet& intendedRecipients) override;
  /// Join now if connected, else as soon as the account connects; and rejoin
  /// after every reconnect until leave().
  void enter() override;
  void leave() override;
  /// Kick via a MUC admin IQ (role none). False when we are not in the room,
  /// are not a moderator, or `member` is not another occupant of this room.
  bool kick(const mpenc::session::MemberId& member) override;
  std::optional<mpenc::session::MemberSet> members() const override;

  // ---- beyond the engine's interface ---------------------------------------
  /// Send with an explicit stanza kind. False (and warning()) if refused.
  bool sendPacket(const QString& wire, StanzaKind kind);
  /// Where ChannelEvents go (besides the channelEvent signal); called synchronously.
  void setEventSink(std::function<void(const mpenc::session::ChannelEvent&)> sink);

  State state() const { return state_; }
  QString roomJid() const { return room_; }
  /// Our occupant JID once joined (the server may have changed the nick).
  QString selfJid() const { return selfJid_; }
  bool isModerator() const;
  /// Occupants without the capability (not channel members), sorted.
  QStringList plainOccupants() const;
  /// The capability an occupant advertised (ours for selfJid()).
  std::optional<Capability> capabilityOf(const QString& occupantJid) const;
  /// Our packets sent but not yet reflected by the room.
  int pendingReflections() const { return static_cast<int>(pending_.size()); }
  /// Bound on packets in both directions (default 256 KiB).
  void setMaxPacketSize(qsizetype bytes) { maxPacket_ = bytes; }
  /// Bounds on the server's answers to our join and leave presences.
  void setTimeouts(int joinMs, int leaveMs);

 signals:
  void channelEvent(const mpenc::session::ChannelEvent& event);
  void stateChanged(mpenc::xmpp::MucChannel::State state);
  /// The set of plain occupants changed.
  void plainOccupantsChanged(const QStringList& occupants);
  /// A message that was NOT encrypted (from a plain occupant, or a member's
  /// plain text); show it marked as such. Never a protocol packet.
  void unencryptedMessage(const QString& sender, const QString& body);
  /// We left (SelfLeave was emitted just before) and why; `text` is human-readable.
  void left(mpenc::xmpp::MucChannel::LeaveReason reason, const QString& text);
  void joinFailed(const QString& message);
  /// A member's advertised identity key changed while it stayed in the room.
  void identityChanged(const QString& occupantJid);
  void kickFailed(const QString& occupantJid, const QString& message);
  /// Something a peer or the server did wrong that we ignored (malformed or
  /// oversize packet, packet from a non-member, bad capability, rejected send).
  void warning(const QString& message);

 private:
  struct Occupant {
    std::optional<Capability> cap;  // set = channel member
    int role = 0;                   // QXmppMucItem::Role
  };

  void onConnected();
  void onDisconnected();
  void onPresence(const QXmppPresence& p);
  void onMessage(const QXmppMessage& m);
  void onIq(const QXmppIq& iq);
  void sendJoin();
  void selfAvailable(const QXmppPresence& p);
  void selfUnavailable(LeaveReason reason, const QString& text);
  void otherAvailable(const QString& jid, const QXmppPresence& p);
  void otherUnavailable(const QString& jid);
  void setState(State s);
  void emitEvent(const mpenc::session::ChannelEvent& ev);
  bool inChannel() const { return state_ == State::In || state_ == State::Leaving; }
  bool fromRoom(const QString& jid) const;

  AccountConnection* account_;
  QString room_;
  QString nick_;
  Capability cap_;
  State state_ = State::Out;
  bool wanted_ = false;
  QString selfJid_;
  int selfRole_ = 0;
  QMap<QString, Occupant> occupants_;  // others, by occupant JID
  QSet<QString> pending_;              // origin-ids of our packets awaiting reflection
  QMap<QString, QString> kickIqs_;     // IQ id -> occupant JID
  qsizetype maxPacket_ = kDefaultMaxPacketSize;
  QTimer joinTimer_;
  QTimer leaveTimer_;
  std::function<void(const mpenc::session::ChannelEvent&)> sink_;
};

/// "room@service/nick" as the engine's member ID (UTF-8) and back.
mpenc::session::MemberId toMemberId(const QString& occupantJid);
QString fromMemberId(const mpenc::session::MemberId& member);

}  // namespace mpenc::xmpp

Q_DECLARE_METATYPE(mpenc::session::ChannelEvent)
