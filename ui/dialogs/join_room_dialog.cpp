#include "ui/dialogs/join_room_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/dialogs/account_dialog.h"
#include "ui/palette_colors.h"

namespace mpenc::ui {

JoinRoomDialog::JoinRoomDialog(const QString& accountJid, QWidget* parent)
    : QDialog(parent), room_(new QLineEdit), nick_(new QLineEdit), error_(new QLabel) {
  setObjectName(QStringLiteral("joinRoomDialog"));
  setWindowTitle(tr("Join room"));
  setAccessibleName(windowTitle());

  room_->setObjectName(QStringLiteral("roomJid"));
  room_->setAccessibleName(tr("Room address"));
  room_->setPlaceholderText(tr("team@conference.example.org"));
  nick_->setObjectName(QStringLiteral("roomNick"));
  nick_->setAccessibleName(tr("Nickname"));
  const int at = accountJid.indexOf(QLatin1Char('@'));
  nick_->setText(at > 0 ? accountJid.left(at) : QString());
  error_->setObjectName(QStringLiteral("roomJidError"));
  error_->setAccessibleName(tr("Room address error"));
  colors::followPalette(error_, [w = error_] {
    colors::restyle(
        w,
        QStringLiteral("color: %1;").arg(colors::statusText(colors::themeOf(w), colors::Status::Bad).name()));
  });
  error_->setWordWrap(true);
  error_->hide();

  auto* explain =
      new QLabel(tr("The encrypted session includes the people in the room whose client uses mpENC. Others "
                    "are listed as not in the session; you can invite them."));
  explain->setWordWrap(true);
  colors::followPalette(explain, [w = explain] {
    colors::restyle(w, QStringLiteral("color: %1;").arg(colors::secondaryText(colors::themeOf(w)).name()));
  });

  // The error goes under the address in the same field cell: a hidden row of its
  // own would still leave a gap (QFormLayout::setRowVisible is Qt 6.4+).
  auto* roomField = new QWidget;
  auto* roomFieldLayout = new QVBoxLayout(roomField);
  roomFieldLayout->setContentsMargins(0, 0, 0, 0);
  roomFieldLayout->setSpacing(2);
  roomFieldLayout->addWidget(room_);
  roomFieldLayout->addWidget(error_);
  auto* form = new QFormLayout;
  form->addRow(tr("Room"), roomField);
  form->addRow(tr("Nickname"), nick_);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  ok_ = buttons->button(QDialogButtonBox::Ok);
  ok_->setText(tr("Join"));
  ok_->setObjectName(QStringLiteral("joinOk"));
  ok_->setAccessibleName(tr("Join"));
  QPushButton* cancel = buttons->button(QDialogButtonBox::Cancel);
  cancel->setObjectName(QStringLiteral("joinCancel"));
  cancel->setText(tr("Cancel"));  // ours: Qt's own texts need qttranslations
  cancel->setAccessibleName(tr("Cancel"));
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    if (isValid()) accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  setMinimumWidth(440);  // the explanation in two or three lines, not five
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(explain);
  layout->addWidget(buttons);

  connect(room_, &QLineEdit::textChanged, this, &JoinRoomDialog::validate);
  connect(nick_, &QLineEdit::textChanged, this, &JoinRoomDialog::validate);
  validate();
}

QString JoinRoomDialog::roomJid() const {
  return room_->text().trimmed();
}
QString JoinRoomDialog::nick() const {
  return nick_->text().trimmed();
}

bool JoinRoomDialog::isValid() const {
  return AccountDialog::looksLikeJid(roomJid()) && !nick().isEmpty();
}

void JoinRoomDialog::validate() {
  if (!roomJid().isEmpty() && !AccountDialog::looksLikeJid(roomJid())) {
    error_->setText(tr("A room address looks like name@conference.example.org."));
    error_->show();
  } else if (!room_->text().isEmpty() && nick().isEmpty()) {
    error_->setText(tr("Choose a nickname to be shown in the room."));
    error_->show();
  } else {
    error_->hide();
  }
  ok_->setEnabled(isValid());
}

}  // namespace mpenc::ui
