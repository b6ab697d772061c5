// Benchmarks through a real local Prosody (label bench, not run by default),
// with real `mpenc-chat --headless` client processes (default protocol timers,
// as shipped):
//
//  - BM_RoomRoundTrip: the reflection time of a small groupchat packet (one
//    client, MucChannel send → own reflection), median of 50: "rtt_ms".
//  - BM_EstablishSession/n, n = 2, 4, 8, 16, 32 processes: all n clients are in
//    the room (every one has seen every other's key); the first one then
//    proposes to include the other n-1 (one START of n members); timed until
//    every client reported the new subsession with n members ("establish_ms").
//    Next to it, from the same run: compute_ms = the critical path of the
//    same START computed in-process (core greeting code, one process, no
//    network: the upflow chain plus the slowest member's broadcast phase),
//    floor_ms = compute_ms + n × rtt_ms, ratio = establish_ms / floor_ms.
//    With n processes on few cores the members' work does not run in
//    parallel as it would on n machines: the ratio includes that;
//    floor_cores_ms = max(compute_ms, compute_total_ms / cores) + n × rtt_ms
//    and ratio_cores account for it. clients_cpu_ms / server_cpu_ms: the CPU
//    time the client processes and Prosody actually used meanwhile (/proc);
//    cpu_bound_ms = their sum / cores (nothing finishes sooner on this
//    machine) and ratio_machine = establish_ms / max(floor_cores_ms,
//    cpu_bound_ms). Median of 5 runs for n <= 8, one run for 16 and 32.
//    MPENC_BENCH_PROSODY_EXTRA adds global Prosody settings for experiments
//    (e.g. "network_settings = { nagle = false }": Prosody's default keeps
//    Nagle's algorithm on, which adds ~40 ms delayed-ACK steps here).
//  - BM_RoomMessages/10: 10 members in one session. Latency: one message at
//    a time (authors in turn, the next one sent once the previous one reached
//    everyone), send command written → "message" event read at every other
//    member: latency_median_ms / latency_p95_ms / latency_p99_ms (slowest
//    receiver), and → fully acked at the author: acked_median_ms (acks ride
//    on the following messages or come from the ack timers). One sender:
//    member 0 alone writes `single` messages back to back;
//    one_sender_per_s = those messages delivered to all 9 others per second
//    (the rate one member can sustain). Everyone: every member writes
//    `burst` messages back to back; delivered_per_s = messages delivered to
//    all others per second (burst_ms until the last).
//
// The Prosody fixture's own Nagle setting is recorded in the JSON context
// ("prosody_nagle"): Prosody's default keeps Nagle's algorithm on for its
// sockets; MPENC_BENCH_PROSODY_NAGLE=off runs it with
// network_settings = { nagle = false } (tools/bench.sh runs both).
//
// Google Benchmark JSON goes where --benchmark_out says (CTest:
// <build>/bench-results/xmpp_session.json). Exit code 77 without Prosody.
#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <vector>

#include "bench_xmpp_measure.h"
#include "headless_client.h"
#include "prosody_fixture.h"
#include "xmpp_peer.h"

using mpenc::test::HeadlessClient;
using mpenc::test::HeadlessEvent;
using mpenc::test::bench::median;
using mpenc::test::bench::percentile;
using mpenc::test::bench::processCpuSeconds;
using mpenc::test::bench::startCompute;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kMaxClients = 32;
constexpr int kWaitMs = 180000;  // bound on any single wait (n = 32 on two cores is slow)

mpenc::test::ProsodyFixture* g_server = nullptr;
QTemporaryDir* g_data = nullptr;
int g_rooms = 0;

QString user(int i) {
  return QStringLiteral("u%1").arg(i, 3, 10, QLatin1Char('0'));
}
QString password(const QString& u) {
  return QStringLiteral("pw-") + u;
}
QString newRoom() {
  return QStringLiteral("bench%1@").arg(++g_rooms) + g_server->mucDomain();
}

