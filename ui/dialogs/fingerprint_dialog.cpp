#include "ui/dialogs/fingerprint_dialog.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/palette_colors.h"

namespace mpenc::ui {

namespace {

QLabel* fingerprintLabel(const QString& objectName, const QString& accessible, const QString& fp) {
  auto* label = new QLabel(FingerprintDialog::formatFingerprint(fp));
  label->setObjectName(objectName);
  label->setAccessibleName(accessible);
  QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  mono.setPointSizeF(mono.pointSizeF() * 1.1);
  label->setFont(mono);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  colors::followPalette(label, [label] {
    const QPalette pal = colors::themeOf(label);
    colors::restyle(label, QStringLiteral("background: %1; border: 1px solid %2; padding: 6px; color: %3;")
                               .arg(colors::paneBackground(pal).name(), colors::separator(pal).name(),
                                    colors::text(pal).name()));
  });
  return label;
}

QLabel* caption(const QString& text) {
  auto* label = new QLabel(text);
  QFont f = label->font();
  f.setBold(true);
  label->setFont(f);
  return label;
}

}  // namespace

QString FingerprintDialog::formatFingerprint(const QString& fingerprint) {
  QString hex;
  for (QChar c : fingerprint)
    if (c.isLetterOrNumber()) hex += c.toLower();
  if (hex.isEmpty()) return tr("(no key known)");
  QStringList groups;
  for (int i = 0; i < hex.size(); i += 8) groups << hex.mid(i, 8);
  QStringList lines;
  for (int i = 0; i < groups.size(); i += 4) lines << groups.mid(i, 4).join(QLatin1Char(' '));
  return lines.join(QLatin1Char('\n'));
}

FingerprintDialog::FingerprintDialog(const present::MemberInfo& member, const QString& ownFingerprint,
                                     QWidget* parent)
    : QDialog(parent), member_(member) {
  setObjectName(QStringLiteral("fingerprintDialog"));
  const QString name = member.name.isEmpty() ? member.id : member.name;
  setWindowTitle(tr("Verify %1").arg(name));
  setAccessibleName(windowTitle());
  const bool changed = member.trust == present::Trust::Changed;

  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(
      changed ? tr("<b>%1's key changed.</b> This happens when they reinstalled or use a new device, "
                   "but it could also mean someone else is answering for them. Compare the new key "
                   "with %1 over a channel you trust (in person, a phone call).")
                    .arg(name.toHtmlEscaped())
              : tr("Compare this key with %1 over a channel you trust (in person, a phone call). "
                   "If every group matches, mark it verified.")
                    .arg(name.toHtmlEscaped()));
  intro->setWordWrap(true);
  layout->addWidget(intro);

  if (changed) {
    layout->addWidget(caption(tr("Key %1 used before (pinned)").arg(name)));
    layout->addWidget(fingerprintLabel(QStringLiteral("previousFingerprint"), tr("Previous key"),
                                       member.previousFingerprint));
    layout->addWidget(caption(tr("New key of %1").arg(name)));
  } else {
    layout->addWidget(caption(tr("Key of %1").arg(name)));
  }
  layout->addWidget(
      fingerprintLabel(QStringLiteral("memberFingerprint"), tr("Key of %1").arg(name), member.fingerprint));
  layout->addWidget(caption(tr("Your key (they compare this one)")));
  layout->addWidget(fingerprintLabel(QStringLiteral("ownFingerprint"), tr("Your key"), ownFingerprint));

  auto* buttons = new QHBoxLayout;
  buttons->addStretch(1);
  auto* cancel = new QPushButton(tr("Cancel"));
  cancel->setObjectName(QStringLiteral("cancelButton"));
  cancel->setAccessibleName(tr("Cancel"));
  connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
  buttons->addWidget(cancel);
  if (changed) {
    auto* acceptKey = new QPushButton(tr("Accept the new key without verifying"));
    acceptKey->setObjectName(QStringLiteral("acceptKeyButton"));
    acceptKey->setAccessibleName(acceptKey->text());
    connect(acceptKey, &QPushButton::clicked, this, [this] {
      choice_ = Choice::AcceptKey;
      accept();
    });
    buttons->addWidget(acceptKey);
  }
  auto* verify = new QPushButton(tr("They match — mark verified"));
  verify->setObjectName(QStringLiteral("verifyButton"));
  verify->setAccessibleName(verify->text());
  verify->setEnabled(!member.fingerprint.isEmpty());
  verify->setDefault(true);
  connect(verify, &QPushButton::clicked, this, [this] {
    choice_ = Choice::Verify;
    accept();
  });
  buttons->addWidget(verify);
  layout->addLayout(buttons);
}

}  // namespace mpenc::ui
