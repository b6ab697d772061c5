// JoinRoomDialog: join a multi-user room by its JID (team@conference.example.org)
// with a nick, prefilled from the account's local part. Inline validation; OK
// stays disabled until both look right. Explains up front that the encrypted
// session starts with the members who use mpENC (ux.md "Rooms").
//
// Object names: "joinRoomDialog", "roomJid", "roomNick", "roomJidError",
// "joinOk", "joinCancel".
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace mpenc::ui {

class JoinRoomDialog : public QDialog {
  Q_OBJECT

 public:
  explicit JoinRoomDialog(const QString& accountJid = {}, QWidget* parent = nullptr);

  QString roomJid() const;
  QString nick() const;
  bool isValid() const;

 private:
  void validate();

  QLineEdit* room_;
  QLineEdit* nick_;
  QLabel* error_;
  QPushButton* ok_;
};

}  // namespace mpenc::ui
