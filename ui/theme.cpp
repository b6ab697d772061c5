#include "ui/theme.h"

#include <QApplication>
#include <QStyle>

namespace mpenc::ui {

namespace {

QPalette darkPalette() {
  QPalette p;
  const QColor window(0x2b, 0x2f, 0x36), base(0x1f, 0x23, 0x29), text(0xe6, 0xe8, 0xeb);
  const QColor disabled(0x7b, 0x83, 0x8e), accent(0x3b, 0x82, 0xf6);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, window);
  p.setColor(QPalette::ToolTipBase, base);
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, disabled);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, window);
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, Qt::white);
  p.setColor(QPalette::Light, window.lighter(140));
  p.setColor(QPalette::Midlight, window.lighter(120));
  p.setColor(QPalette::Mid, window.darker(120));
  p.setColor(QPalette::Dark, window.darker(160));
  p.setColor(QPalette::Shadow, Qt::black);
  p.setColor(QPalette::Highlight, accent);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, accent.lighter(130));
  p.setColor(QPalette::LinkVisited, accent.lighter(110));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    p.setColor(QPalette::Disabled, role, disabled);
  p.setColor(QPalette::Disabled, QPalette::Highlight, window.lighter(130));
  return p;
}

QPalette lightPalette() {
  QPalette p;
  const QColor window(0xf3, 0xf4, 0xf6), text(0x1f, 0x24, 0x2b), disabled(0x9a, 0xa0, 0xa8);
  const QColor accent(0x25, 0x63, 0xeb);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, Qt::white);
  p.setColor(QPalette::AlternateBase, window);
  p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xf0));
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, disabled);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, window);
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, Qt::white);
  p.setColor(QPalette::Light, Qt::white);
  p.setColor(QPalette::Midlight, window.lighter(104));
  p.setColor(QPalette::Mid, window.darker(130));
  p.setColor(QPalette::Dark, window.darker(160));
  p.setColor(QPalette::Shadow, QColor(0x80, 0x80, 0x80));
  p.setColor(QPalette::Highlight, accent);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, accent);
  p.setColor(QPalette::LinkVisited, accent.darker(120));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    p.setColor(QPalette::Disabled, role, disabled);
  return p;
}

}  // namespace

QPalette themePalette(AppSettings::Theme theme) {
  switch (theme) {
    case AppSettings::Theme::Light:
      return lightPalette();
    case AppSettings::Theme::Dark:
      return darkPalette();
    case AppSettings::Theme::System:
      break;
  }
  return QApplication::style()->standardPalette();
}

void applyTheme(AppSettings::Theme theme) {
  if (theme == AppSettings::Theme::System) {
    // An empty palette (nothing resolved) hands the application palette back
    // to the platform theme, which keeps following the desktop's changes.
    QApplication::setPalette(QPalette());
    return;
  }
  QApplication::setPalette(themePalette(theme));
}

bool isDark(const QPalette& palette) {
  return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

}  // namespace mpenc::ui