/// Run the event loop until `pred` holds (checked every millisecond, precise
/// timer: QTest::qWaitFor sleeps 10 ms between checks, too coarse here).
bool spinUntil(const std::function<bool()>& pred, int timeoutMs) {
  if (pred()) return true;
  QEventLoop loop;
  QTimer poll;
  poll.setTimerType(Qt::PreciseTimer);
  poll.setInterval(1);
  QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
    if (pred()) loop.quit();
  });
  QTimer deadline;
  deadline.setSingleShot(true);
  QObject::connect(&deadline, &QTimer::timeout, &loop, [&] { loop.quit(); });
  poll.start();
  deadline.start(timeoutMs);
  loop.exec();
  return pred();
}

// ---- room round trip ------------------------------------------------------------------

std::optional<double> g_rtt;  // seconds

std::optional<double> measureRoomRoundTrip(std::vector<double>* samples = nullptr) {
  mpenc::test::Peer probe(*g_server, QStringLiteral("probe"), newRoom());
  probe.account->connectToServer();
  probe.room->enter();
  if (!spinUntil([&] { return probe.room->state() == mpenc::xmpp::MucChannel::State::In; }, 15000))
    return std::nullopt;
  std::vector<double> rtts;
  for (int i = 0; i < 50; ++i) {
    const int before = probe.packets();
    const auto t0 = Clock::now();
    probe.room->send(mpenc::test::controlPacket("ping " + std::to_string(i)), {});
    if (!spinUntil([&] { return probe.packets() > before; }, 15000)) return std::nullopt;
    rtts.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
  }
  probe.room->leave();
  if (samples) *samples = rtts;
  return median(rtts);
}

// ---- client groups ------------------------------------------------------------------------

struct Group {
  QString room;
  std::vector<std::unique_ptr<HeadlessClient>> owned;
  std::vector<HeadlessClient*> cs;

  ~Group() { mpenc::test::stopAll(cs, 15000); }
};

/// n clients in a fresh room, every one having seen every other's key (all
/// "joining": nobody includes anybody). nullptr on failure (with `error`).
std::unique_ptr<Group> startClients(int n, const char* label, QString* error) {
  auto g = std::make_unique<Group>();
  g->room = newRoom();
  const QString artifacts = QDir(mpenc::test::artifactsRoot())
                                .filePath(QStringLiteral("bench/%1-n%2").arg(QLatin1String(label)).arg(n));
  for (int i = 0; i < n; ++i) {
    HeadlessClient::Options o;
    o.fastTimers = false;  // the shipped timers
    auto c = std::make_unique<HeadlessClient>(
        user(i), QDir(g_data->path()).filePath(QStringLiteral("%1/%2").arg(g->room, user(i))), artifacts, o);
    g->cs.push_back(c.get());
    g->owned.push_back(std::move(c));
  }
  for (auto* c : g->cs)
    if (!c->start()) {
      *error = c->lastError();
      return nullptr;
    }
  for (auto* c : g->cs)
    c->send(QStringLiteral("connect"), [&] {
      QJsonObject o;
      o.insert(QStringLiteral("jid"), QString(c->name() + QStringLiteral("@localhost")));
      o.insert(QStringLiteral("password"), password(c->name()));
      o.insert(QStringLiteral("host"), QStringLiteral("127.0.0.1"));
      o.insert(QStringLiteral("port"), static_cast<int>(g_server->port()));
      o.insert(QStringLiteral("tls"), QStringLiteral("disabled-unsafe"));
      return o;
    }());
  auto connected = [](const HeadlessClient* c) {
    return c->find([](const HeadlessEvent& e) {
      return e.event() == QLatin1String("connection") && e.str("state") == QLatin1String("connected");
    }) >= 0;
  };
  if (!mpenc::test::waitUntil([&] { return std::all_of(g->cs.begin(), g->cs.end(), connected); }, kWaitMs,
                              QStringLiteral("all connected"), g->cs)) {
    *error = QStringLiteral("not all clients connected");
    return nullptr;
  }
  // Join one at a time (each waits until it is in): the room's join order is the creation order.
  for (auto* c : g->cs) {
    if (!c->join(g->room) || !c->waitState(QStringLiteral("joining"), kWaitMs)) {
      *error = c->name() + QStringLiteral(" did not join");
      return nullptr;
    }
  }
  auto seesAll = [&](const HeadlessClient* c) {
    return c->count([](const HeadlessEvent& e) { return e.event() == QLatin1String("key"); }) >= n - 1;
  };
  if (!mpenc::test::waitUntil([&] { return std::all_of(g->cs.begin(), g->cs.end(), seesAll); }, kWaitMs,
                              QStringLiteral("every client sees every key"), g->cs)) {
    *error = QStringLiteral("not every client saw every other");
    return nullptr;
  }
  return g;
}

