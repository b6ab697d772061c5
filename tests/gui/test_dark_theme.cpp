// The room pane in the dark and the light theme (ui/theme.h, ui/palette_colors.h),
// switched at run time as the settings dialog does: the header, the member list,
// the composer and the details pane are painted dark in the dark theme, and
// their text stands out from that background (WCAG contrast measured on the
// rendered window, not read back from the code's own colours); switching back
// gives the light design colours again (mockup/room-window.png).
// Screenshots: artifacts/dark-theme-room.png, artifacts/light-theme-room.png.
#include <QApplication>
#include <QElapsedTimer>
#include <QFrame>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>

#include "app/demo/demo_client.h"
#include "app/demo/demo_room.h"
#include "ui/main_window.h"
#include "ui/palette_colors.h"
#include "ui/presentation/room_state.h"
#include "ui/room/member_model.h"
#include "ui/room/member_panel.h"
#include "ui/room/room_view.h"
#include "ui/screenshot.h"
#include "ui/theme.h"

using mpenc::demo::DemoClient;
using mpenc::demo::DemoRoom;
using mpenc::ui::AppSettings;
using mpenc::ui::MainWindow;
namespace colors = mpenc::ui::colors;

namespace {

/// The window as painted, and where a widget of it is.
struct Shot {
  QImage image;
  QWidget* window = nullptr;

  QRect rectOf(const QWidget* w) const { return QRect(w->mapTo(window, QPoint(0, 0)), w->size()); }
  QColor at(const QWidget* w, QPoint p) const { return image.pixelColor(rectOf(w).topLeft() + p); }
  /// The strongest contrast against `bg` in `area` (window coordinates): the core of the glyphs.
  qreal bestContrast(const QRect& area, const QColor& bg) const {
    qreal best = 1.0;
    const QRect r = area.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
      for (int x = r.left(); x <= r.right(); ++x)
        best = qMax(best, colors::contrast(image.pixelColor(x, y), bg));
    return best;
  }
};

Shot grab(QWidget& window) {
  QTest::qWait(50);  // the palette change's repaints
  return Shot{window.grab().toImage().convertToFormat(QImage::Format_RGB32), &window};
}

bool darkColour(const QColor& c) {
  return colors::luminance(c) < 0.05;  // #3b3b3b and darker
}

void shoot(QWidget& w, const char* name) {
  QString error;
  QVERIFY2(
      mpenc::ui::saveScreenshot(w, QStringLiteral(MPENC_GUI_ARTIFACTS "/") + QLatin1String(name), &error),
      qPrintable(error));
}

QString describe(const char* what, const QColor& bg, qreal ratio) {
  return QStringLiteral("%1: background %2, best text contrast %3")
      .arg(QLatin1String(what), bg.name())
      .arg(ratio, 0, 'f', 2);
}

}  // namespace

class DarkThemeTest : public QObject {
  Q_OBJECT

 private slots:
  void cleanup() { mpenc::ui::applyTheme(AppSettings::Theme::System); }

  void roomPaneFollowsTheTheme() {
    DemoClient client;
    MainWindow window(&client, QStringLiteral("test"));
    window.resize(1280, 800);
    mpenc::ui::applyTheme(AppSettings::Theme::Light);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    DemoRoom* room = nullptr;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 5000 && !(room && room->introFinished())) {
      if (!client.rooms().isEmpty()) room = qobject_cast<DemoRoom*>(client.rooms().first());
      QTest::qWait(20);
    }
    QVERIFY(room && room->introFinished());
    mpenc::ui::RoomView* view = window.roomView(room);
    QVERIFY(view != nullptr);
    auto* header = view->findChild<QWidget*>(QStringLiteral("roomHeader"));
    auto* title = view->findChild<QLabel*>(QStringLiteral("roomTitle"));
    auto* subtitle = view->findChild<QLabel*>(QStringLiteral("roomSubtitle"));
    auto* frame = view->findChild<QWidget*>(QStringLiteral("composerFrame"));
    auto* input = view->findChild<QPlainTextEdit*>(QStringLiteral("composerInput"));
    auto* hint = view->findChild<QLabel*>(QStringLiteral("sendHint"));
    auto* legend = view->findChild<QLabel*>(QStringLiteral("detailsLegend"));
    auto* heading = view->findChild<QLabel*>(QStringLiteral("detailsHeading"));
    QVERIFY(header && title && subtitle && frame && input && hint && legend && heading);
    QWidget* members = view->members()->viewport();

