// MemberPanel: the member list of the room (objectName "memberList"), drawn
// like mockup/room-window.png: small-caps grey section headings, each member's
// name with its trust state on the right ("✓ verified" green, "unverified"
// amber, "⚠ key changed" red), "(you)" for us, unresponsive members greyed
// with "no response N s" (U-19), "being added…" while an operation runs, and
// an "Invite" chip for people in the room but not in the session (U-10).
//
// Actions per member, from the context menu or the keyboard (Enter or the
// menu key on the current member): add to / remove from the encrypted
// session, verify (fingerprint dialog), accept a changed key. The panel only
// emits requests; the RoomView forwards them to the RoomBackend.
#pragma once

#include <QListView>
#include <QStringList>

class QMenu;

namespace mpenc::present {
class RoomState;
}

namespace mpenc::ui {

class MemberModel;

class MemberPanel : public QListView {
  Q_OBJECT

 public:
  explicit MemberPanel(present::RoomState* state, QWidget* parent = nullptr);

  MemberModel* memberModel() const { return model_; }
  /// A new menu (owned by `parent`) with the actions for member `id`:
  /// objectNames "actionInclude", "actionExclude", "actionVerify",
  /// "actionAcceptKey" (the last only for a changed key). nullptr for unknown ids.
  QMenu* createActionsMenu(const QString& id, QWidget* parent);
  /// Where the "Invite" chip of model row `row` is drawn (empty if none).
  QRect inviteRect(int row) const;

 signals:
  void includeRequested(const QStringList& members);
  void excludeRequested(const QStringList& members);
  void verifyRequested(const QString& member);
  void acceptKeyRequested(const QString& member);

 protected:
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;
  void paintEvent(QPaintEvent* event) override;

 private:
  void popupMenuFor(const QModelIndex& index, const QPoint& globalPos);

  present::RoomState* state_;
  MemberModel* model_;
};

}  // namespace mpenc::ui
