// Help ▸ About mpENC Chat (issue 13): the dialog opens from the menu action and
// shows the version, what mpENC is, the licence and the library versions it
// was given (main() passes the real ones; --version is tested in tests/meta).
// Screenshot: artifacts/about.png.
#include <QAction>
#include <QImage>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "ui/dialogs/about_dialog.h"
#include "ui/main_window.h"
#include "ui/screenshot.h"
#include "xmpp/xmpp_client.h"

namespace {

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

mpenc::ui::AboutInfo sampleInfo(const QString& license) {
  return {QStringLiteral("9.8.7"),
          license,
          {{QStringLiteral("Qt"), QStringLiteral("5.15.8"), QStringLiteral("5.15.2")},
           {QStringLiteral("QXmpp"), QStringLiteral("1.4.0"), QStringLiteral("1.4.0")},
           {QStringLiteral("libsodium"), QStringLiteral("1.0.18"), QStringLiteral("1.0.18")}}};
}

mpenc::ui::AboutDialog* openAbout(mpenc::ui::MainWindow& window) {
  auto* action = window.findChild<QAction*>(QStringLiteral("actionAbout"));
  if (action == nullptr) return nullptr;
  action->trigger();
  return window.findChild<mpenc::ui::AboutDialog*>(QStringLiteral("aboutDialog"));
}

}  // namespace

class AboutTest : public QObject {
  Q_OBJECT

 private slots:
  void showsVersionProtocolLicenseAndLibraries() {
    FreshClient fresh;
    mpenc::ui::MainWindow window(&fresh.client);
    window.setAboutInfo(sampleInfo(QStringLiteral("GPL-3.0-or-later")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* dialog = openAbout(window);
    QVERIFY(dialog != nullptr);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("About mpENC Chat"));

    auto* title = dialog->findChild<QLabel*>(QStringLiteral("aboutTitle"));
    QVERIFY(title != nullptr);
    QVERIFY2(title->text().contains(QStringLiteral("mpENC Chat 9.8.7")), qPrintable(title->text()));
    auto* text = dialog->findChild<QLabel*>(QStringLiteral("aboutText"));
    QVERIFY(text != nullptr);
    QVERIFY(text->text().contains(QStringLiteral("mpENC is a protocol")));
    // The wrapped sentence is shown whole, not cut off at the dialog's edge.
    QVERIFY2(text->height() >= text->heightForWidth(text->width()),
             qPrintable(QStringLiteral("text %1 px high, needs %2")
                            .arg(text->height())
                            .arg(text->heightForWidth(text->width()))));
    auto* license = dialog->findChild<QLabel*>(QStringLiteral("aboutLicense"));
    QVERIFY(license != nullptr);
    QCOMPARE(license->text(), QStringLiteral("License: GPL-3.0-or-later"));
    // Running and built-with versions of each library, the differing Qt ones both.
    auto* libraries = dialog->findChild<QLabel*>(QStringLiteral("aboutLibraries"));
    QVERIFY(libraries != nullptr);
    for (const char* want : {"Qt", "5.15.8", "5.15.2", "QXmpp", "1.4.0", "libsodium", "1.0.18", "Built with"})
      QVERIFY2(libraries->text().contains(QLatin1String(want)), want);

    const QString path = QStringLiteral(MPENC_GUI_ARTIFACTS "/about.png");
    QString error;
    QVERIFY2(mpenc::ui::saveScreenshot(*dialog, path, &error), qPrintable(error));
    QImage image;
    QVERIFY(image.load(path));
    QVERIFY(image.width() >= 400 && image.height() >= 150);
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
      for (int x = 0; x < image.width(); x += 2) colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 8, qPrintable(QStringLiteral("only %1 colours").arg(colours.size())));

    auto* close = dialog->findChild<QPushButton*>(QStringLiteral("closeButton"));
    QVERIFY(close != nullptr);
    QPointer<mpenc::ui::AboutDialog> guard(dialog);
    close->click();
    QTRY_VERIFY(guard.isNull());  // closed and deleted
  }

  void noLicenceYetIsSaidPlainly() {
    FreshClient fresh;
    mpenc::ui::MainWindow window(&fresh.client);
    window.setAboutInfo(sampleInfo(QStringLiteral("LicenseRef-proprietary")));
    auto* dialog = openAbout(window);
    QVERIFY(dialog != nullptr);
    auto* license = dialog->findChild<QLabel*>(QStringLiteral("aboutLicense"));
    QVERIFY(license != nullptr);
    QVERIFY2(license->text().contains(QStringLiteral("none published yet")), qPrintable(license->text()));
    QVERIFY(!license->text().contains(QStringLiteral("LicenseRef")));
  }

  void withoutInfoTheApplicationVersionIsShown() {
    FreshClient fresh;
    QCoreApplication::setApplicationVersion(QStringLiteral("1.2.3"));
    mpenc::ui::MainWindow window(&fresh.client);
    auto* dialog = openAbout(window);
    QVERIFY(dialog != nullptr);
    auto* title = dialog->findChild<QLabel*>(QStringLiteral("aboutTitle"));
    QVERIFY(title != nullptr && title->text().contains(QStringLiteral("mpENC Chat 1.2.3")));
  }
};

QTEST_MAIN(AboutTest)
#include "test_about.moc"
