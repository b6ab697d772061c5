// The UI language: the translations compiled into the executable (resource
// :/i18n/, built from resources/translations/*.ts by cmake/MpencTranslations.cmake).
#pragma once

#include <QLocale>
#include <QString>

namespace mpenc::app {

enum class UiLanguage {
  /// The system locale (QLocale::system(): LANGUAGE, LC_ALL, LC_MESSAGES,
  /// LANG on Linux); English when there is no translation for it.
  System,
  /// English only (the headless JSON front end, whose texts stay English):
  /// just the English plural forms of the "%n …" texts.
  English,
};

/// Installs the translators on the running QCoreApplication: always the
/// English plural forms, then the translation for `language` and Qt's own
/// (qtbase) translation when the system has one. Returns the language of the
/// texts now shown, e.g. "de" or "en". Call once, right after the application
/// object exists and before any widget is built.
QString installTranslations(UiLanguage language = UiLanguage::System);
/// The same for an explicit locale (tests).
QString installTranslations(const QLocale& locale);

}  // namespace mpenc::app
