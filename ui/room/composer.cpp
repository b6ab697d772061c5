#include "ui/room/composer.h"

#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "ui/palette_colors.h"
#include "ui/presentation/room_backend.h"

namespace mpenc::ui {

namespace {
/// Kilobytes rounded up, so "the limit is 30 KB" and a text just over it reads 31 KB.
int kilobytes(qint64 bytes) {
  return static_cast<int>((bytes + 1023) / 1024);
}
}  // namespace

Composer::Composer(present::RoomBackend* room, QWidget* parent)
    : QWidget(parent), room_(room), input_(new QPlainTextEdit), status_(new QLabel), hint_(new QLabel) {
  setObjectName(QStringLiteral("composer"));
  setAccessibleName(tr("Message composer"));

  input_->setObjectName(QStringLiteral("composerInput"));
  input_->setAccessibleName(tr("Message"));
  input_->setTabChangesFocus(true);
  input_->setFixedHeight(input_->fontMetrics().lineSpacing() * 2 + 18);
  input_->installEventFilter(this);

  status_->setObjectName(QStringLiteral("composerStatus"));
  status_->setAccessibleName(tr("Composer status"));
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  status_->hide();

  hint_->setObjectName(QStringLiteral("sendHint"));
  hint_->setAccessibleName(tr("Keyboard hint"));
  hint_->setText(room_->keepsHistory()
                     ? tr("Enter to send · Shift+Enter for a new line · Esc clears the selection · "
                          "Ctrl+F searches the saved history")
                     : tr("Enter to send · Shift+Enter for a new line · Esc clears the selection"));
  QFont small = hint_->font();
  small.setPointSizeF(small.pointSizeF() * 0.85);
  hint_->setFont(small);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(14, 10, 14, 8);
  layout->setSpacing(4);
  layout->addWidget(input_);
  layout->addWidget(status_);
  layout->addWidget(hint_);

  connect(room_->state(), &present::RoomState::statusChanged, this, &Composer::refreshStatus);
  connect(input_, &QPlainTextEdit::textChanged, this, [this] {
    // A problem shown for the previous text no longer applies once the text changes,
    // unless sending is impossible altogether.
    if (room_->state()->status().canSend) status_->hide();
  });
  refreshStatus();
  // The colours follow the theme, which switches without a restart.
  colors::followPalette(this, [this] {
    const QPalette pal = colors::themeOf(this);
    colors::restyle(input_,
                    QStringLiteral("QPlainTextEdit#composerInput { border: 1px solid %1; border-radius: 4px;"
                                   " padding: 4px 6px; background: %2; }"
                                   "QPlainTextEdit#composerInput:focus { border-color: %3; }"
                                   "QPlainTextEdit#composerInput:disabled { background: %4; }")
                        .arg(colors::inputBorder(pal).name(), colors::surface(pal).name(),
                             colors::focusBorder(pal).name(), colors::disabledInput(pal).name()));
    // The problem line in amber (design value #a15c00 in the light theme).
    const QColor problem =
        colors::isDark(pal) ? colors::statusText(pal, colors::Status::Warning) : QColor(0xa1, 0x5c, 0x00);
    colors::restyle(status_, QStringLiteral("color: %1;").arg(problem.name()));
    colors::restyle(hint_, QStringLiteral("color: %1;").arg(colors::mutedText(pal).name()));
  });
}

void Composer::refreshStatus() {
  const present::RoomStatus& s = room_->state()->status();
  const QString title = s.title.isEmpty() ? s.roomJid : s.title;
  hint_->setVisible(s.canSend);
  if (s.canSend) {
    input_->setEnabled(true);
    input_->setPlaceholderText(
        s.encrypted ? tr("Message %1 (encrypted to %n member(s))…", nullptr, s.members).arg(title)
                    : tr("Message %1…").arg(title));
    status_->hide();
  } else {
    input_->setEnabled(false);
    const QString reason =
        s.cannotSendReason.isEmpty() ? tr("Sending is not possible right now.") : s.cannotSendReason;
    // The reason is said once, in the status line; the keyboard hint is for a working input.
    input_->setPlaceholderText(QString());
    showProblem(reason);
  }
}

void Composer::showProblem(const QString& text) {
  status_->setText(text);
  status_->show();
}

bool Composer::sendNow() {
  const present::RoomStatus& s = room_->state()->status();
  const QString text = input_->toPlainText();
  if (text.trimmed().isEmpty()) return false;
  if (!s.canSend) {
    showProblem(s.cannotSendReason.isEmpty() ? tr("Sending is not possible right now.") : s.cannotSendReason);
    return false;
  }
  const qint64 bytes = text.toUtf8().size();
  if (bytes > s.maxMessageBytes) {
    showProblem(tr("This message is %1 KB; the limit is %2 KB. Split it or shorten it.")
                    .arg(kilobytes(bytes))
                    .arg(s.maxMessageBytes / 1024));
    return false;
  }
  const present::ActionOutcome outcome = room_->send(text);
  if (!outcome.ok) {
    showProblem(outcome.message.isEmpty() ? tr("The message was not sent.") : outcome.message);
    return false;
  }
  input_->clear();
  status_->hide();
  emit sent();
  return true;
}

bool Composer::eventFilter(QObject* watched, QEvent* event) {
  if (watched == input_ && event->type() == QEvent::KeyPress) {
    auto* key = static_cast<QKeyEvent*>(event);
    if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
      if (key->modifiers() & Qt::ShiftModifier) {
        input_->insertPlainText(QStringLiteral("\n"));
      } else {
        sendNow();
      }
      return true;
    }
    if (key->key() == Qt::Key_Escape) {
      emit escapePressed();
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace mpenc::ui
