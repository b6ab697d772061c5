#include "ui/dialogs/account_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ui/palette_colors.h"

namespace mpenc::ui {

using present::TlsChoice;

bool AccountDialog::looksLikeJid(const QString& jid) {
  static const QRegularExpression re(QStringLiteral("^[^@\\s/]+@[^@\\s/.][^@\\s/]*$"));
  return re.match(jid.trimmed()).hasMatch() && !jid.trimmed().endsWith(QLatin1Char('.'));
}

AccountDialog::AccountDialog(const std::optional<present::AccountForm>& initial, QWidget* parent)
    : QDialog(parent),
      jid_(new QLineEdit),
      password_(new QLineEdit),
      host_(new QLineEdit),
      port_(new QSpinBox),
      tls_(new QComboBox),
      tlsWarning_(new QLabel),
      remember_(new QCheckBox(tr("Remember the password in the system keychain"))),
      jidError_(new QLabel) {
  setObjectName(QStringLiteral("accountDialog"));
  setWindowTitle(tr("Set up account"));
  setAccessibleName(windowTitle());

  jid_->setObjectName(QStringLiteral("accountJid"));
  jid_->setAccessibleName(tr("Account (JID)"));
  jid_->setPlaceholderText(tr("alice@example.org"));
  password_->setObjectName(QStringLiteral("accountPassword"));
  password_->setAccessibleName(tr("Password"));
  password_->setEchoMode(QLineEdit::Password);
  host_->setObjectName(QStringLiteral("accountHost"));
  host_->setAccessibleName(tr("Server host (optional)"));
  host_->setPlaceholderText(tr("from the JID's domain"));
  port_->setObjectName(QStringLiteral("accountPort"));
  port_->setAccessibleName(tr("Server port (optional)"));
  port_->setRange(0, 65535);
  port_->setSpecialValueText(tr("default"));
  tls_->setObjectName(QStringLiteral("accountTls"));
  tls_->setAccessibleName(tr("TLS"));
  tls_->addItem(tr("Required"), static_cast<int>(TlsChoice::Required));
  tls_->addItem(tr("If available"), static_cast<int>(TlsChoice::IfAvailable));
  tls_->addItem(tr("Disabled — loopback testing only"), static_cast<int>(TlsChoice::DisabledUnsafe));
  tlsWarning_->setObjectName(QStringLiteral("tlsWarning"));
  tlsWarning_->setAccessibleName(tr("TLS warning"));
  tlsWarning_->setWordWrap(true);
  colors::followPalette(tlsWarning_, [w = tlsWarning_] {
    colors::restyle(w, QStringLiteral("color: %1;")
                           .arg(colors::statusText(colors::themeOf(w), colors::Status::Warning).name()));
  });
  tlsWarning_->setText(
      tr("Without TLS your password and everything else except the encrypted messages "
         "travel in the clear. Use this only with a test server on this computer."));
  tlsWarning_->hide();
  remember_->setObjectName(QStringLiteral("rememberPassword"));
  remember_->setAccessibleName(remember_->text());
  remember_->setChecked(true);
  jidError_->setObjectName(QStringLiteral("jidError"));
  jidError_->setAccessibleName(tr("Account error"));
  colors::followPalette(jidError_, [w = jidError_] {
    colors::restyle(
        w,
        QStringLiteral("color: %1;").arg(colors::statusText(colors::themeOf(w), colors::Status::Bad).name()));
  });
  jidError_->hide();

  auto* form = new QFormLayout;
  form->addRow(tr("Account (JID)"), jid_);
  form->addRow(QString(), jidError_);
  form->addRow(tr("Password"), password_);
  form->addRow(QString(), remember_);
  form->addRow(tr("Server host"), host_);
  form->addRow(tr("Server port"), port_);
  form->addRow(tr("TLS"), tls_);
  form->addRow(QString(), tlsWarning_);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  ok_ = buttons->button(QDialogButtonBox::Ok);
  ok_->setText(tr("Connect"));
  ok_->setObjectName(QStringLiteral("accountOk"));
  ok_->setAccessibleName(tr("Connect"));
  QPushButton* cancel = buttons->button(QDialogButtonBox::Cancel);
  cancel->setObjectName(QStringLiteral("accountCancel"));
  cancel->setText(tr("Cancel"));  // ours: Qt's own texts need qttranslations
  cancel->setAccessibleName(tr("Cancel"));
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    if (isValid()) accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);

  if (initial) {
    jid_->setText(initial->jid);
    password_->setText(initial->password);
    host_->setText(initial->host);
    port_->setValue(initial->port);
    tls_->setCurrentIndex(tls_->findData(static_cast<int>(initial->tls)));
    remember_->setChecked(initial->rememberPassword);
  }
  connect(jid_, &QLineEdit::textChanged, this, &AccountDialog::validate);
  connect(password_, &QLineEdit::textChanged, this, &AccountDialog::validate);
  connect(tls_, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this] {
    tlsWarning_->setVisible(tls_->currentData().toInt() == static_cast<int>(TlsChoice::DisabledUnsafe));
  });
  tlsWarning_->setVisible(tls_->currentData().toInt() == static_cast<int>(TlsChoice::DisabledUnsafe));
  validate();
}

bool AccountDialog::isValid() const {
  return looksLikeJid(jid_->text()) && !password_->text().isEmpty();
}

void AccountDialog::validate() {
  const QString jid = jid_->text().trimmed();
  if (!jid.isEmpty() && !looksLikeJid(jid)) {
    jidError_->setText(tr("An account looks like user@domain, for example alice@example.org."));
    jidError_->show();
  } else {
    jidError_->hide();
  }
  ok_->setEnabled(isValid());
}

present::AccountForm AccountDialog::form() const {
  present::AccountForm f;
  f.jid = jid_->text().trimmed();
  f.password = password_->text();
  f.host = host_->text().trimmed();
  f.port = static_cast<quint16>(port_->value());
  f.tls = static_cast<TlsChoice>(tls_->currentData().toInt());
  f.rememberPassword = remember_->isChecked();
  return f;
}

}  // namespace mpenc::ui
