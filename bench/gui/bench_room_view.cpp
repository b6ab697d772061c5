// The room window's transcript at 100,000 messages (issue "room window",
// benchmark part): time to open (model populated and first paint), frame time
// while scrolling, and selection update time (U-3: ancestors highlighted,
// the rest dimmed), each next to a plain QListView of 100,000 strings measured
// in the same run. Goals: open ≤ 300 ms, selection update ≤ 16 ms, scrolling
// ≤ 2× the plain list. Reported as counters: ms_* and ratio_* (Google
// Benchmark JSON, label bench; never a timed test).
//
// Runs on Qt's offscreen platform (set by main() unless QT_QPA_PLATFORM is set).
#include <benchmark/benchmark.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QListView>
#include <QPixmap>
#include <QScrollBar>
#include <QStringListModel>
#include <memory>
#include <random>

#include "ui/presentation/room_state.h"
#include "ui/room/transcript_model.h"
#include "ui/room/transcript_view.h"

namespace {

using mpenc::present::AckState;
using mpenc::present::RoomState;
using mpenc::present::TranscriptItem;

constexpr int kMessages = 100000;
constexpr int kWidth = 760;
constexpr int kHeight = 640;

const char* const kWords[] = {"release",  "staging", "upgrade", "test", "lunch",  "order", "sheet",
                              "running",  "thanks",  "looks",   "fine", "review", "merge", "deploy",
                              "tomorrow", "meeting", "the",     "a",    "is",     "on",    "it"};

/// A realistic long room: 6 authors, texts of 2–30 words, mostly linear
/// replies with some concurrency ([k] markers), a few messages still waiting.
std::unique_ptr<RoomState> makeRoom(int n) {
  auto state = std::make_unique<RoomState>();
  std::mt19937 rng(42);
  const QStringList authors = {QStringLiteral("Alice"), QStringLiteral("Bob"),  QStringLiteral("Carol"),
                               QStringLiteral("Dave"),  QStringLiteral("Erin"), QStringLiteral("Frank")};
  const QDateTime t0 = QDateTime::currentDateTime().addDays(-30);
  for (int i = 0; i < n; ++i) {
    TranscriptItem it;
    const int a = static_cast<int>(rng() % authors.size());
    it.author = QStringLiteral("team@example.org/") + authors[a];
    it.authorName = authors[a];
    it.own = a == 0;
    it.id = QString::number(i, 16).rightJustified(64, QLatin1Char('0'));
    const int words = 2 + static_cast<int>(rng() % 29);
    QStringList w;
    for (int k = 0; k < words; ++k) w << QLatin1String(kWords[rng() % (sizeof kWords / sizeof *kWords)]);
    it.text = w.join(QLatin1Char(' '));
    it.received = t0.addSecs(i * 20);
    it.readers = authors;
    if (i > 0) {
      const int back = (rng() % 8 == 0 && i > 3) ? 2 + static_cast<int>(rng() % 2) : 1;
      it.parentRows = {i - back};
      if (back != 1) it.offsets = {back};
    }
    it.ack = (i > n - 5) ? AckState::Waiting : AckState::FullyAcked;
    if (it.ack == AckState::Waiting) it.unackedBy = QStringList{QStringLiteral("team@example.org/Dave")};
    state->appendMessage(std::move(it));
  }
  return state;
}

RoomState& room() {
  static const std::unique_ptr<RoomState> r = makeRoom(kMessages);
  return *r;
}

QStringList& plainStrings() {
  static QStringList s = [] {
    QStringList out;
    out.reserve(kMessages);
    for (const auto& it : room().items()) out << it.text;
    return out;
  }();
  return s;
}

/// Paint the viewport now (the first paint / one frame), synchronously.
void paintNow(QAbstractItemView& v) {
  QPixmap p = v.viewport()->grab();
  benchmark::DoNotOptimize(p);
}

double ms(const QElapsedTimer& t) {
  return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

// ---- open ----------------------------------------------------------------------
double openPlain() {
  QElapsedTimer t;
  t.start();
  QStringListModel model(plainStrings());
  QListView view;
  view.setModel(&model);
  view.resize(kWidth, kHeight);
  view.show();
  view.scrollToBottom();
  paintNow(view);
  return ms(t);
}

double openRoom() {
  QElapsedTimer t;
  t.start();
  mpenc::ui::TranscriptView view(&room());
  view.resize(kWidth, kHeight);
  view.show();
  view.scrollToBottom();
  paintNow(view);
  return ms(t);
}

void BM_OpenRoom(benchmark::State& st) {
  double plain = 0, ours = 0;
  int n = 0;
  for (auto _ : st) {
    plain += openPlain();
    ours += openRoom();
    ++n;
  }
  st.counters["ms_open"] = ours / n;
  st.counters["ms_open_plain_list"] = plain / n;
  st.counters["ratio_open"] = ours / plain;
  st.counters["goal_ms_open"] = 300;
}
BENCHMARK(BM_OpenRoom)->Iterations(5)->Unit(benchmark::kMillisecond);

// ---- scrolling -----------------------------------------------------------------
template <class View>
double scrollFrames(View& view, int frames) {
  auto* bar = view.verticalScrollBar();
  QElapsedTimer t;
  t.start();
  for (int f = 0; f < frames; ++f) {
    bar->setValue(bar->value() - bar->pageStep() / 3);  // scroll up by a third of a page
    paintNow(view);
  }
  return ms(t) / frames;
}

void BM_ScrollFrame(benchmark::State& st) {
  QStringListModel model(plainStrings());
  QListView plain;
  plain.setModel(&model);
  plain.resize(kWidth, kHeight);
  plain.show();
  plain.scrollToBottom();
  paintNow(plain);
  mpenc::ui::TranscriptView ours(&room());
  ours.resize(kWidth, kHeight);
  ours.show();
  ours.scrollToBottom();
  paintNow(ours);
  double p = 0, o = 0;
  int n = 0;
  for (auto _ : st) {
    p += scrollFrames(plain, 30);
    o += scrollFrames(ours, 30);
    ++n;
  }
  st.counters["ms_frame"] = o / n;
  st.counters["ms_frame_plain_list"] = p / n;
  st.counters["ratio_scroll"] = o / p;
  st.counters["goal_ratio_scroll"] = 2;
}
BENCHMARK(BM_ScrollFrame)->Iterations(5)->Unit(benchmark::kMillisecond);

// ---- selection -----------------------------------------------------------------
void BM_SelectionUpdate(benchmark::State& st) {
  QStringListModel model(plainStrings());
  QListView plain;
  plain.setModel(&model);
  plain.resize(kWidth, kHeight);
  plain.show();
  plain.scrollToBottom();
  paintNow(plain);
  mpenc::ui::TranscriptView ours(&room());
  ours.resize(kWidth, kHeight);
  ours.show();
  ours.scrollToBottom();
  paintNow(ours);
  std::mt19937 rng(7);
  double p = 0, o = 0;
  int n = 0;
  for (auto _ : st) {
    // Near the end: the ancestor set is the whole room (the worst case).
    const int row = kMessages - 1 - static_cast<int>(rng() % 20);
    QElapsedTimer t;
    t.start();
    plain.setCurrentIndex(model.index(row));
    paintNow(plain);
    p += ms(t);
    t.restart();
    ours.selectMessageRow(row);
    paintNow(ours);
    o += ms(t);
    ++n;
  }
  st.counters["ms_select"] = o / n;
  st.counters["ms_select_plain_list"] = p / n;
  st.counters["ratio_select"] = o / p;
  st.counters["goal_ms_select"] = 16;
}
BENCHMARK(BM_SelectionUpdate)->Iterations(20)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  room();  // built once, outside every measurement
  plainStrings();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
