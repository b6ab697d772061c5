// The colour scheme (AppSettings::Theme): the platform's palette by default,
// so the app follows the desktop's light or dark theme; or a fixed light or
// dark QPalette the user chose. Applied to the whole application at once.
#pragma once

#include <QPalette>

#include "ui/app_settings.h"

namespace mpenc::ui {

/// The palette a fixed theme uses (System: the platform's palette).
QPalette themePalette(AppSettings::Theme theme);
/// Set the application palette for `theme`. System hands the palette back to
/// the platform (it follows later changes of the desktop theme).
void applyTheme(AppSettings::Theme theme);
/// Whether `palette` is a dark one (light text on a dark window).
bool isDark(const QPalette& palette);

}  // namespace mpenc::ui
