// The main window on the offscreen platform: structure, title, and a
// screenshot that shows something (kept in artifacts/ for humans to look at).
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QSet>
#include <QTest>

#include "ui/main_window.h"
#include "ui/screenshot.h"

class MainWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void hasTitleAndChildren() {
    mpenc::ui::MainWindow window(QStringLiteral("Qt x, QXmpp y"));
    QCOMPARE(window.windowTitle(), QStringLiteral("mpENC Chat"));
    auto* rooms = window.findChild<QListWidget*>(QStringLiteral("roomList"));
    QVERIFY(rooms != nullptr);
    QCOMPARE(rooms->count(), 0);
    auto* welcome = window.findChild<QLabel*>(QStringLiteral("welcomeText"));
    QVERIFY(welcome != nullptr);
    QVERIFY(welcome->text().contains(QStringLiteral("mpENC Chat")));
    QVERIFY(welcome->text().contains(QStringLiteral("QXmpp y")));
  }

  void screenshotShowsTheWindow() {
    mpenc::ui::MainWindow window;
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
