// The accounting of the real-server soak (soak_server.cpp, issue 14): what
// the run recorded (members and their process lives, every message sent, the
// server restart) and, from the clients' events, the fate of every message ID
// at every member, the consistency checks and the artifact files.
//
// Fate of message m (sent by s at time t, the time the driver read the send
// reply) at member r, the first rule that holds (docs/soak.md):
//   D  delivered: a "message" event with m's ID in one of r's process lives
//      (for r = s: the own copy in the life that sent it).
//   N  not addressed: r is not among m's readers (the recipients signed into
//      m: r was not in the sender's subsession when m was sent).
//   R  reported: a warning names m: at the sender W-11 (messages/own), W-6
//      (messages) or W-3 for m with r in unacked_by; at r W-10 (messages),
//      W-1 (id or missing) or W-4 (id).
//   K  receiver killed: one of r's lives was killed (SIGKILL, by the driver)
//      within the window (default 30 s) before or after t.
//   S  sender killed: the sending life was killed within the window after t.
//   X  receiver excluded: r learnt it was excluded (succeeded, excludes_us)
//      within the window before or after t.
//   V  server restart: t lies between the window before the server stopped
//      and the moment it was up again.
//   L  LOST: none of the above. Any L fails the run.
#pragma once

#include <QString>
#include <QStringList>
#include <map>
#include <memory>
#include <vector>

#include "headless_client.h"

namespace mpenc::test::soak {

/// One process of a member (a kill and restart makes a new life; same data dir).
struct Life {
  std::unique_ptr<HeadlessClient> client;
  qint64 startUs = 0;
  qint64 endUs = -1;  ///< when it was killed or stopped (-1: still running)
  bool killed = false;
};

struct Member {
  QString name;
  QString occupant;  ///< room@service/name
  std::vector<Life> lives;
  HeadlessClient* current() const { return lives.empty() ? nullptr : lives.back().client.get(); }
};

struct Sent {
  QString id;
  int member = 0;
  int life = 0;
  qint64 sentUs = 0;
  QString text;
};

/// Everything the driver recorded.
struct Run {
  QString room;
  std::vector<Member> members;
  std::vector<Sent> sent;
  std::map<QString, int> refused;  ///< send replies with ok false, by error code
  int noReply = 0;                 ///< sends whose process died before it replied
  qint64 startUs = 0;
  qint64 scheduleEndUs = 0;
  qint64 endUs = 0;
  qint64 serverStopUs = -1;
  qint64 serverUpUs = -1;
  qint64 windowUs = 30'000'000;
  int kills = 0, excludesAsked = 0, excludesOk = 0, includesAsked = 0, includesOk = 0;
  QStringList crashes;   ///< lives that ended without our kill and not with exit code 0
  QStringList problems;  ///< driver-level failures (a server that did not restart, …)
  QStringList notes;     ///< free text for the summary (options, load)
};

struct Report {
  /// Per message (index into Run::sent), one fate letter per member.
  std::vector<QString> fates;
  /// Per member: counts of each fate letter as receiver; messages sent.
  std::vector<std::map<QChar, int>> perMember;
  std::vector<int> sentBy;
  std::map<QString, int> warningsByCode;                 ///< over every life of every member
  std::vector<std::map<QString, int>> warningsByMember;  ///< per member, by code
  std::map<QChar, int> total;
  QStringList disagreements;    ///< copies of one ID that differ (author, text, parents, readers)
  QStringList orderViolations;  ///< a message delivered before one of its parents, or twice
  int unknownDelivered = 0;     ///< "message" IDs no send reply named (a reply lost to a kill)
  int lost() const {
    const auto it = total.find(QLatin1Char('L'));
    return it == total.end() ? 0 : it->second;
  }
  bool failed(const Run& run) const {
    return lost() > 0 || !disagreements.isEmpty() || !orderViolations.isEmpty() || !run.crashes.isEmpty() ||
           !run.problems.isEmpty();
  }
};

Report analyze(const Run& run);
/// messages.csv, summary.md and warnings.csv into `outdir`; the summary line on stdout.
bool writeReport(const Run& run, const Report& report, const QString& outdir);
/// The one-line summary (also the first line of summary.md).
QString summaryLine(const Run& run, const Report& report);

}  // namespace mpenc::test::soak
