// RoomView: the whole room pane of the window (mockup/room-window.png minus
// the sidebar): header with the U-20 indicators, the causal transcript, the
// composer, and on the right the details pane and the member list.
// Talks only to a present::RoomBackend.
//
// Object names (stable, for tests and accessibility): "roomHeader",
// "indicatorMissing", "indicatorResponsive", "indicatorAcked", "transcriptView",
// "detailsPane", "memberList", "composer", "sendHint", "fatalBanner", "historySearch".
#pragma once

#include <QWidget>

namespace mpenc::present {
class RoomBackend;
}

namespace mpenc::ui {

class TranscriptView;
class MemberPanel;
class DetailsPane;
class Composer;
class HistorySearch;

class RoomView : public QWidget {
  Q_OBJECT

 public:
  explicit RoomView(present::RoomBackend* room, QWidget* parent = nullptr);
  ~RoomView() override;

  present::RoomBackend* room() const { return room_; }
  TranscriptView* transcript() const { return transcript_; }
  MemberPanel* members() const { return members_; }
  DetailsPane* details() const { return details_; }
  Composer* composer() const { return composer_; }
  HistorySearch* search() const { return search_; }

 private:
  present::RoomBackend* room_;
  TranscriptView* transcript_ = nullptr;
  MemberPanel* members_ = nullptr;
  DetailsPane* details_ = nullptr;
  Composer* composer_ = nullptr;
  HistorySearch* search_ = nullptr;
};

}  // namespace mpenc::ui
