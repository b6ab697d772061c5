// Help ▸ About mpENC Chat: the version, what mpENC is, the licence, and the
// libraries the app was built with and runs with. The strings come from app/
// (ui/ never includes QXmpp or libsodium headers).
//
// Object names: "aboutDialog", "aboutTitle", "aboutText", "aboutLicense",
// "aboutLibraries", "closeButton".
#pragma once

#include <QDialog>
#include <QList>
#include <QString>

namespace mpenc::ui {

struct AboutLibrary {
  QString name;     //!< "Qt"
  QString running;  //!< "5.15.8"
  QString built;    //!< the version compiled against
};

struct AboutInfo {
  QString version;  //!< "0.1.0"
  QString license;  //!< SPDX identifier, "GPL-3.0-or-later"
  QList<AboutLibrary> libraries;
};

class AboutDialog : public QDialog {
  Q_OBJECT

 public:
  explicit AboutDialog(const AboutInfo& info, QWidget* parent = nullptr);
};

}  // namespace mpenc::ui
