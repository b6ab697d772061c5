// Fuzz target: the trust store file trust.json (xmpp/trust_codec.h,
// parseTrustFile, which TrustStore::load() uses). Any input is Ok, Corrupt
// (with a problem) or Newer (with its format); an accepted file holds only
// normalised keys and 32-byte pins, and it survives a save: encodeTrustFile
// of its entries parses back to the same entries (times to the second), and
// encoding that again gives the same bytes.
#include <QByteArray>
#include <QDateTime>

#include "fuzz_driver.h"
#include "xmpp/trust_codec.h"

namespace {

namespace trust = mpenc::xmpp::trust;
using Kind = mpenc::xmpp::TrustStore::PeerKind;

QString timeText(const QDateTime& t) {
  return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

void checkEntries(const trust::Entries& entries) {
  for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
    const auto& [account, peer, kind] = it.key();
    if (kind != static_cast<int>(Kind::Jid) && kind != static_cast<int>(Kind::Nick))
      mpencFuzzFailure("accepted an entry of an unknown kind");
    if (trust::makeKey(account, peer, static_cast<Kind>(kind)) != it.key())
      mpencFuzzFailure("accepted an entry whose account or peer is not normalised");
    const auto& e = it.value();
    if (e.pinnedKey.size() != 32) mpencFuzzFailure("accepted a pin that is not 32 bytes");
    if (!e.pendingKey.isEmpty() && (e.pendingKey.size() != 32 || e.pendingKey == e.pinnedKey))
      mpencFuzzFailure("accepted a bad pending key");
    if (e.pendingKey.isEmpty() && e.changedAt.isValid()) mpencFuzzFailure("a change time without a change");
  }
}

}  // namespace

void mpencFuzzOne(std::span<const std::uint8_t> data) {
  const QByteArray bytes(reinterpret_cast<const char*>(data.data()),
                         static_cast<int>(data.size()));  // NOLINT
  const trust::Parsed p = trust::parseTrustFile(bytes);
  switch (p.status) {
    case trust::Parsed::Status::Corrupt:
      if (p.problem.isEmpty()) mpencFuzzFailure("corrupt without a problem");
      if (!p.entries.isEmpty()) mpencFuzzFailure("corrupt with entries");
      return;
    case trust::Parsed::Status::Newer:
      if (!p.newerFormat.startsWith(QLatin1String("mpenc-trust-v")) ||
          p.newerFormat == QLatin1String("mpenc-trust-v1") || p.newerFormat.size() > 64)
        mpencFuzzFailure("newer with a bad format string");
      return;
    case trust::Parsed::Status::Ok:
      break;
  }
  checkEntries(p.entries);
  const QByteArray saved = trust::encodeTrustFile(p.entries);
  const trust::Parsed again = trust::parseTrustFile(saved);
  if (again.status != trust::Parsed::Status::Ok) mpencFuzzFailure("a saved store does not load again");
  if (again.entries.keys() != p.entries.keys()) mpencFuzzFailure("entries changed in a save");
  for (auto it = p.entries.cbegin(); it != p.entries.cend(); ++it) {
    const auto& a = it.value();
    const auto& b = again.entries.value(it.key());
    if (a.pinnedKey != b.pinnedKey || a.verified != b.verified || a.pendingKey != b.pendingKey)
      mpencFuzzFailure("an entry's keys changed in a save");
    if (timeText(a.firstSeen) != timeText(b.firstSeen) || timeText(a.changedAt) != timeText(b.changedAt))
      mpencFuzzFailure("an entry's times changed in a save");
  }
  if (trust::encodeTrustFile(again.entries) != saved) mpencFuzzFailure("saving twice gives other bytes");
}
