// The German UI (issue 11, "Translations"): the translations compiled into the
// app (app/translations.h) follow the locale, and the real window built on the
// offline demo shows German texts, with German plural forms. The expected
// texts are the German .ts file's (resources/translations/mpenc-chat_de.ts);
// each check also makes sure the text is not the English source any more.
// The screenshot (artifacts/translations-de-demo-room.png) is there to look at
// German's longer texts in the real layout.
#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QAction>
#include <QElapsedTimer>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include "app/demo/demo_client.h"
#include "app/demo/demo_room.h"
#include "app/translations.h"
#include "ui/app_settings.h"
#include "ui/dialogs/account_dialog.h"
#include "ui/dialogs/fingerprint_dialog.h"
#include "ui/dialogs/join_room_dialog.h"
#include "ui/dialogs/settings_dialog.h"
#include "ui/main_window.h"
#include "ui/presentation/wording.h"
#include "ui/room/room_view.h"
#include "ui/room/transcript_model.h"
#include "ui/room/transcript_view.h"
#include "ui/screenshot.h"

using mpenc::demo::DemoClient;
using mpenc::demo::DemoRoom;
using mpenc::ui::MainWindow;

namespace {

QStringList menuTitles(const MainWindow& w) {
  QStringList out;
  for (QAction* a : w.menuBar()->actions()) out << a->text();
  return out;
}

}  // namespace

class TranslationsTest : public QObject {
  Q_OBJECT

 private slots:
  void englishPluralsKeepTheHeadlessTexts() {
    // Before any German: the English plural forms alone (what the headless
    // front end installs, app/main.cpp) give the English sentences, singular
    // and plural, exactly as docs/headless.md shows them.
    using namespace mpenc::present;
    QCOMPARE(undecryptableText(QStringLiteral("X"), 1),
             QStringLiteral("1 packet sent by X could not be read."));
    QCOMPARE(undecryptableText(QStringLiteral("X"), 3),
             QStringLiteral("3 packets sent by X could not be read."));
    QCOMPARE(heldMessageLateText(QStringLiteral("X"), 1),
             QStringLiteral("A message from X is waiting for 1 earlier message that has not arrived yet."));
    QCOMPARE(
        finNotConfirmedText(2),
        QStringLiteral(
            "The end of our conversation was not confirmed by everyone; 2 messages remain unconfirmed."));
    QCOMPARE(inconsistentDroppedText(1),
             QStringLiteral("An earlier session ended before 1 message was confirmed by everyone."));
    QCOMPARE(readableByText(5), QStringLiteral("Messages from here on are readable by 5 members."));
    QVERIFY(!transcriptBrokenText(2).contains(QStringLiteral("(s)")));
  }

  void germanFollowsTheLocale() {
    // As the app does at start-up with LANG=de_DE.UTF-8 (QLocale::system()).
    QCOMPARE(mpenc::app::installTranslations(QLocale(QLocale::German, QLocale::Germany)),
             QStringLiteral("de"));
  }

  void wordingIsGermanWithGermanPlurals() {
    using namespace mpenc::present;
    // W-texts stay neutral in German too (C-15): "has not arrived", never a culprit.
    QCOMPARE(heldMessageLateText(QStringLiteral("bob"), 1),
             QStringLiteral(
                 "Eine Nachricht von bob wartet auf 1 frühere Nachricht, die noch nicht angekommen ist."));
    QCOMPARE(heldMessageLateText(QStringLiteral("bob"), 3),
             QStringLiteral(
                 "Eine Nachricht von bob wartet auf 3 frühere Nachrichten, die noch nicht angekommen sind."));
    QCOMPARE(undecryptableText(QStringLiteral("carol"), 1),
             QStringLiteral("1 Paket von carol konnte nicht gelesen werden."));
    QCOMPARE(undecryptableText(QStringLiteral("carol"), 2),
             QStringLiteral("2 Pakete von carol konnten nicht gelesen werden."));
    QCOMPARE(readableByText(1), QStringLiteral("Nachrichten ab hier kann 1 Mitglied lesen."));
    QCOMPARE(readableByText(4), QStringLiteral("Nachrichten ab hier können 4 Mitglieder lesen."));
    QCOMPARE(actionStartNewSession(), QStringLiteral("Neue Sitzung starten"));
    QCOMPARE(cannotSendAloneText(), QStringLiteral("Noch niemand, für den verschlüsselt werden kann."));
  }

