// The binding's XML without a server: what we send serialises as documented
// (docs/xmpp-binding.md) and parses back; malformed input is rejected; the
// reconnect backoff grows and caps.
#include <QXmppMessage.h>
#include <QXmppPresence.h>

#include <QBuffer>
#include <QDomDocument>
#include <QTest>
#include <QXmlStreamWriter>

#include "xmpp/account_settings.h"
#include "xmpp/mpenc_stanzas.h"
#include "xmpp/muc_channel.h"
#include "xmpp_peer.h"

using namespace mpenc::xmpp;

namespace {

template <typename Stanza>
QString toXml(const Stanza& s) {
  QString out;
  QXmlStreamWriter w(&out);
  s.toXml(&w);
  return out;
}

// Parse as a server would deliver it (inside a jabber:client stream).
template <typename Stanza>
Stanza reparse(const QString& xml) {
  QString wrapped = QStringLiteral("<stream xmlns='jabber:client'>") + xml + QStringLiteral("</stream>");
  QDomDocument doc;
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
  doc.setContent(wrapped, QDomDocument::ParseOption::UseNamespaceProcessing);
#else
  doc.setContent(wrapped, true);
#endif
  Stanza s;
  s.parse(doc.documentElement().firstChildElement());
  return s;
}

QXmppPresence presenceWith(const QString& capabilityXml) {
  return reparse<QXmppPresence>(QStringLiteral("<presence from='r@muc/x'>") + capabilityXml +
                                QStringLiteral("</presence>"));
}

Capability testCap() {
  Capability cap;
  cap.identityKey = mpenc::test::testIdentityKey(QStringLiteral("alice"));
  cap.features = QStringList{QStringLiteral("abort"), QStringLiteral("heartbeat")};
  return cap;
}

}  // namespace

class TestStanzas : public QObject {
  Q_OBJECT

 private slots:
  void joinPresenceAsksForNoHistoryAndAdvertises() {
    const QXmppPresence join = makeJoinPresence(QStringLiteral("room@muc.example/alice"), testCap());
    const QString xml = toXml(join);
    QVERIFY2(xml.contains(QStringLiteral(
                 "<x xmlns=\"http://jabber.org/protocol/muc\"><history maxstanzas=\"0\"/></x>")),
             qPrintable(xml));
    const QString key = QString::fromLatin1(testCap().identityKey.toBase64());
    QVERIFY2(
        xml.contains(
            QStringLiteral("<mpenc xmlns=\"urn:xmpp:mpenc:0\" version=\"1\"><identity type=\"ed25519\">") +
            key + QStringLiteral("</identity><feature var=\"abort\"/><feature var=\"heartbeat\"/></mpenc>")),
        qPrintable(xml));
    const CapabilityParse parsed = parseCapability(reparse<QXmppPresence>(xml));
    QVERIFY(parsed.present);
    QVERIFY2(parsed.cap.has_value(), qPrintable(parsed.problem));
    QCOMPARE(*parsed.cap, testCap());
  }

  void malformedCapabilitiesAreRejected() {
    const QString ns = QStringLiteral(" xmlns='urn:xmpp:mpenc:0'");
    const QString key = QString::fromLatin1(testCap().identityKey.toBase64());
    const QStringList bad = {
        QStringLiteral("<mpenc") + ns + QStringLiteral("><identity type='ed25519'>") + key +
            QStringLiteral("</identity></mpenc>"),
        QStringLiteral("<mpenc") + ns + QStringLiteral(" version='0'><identity type='ed25519'>") + key +
            QStringLiteral("</identity></mpenc>"),
        QStringLiteral("<mpenc") + ns + QStringLiteral(" version='1'><identity type='rsa'>") + key +
            QStringLiteral("</identity></mpenc>"),
        QStringLiteral("<mpenc") + ns +
            QStringLiteral(" version='1'><identity type='ed25519'>AAAA</identity></mpenc>"),
        QStringLiteral("<mpenc") + ns +
            QStringLiteral(" version='1'><identity type='ed25519'>not base64!</identity></mpenc>"),
        QStringLiteral("<mpenc") + ns + QStringLiteral(" version='1'/>"),
    };
    for (const QString& xml : bad) {
      const CapabilityParse parsed = parseCapability(presenceWith(xml));
      QVERIFY2(parsed.present && !parsed.cap && !parsed.problem.isEmpty(), qPrintable(xml));
    }
    QVERIFY(!parseCapability(presenceWith(QStringLiteral("<mpenc xmlns='other'/>"))).present);
    QVERIFY(!parseCapability(presenceWith({})).present);
    // A newer version with unknown extras is still a member.
    const CapabilityParse newer = parseCapability(presenceWith(
        QStringLiteral("<mpenc") + ns + QStringLiteral(" version='2'><identity type='ed25519'>") + key +
        QStringLiteral("</identity><future/></mpenc>")));
    QVERIFY(newer.cap.has_value());
    QCOMPARE(newer.cap->version, 2);
  }