    // A member in the session who answers (engine data: not greyed): their row's name.
    const mpenc::present::RoomState& state = *room->state();
    QString name;
    for (const mpenc::present::MemberInfo& m : state.members())
      if (m.inSession && !m.self && m.responsive) name = m.name.isEmpty() ? m.id : m.name;
    QVERIFY(!name.isEmpty());
    QModelIndex nameRow;
    QAbstractItemModel* model = view->members()->model();
    for (int r = 0; r < model->rowCount() && !nameRow.isValid(); ++r)
      if (model->index(r, 0).data(mpenc::ui::MemberModel::NameRole).toString() == name)
        nameRow = model->index(r, 0);
    QVERIFY(nameRow.isValid());

    // Light: the design's colours, as before the theme work.
    Shot light = grab(window);
    shoot(window, "light-theme-room.png");
    QCOMPARE(light.at(header, QPoint(4, 4)), QColor(Qt::white));
    QCOMPARE(light.at(frame, QPoint(4, 4)), QColor(0xfb, 0xfb, 0xfc));
    QCOMPARE(light.at(members, QPoint(3, members->height() - 3)), QColor(Qt::white));

    // Dark, switched at run time: every part dark, every text readable on it.
    mpenc::ui::applyTheme(AppSettings::Theme::Dark);
    QVERIFY(mpenc::ui::isDark(QApplication::palette()));
    Shot dark = grab(window);
    shoot(window, "dark-theme-room.png");

    const QColor headerBg = dark.at(header, QPoint(4, 4));
    QVERIFY2(darkColour(headerBg), qPrintable(headerBg.name()));
    const qreal titleInk = dark.bestContrast(dark.rectOf(title), headerBg);
    QVERIFY2(titleInk >= 7.0, qPrintable(describe("room title", headerBg, titleInk)));
    const qreal subtitleInk = dark.bestContrast(dark.rectOf(subtitle), headerBg);
    QVERIFY2(subtitleInk >= 4.5, qPrintable(describe("session line", headerBg, subtitleInk)));

    const QColor memberBg = dark.at(members, QPoint(3, members->height() - 3));
    QVERIFY2(darkColour(memberBg), qPrintable(memberBg.name()));
    QRect nameRect = view->members()->visualRect(nameRow);
    nameRect.setWidth(nameRect.width() / 2);  // the name, not the trust state on the right
    nameRect.translate(dark.rectOf(members).topLeft());
    const QColor rowBg = dark.image.pixelColor(nameRect.topLeft() + QPoint(2, 2));
    QVERIFY2(darkColour(rowBg), qPrintable(rowBg.name()));
    const qreal nameInk = dark.bestContrast(nameRect, rowBg);
    QVERIFY2(nameInk >= 7.0, qPrintable(describe("member name", rowBg, nameInk)));

    const QColor frameBg = dark.at(frame, QPoint(4, 4));
    QVERIFY2(darkColour(frameBg), qPrintable(frameBg.name()));
    const QColor inputBg = dark.at(input, QPoint(input->width() - 8, input->height() / 2));
    QVERIFY2(darkColour(inputBg), qPrintable(inputBg.name()));
    const qreal placeholderInk = dark.bestContrast(dark.rectOf(input).adjusted(4, 4, -4, -4), inputBg);
    QVERIFY2(placeholderInk >= 3.0, qPrintable(describe("composer placeholder", inputBg, placeholderInk)));
    if (hint->isVisible()) {
      const qreal hintInk = dark.bestContrast(dark.rectOf(hint), frameBg);
      QVERIFY2(hintInk >= 4.5, qPrintable(describe("keyboard hint", frameBg, hintInk)));
    }

    const QColor paneBg = dark.at(legend, QPoint(0, 0));
    QVERIFY2(darkColour(paneBg), qPrintable(paneBg.name()));
    const qreal legendInk = dark.bestContrast(dark.rectOf(legend), paneBg);
    QVERIFY2(legendInk >= 7.0, qPrintable(describe("details legend", paneBg, legendInk)));
    const qreal headingInk = dark.bestContrast(dark.rectOf(heading), paneBg);
    QVERIFY2(headingInk >= 4.5, qPrintable(describe("details heading", paneBg, headingInk)));

