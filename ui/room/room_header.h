// RoomHeader: the top of the room pane (objectName "roomHeader"): the room
// title, a second line with the session state ("Encrypted session · 5 members
// · session 3f2a… · since 10:02", the phase otherwise, the running operation
// when there is one, U-7/U-8), the three U-20 summary indicators as pills
// (green when all is well, amber otherwise) whose detail is one click away
// (U-21), and the banner with "Start a new session": red when the session
// stopped (U-22), neutral after the user left the room.
//
// Object names: "roomHeader", "roomTitle", "roomSubtitle", "indicatorMissing",
// "indicatorResponsive", "indicatorAcked", "indicatorDetail" (the popup),
// "fatalBanner", "fatalText", "startNewSessionButton", "roomBusy".
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QFrame;
class QProgressBar;

namespace mpenc::present {
class RoomState;
}

namespace mpenc::ui {

class RoomHeader : public QWidget {
  Q_OBJECT

 public:
  enum class Indicator { Missing, Responsive, Acked };

  explicit RoomHeader(present::RoomState* state, QWidget* parent = nullptr);

  QPushButton* indicator(Indicator which) const;
  QWidget* fatalBanner() const { return banner_; }
  QLabel* subtitle() const { return subtitle_; }
  /// The detail text an indicator opens (U-21), from the RoomState.
  QString indicatorDetail(Indicator which) const;
  /// Open the detail popup of an indicator (what a click does).
  void showIndicatorDetail(Indicator which);
  /// The popup shown last (nullptr before the first click).
  QFrame* detailPopup() const { return popup_; }

 signals:
  void startNewSessionRequested();

 private:
  void refreshStatus();
  void refreshIndicators();
  void setPill(QPushButton* pill, bool good, const QString& text);

  present::RoomState* state_;
  QLabel* title_;
  QLabel* subtitle_;
  QProgressBar* busy_;
  QPushButton* missing_;
  QPushButton* responsive_;
  QPushButton* acked_;
  QWidget* banner_;
  QLabel* bannerText_;
  QFrame* popup_ = nullptr;
};

}  // namespace mpenc::ui
