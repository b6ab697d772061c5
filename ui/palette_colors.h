// The colours of the room pane, derived from a palette, so the light and the
// dark theme (ui/theme.h) both read well. A light palette gets the design's
// colours (mockup/room-window.png, unchanged); a dark one gets colours mixed
// from its roles (Base, Window, Text, Highlight) and status colours picked for
// a contrast of at least 4.5:1 against the dark surfaces.
//
// Widgets that put these colours into a style sheet re-apply it when the
// palette changes (onPaletteChange), because the theme switches without a
// restart and Qt does not re-resolve a style sheet by itself.
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>
#include <functional>

class QWidget;

namespace mpenc::ui::colors {

/// `background` moved towards `accent` by `amount` (0: background, 1: accent).
QColor tinted(const QColor& background, const QColor& accent, qreal amount);
/// Whether `palette` is a dark one (light text on a dark base).
bool isDark(const QPalette& palette);
/// WCAG relative luminance and contrast ratio (1..21).
qreal luminance(const QColor& c);
qreal contrast(const QColor& a, const QColor& b);

/// The palette the room pane's style sheets are derived from: the application
/// palette for `w` (a style sheet rewrites the widget's own palette).
QPalette themeOf(const QWidget* w);

enum class Status { Good, Warning, Bad, Neutral };

/// Text in a status colour, readable on `palette`'s Base and on statusFill.
QColor statusText(const QPalette& palette, Status s);
/// The soft fill and the border of a status pill, banner or status line.
QColor statusFill(const QPalette& palette, Status s);
QColor statusBorder(const QPalette& palette, Status s);

/// Surfaces and lines.
QColor surface(const QPalette& palette);         ///< the header, the composer input, popups
QColor paneBackground(const QPalette& palette);  ///< the composer frame, the right column
QColor separator(const QPalette& palette);       ///< thin lines between parts
QColor inputBorder(const QPalette& palette);
QColor focusBorder(const QPalette& palette);  ///< a focused text input
QColor focusRing(const QPalette& palette);    ///< a focused pill, row or chip
QColor disabledInput(const QPalette& palette);
QColor selectedRow(const QPalette& palette);
QColor hoveredRow(const QPalette& palette);

/// Text: the main text, a secondary line (subtitle), muted text (hints,
/// headings) and greyed-out text (not responding members).
QColor text(const QPalette& palette);
QColor secondaryText(const QPalette& palette);
QColor mutedText(const QPalette& palette);
QColor greyedText(const QPalette& palette);

/// The "Invite" chip.
QColor chipBorder(const QPalette& palette);
QColor chipFill(const QPalette& palette);
QColor chipText(const QPalette& palette);

/// Calls `apply` now and again whenever `w`'s palette or the application's
/// palette changes (the theme was switched). `apply` may set style sheets on
/// `w`; a change it causes itself does not call it again.
void followPalette(QWidget* w, std::function<void()> apply);
/// Sets `css` on `w` unless it already has it (no needless re-polish, no loop).
void restyle(QWidget* w, const QString& css);

}  // namespace mpenc::ui::colors
