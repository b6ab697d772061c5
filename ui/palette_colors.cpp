#include "ui/palette_colors.h"

#include <QApplication>
#include <QEvent>
#include <QWidget>
#include <cmath>

#include "ui/theme.h"

namespace mpenc::ui::colors {

namespace {

/// The design's colour for a light palette, else the one derived for a dark one.
QColor lightOr(const QPalette& p, QRgb light, const QColor& dark) {
  return isDark(p) ? dark : QColor(light);
}

QColor base(const QPalette& p) {
  return p.color(QPalette::Base);
}
QColor ink(const QPalette& p) {
  return p.color(QPalette::Text);
}

/// `fg` moved towards the palette's text colour until it reaches `ratio` against `bg`.
QColor readable(const QColor& fg, const QColor& bg, const QColor& towards, qreal ratio = 4.5) {
  QColor c = fg;
  for (qreal t = 0.1; contrast(c, bg) < ratio && t <= 1.0; t += 0.1) c = tinted(fg, towards, t);
  return c;
}

/// The bright status hues for a dark base (they reach 4.5:1 on #1f2329 and on their own fills).
QColor darkHue(Status s, const QPalette& p) {
  switch (s) {
    case Status::Good:
      return QColor(0x56, 0xd3, 0x64);
    case Status::Warning:
      return QColor(0xe3, 0xb3, 0x41);
    case Status::Bad:
      return QColor(0xff, 0x7b, 0x72);
    case Status::Neutral:
      break;
  }
  return tinted(ink(p), base(p), 0.2);
}

class PaletteFollower : public QObject {
 public:
  PaletteFollower(QWidget* w, std::function<void()> apply) : QObject(w), apply_(std::move(apply)) {
    w->installEventFilter(this);
  }

  bool eventFilter(QObject*, QEvent* e) override {
    if ((e->type() == QEvent::PaletteChange || e->type() == QEvent::ApplicationPaletteChange) && !busy_) {
      busy_ = true;
      apply_();
      busy_ = false;
    }
    return false;
  }

 private:
  std::function<void()> apply_;
  bool busy_ = false;
};

}  // namespace

QColor tinted(const QColor& background, const QColor& accent, qreal amount) {
  const qreal t = qBound<qreal>(0.0, amount, 1.0);
  return QColor::fromRgbF(background.redF() + (accent.redF() - background.redF()) * t,
                          background.greenF() + (accent.greenF() - background.greenF()) * t,
                          background.blueF() + (accent.blueF() - background.blueF()) * t);
}

bool isDark(const QPalette& palette) {
  return ui::isDark(palette);
}

qreal luminance(const QColor& c) {
  const auto channel = [](qreal v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

qreal contrast(const QColor& a, const QColor& b) {
  const qreal la = luminance(a), lb = luminance(b);
  return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QPalette themeOf(const QWidget* w) {
  return QApplication::palette(w);
}

QColor statusText(const QPalette& p, Status s) {
  if (!isDark(p)) {
    switch (s) {
      case Status::Good:
        return QColor(0x1e, 0x7b, 0x34);
      case Status::Warning:
        return QColor(0x8a, 0x53, 0x00);
      case Status::Bad:
        return QColor(0x8f, 0x1d, 0x1d);
      case Status::Neutral:
        break;
    }
    return QColor(0x37, 0x41, 0x51);
  }
  return readable(darkHue(s, p), statusFill(p, s), ink(p));
}

QColor statusFill(const QPalette& p, Status s) {
  if (!isDark(p)) {
    switch (s) {
      case Status::Good:
        return QColor(0xea, 0xf6, 0xec);
      case Status::Warning:
        return QColor(0xff, 0xf4, 0xda);
      case Status::Bad:
        return QColor(0xfd, 0xec, 0xea);
      case Status::Neutral:
        break;
    }
    return QColor(0xf3, 0xf5, 0xf8);
  }
  return s == Status::Neutral ? hoveredRow(p) : tinted(base(p), darkHue(s, p), 0.14);
}

QColor statusBorder(const QPalette& p, Status s) {
  if (!isDark(p)) {
    switch (s) {
      case Status::Good:
        return QColor(0xb9, 0xdf, 0xc1);
      case Status::Warning:
        return QColor(0xef, 0xd0, 0x8c);
      case Status::Bad:
        return QColor(0xf1, 0xb5, 0xb0);
      case Status::Neutral:
        break;
    }
    return QColor(0xd5, 0xda, 0xe1);
  }
  return s == Status::Neutral ? separator(p) : tinted(base(p), darkHue(s, p), 0.4);
}

QColor surface(const QPalette& p) {
  return base(p);
}
QColor paneBackground(const QPalette& p) {
  return lightOr(p, 0xfbfbfc, tinted(base(p), p.color(QPalette::Window), 0.5));
}
QColor separator(const QPalette& p) {
  return lightOr(p, 0xe3e6ea, tinted(base(p), ink(p), 0.14));
}
QColor inputBorder(const QPalette& p) {
  return lightOr(p, 0xc9ced6, tinted(base(p), ink(p), 0.28));
}
QColor focusBorder(const QPalette& p) {
  return lightOr(p, 0x7aa7ec, p.color(QPalette::Highlight));
}
QColor focusRing(const QPalette& p) {
  return lightOr(p, 0x3b82f6, p.color(QPalette::Highlight));
}
QColor disabledInput(const QPalette& p) {
  return lightOr(p, 0xf1f3f5, p.color(QPalette::Window));
}
QColor selectedRow(const QPalette& p) {
  return lightOr(p, 0xe3ecfb, tinted(base(p), p.color(QPalette::Highlight), 0.28));
}
QColor hoveredRow(const QPalette& p) {
  return lightOr(p, 0xf3f5f8, tinted(base(p), ink(p), 0.07));
}

QColor text(const QPalette& p) {
  return lightOr(p, 0x1f2328, ink(p));
}
QColor secondaryText(const QPalette& p) {
  return lightOr(p, 0x4b5563, tinted(ink(p), base(p), 0.2));
}
QColor mutedText(const QPalette& p) {
  return lightOr(p, 0x6b7280, tinted(ink(p), base(p), 0.35));
}
QColor greyedText(const QPalette& p) {
  return lightOr(p, 0x9aa0a6, tinted(ink(p), base(p), 0.5));
}

QColor chipBorder(const QPalette& p) {
  return lightOr(p, 0x9db8e8, tinted(base(p), p.color(QPalette::Highlight), 0.6));
}
QColor chipFill(const QPalette& p) {
  return lightOr(p, 0xf5f8ff, tinted(base(p), p.color(QPalette::Highlight), 0.15));
}
QColor chipText(const QPalette& p) {
  return lightOr(p, 0x1f5fc7,
                 readable(tinted(p.color(QPalette::Highlight), ink(p), 0.45), chipFill(p), ink(p)));
}

void followPalette(QWidget* w, std::function<void()> apply) {
  apply();
  new PaletteFollower(w, std::move(apply));
}

void restyle(QWidget* w, const QString& css) {
  if (w->styleSheet() != css) w->setStyleSheet(css);
}

}  // namespace mpenc::ui::colors
