// The headless front end (mpenc-chat --headless, docs/headless.md) end to end:
// two real mpenc-chat processes against a private Prosody on 127.0.0.1 join
// one room, each sends a message, both messages arrive at both with author
// and text, and each becomes fully acked at its sender; a member returning
// with another identity key is reported as "changed". Also: bad input gets
// an error reply and the process survives; stdout carries only JSON lines and
// never the password; quit parts and exits 0.
// MPENC_HEADLESS_TRACE=1 prints every line in (>) and out (<) on stderr.
// Exit code 77 (skipped) when Prosody is not installed.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <tuple>
#include <utility>

#include "prosody_fixture.h"

#ifndef MPENC_CHAT_PATH
#error "MPENC_CHAT_PATH must name the mpenc-chat executable"
#endif

namespace {

constexpr int kWait = 30000;  // bound on every wait (joins, deliveries)
constexpr int kAckWait = 60000;

/// One `mpenc-chat --headless` process: commands in, parsed events out.
class Client {
 public:
  explicit Client(const QString& name) : name_(name) {
    QObject::connect(&proc_, &QProcess::readyReadStandardOutput, [this] { readOut(); });
    QObject::connect(&proc_, &QProcess::readyReadStandardError, [this] {
      const QByteArray err = proc_.readAllStandardError();
      std::fprintf(stderr, "[%s stderr] %s", qPrintable(name_), err.constData());
    });
  }
  ~Client() {
    if (proc_.state() != QProcess::NotRunning) {
      proc_.terminate();  // our own child, by PID
      if (!proc_.waitForFinished(5000)) {
        proc_.kill();
        proc_.waitForFinished(5000);
      }
    }
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool start() {
    if (!dir_.isValid()) return false;
    proc_.setProgram(QStringLiteral(MPENC_CHAT_PATH));
    proc_.setArguments({QStringLiteral("--headless"), QStringLiteral("--data-dir"), dir_.path(),
                        QStringLiteral("--auto-include"), QStringLiteral("--fast-timers")});
    proc_.start();
    return proc_.waitForStarted(10000);
  }

  void sendRaw(const QByteArray& line) {
    if (qEnvironmentVariableIsSet("MPENC_HEADLESS_TRACE"))
      std::fprintf(stderr, "[%s] > %s\n", qPrintable(name_), line.constData());
    proc_.write(line + '\n');
  }
  void send(const QJsonObject& cmd) { sendRaw(QJsonDocument(cmd).toJson(QJsonDocument::Compact)); }

  /// The first event (from index `from` on) matching `pred`, waiting up to `ms`.
  std::optional<QJsonObject> waitFor(const std::function<bool(const QJsonObject&)>& pred, int ms,
                                     int from = 0) {
    QElapsedTimer t;
    t.start();
    for (;;) {
      for (int i = from; i < events_.size(); ++i)
        if (pred(events_[i])) return events_[i];
      if (t.elapsed() > ms || proc_.state() == QProcess::NotRunning) return std::nullopt;
      QTest::qWait(20);
    }
  }
  std::optional<QJsonObject> reply(const QString& id, int ms = kWait) {
    return waitFor(
        [&](const QJsonObject& e) {
          return e.value(QStringLiteral("event")).toString() == QLatin1String("reply") &&
                 e.value(QStringLiteral("id")).toString() == id;
        },
        ms);
  }
  std::optional<QJsonObject> event(const QString& kind, const QString& field, const QString& value,
                                   int ms = kWait) {
    return waitFor(
        [&](const QJsonObject& e) {
          return e.value(QStringLiteral("event")).toString() == kind && e.value(field).toString() == value;
        },
        ms);
  }

  QProcess& process() { return proc_; }
  const QList<QJsonObject>& events() const { return events_; }
  const QList<QByteArray>& rawLines() const { return lines_; }
  const QString& name() const { return name_; }

 private:
  void readOut() {
    buffer_ += proc_.readAllStandardOutput();
    for (;;) {
      const auto nl = buffer_.indexOf('\n');
      if (nl < 0) break;
      const QByteArray line = buffer_.left(nl);
      buffer_.remove(0, nl + 1);
      lines_ << line;
      const QJsonDocument doc = QJsonDocument::fromJson(line);
      if (doc.isObject()) events_ << doc.object();
      if (qEnvironmentVariableIsSet("MPENC_HEADLESS_TRACE"))
        std::fprintf(stderr, "[%s] < %s\n", qPrintable(name_), line.constData());
    }
  }

  QString name_;
  QTemporaryDir dir_;
  QProcess proc_;
  QByteArray buffer_;
  QList<QByteArray> lines_;
  QList<QJsonObject> events_;
};

QJsonObject obj(std::initializer_list<QPair<QString, QJsonValue>> kv) {
  return QJsonObject(kv);
}

}  // namespace

class TestHeadlessSmoke : public QObject {
  Q_OBJECT

