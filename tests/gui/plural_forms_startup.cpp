// Linked into every GUI test: installs the English plural forms of the "%n …"
// texts when the application object is built, as mpenc-chat does at start-up
// (app/translations.h). Without them Qt would show "3 member(s)".
// test_translations installs German on top.
#include <QCoreApplication>

#include "app/translations.h"

namespace {

void installEnglishPlurals() {
  mpenc::app::installTranslations(mpenc::app::UiLanguage::English);
}

}  // namespace

Q_COREAPP_STARTUP_FUNCTION(installEnglishPlurals)