std::optional<HeadlessEvent> lastSubsession(const HeadlessClient& c) {
  std::optional<HeadlessEvent> out;
  for (const auto& e : c.events())
    if (e.event() == QLatin1String("membership") && e.str("kind") == QLatin1String("subsession-started"))
      out = e;
  return out;
}

/// CPU seconds the clients and the server used during the last establish().
double g_clientsCpu = 0, g_serverCpu = 0;

/// The first client includes all others; returns seconds until every client
/// has the n-member subsession (nullopt on failure).
std::optional<double> establish(Group& g) {
  const auto n = static_cast<qsizetype>(g.cs.size());
  auto clientsCpu = [&] {
    double t = 0;
    for (auto* c : g.cs) t += processCpuSeconds(c->pid());
    return t;
  };
  const double cpu0 = clientsCpu(), server0 = processCpuSeconds(g_server->pid());
  QJsonArray others;
  for (size_t i = 1; i < g.cs.size(); ++i) others.append(g.cs[i]->nick());
  const qint64 t0 = HeadlessClient::nowUs();
  g.cs[0]->send(QStringLiteral("include"), {{QStringLiteral("members"), others}});
  auto done = [&](const HeadlessClient* c) {
    const auto s = lastSubsession(*c);
    return s && s->list("members").size() == n;
  };
  if (!mpenc::test::waitUntil([&] { return std::all_of(g.cs.begin(), g.cs.end(), done); }, kWaitMs,
                              QStringLiteral("session of %1").arg(n), g.cs))
    return std::nullopt;
  qint64 t1 = t0;
  QString sid;
  for (auto* c : g.cs) {
    const auto s = lastSubsession(*c);
    t1 = std::max(t1, s->rxUs);
    if (sid.isEmpty()) sid = s->str("sid");
    if (s->str("sid") != sid) return std::nullopt;
  }
  g_clientsCpu = clientsCpu() - cpu0;  // includes up to the polling interval after the end
  g_serverCpu = processCpuSeconds(g_server->pid()) - server0;
  return static_cast<double>(t1 - t0) / 1e6;
}

