#include "soak_report.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QTextStream>
#include <algorithm>
#include <cstdio>

namespace mpenc::test::soak {

namespace {

const QString kFates = QStringLiteral("DNRKSXVL");

QString fateName(QChar f) {
  switch (f.toLatin1()) {
    case 'D':
      return QStringLiteral("delivered");
    case 'N':
      return QStringLiteral("not addressed");
    case 'R':
      return QStringLiteral("reported by a warning");
    case 'K':
      return QStringLiteral("receiver killed");
    case 'S':
      return QStringLiteral("sender killed");
    case 'X':
      return QStringLiteral("receiver excluded");
    case 'V':
      return QStringLiteral("server restart");
    default:
      return QStringLiteral("LOST");
  }
}

struct WarningRef {
  QString code;
  QStringList unackedBy;  // W-3 only
};

/// What one life's events say, indexed once.
struct LifeIndex {
  QHash<QString, int> msgAt;                       // message ID -> event index (first)
  QHash<QString, std::vector<WarningRef>> naming;  // message ID -> warnings naming it
  std::vector<qint64> excludedUs;                  // "succeeded" with excludes_us
};

void addNames(LifeIndex& x, const HeadlessEvent& e, const char* field, const QString& code) {
  for (const QString& id : e.list(field)) x.naming[id].push_back({code, {}});
}

LifeIndex indexLife(const HeadlessClient& c, const QString& who, Report& rep,
                    std::map<QString, int>& byCode) {
  LifeIndex x;
  const auto& evs = c.events();
  for (int i = 0; i < static_cast<int>(evs.size()); ++i) {
    const HeadlessEvent& e = evs[static_cast<size_t>(i)];
    const QString kind = e.event();
    if (kind == QLatin1String("message")) {
      const QString id = e.str("id");
      if (x.msgAt.contains(id)) {
        rep.orderViolations << QStringLiteral("%1: %2 delivered twice").arg(who, id);
        continue;
      }
      x.msgAt.insert(id, i);
      for (const QString& p : e.list("parents")) {
        // Parents are delivered first (causal order): a parent delivered later is a violation.
        if (!x.msgAt.contains(p) && c.hasMessage(p))
          rep.orderViolations << QStringLiteral("%1: %2 delivered before its parent %3").arg(who, id, p);
      }
    } else if (kind == QLatin1String("warning")) {
      const QString code = e.str("code");
      byCode[code] += 1;
      if (code == QLatin1String("W-11")) {
        addNames(x, e, "messages", code);
        addNames(x, e, "own", code);
      } else if (code == QLatin1String("W-6") || code == QLatin1String("W-10")) {
        addNames(x, e, "messages", code);
      } else if (code == QLatin1String("W-3")) {
        x.naming[e.str("id")].push_back({code, e.list("unacked_by")});
      } else if (code == QLatin1String("W-1")) {
        x.naming[e.str("id")].push_back({code, {}});
        addNames(x, e, "missing", code);
      } else if (code == QLatin1String("W-4") && !e.str("id").isEmpty()) {
        x.naming[e.str("id")].push_back({code, {}});
      }
    } else if (kind == QLatin1String("membership") && e.str("kind") == QLatin1String("succeeded") &&
               e.flag("excludes_us")) {
      x.excludedUs.push_back(e.rxUs);
    }
  }
  return x;
}

bool within(qint64 t, qint64 from, qint64 to) {
  return t >= from && t <= to;
}

}  // namespace

Report analyze(const Run& run) {
  Report rep;
  const size_t n = run.members.size();
  rep.perMember.resize(n);
  rep.sentBy.assign(n, 0);
  rep.warningsByMember.resize(n);
  std::vector<std::vector<LifeIndex>> idx(n);
  for (size_t m = 0; m < n; ++m)
    for (size_t l = 0; l < run.members[m].lives.size(); ++l)
      idx[m].push_back(indexLife(*run.members[m].lives[l].client,
                                 QStringLiteral("%1 life %2").arg(run.members[m].name).arg(l), rep,
                                 rep.warningsByMember[m]));
  for (const auto& per : rep.warningsByMember)
    for (const auto& [code, k] : per) rep.warningsByCode[code] += k;

  QSet<QString> known;
  for (const Sent& s : run.sent) known.insert(s.id);
  QSet<QString> unknown;
  for (size_t m = 0; m < n; ++m)
    for (const auto& li : idx[m])
      for (auto it = li.msgAt.cbegin(); it != li.msgAt.cend(); ++it)
        if (!known.contains(it.key())) unknown.insert(it.key());
  rep.unknownDelivered = static_cast<int>(unknown.size());

  const qint64 w = run.windowUs;
  for (const Sent& s : run.sent) {
    const Member& sender = run.members[static_cast<size_t>(s.member)];
    const Life& sl = sender.lives[static_cast<size_t>(s.life)];
    const LifeIndex& sx = idx[static_cast<size_t>(s.member)][static_cast<size_t>(s.life)];
    rep.sentBy[static_cast<size_t>(s.member)] += 1;
    // Every copy of the message must agree (it is one signed message): author,
    // text and readers exactly; the display parents (C-22) as far as both
    // holders have the parent (a parent from before a member was included is
    // not in its log and not shown there).
    struct Copy {
      HeadlessEvent e;
      const LifeIndex* have;
      QString at;
    };
    std::vector<Copy> copies;
    for (size_t m = 0; m < n; ++m)
      for (size_t l = 0; l < idx[m].size(); ++l) {
        const auto e = run.members[m].lives[l].client->message(s.id);
        if (!e) continue;
        const QString at = QStringLiteral("%1 life %2").arg(run.members[m].name).arg(l);
        if (e->str("author") != sender.occupant || e->str("text") != s.text)
          rep.disagreements << QStringLiteral("%1 at %2: author/text %3 '%4', sent by %5 '%6'")
                                   .arg(s.id, at, e->str("author"), e->str("text"), sender.occupant, s.text);
        copies.push_back(Copy{*e, &idx[m][l], at});
      }
    auto sortedList = [](const HeadlessEvent& x, const char* k) {
      QStringList v = x.list(k);
      v.sort();
      return v;
    };
    auto parentsHeldBy = [](const HeadlessEvent& x, const LifeIndex& other) {
      QStringList v;
      for (const QString& p : x.list("parents"))
        if (other.msgAt.contains(p)) v << p;
      v.sort();
      return v;
    };
    bool disagree = false;
    for (size_t a = 0; a < copies.size() && !disagree; ++a)
      for (size_t b = a + 1; b < copies.size() && !disagree; ++b) {
        const Copy& x = copies[a];
        const Copy& y = copies[b];
        if (sortedList(x.e, "readers") != sortedList(y.e, "readers")) {
          rep.disagreements << QStringLiteral("%1: readers at %2 [%3] vs at %4 [%5]")
                                   .arg(s.id, x.at, sortedList(x.e, "readers").join(QLatin1Char(' ')), y.at,
                                        sortedList(y.e, "readers").join(QLatin1Char(' ')));
          disagree = true;
        } else if (parentsHeldBy(x.e, *y.have) != parentsHeldBy(y.e, *x.have)) {
          rep.disagreements << QStringLiteral("%1: parents at %2 [%3] vs at %4 [%5]")
                                   .arg(s.id, x.at, x.e.list("parents").join(QLatin1Char(' ')), y.at,
                                        y.e.list("parents").join(QLatin1Char(' ')));
          disagree = true;
        }
      }
    const std::optional<HeadlessEvent> canonical =
        copies.empty() ? std::nullopt : std::optional<HeadlessEvent>(copies.front().e);
    QStringList readers;
    if (canonical) readers = canonical->list("readers");

    QString fates;
    for (size_t r = 0; r < n; ++r) {
      const Member& rm = run.members[r];
      QChar f = QLatin1Char('L');
      if (r == static_cast<size_t>(s.member)) {
        if (sx.msgAt.contains(s.id))
          f = QLatin1Char('D');
        else if (sl.killed && within(sl.endUs, s.sentUs, s.sentUs + w))
          f = QLatin1Char('S');
      } else {
        bool delivered = false, reported = false, killed = false, excluded = false;
        for (size_t l = 0; l < idx[r].size(); ++l) {
          const LifeIndex& rx = idx[r][l];
          const Life& life = rm.lives[l];
          delivered = delivered || rx.msgAt.contains(s.id);
          if (rx.naming.contains(s.id)) {
            for (const auto& ref : rx.naming.value(s.id))
              if (ref.code == QLatin1String("W-10") || ref.code == QLatin1String("W-1") ||
                  ref.code == QLatin1String("W-4"))
                reported = true;
          }
          killed = killed || (life.killed && within(life.endUs, s.sentUs - w, s.sentUs + w));
          for (const qint64 x : rx.excludedUs) excluded = excluded || within(x, s.sentUs - w, s.sentUs + w);
        }
        for (const auto& ref : sx.naming.value(s.id))
          if (ref.code == QLatin1String("W-11") || ref.code == QLatin1String("W-6") ||
              (ref.code == QLatin1String("W-3") && ref.unackedBy.contains(rm.occupant)))
            reported = true;
        if (delivered)
          f = QLatin1Char('D');
        else if (canonical && !readers.contains(rm.occupant))
          f = QLatin1Char('N');
        else if (reported)
          f = QLatin1Char('R');
        else if (killed)
          f = QLatin1Char('K');
        else if (sl.killed && within(sl.endUs, s.sentUs, s.sentUs + w))
          f = QLatin1Char('S');
        else if (excluded)
          f = QLatin1Char('X');
        else if (run.serverStopUs >= 0 && within(s.sentUs, run.serverStopUs - w, run.serverUpUs))
          f = QLatin1Char('V');
      }
      fates += f;
      rep.perMember[r][f] += 1;
      rep.total[f] += 1;
    }
    rep.fates.push_back(fates);
  }
  return rep;
}

QString summaryLine(const Run& run, const Report& rep) {
  QStringList parts;
  for (const QChar f : kFates) {
    const auto it = rep.total.find(f);
    parts << QStringLiteral("%1 %2").arg(it == rep.total.end() ? 0 : it->second).arg(fateName(f));
  }
  int refused = 0;
  for (const auto& [code, k] : run.refused) refused += k;
  return QStringLiteral(
             "%1: %2 members, %3 messages sent (%4 sends refused, %5 unanswered), %6 kills, "
             "%7/%8 excludes, %9 server restart; fates (message x member): %10; "
             "%11 disagreements, %12 order violations, %13 crashes")
      .arg(rep.failed(run) ? QStringLiteral("FAIL") : QStringLiteral("PASS"))
      .arg(run.members.size())
      .arg(run.sent.size())
      .arg(refused)
      .arg(run.noReply)
      .arg(run.kills)
      .arg(run.excludesOk)
      .arg(run.excludesAsked)
      .arg(run.serverStopUs >= 0 ? 1 : 0)
      .arg(parts.join(QStringLiteral(", ")))
      .arg(rep.disagreements.size())
      .arg(rep.orderViolations.size())
      .arg(run.crashes.size());
}

bool writeReport(const Run& run, const Report& rep, const QString& outdir) {
  QDir().mkpath(outdir);
  const auto ms = [&](qint64 us) {
    return QString::number(static_cast<double>(us - run.startUs) / 1e6, 'f', 1);
  };
  QFile csv(QDir(outdir).filePath(QStringLiteral("messages.csv")));
  if (!csv.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return false;
  {
    QTextStream out(&csv);
    out << "id,sender,sent_s";
    for (const auto& m : run.members) out << ',' << m.name;
    out << '\n';
    for (size_t i = 0; i < run.sent.size(); ++i) {
      const Sent& s = run.sent[i];
      out << s.id.left(16) << ',' << run.members[static_cast<size_t>(s.member)].name << ',' << ms(s.sentUs);
      for (const QChar f : rep.fates[i]) out << ',' << f;
      out << '\n';
    }
  }
  QFile wcsv(QDir(outdir).filePath(QStringLiteral("warnings.csv")));
  if (!wcsv.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return false;
  {
    QTextStream out(&wcsv);
    out << "member,code,count\n";
    for (size_t m = 0; m < run.members.size(); ++m)
      for (const auto& [code, k] : rep.warningsByMember[m])
        out << run.members[m].name << ',' << code << ',' << k << '\n';
  }
  QFile md(QDir(outdir).filePath(QStringLiteral("summary.md")));
  if (!md.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return false;
  QTextStream out(&md);
  out << summaryLine(run, rep) << "\n\n";
  for (const QString& note : run.notes) out << "- " << note << '\n';
  out << "\nPer member, as receiver of every message sent (fates: docs/soak.md):\n\n";
  out << "| member | lives | sent |";
  for (const QChar f : kFates) out << ' ' << fateName(f) << " (" << f << ") |";
  out << " warnings |\n|---|---|---|";
  for (int i = 0; i < kFates.size(); ++i) out << "---|";
  out << "---|\n";
  for (size_t m = 0; m < run.members.size(); ++m) {
    out << "| " << run.members[m].name << " | " << run.members[m].lives.size() << " | " << rep.sentBy[m]
        << " |";
    for (const QChar f : kFates) {
      const auto it = rep.perMember[m].find(f);
      out << ' ' << (it == rep.perMember[m].end() ? 0 : it->second) << " |";
    }
    QStringList ws;
    for (const auto& [code, k] : rep.warningsByMember[m]) ws << QStringLiteral("%1×%2").arg(code).arg(k);
    out << ' ' << ws.join(QStringLiteral(", ")) << " |\n";
  }
  out << "\nWarnings by code (all members, all lives): ";
  QStringList ws;
  for (const auto& [code, k] : rep.warningsByCode) ws << QStringLiteral("%1: %2").arg(code).arg(k);
  out << (ws.isEmpty() ? QStringLiteral("none") : ws.join(QStringLiteral(", "))) << "\n\n";
  QStringList refused;
  for (const auto& [code, k] : run.refused) refused << QStringLiteral("%1: %2").arg(code).arg(k);
  out << "Refused sends by error: "
      << (refused.isEmpty() ? QStringLiteral("none") : refused.join(QStringLiteral(", ")))
      << "; sends unanswered (process killed first): " << run.noReply
      << "; delivered IDs no send reply named: " << rep.unknownDelivered << ".\n\n";
  out << "Includes asked " << run.includesAsked << " (accepted " << run.includesOk << "), excludes asked "
      << run.excludesAsked << " (accepted " << run.excludesOk << "), kills " << run.kills << ".\n";
  auto listing = [&](const char* title, const QStringList& items) {
    out << "\n" << title << ": " << items.size() << "\n";
    for (int i = 0; i < std::min<int>(50, static_cast<int>(items.size())); ++i)
      out << "- " << items[i] << '\n';
    if (items.size() > 50) out << "- … " << items.size() - 50 << " more\n";
  };
  listing("Disagreements", rep.disagreements);
  listing("Order violations", rep.orderViolations);
  listing("Crashes", run.crashes);
  listing("Driver problems", run.problems);
  QStringList lost;
  for (size_t i = 0; i < run.sent.size(); ++i)
    for (size_t m = 0; m < run.members.size(); ++m)
      if (rep.fates[i][static_cast<int>(m)] == QLatin1Char('L'))
        lost << QStringLiteral("%1 from %2 at %3 s, not at %4")
                    .arg(run.sent[i].id, run.members[static_cast<size_t>(run.sent[i].member)].name,
                         ms(run.sent[i].sentUs), run.members[m].name);
  listing("LOST", lost);
  std::printf("%s\n", qPrintable(summaryLine(run, rep)));
  return true;
}

}  // namespace mpenc::test::soak