  void controlAndDataStanzas() {
    const std::string wireC = mpenc::test::controlPacket("c");
    const QString c =
        toXml(makePacketMessage(QStringLiteral("room@muc.example"), QString::fromStdString(wireC),
                                StanzaKind::Control, QStringLiteral("oid-1")));
    QVERIFY2(!c.contains(QStringLiteral("<body")), qPrintable(c));
    QVERIFY(!c.contains(QStringLiteral("urn:xmpp:eme:0")));
    QVERIFY(c.contains(QStringLiteral("type=\"groupchat\"")));
    QVERIFY(c.contains(QStringLiteral("<origin-id xmlns=\"urn:xmpp:sid:0\" id=\"oid-1\"/>")));
    QVERIFY(c.contains(QStringLiteral("<no-permanent-store xmlns=\"urn:xmpp:hints\"/>")));
    QVERIFY(c.contains(QStringLiteral("<mpenc xmlns=\"urn:xmpp:mpenc:0\">") + QString::fromStdString(wireC) +
                       QStringLiteral("</mpenc>")));

    const QString d = toXml(makePacketMessage(QStringLiteral("room@muc.example"), QStringLiteral("?mpENC:x."),
                                              StanzaKind::Data, QStringLiteral("oid-2")));
    QVERIFY2(d.contains(QStringLiteral("<body>[mpENC encrypted message]</body>")), qPrintable(d));
    QVERIFY(d.contains(QStringLiteral(
        "<encryption xmlns=\"urn:xmpp:eme:0\" name=\"mpENC\" namespace=\"urn:xmpp:mpenc:0\"/>")));
    QVERIFY(d.contains(QStringLiteral("<no-permanent-store xmlns=\"urn:xmpp:hints\"/>")));

    const QXmppMessage back = reparse<QXmppMessage>(d);
    QCOMPARE(back.originId(), QStringLiteral("oid-2"));
    const PacketExtract e = extractPacket(back);
    QCOMPARE(e.source, PacketExtract::Source::Element);
    QCOMPARE(e.wire, QStringLiteral("?mpENC:x."));
  }

  void packetExtraction() {
    auto extract = [](const QString& inner) {
      return extractPacket(reparse<QXmppMessage>(QStringLiteral("<message type='groupchat' from='r@m/a'>") +
                                                 inner + QStringLiteral("</message>")));
    };
    QCOMPARE(extract(QStringLiteral("<body>?mpENC:AAEAAQEAAgABAQ==.</body>")).source,
             PacketExtract::Source::Body);
    QCOMPARE(extract(QStringLiteral("<body>hello</body>")).source, PacketExtract::Source::None);
    const PacketExtract junk = extract(QStringLiteral("<mpenc xmlns='urn:xmpp:mpenc:0'><junk/>x</mpenc>"));
    QCOMPARE(junk.source, PacketExtract::Source::None);
    QVERIFY(!junk.problem.isEmpty());
    const PacketExtract two =
        extract(QStringLiteral("<mpenc xmlns='urn:xmpp:mpenc:0'>?mpENC:a.</mpenc>"
                               "<mpenc xmlns='urn:xmpp:mpenc:0'>?mpENC:b.</mpenc>"));
    QCOMPARE(two.source, PacketExtract::Source::None);
    // The element wins over a fallback body.
    const PacketExtract both = extract(
        QStringLiteral("<body>?mpENC:body.</body><mpenc xmlns='urn:xmpp:mpenc:0'>?mpENC:el.</mpenc>"));
    QCOMPARE(both.wire, QStringLiteral("?mpENC:el."));
  }

  void memberIdsAreUtf8OccupantJids() {
    const QString jid = QStringLiteral("room@muc.example/J\u00fcrgen \u263a");
    const auto id = toMemberId(jid);
    QCOMPARE(id, std::string("room@muc.example/J\xc3\xbcrgen \xe2\x98\xba"));
    QCOMPARE(fromMemberId(id), jid);
    QCOMPARE(resourceOf(jid), QStringLiteral("J\u00fcrgen \u263a"));
    QCOMPARE(bareOf(jid), QStringLiteral("room@muc.example"));
  }

  void backoffGrowsAndCaps() {
    ReconnectPolicy p;
    QCOMPARE(p.baseDelayMs(0), 1000);
    QCOMPARE(p.baseDelayMs(1), 2000);
    QCOMPARE(p.baseDelayMs(5), 32000);
    QCOMPARE(p.baseDelayMs(6), 60000);
    QCOMPARE(p.baseDelayMs(1000), 60000);
    QCOMPARE(p.delayMs(3, 0.5), 8000);
    QCOMPARE(p.delayMs(3, 0.0), 7200);
    QVERIFY(p.delayMs(3, 0.999) <= 8800);
    QCOMPARE(p.delayMs(100, 0.999), 60000);  // never above the cap
    QVERIFY(AccountSettings{}.tls == TlsPolicy::Required);
  }

  // QXmpp re-arms the ping timeout at every ping: a timeout >= the interval
  // never fires (tests/xmpp/test_dead_network.cpp measured it), so it is kept below.
  void keepAliveTimeoutStaysBelowTheInterval() {
    AccountSettings s;
    QCOMPARE(s.effectiveKeepAliveTimeoutS(), 20);  // 60 s / 20 s: as set
    s.keepAliveIntervalS = 2;
    s.keepAliveTimeoutS = 3;
    QCOMPARE(s.effectiveKeepAliveTimeoutS(), 1);
    s.keepAliveTimeoutS = 2;
    QCOMPARE(s.effectiveKeepAliveTimeoutS(), 1);
    s.keepAliveIntervalS = 1;  // nothing below 1 s: as close as QXmpp allows
    QCOMPARE(s.effectiveKeepAliveTimeoutS(), 1);
    s.keepAliveIntervalS = 0;  // no pings: the timeout is unused
    s.keepAliveTimeoutS = 0;
    QCOMPARE(s.effectiveKeepAliveTimeoutS(), 1);
  }
};

QTEST_GUILESS_MAIN(TestStanzas)
#include "test_stanzas.moc"