    // The indicator pills (U-20): a tinted fill, text readable on it.
    for (const char* pillName : {"indicatorMissing", "indicatorResponsive", "indicatorAcked"}) {
      auto* pill = header->findChild<QPushButton*>(QLatin1String(pillName));
      QVERIFY(pill != nullptr);
      const QColor pillBg = dark.at(pill, QPoint(4, pill->height() / 2));
      QVERIFY2(darkColour(pillBg), qPrintable(pillBg.name()));
      const qreal pillInk = dark.bestContrast(dark.rectOf(pill).adjusted(8, 3, -8, -3), pillBg);
      QVERIFY2(pillInk >= 4.5, qPrintable(describe(pillName, pillBg, pillInk)));
    }
    // Its detail popup, opened after the switch.
    auto* responsive = header->findChild<QPushButton*>(QStringLiteral("indicatorResponsive"));
    QTest::mouseClick(responsive, Qt::LeftButton);
    auto* popup = header->findChild<QFrame*>(QStringLiteral("indicatorDetail"));
    QVERIFY(popup != nullptr);
    QVERIFY(QTest::qWaitForWindowExposed(popup));
    const QImage detail = popup->grab().toImage().convertToFormat(QImage::Format_RGB32);
    shoot(*popup, "dark-theme-indicator-detail.png");
    const QColor popupBg = detail.pixelColor(4, 4);
    QVERIFY2(darkColour(popupBg), qPrintable(popupBg.name()));
    qreal popupInk = 1.0;
    for (int y = 0; y < detail.height(); ++y)
      for (int x = 0; x < detail.width(); ++x)
        popupInk = qMax(popupInk, colors::contrast(detail.pixelColor(x, y), popupBg));
    QVERIFY2(popupInk >= 7.0, qPrintable(describe("indicator detail", popupBg, popupInk)));
    popup->hide();

    // The sidebar stays dark in both themes.
    auto* sidebar = window.findChild<QWidget*>(QStringLiteral("sidebar"));
    QVERIFY(sidebar != nullptr);
    QCOMPARE(dark.at(sidebar, QPoint(2, sidebar->height() / 2)),
             light.at(sidebar, QPoint(2, sidebar->height() / 2)));

    // Leaving (still dark): the neutral banner, the disabled input and the problem line.
    room->leave();
    auto* banner = header->findChild<QFrame*>(QStringLiteral("fatalBanner"));
    auto* bannerText = header->findChild<QLabel*>(QStringLiteral("fatalText"));
    auto* problem = view->findChild<QLabel*>(QStringLiteral("composerStatus"));
    QVERIFY(banner && bannerText && problem);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible() && !input->isEnabled() && problem->isVisible(), 15000);
    Shot left = grab(window);
    shoot(window, "dark-theme-left.png");
    const QColor bannerBg = left.at(banner, QPoint(4, banner->height() / 2));
    QVERIFY2(darkColour(bannerBg), qPrintable(bannerBg.name()));
    const qreal bannerInk = left.bestContrast(left.rectOf(bannerText), bannerBg);
    QVERIFY2(bannerInk >= 7.0, qPrintable(describe("banner", bannerBg, bannerInk)));
    const QColor disabledBg = left.at(input, QPoint(input->width() / 2, input->height() / 2));
    QVERIFY2(darkColour(disabledBg), qPrintable(disabledBg.name()));
    const QColor leftFrameBg = left.at(frame, QPoint(4, 4));
    const qreal problemInk = left.bestContrast(left.rectOf(problem), leftFrameBg);
    QVERIFY2(problemInk >= 4.5, qPrintable(describe("composer status", leftFrameBg, problemInk)));

    // And back to light: the same colours as at first.
    mpenc::ui::applyTheme(AppSettings::Theme::Light);
    Shot again = grab(window);
    QCOMPARE(again.at(header, QPoint(4, 4)), QColor(Qt::white));
    QCOMPARE(again.at(frame, QPoint(4, 4)), QColor(0xfb, 0xfb, 0xfc));
    QCOMPARE(again.at(members, QPoint(3, members->height() - 3)), QColor(Qt::white));
    QCOMPARE(again.at(banner, QPoint(4, banner->height() / 2)), QColor(0xf3, 0xf5, 0xf8));
    QCOMPARE(again.at(input, QPoint(input->width() / 2, input->height() / 2)), QColor(0xf1, 0xf3, 0xf5));
  }
};

QTEST_MAIN(DarkThemeTest)
#include "test_dark_theme.moc"
