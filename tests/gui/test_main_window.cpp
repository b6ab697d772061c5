// The main window on the offscreen platform: structure, title, and a
// screenshot that shows something (kept in artifacts/ for humans to look at).
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "ui/main_window.h"
#include "ui/screenshot.h"
#include "xmpp/xmpp_client.h"

namespace {
/// The real account backend, before any account exists (what a new user sees).
struct FreshClient {
  QTemporaryDir dir;
  mpenc::xmpp::XmppClient client{[this] {
    mpenc::xmpp::XmppClientOptions o;
    o.dataDir = dir.path() + QStringLiteral("/data");
    o.settingsFile = dir.path() + QStringLiteral("/settings.ini");
    o.useKeychain = false;
    return o;
  }()};
};
}  // namespace

class MainWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void hasTitleAndChildren() {
    FreshClient fresh;
    QCOMPARE(fresh.client.connection().phase, mpenc::present::ConnectionPhase::NoAccount);
    mpenc::ui::MainWindow window(&fresh.client, QStringLiteral("Qt x, QXmpp y"));
    QCOMPARE(window.windowTitle(), QStringLiteral("mpENC Chat"));
    auto* rooms = window.findChild<QListWidget*>(QStringLiteral("roomList"));
    QVERIFY(rooms != nullptr);
    QCOMPARE(rooms->count(), 0);
    auto* welcome = window.findChild<QLabel*>(QStringLiteral("welcomeText"));
    QVERIFY(welcome != nullptr);
    QVERIFY(welcome->text().contains(QStringLiteral("mpENC Chat")));
    QVERIFY(welcome->text().contains(QStringLiteral("QXmpp y")));
    // A new user is offered the account setup and the demo.
    auto* setup = window.findChild<QPushButton*>(QStringLiteral("setupAccountButton"));
    QVERIFY(setup != nullptr);
    QVERIFY(window.findChild<QLabel*>(QStringLiteral("demoHint")) != nullptr);
  }

  void screenshotShowsTheWindow() {
    FreshClient fresh;
    mpenc::ui::MainWindow window(&fresh.client);
    window.resize(1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.welcomeText()->isVisible());
    QVERIFY(window.roomList()->isVisible());

    const QString path = QStringLiteral(MPENC_GUI_ARTIFACTS "/main-window.png");
    QString error;
    QVERIFY2(mpenc::ui::saveScreenshot(window, path, &error), qPrintable(error));

    QImage image;
    QVERIFY(image.load(path));
    QCOMPARE(image.size(), window.size() * window.devicePixelRatio());
    QVERIFY(image.width() >= 400 && image.height() >= 300);
    // Something was drawn: the text and the frames give many distinct colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4)
      for (int x = 0; x < image.width(); x += 4) colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 4, qPrintable(QStringLiteral("only %1 colours").arg(colours.size())));
  }
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