/// Waits until every `send` command of `sent` ((client, command id)) has its
/// reply and every resulting message reached every client but its author;
/// the latest arrival (µs, as HeadlessClient::nowUs), or nullopt with `error`.
std::optional<qint64> deliveredToOthers(const std::vector<HeadlessClient*>& cs,
                                        const std::vector<std::pair<size_t, int>>& sent, const QString& what,
                                        QString* error) {
  if (!mpenc::test::waitUntil(
          [&] {
            for (const auto& [j, id] : sent)
              if (!cs[j]->replyTo(id)) return false;
            return true;
          },
          kWaitMs, what + QStringLiteral(" replies"), cs)) {
    *error = what + QStringLiteral(": no replies");
    return std::nullopt;
  }
  std::vector<std::pair<size_t, QString>> msgs;
  for (const auto& [j, id] : sent) {
    msgs.emplace_back(j, cs[j]->replyTo(id)->value(QStringLiteral("message")).toString());
    if (msgs.back().second.isEmpty()) {
      *error = what + QStringLiteral(": a send was refused");
      return std::nullopt;
    }
  }
  if (!mpenc::test::waitUntil(
          [&] {
            for (auto* c : cs)
              for (const auto& [j, m] : msgs)
                if (!c->hasMessage(m)) return false;
            return true;
          },
          kWaitMs, what + QStringLiteral(" delivered"), cs)) {
    *error = what + QStringLiteral(": not delivered");
    return std::nullopt;
  }
  qint64 last = 0;
  for (size_t k = 0; k < cs.size(); ++k)
    for (const auto& [j, m] : msgs)
      if (k != j) last = std::max(last, cs[k]->message(m)->rxUs);
  return last;
}

// ---- benchmarks ---------------------------------------------------------------------------

void BM_RoomRoundTrip(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<double> samples;
    const auto rtt = measureRoomRoundTrip(&samples);
    if (!rtt) {
      state.SkipWithError("no reflection from the room");
      return;
    }
    g_rtt = *rtt;
    state.SetIterationTime(*rtt);
    state.counters["rtt_ms"] = 1e3 * *rtt;
    state.counters["rtt_p95_ms"] = 1e3 * percentile(samples, 0.95);
  }
  state.SetLabel("MucChannel packet -> own reflection, median of 50, real Prosody on 127.0.0.1");
}

void BM_EstablishSession(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  if (!g_rtt) g_rtt = measureRoomRoundTrip();
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) ids.push_back("bench@conference.localhost/" + user(i).toStdString());
  const auto compute = startCompute(ids);
  if (!g_rtt || !compute) {
    state.SkipWithError("could not measure the room round trip or the in-process START");
    return;
  }
  std::vector<double> times, clientCpu, serverCpu;
  for (auto _ : state) {
    QString error;
    auto g = startClients(n, "establish", &error);
    if (!g) {
      state.SkipWithError(qPrintable(error));
      return;
    }
    const auto t = establish(*g);
    if (!t) {
      state.SkipWithError("the session was not established");
      return;
    }
    times.push_back(*t);
    clientCpu.push_back(g_clientsCpu);
    serverCpu.push_back(g_serverCpu);
    state.SetIterationTime(*t);
  }
  const double est = median(times);
  const double floor = compute->critical + n * *g_rtt;
  // On this machine the n processes share its cores: the work cannot finish
  // before total / cores either.
  const int cores = std::max(1, QThread::idealThreadCount());
  const double floorHere = std::max(compute->critical, compute->total / cores) + n * *g_rtt;
  state.counters["n"] = n;
  state.counters["establish_ms"] = 1e3 * est;
  state.counters["rtt_ms"] = 1e3 * *g_rtt;
  state.counters["compute_ms"] = 1e3 * compute->critical;
  state.counters["compute_total_ms"] = 1e3 * compute->total;
  state.counters["floor_ms"] = 1e3 * floor;
  state.counters["ratio"] = est / floor;
  state.counters["floor_cores_ms"] = 1e3 * floorHere;
  state.counters["ratio_cores"] = est / floorHere;
  // What the processes actually burned (clients and Prosody, /proc, 10 ms
  // ticks): the crypto in compute_total_ms is only part of it; the rest is
  // per-delivery work (every packet reaches every occupant: n² deliveries).
  const double cpuAll = median(clientCpu) + median(serverCpu);
  state.counters["clients_cpu_ms"] = 1e3 * median(clientCpu);
  state.counters["server_cpu_ms"] = 1e3 * median(serverCpu);
  state.counters["cpu_bound_ms"] = 1e3 * cpuAll / cores;
  // Against the larger of the two machine floors: how well the run used the
  // cores for the work it had to do (1 = no waiting beyond the work itself).
  state.counters["ratio_machine"] = est / std::max(floorHere, cpuAll / cores);
  state.SetLabel(
      QStringLiteral("%1 mpenc-chat processes on %2 cores: include(n-1) -> every client has the subsession")
          .arg(n)
          .arg(QThread::idealThreadCount())
          .toStdString());
}

