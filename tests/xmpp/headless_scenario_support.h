// The shared fixture of the headless scenario tests (test_headless_scenarios,
// test_headless_faults): one private Prosody per test binary with the
// scenario accounts registered, a fresh MUC room per group of clients, and
// the waits and checks the scenarios have in common. A test class derives
// from HeadlessScenarioFixture and adds its scenarios as private slots; the
// fixture's initTestCase/cleanup/cleanupTestCase slots are found by QtTest
// through the meta-object. Transcripts go to <artifactsRoot()>/<scenario>/.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "headless_client.h"
#include "prosody_fixture.h"

namespace mpenc::test {

using Clients = std::vector<HeadlessClient*>;

inline constexpr int kWait = 30000;      // bound on a wait for the server and the session
inline constexpr int kLongWait = 60000;  // bound on waits that span operation timeouts

/// A "warning" event with a W-… code.
bool isWarning(const HeadlessEvent& e);
/// The last "subsession-started" membership event of a client, if any.
std::optional<HeadlessEvent> lastSubsession(const HeadlessClient& c);
/// `c`'s warnings since event `from`, one compact JSON object a line.
QString describeWarnings(const HeadlessClient& c, int from);

class HeadlessScenarioFixture : public QObject {
  Q_OBJECT

 protected:
  /// A group of four (alice, bob, carol, dave) in one session of which one
  /// member is about to leave; see startDeparture().
  struct Departure {
    Clients all;
    HeadlessClient* leaver = nullptr;
    Clients rest;                         ///< all but the leaver, in order
    std::map<HeadlessClient*, int> from;  ///< every client's mark() before the departure
  };

  /// Start `name`'s client, connect it and join the scenario's room.
  HeadlessClient* spawn(const QString& name, bool autoInclude = false);
  /// Start `names` in a fresh room: the first with --auto-include (unless
  /// `autoFirst` is false), each joining after the previous one is in.
  Clients startGroup(const QStringList& names, bool autoFirst = true);
  /// alice, bob, carol and dave in one session with one "hello" from each
  /// delivered and fully acked; cs[leaver] is the one to leave. On failure the
  /// current test has failed (check QTest::currentTestFailed()).
  void startDeparture(size_t leaver, Departure& out);

  /// Every client's latest subsession has exactly `cs` as members, one sid, and state joined.
  static bool inOneSession(const Clients& cs);
  bool waitSession(const Clients& cs, int timeoutMs = kWait);
  /// The status command agrees: joined, the same members and sid everywhere.
  /// Empty when it does, else the first difference.
  QString checkStatus(const Clients& cs);
  /// Everyone in `senders` says one message; returns the IDs (empty entry = refused).
  QStringList sayAll(const Clients& senders, const QString& tag);
  /// Every ID delivered as a message and fully acked at every client in `cs`.
  bool waitDeliveredAndAcked(const Clients& cs, const QStringList& ids, int timeoutMs = kWait);
  /// Every client `c` in `cs` has, at or after event from[c], a membership
  /// event of `kind` whose "excluded" list is exactly `gone`'s occupant JID.
  static bool sawExclusion(const Clients& cs, const std::map<HeadlessClient*, int>& from, const QString& kind,
                           const HeadlessClient& gone);

  ProsodyFixture server_;
  QString room_;  ///< the room of the latest startGroup()

 private slots:
  void initTestCase();
  void cleanup();
  void cleanupTestCase();

 private:
  QString artifacts() const;

  QTemporaryDir data_;
  int rooms_ = 0;
  std::vector<std::unique_ptr<HeadlessClient>> owned_;
};

/// main() of a scenario binary: exit code 77 (skipped) when Prosody is not
/// installed, else the QtTest run of the test object `make` returns.
int runScenarioTests(int argc, char** argv, const std::function<std::unique_ptr<QObject>()>& make);

}  // namespace mpenc::test
