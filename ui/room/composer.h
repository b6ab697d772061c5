// Composer: the message input under the transcript (objectName "composer").
// Enter sends through RoomBackend::send, Shift+Enter inserts a new line, Esc
// asks the room to clear the transcript selection. After a successful send
// the input clears; on failure the text stays and the reason is shown. When
// RoomStatus::canSend is false the input is disabled and the reason shown.
// Oversize text (UTF-8 bytes > RoomStatus::maxMessageBytes) is refused before
// sending, with the sizes, and kept.
//
// Object names: "composer", "composerInput", "composerStatus", "sendHint".
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace mpenc::present {
class RoomBackend;
}

namespace mpenc::ui {

class Composer : public QWidget {
  Q_OBJECT

 public:
  explicit Composer(present::RoomBackend* room, QWidget* parent = nullptr);

  QPlainTextEdit* input() const { return input_; }
  /// The line that shows why sending is impossible or failed (hidden when empty).
  QLabel* statusLine() const { return status_; }
  QLabel* hint() const { return hint_; }

  /// Send what is typed (as Enter does). Returns true when it was sent.
  bool sendNow();

 signals:
  void escapePressed();
  void sent();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void refreshStatus();
  void showProblem(const QString& text);

  present::RoomBackend* room_;
  QPlainTextEdit* input_;
  QLabel* status_;
  QLabel* hint_;
};

}  // namespace mpenc::ui
