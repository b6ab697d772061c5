// Test helpers for the membership-operation resolver (order/): fake greeting
// packets with packet IDs computed as on receipt (protocol-wire.md §6).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/order/server_order.h"
#include "mpenc/proto/ids.h"

namespace mpenc::order::testing {

using Members = std::vector<std::string>;

inline Hash32 label(std::string_view s) {
  return crypto::sha256(asBytes(s));
}

/// A fake wire string: only its bytes matter to the resolver (via the packet ID).
struct FakeWire {
  std::string text;
};

/// An initial candidate (pI) as received with channel membership `channel`.
inline OpPacket initialPacket(const std::string& sender, Members members, const Hash32& prevPf,
                              const Hash32& prevCh, const Members& channel, std::string_view tag = "") {
  OpPacket op;
  const std::string wire = "pI|" + sender + "|" + toHex(prevPf) + "|" + std::string(tag);
  op.packetId = proto::packetId(wire, sender, channel);
  op.wireHash = crypto::sha256(asBytes(wire));
  op.sender = sender;
  op.type = codec::GreetType(codec::GreetType::IncludeAuxInitiatorUp);
  op.members = std::move(members);
  op.prevPf = prevPf;
  op.prevChainHash = prevCh;
  return op;
}

/// A non-initial greeting packet (a middle packet or a final candidate).
inline OpPacket laterPacket(const std::string& sender, Members members, const Members& channel,
                            std::string_view tag) {
  OpPacket op;
  const std::string wire = "pX|" + sender + "|" + std::string(tag);
  op.packetId = proto::packetId(wire, sender, channel);
  op.wireHash = crypto::sha256(asBytes(wire));
  op.sender = sender;
  op.type = codec::GreetType(codec::GreetType::IncludeAuxParticipantConfirmDown);
  op.members = std::move(members);
  return op;
}

/// A resolver already synced on a known chain start, with its session membership.
struct Peer {
  ServerOrder order;
  Members session;

  Peer(std::string id, const Hash32& prevPf, Members sessionMembers)
      : order(std::move(id)), session(std::move(sessionMembers)) {
    order.syncWithPrev(prevPf, proto::initialChainHash(prevPf));
  }
  explicit Peer(std::string id) : order(id), session{std::move(id)} {}

  Outcome recv(const OpPacket& op, const Members& channel, bool isFinal = false) {
    return order.tryOpPacket(op, channel, session, isFinal);
  }
  Outcome recv(const OpPacket& op, const Members& channel, const Finality& f) {
    return order.tryOpPacket(op, channel, session, f);
  }
};

/// Wire hash of the fake pI `initialPacket(sender, …, prevPf, …, tag)`.
inline Hash32 initialWireHash(const std::string& sender, const Hash32& prevPf, std::string_view tag = "") {
  const std::string wire = "pI|" + sender + "|" + toHex(prevPf) + "|" + std::string(tag);
  return crypto::sha256(asBytes(wire));
}

}  // namespace mpenc::order::testing