void BM_RoomMessages(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const int rounds = 100;  // sequential messages for latency
  const int single = 200;  // one member's messages back to back
  const int burst = 25;    // messages per member for throughput
  for (auto _ : state) {
    QString error;
    auto g = startClients(n, "messages", &error);
    if (!g) {
      state.SkipWithError(qPrintable(error));
      return;
    }
    if (!establish(*g)) {
      state.SkipWithError("the session was not established");
      return;
    }
    auto& cs = g->cs;
    // Latency: one at a time.
    std::vector<double> lat, acked;
    std::vector<std::tuple<HeadlessClient*, QString, qint64>> latencyIds;
    for (int i = 0; i < rounds; ++i) {
      HeadlessClient* author = cs[static_cast<size_t>(i % n)];
      const qint64 t0 = HeadlessClient::nowUs();
      const QString id = author->say(QStringLiteral("latency %1").arg(i), kWaitMs);
      if (id.isEmpty()) {
        state.SkipWithError("send refused");
        return;
      }
      latencyIds.emplace_back(author, id, t0);
      if (!mpenc::test::waitUntil(
              [&] {
                for (auto* c : cs)
                  if (!c->hasMessage(id)) return false;
                return true;
              },
              kWaitMs, QStringLiteral("latency message %1").arg(i), cs)) {
        state.SkipWithError("a message did not arrive");
        return;
      }
      qint64 slowest = t0;
      for (auto* c : cs)
        if (c != author) slowest = std::max(slowest, c->message(id)->rxUs);
      lat.push_back(static_cast<double>(slowest - t0) / 1e3);
    }
    // Full acks come from later messages (implicit) and the ack timers (explicit).
    if (!mpenc::test::waitUntil(
            [&] {
              for (const auto& [author, id, t0] : latencyIds)
                if (!author->isFullyAcked(id)) return false;
              return true;
            },
            kWaitMs, QStringLiteral("latency messages fully acked"), cs)) {
      state.SkipWithError("latency messages not fully acked");
      return;
    }
    for (const auto& [author, id, t0] : latencyIds) {
      const int ack = author->find([&](const HeadlessEvent& e) {
        return e.event() == QLatin1String("ack") && e.str("id") == id && e.flag("fully_acked");
      });
      acked.push_back(static_cast<double>(author->events()[static_cast<size_t>(ack)].rxUs - t0) / 1e3);
    }
    // One sender: member 0 writes `single` messages back to back.
    // One sender: member 0 alone writes `single` messages back to back.
    std::vector<std::pair<size_t, int>> sent;
    qint64 t0 = HeadlessClient::nowUs();
    for (int k = 0; k < single; ++k)
      sent.emplace_back(0, cs[0]->send(QStringLiteral("send"),
                                       {{QStringLiteral("text"), QStringLiteral("single %1").arg(k)}}));
    const auto last1 = deliveredToOthers(cs, sent, QStringLiteral("one sender"), &error);
    if (!last1) {
      state.SkipWithError(qPrintable(error));
      return;
    }
    const double oneSenderS = static_cast<double>(*last1 - t0) / 1e6;
    // Throughput: everyone writes `burst` messages back to back.
    sent.clear();
    t0 = HeadlessClient::nowUs();
    for (int k = 0; k < burst; ++k)
      for (size_t j = 0; j < cs.size(); ++j)
        sent.emplace_back(
            j, cs[j]->send(QStringLiteral("send"),
                           {{QStringLiteral("text"), QStringLiteral("burst %1 %2").arg(j).arg(k)}}));
    const auto last = deliveredToOthers(cs, sent, QStringLiteral("burst"), &error);
    if (!last) {
      state.SkipWithError(qPrintable(error));
      return;
    }
    const auto burstMessages = static_cast<double>(sent.size());
    const double burstS = static_cast<double>(*last - t0) / 1e6;
    state.SetIterationTime(burstS);
    state.counters["latency_median_ms"] = median(lat);
    state.counters["latency_p95_ms"] = percentile(lat, 0.95);
    state.counters["latency_p99_ms"] = percentile(lat, 0.99);
    state.counters["one_sender_messages"] = single;
    state.counters["one_sender_per_s"] = single / oneSenderS;
    state.counters["acked_median_ms"] = median(acked);
    state.counters["acked_p95_ms"] = percentile(acked, 0.95);
    state.counters["burst_messages"] = burstMessages;
    state.counters["burst_ms"] = 1e3 * burstS;
    state.counters["delivered_per_s"] = burstMessages / burstS;
  }
  state.SetLabel(QStringLiteral("%1 members; latency: %2 sequential messages, send -> slowest receiver; "
                                "one sender: %3 back to back; everyone: %4 messages per member back to back")
                     .arg(n)
                     .arg(rounds)
                     .arg(single)
                     .arg(burst)
                     .toStdString());
}

}  // namespace