  void demoRoomWindowIsGerman() {
    DemoClient client;
    MainWindow window{&client, QStringLiteral("test")};
    window.resize(1200, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    DemoRoom* room = nullptr;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 5000) {
      if (!client.rooms().isEmpty()) room = qobject_cast<DemoRoom*>(client.rooms().first());
      if (room && room->introFinished()) break;
      QTest::qWait(20);
    }
    QVERIFY(room && room->introFinished());
    auto* view = window.roomView(room);
    QVERIFY(view);
    QTest::qWait(300);  // let the intro's last updates paint

    const QStringList menus = menuTitles(window);
    QVERIFY2(menus.contains(QStringLiteral("&Konto")) && menus.contains(QStringLiteral("&Raum")) &&
                 menus.contains(QStringLiteral("&Hilfe")),
             qPrintable(menus.join(QLatin1Char('|'))));

    // The header: "Verschlüsselte Sitzung · <n> Mitglieder · …", n from the engine.
    const int members = static_cast<int>(room->userSession().members().size());
    QVERIFY(members >= 3);
    auto* subtitle = view->findChild<QLabel*>(QStringLiteral("roomSubtitle"));
    QVERIFY(subtitle);
    QVERIFY2(subtitle->text().contains(QStringLiteral("Verschlüsselte Sitzung")),
             qPrintable(subtitle->text()));
    QVERIFY2(subtitle->text().contains(QStringLiteral("%1 Mitglieder").arg(members)),
             qPrintable(subtitle->text()));

    auto* input = view->findChild<QPlainTextEdit*>(QStringLiteral("composerInput"));
    QVERIFY(input);
    QCOMPARE(input->placeholderText(),
             QStringLiteral("Nachricht an %1 (verschlüsselt für %2 Mitglieder)…")
                 .arg(room->state()->status().title.isEmpty() ? room->state()->status().roomJid
                                                              : room->state()->status().title)
                 .arg(members));

    // The "missing messages" pill (U-20), whichever state the intro left.
    auto* pill = view->findChild<QPushButton*>(QStringLiteral("indicatorMissing"));
    QVERIFY(pill);
    QVERIFY2(pill->text().contains(QStringLiteral("nichts fehlt")) ||
                 pill->text().contains(QStringLiteral("warte")) ||
                 pill->text().contains(QStringLiteral("lesbar")),
             qPrintable(pill->text()));

    // The member list's section headers come from its model.
    bool sessionHeader = false;
    for (QAbstractItemView* list : view->findChildren<QAbstractItemView*>()) {
      QAbstractItemModel* m = list->model();
      for (int r = 0; m && r < m->rowCount(); ++r)
        if (m->index(r, 0).data().toString() == QStringLiteral("MITGLIEDER · VERSCHLÜSSELTE SITZUNG"))
          sessionHeader = true;
    }
    QVERIFY(sessionHeader);

    // The intro's own notice (a demo UI notice) is German; the simulated
    // members' messages are translated too.
    bool notice = false;
    bool germanMessage = false;
    const auto& s = *room->state();
    for (int i = 0; i < s.itemCount(); ++i) {
      const QString text = s.item(i).text;
      notice = notice || text.startsWith(QStringLiteral("Offline-Demo:"));
      germanMessage = germanMessage || text == QStringLiteral("Danke, ich lese sie gerade.");
    }
    QVERIFY(notice);
    QVERIFY(germanMessage);

    shoot(window, "translations-de-demo-room.png");

    // A selected message: the details pane's German labels (Autor, Antwort auf, …).
    auto* tv = view->transcript();
    auto* m = tv->transcriptModel();
    const int item = s.itemOfMessageRow(s.messageCount() - 1);
    tv->scrollTo(m->index(item), QAbstractItemView::PositionAtCenter);
    QTest::mouseClick(tv->viewport(), Qt::LeftButton, {}, tv->visualRect(m->index(item)).center());
    QCOMPARE(tv->selectedMessageRow(), s.messageCount() - 1);
    QTest::qWait(50);
    bool authorLabel = false;
    for (QLabel* l : view->findChildren<QLabel*>())
      authorLabel = authorLabel || l->text() == QStringLiteral("Autor");
    QVERIFY(authorLabel);
    shoot(window, "translations-de-demo-selected.png");
  }

  void dialogsAreGerman() {
    // German texts are longer: the dialogs are saved to look at (artifacts/translations-de-*.png).
    mpenc::ui::AccountDialog account;
    account.show();
    QVERIFY(QTest::qWaitForWindowExposed(&account));
    QCOMPARE(account.windowTitle(), QStringLiteral("Konto einrichten"));
    shoot(account, "translations-de-account-dialog.png");

    mpenc::ui::JoinRoomDialog join(QStringLiteral("you@example.org"));
    join.show();
    QVERIFY(QTest::qWaitForWindowExposed(&join));
    QCOMPARE(join.windowTitle(), QStringLiteral("Raum betreten"));
    shoot(join, "translations-de-join-dialog.png");

    mpenc::present::MemberInfo frank;
    frank.id = QStringLiteral("team@demo.invalid/frank");
    frank.name = QStringLiteral("frank");
    frank.inRoom = true;
    frank.trust = mpenc::present::Trust::Changed;
    frank.fingerprint =
        QStringLiteral("0123abcd 4567ef01 89abcdef 01234567 89abcdef 01234567 89abcdef 01234567");
    frank.previousFingerprint =
        QStringLiteral("fedcba98 76543210 fedcba98 76543210 fedcba98 76543210 fedcba98 7654321f");
    mpenc::ui::FingerprintDialog verify(frank, QStringLiteral("aaaaaaaa bbbbbbbb cccccccc dddddddd eeeeeeee "
                                                              "ffffffff 00000000 11111111"));
    verify.show();
    QVERIFY(QTest::qWaitForWindowExposed(&verify));
    QCOMPARE(verify.windowTitle(), QStringLiteral("frank verifizieren"));
    shoot(verify, "translations-de-fingerprint-dialog.png");

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    mpenc::ui::AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    mpenc::ui::SettingsDialog prefs(&settings);
    prefs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&prefs));
    QCOMPARE(prefs.windowTitle(), QStringLiteral("Einstellungen"));
    shoot(prefs, "translations-de-settings-dialog.png");
  }

 private:
  static void shoot(QWidget& w, const char* name) {
    QString error;
    QVERIFY2(
        mpenc::ui::saveScreenshot(w, QStringLiteral(MPENC_GUI_ARTIFACTS "/") + QLatin1String(name), &error),
        qPrintable(error));
  }
};

QTEST_MAIN(TranslationsTest)
#include "test_translations.moc"
