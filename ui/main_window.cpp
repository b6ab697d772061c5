#include "ui/main_window.h"

#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QStatusBar>

namespace mpenc::ui {

MainWindow::MainWindow(const QString& versionInfo, QWidget* parent)
    : QMainWindow(parent), roomList_(new QListWidget), welcomeText_(new QLabel) {
  setWindowTitle(QStringLiteral("mpENC Chat"));
  setObjectName(QStringLiteral("mainWindow"));

  roomList_->setObjectName(QStringLiteral("roomList"));
  roomList_->setAccessibleName(tr("Rooms"));

  QString text =
      tr("<h2>mpENC Chat</h2>"
         "<p>End-to-end encrypted group chat in XMPP rooms, with a transcript "
         "that every member can check is the same as everyone else's.</p>"
         "<p>No account is set up yet.</p>");
  if (!versionInfo.isEmpty())
    text += QStringLiteral("<p><small>%1</small></p>").arg(versionInfo.toHtmlEscaped());
  welcomeText_->setObjectName(QStringLiteral("welcomeText"));
  welcomeText_->setText(text);
  welcomeText_->setWordWrap(true);
  welcomeText_->setAlignment(Qt::AlignCenter);
  welcomeText_->setMargin(24);

  auto* splitter = new QSplitter;
  splitter->addWidget(roomList_);
  splitter->addWidget(welcomeText_);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({220, 580});
  setCentralWidget(splitter);

  statusBar()->showMessage(tr("Not connected"));
  resize(800, 560);
}

}  // namespace mpenc::ui