BENCHMARK(BM_RoomRoundTrip)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
// Small groups are cheap to set up: the median of 5; 16 and 32 once (bounded run time).
BENCHMARK(BM_EstablishSession)
    ->Arg(2)
    ->Arg(4)
    ->Arg(8)
    ->Iterations(5)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EstablishSession)
    ->Arg(16)
    ->Arg(32)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RoomMessages)->Arg(10)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  if (!mpenc::test::ProsodyFixture::available()) {
    std::printf("SKIP: prosody/prosodyctl not installed\n");
    return 77;
  }
  if (!QFileInfo::exists(HeadlessClient::program())) {
    std::fprintf(stderr, "no mpenc-chat binary at %s\n", qPrintable(HeadlessClient::program()));
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  mpenc::test::ProsodyFixture server;
  QTemporaryDir data;
  // The server's Nagle setting (recorded), and extra global Prosody settings for experiments.
  const bool nagleOff = qgetenv("MPENC_BENCH_PROSODY_NAGLE") == "off";
  QByteArray extra = qgetenv("MPENC_BENCH_PROSODY_EXTRA");
  if (nagleOff) extra = "network_settings = { nagle = false }\n" + extra;
  benchmark::AddCustomContext(
      "prosody_nagle", nagleOff ? "off (network_settings = { nagle = false })" : "on (Prosody's default)");
  if (!extra.isEmpty()) {
    QFile cfg(server.configPath());
    if (cfg.open(QIODevice::ReadOnly)) {
      const QByteArray text = cfg.readAll();
      cfg.close();
      const auto at = text.indexOf("VirtualHost");  // global settings go before the first host
      if (at > 0 && cfg.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        cfg.write(text.left(at) + extra + '\n' + text.mid(at));
        cfg.close();
        benchmark::AddCustomContext("prosody_extra", extra.toStdString());
      }
    }
  }
  if (!server.start()) {
    std::fprintf(stderr, "prosody: %s\n", qPrintable(server.lastError()));
    return 1;
  }
  g_server = &server;
  g_data = &data;
  QStringList users{QStringLiteral("probe")};
  for (int i = 0; i < kMaxClients; ++i) users << user(i);
  for (const auto& u : users)
    if (!server.registerUser(u, password(u))) {
      std::fprintf(stderr, "prosody: %s\n", qPrintable(server.lastError()));
      return 1;
    }
  benchmark::AddCustomContext("transport",
                              "real Prosody on 127.0.0.1, one mpenc-chat --headless process per member");
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  g_server = nullptr;
  server.stop();
  return 0;
}
