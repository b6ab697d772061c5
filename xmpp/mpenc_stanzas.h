// The XML of the mpENC XMPP binding (docs/xmpp-binding.md): the capability
// element in MUC presence, the join presence, the packet-carrying groupchat
// messages, and strict parsing of what peers send. Pure functions over QXmpp
// stanza objects; no network. Compiles unchanged on QXmpp 1.4 and 1.10.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

class QXmppMessage;
class QXmppPresence;

namespace mpenc::xmpp {

inline constexpr char kMpencNs[] = "urn:xmpp:mpenc:0";
inline constexpr char kMucNs[] = "http://jabber.org/protocol/muc";
inline constexpr char kMucAdminNs[] = "http://jabber.org/protocol/muc#admin";
inline constexpr char kHintsNs[] = "urn:xmpp:hints";
inline constexpr char kEmeNs[] = "urn:xmpp:eme:0";
/// The protocol version this client speaks (the capability's `version`).
inline constexpr int kMpencVersion = 1;
/// Size of an Ed25519 public key.
inline constexpr int kIdentityKeySize = 32;
/// Human fallback body of data messages.
inline constexpr char kDataFallbackBody[] = "[mpENC encrypted message]";
/// Default bound on an incoming or outgoing packet (Prosody's default stanza limit).
inline constexpr qsizetype kDefaultMaxPacketSize = 256 * 1024;

/// What an occupant advertises in its MUC presence:
///   <mpenc xmlns='urn:xmpp:mpenc:0' version='1'>
///     <identity type='ed25519'>BASE64 (32 bytes)</identity>
///     <feature var='…'/>…
///   </mpenc>
struct Capability {
  int version = kMpencVersion;
  QByteArray identityKey;  ///< raw Ed25519 public key (32 bytes)
  QStringList features;    ///< optional feature tokens, in document order

  friend bool operator==(const Capability&, const Capability&) = default;
};

/// Result of looking for the capability in a presence.
struct CapabilityParse {
  bool present = false;           ///< an element in our namespace was found
  std::optional<Capability> cap;  ///< set when present and well formed
  QString problem;                ///< why a present element was rejected
};

/// Control packets (greetings, acks, queries, errors) carry no <body>; data
/// packets carry a fallback body and an XEP-0380 encryption hint.
enum class StanzaKind { Control, Data };

/// The join presence for `room@service/nick`: MUC <x/> asking for no history,
/// plus our capability.
QXmppPresence makeJoinPresence(const QString& occupantJid, const Capability& cap);
/// The unavailable presence that leaves the room.
QXmppPresence makeLeavePresence(const QString& occupantJid);

CapabilityParse parseCapability(const QXmppPresence& presence);

/// A groupchat message to `roomJid` carrying `wire` (a "?mpENC:…." string),
/// with origin-id `originId` and the no-permanent-store hint.
QXmppMessage makePacketMessage(const QString& roomJid, const QString& wire, StanzaKind kind,
                               const QString& originId);

/// Where the packet candidate of a message came from.
struct PacketExtract {
  enum class Source { None, Element, Body };
  Source source = Source::None;
  QString wire;     ///< the candidate packet text (may still be malformed)
  QString problem;  ///< set when an element in our namespace held no packet
};

/// The packet candidate of a groupchat message: the text of our <mpenc/>
/// element, else a body that starts with "?mpENC". An element in our
/// namespace that holds no "?mpENC" text is reported in `problem`.
PacketExtract extractPacket(const QXmppMessage& message);

/// "room@service/nick" → "nick" (empty if there is no resource).
QString resourceOf(const QString& jid);
/// "room@service/nick" → "room@service".
QString bareOf(const QString& jid);

}  // namespace mpenc::xmpp
