#include "soak_support.h"

#include <unistd.h>

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

namespace mpenc::test::soak {

void pump(int ms) {
  QEventLoop loop;
  QTimer::singleShot(ms, &loop, &QEventLoop::quit);
  loop.exec();
}

double cpuSeconds(qint64 pid) {
  QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
  if (pid <= 0 || !f.open(QIODevice::ReadOnly)) return 0;
  const QByteArray stat = f.readAll();
  const auto close = stat.lastIndexOf(')');  // the command name may hold spaces
  if (close < 0) return 0;
  const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
  if (fields.size() < 13) return 0;  // fields[11], [12]: utime, stime (fields 14, 15 of proc(5))
  return static_cast<double>(fields[11].toLongLong() + fields[12].toLongLong()) /
         static_cast<double>(::sysconf(_SC_CLK_TCK));
}

QString loadavg() {
  QFile f(QStringLiteral("/proc/loadavg"));
  if (!f.open(QIODevice::ReadOnly)) return QStringLiteral("?");
  return QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2);
}

bool ownChain(const HeadlessClient& c) {
  const auto& evs = c.events();
  for (auto it = evs.rbegin(); it != evs.rend(); ++it) {
    const QString kind = it->event();
    if (kind == QLatin1String("state") && it->str("to") == QLatin1String("parted")) return false;
    if (kind != QLatin1String("membership")) continue;
    const QString k = it->str("kind");
    if (k == QLatin1String("synced-new")) return true;
    if (k == QLatin1String("synced") || k == QLatin1String("subsession-started")) return false;
  }
  return false;
}

bool parseArgs(const QStringList& args, Config& c) {
  auto env = [](const char* k) { return qEnvironmentVariable(k); };
  if (!env("MPENC_SOAK_MINUTES").isEmpty()) c.minutes = env("MPENC_SOAK_MINUTES").toDouble();
  if (!env("MPENC_SOAK_MEMBERS").isEmpty()) c.members = env("MPENC_SOAK_MEMBERS").toInt();
  if (!env("MPENC_SOAK_SEED").isEmpty()) c.seed = env("MPENC_SOAK_SEED").toULongLong();
  if (!env("MPENC_SOAK_RATE").isEmpty()) c.rate = env("MPENC_SOAK_RATE").toDouble();
  if (!env("MPENC_SOAK_OUT").isEmpty()) c.out = env("MPENC_SOAK_OUT");
  c.fastTimers = env("MPENC_SOAK_FAST_TIMERS") == QLatin1String("1");
  for (int i = 1; i < args.size(); ++i) {
    const QString& a = args[i];
    const bool hasValue = i + 1 < args.size();
    if (a == QLatin1String("--fast-timers"))
      c.fastTimers = true;
    else if (a == QLatin1String("--inject-lost"))
      c.injectLost = true;
    else if (a == QLatin1String("--minutes") && hasValue)
      c.minutes = args[++i].toDouble();
    else if (a == QLatin1String("--members") && hasValue)
      c.members = args[++i].toInt();
    else if (a == QLatin1String("--seed") && hasValue)
      c.seed = args[++i].toULongLong();
    else if (a == QLatin1String("--rate") && hasValue)
      c.rate = args[++i].toDouble();
    else if (a == QLatin1String("--window") && hasValue)
      c.windowS = args[++i].toDouble();
    else if (a == QLatin1String("--out") && hasValue)
      c.out = args[++i];
    else
      return false;
  }
  if (c.out.isEmpty()) c.out = QDir(artifactsRoot()).filePath(QStringLiteral("soak"));
  return c.minutes > 0 && c.members >= 3 && c.members <= 99 && c.rate > 0 && c.windowS > 0;
}

}  // namespace mpenc::test::soak
