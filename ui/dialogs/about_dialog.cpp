#include "ui/dialogs/about_dialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/app_icon.h"

namespace mpenc::ui {

namespace {

QLabel* wrapped(const QString& text, const char* name) {
  auto* label = new QLabel(text);
  label->setObjectName(QString::fromLatin1(name));
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}

}  // namespace

AboutDialog::AboutDialog(const AboutInfo& info, QWidget* parent) : QDialog(parent) {
  setObjectName(QStringLiteral("aboutDialog"));
  setWindowTitle(tr("About mpENC Chat"));

  auto* icon = new QLabel;
  icon->setPixmap(appIconPixmap(64, devicePixelRatioF()));
  icon->setAlignment(Qt::AlignTop);
  icon->setAccessibleName(tr("mpENC Chat icon"));

  auto* title = new QLabel(tr("<h2>mpENC Chat %1</h2>").arg(info.version.toHtmlEscaped()));
  title->setObjectName(QStringLiteral("aboutTitle"));
  title->setTextFormat(Qt::RichText);

  auto* text = wrapped(
      tr("Group chat in XMPP rooms with mpENC end-to-end encryption.") + QStringLiteral("\n\n") +
          tr("mpENC is a protocol for group conversations whose members come and go: every change of "
             "membership agrees on fresh keys, and every message says which messages its author had "
             "seen and is acknowledged by its readers, so each member can check that everyone saw the "
             "same conversation."),
      "aboutText");

  // "LicenseRef-proprietary" (SPDX): no licence has been published yet.
  const bool unlicensed = info.license.startsWith(QStringLiteral("LicenseRef-proprietary"));
  auto* license =
      wrapped(unlicensed ? tr("License: none published yet (no rights beyond those granted by law).")
                         : tr("License: %1").arg(info.license),
              "aboutLicense");

  QString rows;
  for (const AboutLibrary& lib : info.libraries) {
    rows += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                .arg(lib.name.toHtmlEscaped(), lib.running.toHtmlEscaped(), lib.built.toHtmlEscaped());
  }
  auto* libraries = new QLabel(QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">"
                                              "<tr><th align=\"left\">%1</th><th align=\"left\">%2</th>"
                                              "<th align=\"left\">%3</th></tr>%4</table>")
                                   .arg(tr("Library"), tr("Running"), tr("Built with"), rows));
  libraries->setObjectName(QStringLiteral("aboutLibraries"));
  libraries->setTextFormat(Qt::RichText);
  libraries->setTextInteractionFlags(Qt::TextSelectableByMouse);
  libraries->setAccessibleName(tr("Libraries"));

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeButton"));
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* body = new QVBoxLayout;
  body->addWidget(title);
  body->addWidget(text);
  body->addWidget(license);
  body->addWidget(libraries);
  auto* row = new QHBoxLayout;
  row->addWidget(icon);
  row->addLayout(body, 1);
  row->setSpacing(16);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(row);
  layout->addWidget(buttons);
  // A top-level window does not grow for word-wrapped labels by itself: fix the
  // text column's width and size the dialog to its hint, so nothing is cut off.
  for (QLabel* label : {text, license}) label->setFixedWidth(420);
  layout->setSizeConstraint(QLayout::SetFixedSize);
}

}  // namespace mpenc::ui
