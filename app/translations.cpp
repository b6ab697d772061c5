#include "app/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

// The resource of cmake/MpencTranslations.cmake lives in a static library:
// referencing it here keeps it linked. Outside any namespace (Q_INIT_RESOURCE
// declares the resource's init function where it is used).
static void initTranslationResource() {
  Q_INIT_RESOURCE(mpenc_translations_i18n);
}

namespace {

const QString kDir = QStringLiteral(":/i18n");
const QString kName = QStringLiteral("mpenc-chat");

/// Installs `t` (owned by the application) when it loaded, else drops it.
/// Translators installed later are searched first.
bool install(QTranslator* t, bool loaded) {
  if (!loaded) {
    delete t;
    return false;
  }
  QCoreApplication::installTranslator(t);
  return true;
}

QString installFor(const QLocale* locale) {
  static bool resources = (initTranslationResource(), true);
  Q_UNUSED(resources)
  QCoreApplication* app = QCoreApplication::instance();
  if (!app) return QStringLiteral("en");

  // English needs no translation, only the plural forms of the "%n" texts.
  auto* plurals = new QTranslator(app);
  install(plurals, plurals->load(kName + QStringLiteral("_en"), kDir));
  if (!locale) return QStringLiteral("en");

  auto* ui = new QTranslator(app);
  // QTranslator tries the locale's UI languages in order (de-AT, de, …).
  if (!install(ui, ui->load(*locale, kName, QStringLiteral("_"), kDir))) return QStringLiteral("en");
  const QString language = ui->language().isEmpty() ? QStringLiteral("en") : ui->language();

  // Qt's own texts (standard buttons, QCommandLineParser): optional, present
  // when the system ships them (qttranslations).
  auto* qt = new QTranslator(app);
#if QT_VERSION >= QT_VERSION_CHECK(6, 0, 0)
  const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
#else
  const QString qtDir = QLibraryInfo::location(QLibraryInfo::TranslationsPath);
#endif
  bool qtLoaded = qt->load(*locale, QStringLiteral("qtbase"), QStringLiteral("_"), qtDir);
#ifdef Q_OS_WIN
  // windeployqt puts Qt's .qm files in a "translations" folder beside the exe (no qt.conf).
  if (!qtLoaded) {
    qtLoaded = qt->load(*locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                        QCoreApplication::applicationDirPath() + QStringLiteral("/translations"));
  }
#endif
  install(qt, qtLoaded);
  return language;
}

}  // namespace

namespace mpenc::app {

QString installTranslations(UiLanguage language) {
  if (language == UiLanguage::English) return installFor(nullptr);
  const QLocale system = QLocale::system();
  return installFor(&system);
}

QString installTranslations(const QLocale& locale) {
  return installFor(&locale);
}

}  // namespace mpenc::app
