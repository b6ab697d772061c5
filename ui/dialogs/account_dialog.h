// AccountDialog: set up the XMPP account (ux.md "Account setup"): JID,
// password, optional server host and port, TLS policy (required by default;
// "if available"; "disabled — loopback testing only" with a warning), and
// whether to keep the password in the system keychain. The JID must look like
// user@domain: an inline error says so and OK stays disabled until it does.
//
// Object names: "accountDialog", "accountJid", "accountPassword",
// "accountHost", "accountPort", "accountTls", "tlsWarning",
// "rememberPassword", "jidError", "accountOk", "accountCancel".
#pragma once

#include <QDialog>
#include <optional>

#include "ui/presentation/client_backend.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace mpenc::ui {

class AccountDialog : public QDialog {
  Q_OBJECT

 public:
  explicit AccountDialog(const std::optional<present::AccountForm>& initial = std::nullopt,
                         QWidget* parent = nullptr);

  present::AccountForm form() const;
  bool isValid() const;
  /// A bare JID that looks like user@domain (no spaces, one @, both parts).
  static bool looksLikeJid(const QString& jid);

 private:
  void validate();

  QLineEdit* jid_;
  QLineEdit* password_;
  QLineEdit* host_;
  QSpinBox* port_;
  QComboBox* tls_;
  QLabel* tlsWarning_;
  QCheckBox* remember_;
  QLabel* jidError_;
  QPushButton* ok_;
};

}  // namespace mpenc::ui
