// One command line of `mpenc-chat --headless` (app/headless_command.h,
// docs/headless.md "Commands") as a pure parser: blank lines are ignored,
// hostile lines are a "bad-command" rejection with a specific detail, and
// each command's fields are checked in their documented order, a bad one
// kept as a "bad-argument" for the handler. The same parser is fuzzed
// (tests/fuzz/fuzz_headless.cpp, regressions in tests/fuzz/regressions/headless/);
// the process end to end is in test_headless_smoke.cpp.
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "app/headless_command.h"

using namespace mpenc::app;
using Status = HeadlessLine::Status;
using Kind = HeadlessCommandKind;

namespace {

HeadlessLine parse(const QJsonObject& o) {
  return parseHeadlessLine(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString argError(const QJsonObject& o) {
  const HeadlessLine l = parse(o);
  if (l.status != Status::Command) return QStringLiteral("<not a command>");
  return l.command.argError ? l.command.argError->error + QLatin1Char(' ') + l.command.argError->detail
                            : QString();
}

}  // namespace

class TestHeadlessCommand : public QObject {
  Q_OBJECT

 private slots:
  void blankLinesAreIgnored() {
    QCOMPARE(parseHeadlessLine("").status, Status::Empty);
    QCOMPARE(parseHeadlessLine(" \t\r").status, Status::Empty);
  }

  void hostileLinesAreBadCommands_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("cmd");
    QTest::addColumn<QJsonValue>("id");
    QTest::newRow("not json") << QByteArray("this is not json") << QStringLiteral("not JSON: ") << QString()
                              << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("array") << QByteArray("[1]") << QStringLiteral("not a JSON object") << QString()
                           << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("bad id") << QByteArray(R"({"cmd":"status","id":[1]})")
                            << QStringLiteral("\"id\" must be a string or a number")
                            << QStringLiteral("status") << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("no cmd") << QByteArray(R"({"id":"a"})") << QStringLiteral("missing \"cmd\"") << QString()
                            << QJsonValue(QStringLiteral("a"));
    QTest::newRow("unknown") << QByteArray(R"({"cmd":"fly","id":7})")
                             << QStringLiteral("unknown command \"fly\"") << QStringLiteral("fly")
                             << QJsonValue(7);
  }

  void hostileLinesAreBadCommands() {
    QFETCH(QByteArray, line);
    QFETCH(QString, detail);
    QFETCH(QString, cmd);
    QFETCH(QJsonValue, id);
    const HeadlessLine l = parseHeadlessLine(line);
    QCOMPARE(l.status, Status::Rejected);
    QCOMPARE(l.rejection.error, QStringLiteral("bad-command"));
    QVERIFY2(l.rejection.detail.startsWith(detail), qPrintable(l.rejection.detail));
    QCOMPARE(l.rejectedCmd, cmd);
    QCOMPARE(l.rejectedId, id);
  }

  void everyCommandIsKnownByName() {
    const QStringList names{
        QStringLiteral("connect"),    QStringLiteral("join"),    QStringLiteral("send"),
        QStringLiteral("include"),    QStringLiteral("exclude"), QStringLiteral("refresh"),
        QStringLiteral("abort"),      QStringLiteral("ack"),     QStringLiteral("consistency"),
        QStringLiteral("part"),       QStringLiteral("status"),  QStringLiteral("verify"),
        QStringLiteral("accept-key"), QStringLiteral("quit")};
    for (const QString& n : names) {
      const HeadlessLine l = parse({{QStringLiteral("cmd"), n}, {QStringLiteral("id"), n}});
      QCOMPARE(l.status, Status::Command);
      QCOMPARE(headlessCommandName(l.command.kind), n);
      QCOMPARE(l.command.id, QJsonValue(n));
    }
  }

  void connectFieldsAreCheckedInOrder() {
    QJsonObject c{{QStringLiteral("cmd"), QStringLiteral("connect")}};
    QCOMPARE(argError(c), QStringLiteral("bad-argument \"jid\" must be user@domain"));
    c.insert(QStringLiteral("jid"), QStringLiteral("localhost"));
    QCOMPARE(argError(c), QStringLiteral("bad-argument \"jid\" must be user@domain"));
    c.insert(QStringLiteral("jid"), QStringLiteral("  alice@localhost "));
    c.insert(QStringLiteral("port"), QStringLiteral("5222"));  // the password is reported first
    QCOMPARE(argError(c), QStringLiteral("bad-argument \"password\" must be a string"));
    c.insert(QStringLiteral("password"), QStringLiteral("pw"));
    for (const QJsonValue& bad : {QJsonValue(QStringLiteral("5222")), QJsonValue(0), QJsonValue(65536),
                                  QJsonValue(5222.5), QJsonValue(-1e300), QJsonValue(1e300)}) {
      c.insert(QStringLiteral("port"), bad);
      QCOMPARE(argError(c), QStringLiteral("bad-argument \"port\" must be 1..65535"));
    }
    c.insert(QStringLiteral("port"), 65535);
    c.insert(QStringLiteral("tls"), QStringLiteral("maybe"));
    QVERIFY(argError(c).startsWith(QStringLiteral("bad-argument \"tls\" must be")));
    c.insert(QStringLiteral("tls"), QStringLiteral("disabled-unsafe"));
    const HeadlessLine l = parse(c);
    QVERIFY(!l.command.argError);
    QCOMPARE(l.command.account.jid, QStringLiteral("alice@localhost"));
    QCOMPARE(l.command.account.password, QStringLiteral("pw"));
    QCOMPARE(l.command.account.port, quint16{65535});
    QCOMPARE(l.command.account.tls, mpenc::xmpp::TlsPolicy::DisabledUnsafe);
  }

  void roomCommandFields() {
    QCOMPARE(argError({{QStringLiteral("cmd"), QStringLiteral("join")},
                       {QStringLiteral("room"), QStringLiteral("room@muc/x")},
                       {QStringLiteral("nick"), QStringLiteral("a")}}),
             QStringLiteral("bad-argument \"room\" must be a bare room JID room@service"));
    QCOMPARE(argError({{QStringLiteral("cmd"), QStringLiteral("join")},
                       {QStringLiteral("room"), QStringLiteral("room@muc")},
                       {QStringLiteral("nick"), QStringLiteral(" ")}}),
             QStringLiteral("bad-argument \"nick\" must be a non-empty nickname"));
    QCOMPARE(argError({{QStringLiteral("cmd"), QStringLiteral("send")}, {QStringLiteral("text"), 1}}),
             QStringLiteral("bad-argument \"text\" must be a string"));
    QCOMPARE(argError({{QStringLiteral("cmd"), QStringLiteral("include")},
                       {QStringLiteral("members"), QJsonArray{QStringLiteral("a"), 2}}}),
             QStringLiteral("bad-argument \"members\" must hold strings"));
    QVERIFY(argError({{QStringLiteral("cmd"), QStringLiteral("exclude")},
                      {QStringLiteral("members"), QJsonArray{}}})
                .startsWith(QStringLiteral("bad-argument \"members\" must be a non-empty array")));
    QCOMPARE(argError({{QStringLiteral("cmd"), QStringLiteral("verify")},
                       {QStringLiteral("member"), QStringLiteral("b")}}),
             QStringLiteral("bad-argument \"member\" and \"fingerprint\" are strings"));
    QCOMPARE(argError({{QStringLiteral("cmd"), QStringLiteral("accept-key")}}),
             QStringLiteral("bad-argument \"member\" must be a string"));
    const HeadlessLine one = parse({{QStringLiteral("cmd"), QStringLiteral("include")},
                                    {QStringLiteral("members"), QStringLiteral("bob")}});
    QCOMPARE(one.command.members, QStringList{QStringLiteral("bob")});
  }

  void aCommandWrittenBackParsesTheSame() {
    const QByteArray line =
        R"({"cmd":"connect","id":3,"jid":"a@b","password":"p","host":"h","port":1,"tls":"if-available"})";
    const HeadlessLine l = parseHeadlessLine(line);
    QCOMPARE(l.status, Status::Command);
    const HeadlessLine again =
        parseHeadlessLine(QJsonDocument(headlessCommandJson(l.command)).toJson(QJsonDocument::Compact));
    QCOMPARE(again.status, Status::Command);
    QVERIFY(!again.command.argError);
    QCOMPARE(again.command.account.host, QStringLiteral("h"));
    QCOMPARE(again.command.account.port, quint16{1});
    QCOMPARE(again.command.account.tls, mpenc::xmpp::TlsPolicy::IfAvailable);
    QCOMPARE(again.command.id, QJsonValue(3));
  }
};

QTEST_GUILESS_MAIN(TestHeadlessCommand)
#include "test_headless_command.moc"
