#include "headless_scenario_support.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cstdio>

namespace mpenc::test {

namespace {

const QStringList kUsers = {QStringLiteral("alice"),  QStringLiteral("bob"),   QStringLiteral("carol"),
                            QStringLiteral("dave"),   QStringLiteral("erin"),  QStringLiteral("frank"),
                            QStringLiteral("grace"),  QStringLiteral("heidi"), QStringLiteral("plain"),
                            QStringLiteral("mallory")};

QString password(const QString& user) {
  return QStringLiteral("pw-") + user;
}

QStringList sorted(QStringList l) {
  l.sort();
  return l;
}

QStringList occupants(const Clients& cs) {
  QStringList out;
  for (const auto* c : cs) out << c->occupantJid();
  return sorted(out);
}

QString currentTest() {
  return QString::fromLatin1(QTest::currentTestFunction());
}

}  // namespace

bool isWarning(const HeadlessEvent& e) {
  return e.event() == QLatin1String("warning") && e.str("code").startsWith(QLatin1String("W-"));
}

std::optional<HeadlessEvent> lastSubsession(const HeadlessClient& c) {
  const auto started = c.all([](const HeadlessEvent& e) {
    return e.event() == QLatin1String("membership") && e.str("kind") == QLatin1String("subsession-started");
  });
  if (started.empty()) return std::nullopt;
  return started.back();
}

QString describeWarnings(const HeadlessClient& c, int from) {
  QStringList out;
  for (const auto& e : c.all(isWarning, from))
    out << QString::fromUtf8(QJsonDocument(e.json).toJson(QJsonDocument::Compact));
  return c.name() + QStringLiteral(": ") + out.join(QStringLiteral("\n  "));
}

// ---- HeadlessScenarioFixture ------------------------------------------------

QString HeadlessScenarioFixture::artifacts() const {
  return QDir(artifactsRoot()).filePath(currentTest());
}

HeadlessClient* HeadlessScenarioFixture::spawn(const QString& name, bool autoInclude) {
  HeadlessClient::Options o;
  o.autoInclude = autoInclude;
  o.fastTimers = true;
  auto c = std::make_unique<HeadlessClient>(
      name, QDir(data_.path()).filePath(currentTest() + QLatin1Char('/') + name), artifacts(), o);
  HeadlessClient* p = c.get();
  owned_.push_back(std::move(c));
  if (!p->start()) {
    qWarning("%s", qPrintable(p->lastError()));
    return nullptr;
  }
  if (!p->connectTo(server_, password(name))) return nullptr;
  if (p->waitForEvent(
          [](const HeadlessEvent& e) {
            return e.event() == QLatin1String("connection") && e.str("state") == QLatin1String("connected");
          },
          kWait, QStringLiteral("connected")) < 0)
    return nullptr;
  if (!p->join(room_)) return nullptr;
  return p;
}

Clients HeadlessScenarioFixture::startGroup(const QStringList& names, bool autoFirst) {
  room_ = QStringLiteral("scenario%1@").arg(++rooms_) + server_.mucDomain();
  Clients cs;
  for (int i = 0; i < names.size(); ++i) {
    HeadlessClient* c = spawn(names[i], autoFirst && i == 0);
    if (!c) return {};
    c->note(QStringLiteral("scenario %1, room %2").arg(currentTest(), room_));
    cs.push_back(c);
  }
  return cs;
}

void HeadlessScenarioFixture::startDeparture(size_t leaver, Departure& out) {
  out.all = startGroup(
      {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol"), QStringLiteral("dave")});
  QCOMPARE(out.all.size(), size_t{4});
  QVERIFY(waitSession(out.all));
  const QStringList first = sayAll(out.all, QStringLiteral("hello"));
  QVERIFY(waitDeliveredAndAcked(out.all, first));
  out.leaver = out.all[leaver];
  for (auto* c : out.all) {
    if (c != out.leaver) out.rest.push_back(c);
    out.from[c] = c->mark();
  }
}

bool HeadlessScenarioFixture::inOneSession(const Clients& cs) {
  const QStringList want = occupants(cs);
  QString sid;
  for (const auto* c : cs) {
    const auto s = lastSubsession(*c);
    if (!s || sorted(s->list("members")) != want || c->lastState() != QLatin1String("joined")) return false;
    if (sid.isEmpty()) sid = s->str("sid");
    if (s->str("sid") != sid) return false;
  }
  return true;
}

bool HeadlessScenarioFixture::waitSession(const Clients& cs, int timeoutMs) {
  return waitUntil([&] { return inOneSession(cs); }, timeoutMs,
                   QStringLiteral("one session of ") + occupants(cs).join(QStringLiteral(", ")), cs);
}

QString HeadlessScenarioFixture::checkStatus(const Clients& cs) {
  const QStringList want = occupants(cs);
  QString sid;
  for (auto* c : cs) {
    const QJsonObject s = c->status();
    if (s.value(QStringLiteral("state")).toString() != QLatin1String("joined"))
      return c->name() + QStringLiteral(": state ") + s.value(QStringLiteral("state")).toString();
    QStringList members;
    for (const QJsonValue m : s.value(QStringLiteral("members")).toArray()) members << m.toString();
    if (sorted(members) != want)
      return c->name() + QStringLiteral(": members ") + members.join(QLatin1Char(','));
    if (s.value(QStringLiteral("self")).toString() != c->occupantJid())
      return c->name() + QStringLiteral(": self ") + s.value(QStringLiteral("self")).toString();
    const QString mySid = s.value(QStringLiteral("sid")).toString();
    if (mySid.isEmpty()) return c->name() + QStringLiteral(": no sid");
    if (sid.isEmpty()) sid = mySid;
    if (mySid != sid) return c->name() + QStringLiteral(": sid ") + mySid + QStringLiteral(" != ") + sid;
  }
  return {};
}

QStringList HeadlessScenarioFixture::sayAll(const Clients& senders, const QString& tag) {
  QStringList ids;
  for (auto* c : senders) ids << c->say(QStringLiteral("%1 from %2").arg(tag, c->name()));
  return ids;
}

bool HeadlessScenarioFixture::waitDeliveredAndAcked(const Clients& cs, const QStringList& ids,
                                                    int timeoutMs) {
  return waitUntil(
      [&] {
        for (const auto* c : cs)
          for (const auto& id : ids)
            if (!c->hasMessage(id) || !c->isFullyAcked(id)) return false;
        return true;
      },
      timeoutMs, QStringLiteral("delivered and fully acked: ") + ids.join(QLatin1Char(' ')), cs);
}

bool HeadlessScenarioFixture::sawExclusion(const Clients& cs, const std::map<HeadlessClient*, int>& from,
                                           const QString& kind, const HeadlessClient& gone) {
  const QStringList excluded{gone.occupantJid()};
  for (auto* c : cs) {
    const int at = c->find(
        [&](const HeadlessEvent& e) {
          return e.event() == QLatin1String("membership") && e.str("kind") == kind &&
                 e.list("excluded") == excluded;
        },
        from.at(c));
    if (at < 0) return false;
  }
  return true;
}

void HeadlessScenarioFixture::initTestCase() {
  QVERIFY2(QFileInfo::exists(HeadlessClient::program()),
           qPrintable(QStringLiteral("no mpenc-chat binary at ") + HeadlessClient::program()));
  QVERIFY(data_.isValid());
  QVERIFY2(server_.start(), qPrintable(server_.lastError()));
  for (const QString& u : kUsers)
    QVERIFY2(server_.registerUser(u, password(u)), qPrintable(server_.lastError()));
  std::printf("transcripts: %s\n", qPrintable(artifactsRoot()));
}

void HeadlessScenarioFixture::cleanup() {
  for (auto& c : owned_) {
    c->stop(3000);
    // The contract: standard output carries JSON lines only.
    QVERIFY2(c->badLines().isEmpty(), qPrintable(c->name() + QStringLiteral(": non-JSON output: ") +
                                                 c->badLines().join(QLatin1Char('\n'))));
  }
  owned_.clear();
}

void HeadlessScenarioFixture::cleanupTestCase() {
  QVERIFY2(server_.stop(), qPrintable(server_.lastError()));
}

int runScenarioTests(int argc, char** argv, const std::function<std::unique_ptr<QObject>()>& make) {
  QCoreApplication app(argc, argv);
  if (!ProsodyFixture::available()) {
    std::printf("SKIP: prosody/prosodyctl not installed\n");
    return 77;
  }
  const std::unique_ptr<QObject> tests = make();
  return QTest::qExec(tests.get(), argc, argv);
}

}  // namespace mpenc::test
