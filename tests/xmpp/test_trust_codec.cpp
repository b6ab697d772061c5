// The trust store's file format (xmpp/trust_codec.h) as a pure parser: what
// TrustStore saves loads back, every kind of damage is a Corrupt result
// naming the problem, a newer format is reported as such, and hostile input
// found by the fuzz target (tests/fuzz/fuzz_trust.cpp, regressions in
// tests/fuzz/regressions/trust/) stays a typed result. The file handling
// around it (rename aside, read-only) is in test_identity_trust.cpp.
#include <QDateTime>
#include <QTest>

#include "xmpp/trust_codec.h"

using namespace mpenc::xmpp;
using Status = trust::Parsed::Status;
using Kind = TrustStore::PeerKind;

namespace {

QByteArray key64(char fill) {
  return QByteArray(32, fill).toBase64();
}

QByteArray store(const QByteArray& entries) {
  return "{\"format\":\"mpenc-trust-v1\",\"entries\":[" + entries + "]}";
}

QByteArray entry(const QByteArray& extra = {}, const QByteArray& account = "alice@example.com") {
  return "{\"account\":\"" + account + "\",\"peer\":\"bob@example.org\",\"kind\":\"jid\",\"key\":\"" +
         key64('\x01') + "\",\"verified\":false" + extra + "}";
}

}  // namespace

class TestTrustCodec : public QObject {
  Q_OBJECT

 private slots:
  void whatIsSavedLoadsBack() {
    trust::Entries entries;
    TrustStore::Entry verified;
    verified.pinnedKey = QByteArray(32, '\x01');
    verified.verified = true;
    verified.firstSeen = QDateTime::fromSecsSinceEpoch(1767323045).toUTC();
    entries.insert(
        *trust::makeKey(QStringLiteral("alice@example.com"), QStringLiteral("bob@example.org"), Kind::Jid),
        verified);
    TrustStore::Entry changed;
    changed.pinnedKey = QByteArray(32, '\x02');
    changed.pendingKey = QByteArray(32, '\x03');
    changed.firstSeen = QDateTime::fromSecsSinceEpoch(1767323045).toUTC();
    changed.changedAt = QDateTime::fromSecsSinceEpoch(1767400000).toUTC();
    entries.insert(*trust::makeKey(QStringLiteral("alice@example.com"),
                                   QStringLiteral("room@muc.example.org/Dave"), Kind::Nick),
                   changed);
    const auto parsed = trust::parseTrustFile(trust::encodeTrustFile(entries));
    QCOMPARE(parsed.status, Status::Ok);
    QCOMPARE(parsed.entries.keys(), entries.keys());
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
      const auto& got = parsed.entries.value(it.key());
      QCOMPARE(got.pinnedKey, it->pinnedKey);
      QCOMPARE(got.verified, it->verified);
      QCOMPARE(got.pendingKey, it->pendingKey);
      QCOMPARE(got.firstSeen, it->firstSeen);
      QCOMPARE(got.changedAt, it->changedAt);
    }
  }

  void damageIsCorruptWithItsProblem_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("problem");
    QTest::newRow("not json") << QByteArray("{\"format\":") << QStringLiteral("not a JSON object");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("not a JSON object");
    QTest::newRow("no format") << QByteArray("{\"entries\":[]}") << QStringLiteral("unknown format");
    QTest::newRow("no entries") << QByteArray("{\"format\":\"mpenc-trust-v1\"}")
                                << QStringLiteral("no entries list");
    QTest::newRow("entry not object") << store("1") << QStringLiteral("entry 0: not an object");
    QTest::newRow("bad key") << store(entry().replace(key64('\x01'), "AAAA"))
                             << QStringLiteral("entry 0: bad key");
    QTest::newRow("upper-case account")
        << store(entry({}, "Alice@example.com")) << QStringLiteral("entry 0: account or peer not normalised");
    QTest::newRow("duplicate") << store(entry() + "," + entry()) << QStringLiteral("entry 1: duplicate");
    QTest::newRow("pending = pin") << store(entry(",\"pending\":\"" + key64('\x01') + "\""))
                                   << QStringLiteral("entry 0: bad pending key");
    QTest::newRow("bad time") << store(entry(",\"firstSeen\":\"yesterday\""))
                              << QStringLiteral("entry 0: bad time");
    QTest::newRow("verified not bool")
        << store(entry().replace("false", "0")) << QStringLiteral("entry 0: bad verified flag");
  }

  void damageIsCorruptWithItsProblem() {
    QFETCH(QByteArray, content);
    QFETCH(QString, problem);
    const auto parsed = trust::parseTrustFile(content);
    QCOMPARE(parsed.status, Status::Corrupt);
    QCOMPARE(parsed.problem, problem);
    QVERIFY(parsed.entries.isEmpty());
  }

  // Found by fuzz_trust (regressions/trust/utc-time-*.json): a time whose UTC
  // form leaves the years 1..9999 loaded, but the store saved from it did not
  // load again, so the next start moved it aside and lost every pin.
  void timeOutsideIsoYearsInUtcIsABadTime_data() {
    QTest::addColumn<QByteArray>("time");
    QTest::newRow("before year 1") << QByteArray("0001-01-01T00:00:00+14:00");
    QTest::newRow("after year 9999") << QByteArray("9999-12-31T23:59:59-10:00");
  }

  void timeOutsideIsoYearsInUtcIsABadTime() {
    QFETCH(QByteArray, time);
    const auto parsed = trust::parseTrustFile(store(entry(",\"firstSeen\":\"" + time + "\"")));
    QCOMPARE(parsed.status, Status::Corrupt);
    QCOMPARE(parsed.problem, QStringLiteral("entry 0: bad time"));
    // The edges themselves are good times, and survive a save.
    for (const QByteArray& edge :
         {QByteArray("0001-01-01T00:00:00Z"), QByteArray("9999-12-31T23:59:59+00:00")}) {
      const auto ok = trust::parseTrustFile(store(entry(",\"firstSeen\":\"" + edge + "\"")));
      QCOMPARE(ok.status, Status::Ok);
      QCOMPARE(trust::parseTrustFile(trust::encodeTrustFile(ok.entries)).status, Status::Ok);
    }
  }

  void newerFormatIsNotCorrupt() {
    const auto parsed = trust::parseTrustFile("{\"format\":\"mpenc-trust-v2\",\"entries\":{}}");
    QCOMPARE(parsed.status, Status::Newer);
    QCOMPARE(parsed.newerFormat, QStringLiteral("mpenc-trust-v2"));
  }

  void tooLargeIsCorrupt() {
    const QByteArray big = store(entry()) + QByteArray(static_cast<int>(trust::kMaxFileSize), ' ');
    const auto parsed = trust::parseTrustFile(big);
    QCOMPARE(parsed.status, Status::Corrupt);
    QCOMPARE(parsed.problem, QStringLiteral("too large"));
  }
};

QTEST_GUILESS_MAIN(TestTrustCodec)
#include "test_trust_codec.moc"