 private:
  mpenc::test::ProsodyFixture server_;

  QString password(const QString& user) const { return QStringLiteral("pw-smoke-") + user; }

  void connectClient(Client& c, const QString& user) {
    c.send(obj({{QStringLiteral("cmd"), QStringLiteral("connect")},
                {QStringLiteral("id"), QStringLiteral("c1")},
                {QStringLiteral("jid"), QString(user + QLatin1Char('@') + server_.domain())},
                {QStringLiteral("password"), password(user)},
                {QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                {QStringLiteral("port"), static_cast<int>(server_.port())},
                {QStringLiteral("tls"), QStringLiteral("disabled-unsafe")}}));
    const auto r = c.reply(QStringLiteral("c1"));
    QVERIFY2(r, qPrintable(c.name() + QStringLiteral(": no reply to connect")));
    QVERIFY2(r->value(QStringLiteral("ok")).toBool(),
             qPrintable(r->value(QStringLiteral("detail")).toString()));
    QVERIFY(!r->value(QStringLiteral("fingerprint")).toString().isEmpty());
    QVERIFY2(c.event(QStringLiteral("connection"), QStringLiteral("state"), QStringLiteral("connected")),
             qPrintable(c.name() + QStringLiteral(" did not connect")));
  }

 private slots:
  void initTestCase() {
    QVERIFY2(QFileInfo::exists(QStringLiteral(MPENC_CHAT_PATH)), MPENC_CHAT_PATH);
    QVERIFY2(server_.start(), qPrintable(server_.lastError()));
    for (const QString& u : {QStringLiteral("alice"), QStringLiteral("bob")})
      QVERIFY2(server_.registerUser(u, password(u)), qPrintable(server_.lastError()));
  }

  void cleanupTestCase() { QVERIFY2(server_.stop(), qPrintable(server_.lastError())); }

  void twoClientsChat() {
    Client alice(QStringLiteral("alice"));
    Client bob(QStringLiteral("bob"));
    QVERIFY(alice.start());
    QVERIFY(bob.start());

    // Hostile input first: clear error replies, no crash.
    alice.sendRaw("this is not json");
    QVERIFY(alice.waitFor(
        [](const QJsonObject& e) {
          return e.value(QStringLiteral("event")).toString() == QLatin1String("reply") &&
                 !e.value(QStringLiteral("ok")).toBool() &&
                 e.value(QStringLiteral("error")).toString() == QLatin1String("bad-command");
        },
        kWait));
    alice.send(
        obj({{QStringLiteral("cmd"), QStringLiteral("fly")}, {QStringLiteral("id"), QStringLiteral("x1")}}));
    auto r = alice.reply(QStringLiteral("x1"));
    QVERIFY(r);
    QCOMPARE(r->value(QStringLiteral("error")).toString(), QStringLiteral("bad-command"));
    alice.send(obj({{QStringLiteral("cmd"), QStringLiteral("send")},
                    {QStringLiteral("id"), QStringLiteral("x2")},
                    {QStringLiteral("text"), QStringLiteral("too early")}}));
    r = alice.reply(QStringLiteral("x2"));
    QVERIFY(r);
    QCOMPARE(r->value(QStringLiteral("ok")).toBool(), false);
    QCOMPARE(r->value(QStringLiteral("error")).toString(), QStringLiteral("no-room"));

    connectClient(alice, QStringLiteral("alice"));
    connectClient(bob, QStringLiteral("bob"));

    const QString room = QStringLiteral("smoke@") + server_.mucDomain();
    alice.send(obj({{QStringLiteral("cmd"), QStringLiteral("join")},
                    {QStringLiteral("id"), QStringLiteral("j1")},
                    {QStringLiteral("room"), room},
                    {QStringLiteral("nick"), QStringLiteral("alice")}}));
    r = alice.reply(QStringLiteral("j1"));
    QVERIFY(r && r->value(QStringLiteral("ok")).toBool());
    // Alone in the room: joining (nobody to talk to yet).
    QVERIFY(alice.event(QStringLiteral("state"), QStringLiteral("to"), QStringLiteral("joining")));

    bob.send(obj({{QStringLiteral("cmd"), QStringLiteral("join")},
                  {QStringLiteral("id"), QStringLiteral("j1")},
                  {QStringLiteral("room"), room},
                  {QStringLiteral("nick"), QStringLiteral("bob")}}));
    r = bob.reply(QStringLiteral("j1"));
    QVERIFY(r && r->value(QStringLiteral("ok")).toBool());

    QVERIFY2(alice.event(QStringLiteral("state"), QStringLiteral("to"), QStringLiteral("joined")),
             "alice never reached joined");
    QVERIFY2(bob.event(QStringLiteral("state"), QStringLiteral("to"), QStringLiteral("joined")),
             "bob never reached joined");

    // Each saw the other's key (first sight: pinned now).
    const QString aliceJid = room + QStringLiteral("/alice");
    const QString bobJid = room + QStringLiteral("/bob");
    const auto bobKey = alice.event(QStringLiteral("key"), QStringLiteral("member"), bobJid);
    QVERIFY(bobKey);
    QCOMPARE(bobKey->value(QStringLiteral("trust")).toString(), QStringLiteral("new"));

    // An unknown member is a clear error.
    alice.send(obj({{QStringLiteral("cmd"), QStringLiteral("exclude")},
                    {QStringLiteral("id"), QStringLiteral("x3")},
                    {QStringLiteral("members"), QJsonArray{QStringLiteral("nobody")}}}));
    r = alice.reply(QStringLiteral("x3"));
    QVERIFY(r);
    QCOMPARE(r->value(QStringLiteral("error")).toString(), QStringLiteral("unknown-member"));

    // status agrees on the membership.
    alice.send(obj(
        {{QStringLiteral("cmd"), QStringLiteral("status")}, {QStringLiteral("id"), QStringLiteral("s1")}}));
    r = alice.reply(QStringLiteral("s1"));
    QVERIFY(r);
    const QJsonObject st = r->value(QStringLiteral("status")).toObject();
    QCOMPARE(st.value(QStringLiteral("state")).toString(), QStringLiteral("joined"));
    QCOMPARE(st.value(QStringLiteral("members")).toArray(), (QJsonArray{aliceJid, bobJid}));

    const QString aliceText = QStringLiteral("hello from alice ✓");
    const QString bobText = QStringLiteral("hello from bob");
    alice.send(obj({{QStringLiteral("cmd"), QStringLiteral("send")},
                    {QStringLiteral("id"), QStringLiteral("m1")},
                    {QStringLiteral("text"), aliceText}}));
    bob.send(obj({{QStringLiteral("cmd"), QStringLiteral("send")},
                  {QStringLiteral("id"), QStringLiteral("m1")},
                  {QStringLiteral("text"), bobText}}));
    const auto aliceSent = alice.reply(QStringLiteral("m1"));
    const auto bobSent = bob.reply(QStringLiteral("m1"));
    QVERIFY(aliceSent && aliceSent->value(QStringLiteral("ok")).toBool());
    QVERIFY(bobSent && bobSent->value(QStringLiteral("ok")).toBool());
    const QString aliceId = aliceSent->value(QStringLiteral("message")).toString();
    const QString bobId = bobSent->value(QStringLiteral("message")).toString();
    QCOMPARE(aliceId.size(), 40);  // 20-byte message ID in hex
    QVERIFY(aliceId != bobId);

    // Both messages arrive at both, with author and text.
    for (Client* c : {&alice, &bob}) {
      for (const auto& [id, author, text] :
           {std::tuple{aliceId, aliceJid, aliceText}, std::tuple{bobId, bobJid, bobText}}) {
        const auto m = c->event(QStringLiteral("message"), QStringLiteral("id"), id);
        QVERIFY2(m, qPrintable(c->name() + QStringLiteral(" did not receive ") + text));
        QCOMPARE(m->value(QStringLiteral("author")).toString(), author);
        QCOMPARE(m->value(QStringLiteral("text")).toString(), text);
        QCOMPARE(m->value(QStringLiteral("own")).toBool(), author == (c == &alice ? aliceJid : bobJid));
        QVERIFY(m->value(QStringLiteral("row")).isDouble());
      }
    }

    // Each message becomes fully acked at its sender.
    for (const auto& [c, id] : {std::pair{&alice, aliceId}, std::pair{&bob, bobId}}) {
      const QString want = id;
      const auto ack = c->waitFor(
          [&](const QJsonObject& e) {
            return e.value(QStringLiteral("event")).toString() == QLatin1String("ack") &&
                   e.value(QStringLiteral("id")).toString() == want &&
                   e.value(QStringLiteral("fully_acked")).toBool();
          },
          kAckWait);
      QVERIFY2(ack, qPrintable(c->name() + QStringLiteral(": own message never fully acked")));
      QCOMPARE(ack->value(QStringLiteral("unacked_by")).toArray().size(), 0);
    }

    // quit parts and exits 0: Bob first.
    auto quitAndCheck = [](Client& c) {
      c.send(obj(
          {{QStringLiteral("cmd"), QStringLiteral("quit")}, {QStringLiteral("id"), QStringLiteral("q")}}));
      QVERIFY2(c.process().waitForFinished(20000), qPrintable(c.name() + QStringLiteral(" did not exit")));
      QCOMPARE(c.process().exitStatus(), QProcess::NormalExit);
      QCOMPARE(c.process().exitCode(), 0);
    };
    quitAndCheck(bob);
    if (QTest::currentTestFailed()) return;

    // Bob comes back with another identity key (a new data dir): Alice's trust
    // store pinned the old one, so the key event says "changed", loudly.
    const int mark = static_cast<int>(alice.events().size());
    Client bob2(QStringLiteral("bob"));
    QVERIFY(bob2.start());
    connectClient(bob2, QStringLiteral("bob"));
    bob2.send(obj({{QStringLiteral("cmd"), QStringLiteral("join")},
                   {QStringLiteral("id"), QStringLiteral("j2")},
                   {QStringLiteral("room"), room},
                   {QStringLiteral("nick"), QStringLiteral("bob")}}));
    const auto changed = alice.waitFor(
        [&](const QJsonObject& e) {
          return e.value(QStringLiteral("event")).toString() == QLatin1String("key") &&
                 e.value(QStringLiteral("member")).toString() == bobJid;
        },
        kWait, mark);
    QVERIFY2(changed, "alice saw no key for the returning bob");
    QCOMPARE(changed->value(QStringLiteral("trust")).toString(), QStringLiteral("changed"));
    QVERIFY(changed->value(QStringLiteral("fingerprint")).toString() !=
            bobKey->value(QStringLiteral("fingerprint")).toString());
    QVERIFY(!changed->value(QStringLiteral("text")).toString().isEmpty());

    quitAndCheck(alice);
    quitAndCheck(bob2);
    if (QTest::currentTestFailed()) return;
    QTest::qWait(50);
    for (Client* c : {&alice, &bob, &bob2}) {
      // stdout: JSON objects only, and never the password.
      for (const QByteArray& line : c->rawLines()) {
        QVERIFY2(QJsonDocument::fromJson(line).isObject(), line.constData());
        QVERIFY(!line.contains(password(c->name()).toUtf8()));
      }
      QVERIFY(c->event(QStringLiteral("reply"), QStringLiteral("id"), QStringLiteral("q"), 0));
    }
  }
};

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  if (!mpenc::test::ProsodyFixture::available()) {
    std::printf("SKIP: prosody/prosodyctl not installed\n");
    return 77;
  }
  TestHeadlessSmoke t;
  return QTest::qExec(&t, argc, argv);
}

#include "test_headless_smoke.moc"
