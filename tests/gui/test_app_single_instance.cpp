// Single instance per profile (issue 11, ux.md "Desktop conventions"), with
// the real executable: a second start with the same profile exits 0 at once
// and the running window receives the raise request; another profile starts
// its own window; a socket left by a killed instance does not block the next
// start. --demo / --smoke-test runs skip the guard (tests run side by side).
#include <QDir>
#include <QElapsedTimer>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "app/single_instance.h"

namespace {

const QString kApp = QStringLiteral(MPENC_CHAT_PATH);

QString serverOf(const QString& profile) {
  return mpenc::app::SingleInstance::serverNameFor(profile + QStringLiteral("/data"));
}

/// Start the window on `profile` and wait until it listens for later starts.
bool startPrimary(QProcess& p, const QString& profile) {
  p.setProgram(kApp);
  p.setArguments({QStringLiteral("--profile"), profile});
  p.setProcessChannelMode(QProcess::SeparateChannels);
  p.start();
  if (!p.waitForStarted(10000)) return false;
  // Ready when it listens (a connection that asks nothing is ignored). The
  // name is the app's own function of the profile's data directory.
  const QString name = serverOf(profile);
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < 20000) {
    if (p.state() != QProcess::Running) return false;
    QLocalSocket probe;
    probe.connectToServer(name);
    if (probe.waitForConnected(500)) return true;
    QTest::qWait(50);
  }
  return false;
}

/// Stop an instance (SIGTERM: it leaves its socket behind) and remove the socket.
void stop(QProcess& p, const QString& profile) {
  if (p.state() != QProcess::NotRunning) {
    p.terminate();
    if (!p.waitForFinished(5000)) {
      p.kill();
      p.waitForFinished(5000);
    }
  }
  QLocalServer::removeServer(serverOf(profile));
}

}  // namespace

class SingleInstanceTest : public QObject {
  Q_OBJECT

 private slots:
  /// SIGTERM (a desktop session logging out) quits like Account ▸ Quit: exit
  /// code 0, the window geometry saved, the instance socket gone.
  void terminationSignalQuitsCleanly() {
#ifdef Q_OS_UNIX
    QTemporaryDir dir;
    QProcess app;
    QVERIFY2(startPrimary(app, dir.path()), app.readAllStandardError().constData());
    QTest::qWait(300);
    app.terminate();  // SIGTERM
    QVERIFY(app.waitForFinished(10000));
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.exitCode(), 0);
    QSettings saved(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    QVERIFY2(!saved.value(QStringLiteral("window/geometry")).toByteArray().isEmpty(),
             qPrintable(saved.allKeys().join(QLatin1Char(' '))));
    QLocalSocket probe;
    probe.connectToServer(serverOf(dir.path()));
    QVERIFY(!probe.waitForConnected(500));
#else
    QSKIP("POSIX signals only");
#endif
  }

  void secondStartRaisesTheFirst() {
    QTemporaryDir dir;
    QProcess first;
    QVERIFY2(startPrimary(first, dir.path()), first.readAllStandardError().constData());
    QVERIFY(!first.readAllStandardOutput().contains("raised"));  // nothing asked yet

    QProcess second;
    QElapsedTimer t;
    t.start();
    second.start(kApp, {QStringLiteral("--profile"), dir.path()});
    QVERIFY(second.waitForFinished(10000));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
    QVERIFY(second.readAllStandardOutput().contains("already running"));
    // The first one got the request and raised its window.
    QElapsedTimer w;
    w.start();
    QByteArray out;
    while (!out.contains("raised by a second start") && w.elapsed() < 5000) {
      first.waitForReadyRead(200);
      out += first.readAllStandardOutput();
    }
    QVERIFY2(out.contains("raised by a second start"), out.constData());
    QCOMPARE(first.state(), QProcess::Running);

    // Another profile is another instance: it keeps running.
    QTemporaryDir other;
    QProcess third;
    third.start(kApp, {QStringLiteral("--profile"), other.path()});
    QVERIFY(third.waitForStarted(10000));
    QVERIFY(!third.waitForFinished(1500));
    stop(third, other.path());
    stop(first, dir.path());
  }

  void staleSocketIsCleaned() {
    QTemporaryDir dir;
    QProcess first;
    QVERIFY(startPrimary(first, dir.path()));
    first.kill();  // SIGKILL: the socket file stays behind
    QVERIFY(first.waitForFinished(5000));
    QProcess next;
    next.start(kApp, {QStringLiteral("--profile"), dir.path()});
    QVERIFY(next.waitForStarted(10000));
    QVERIFY2(!next.waitForFinished(2000), next.readAllStandardOutput().constData());  // it became the window
    stop(next, dir.path());
  }

  void scriptedRunsSkipTheGuard() {
    QTemporaryDir dir;
    QProcess first;
    QVERIFY(startPrimary(first, dir.path()));
    // A smoke test with the same profile still runs its own window.
    QProcess smoke;
    smoke.start(kApp, {QStringLiteral("--profile"), dir.path(), QStringLiteral("--smoke-test")});
    QVERIFY(smoke.waitForFinished(20000));
    QCOMPARE(smoke.exitCode(), 0);
    QVERIFY(!smoke.readAllStandardOutput().contains("already running"));
    stop(first, dir.path());
  }
};

QTEST_MAIN(SingleInstanceTest)
#include "test_app_single_instance.moc"
