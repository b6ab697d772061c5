// TranscriptModel: the causal transcript (U-1..U-3) as a list model over a
// present::RoomState. One model row per RoomState item (messages and inline
// notices), append-only (U-1). It also holds the current selection and its
// ancestor set (U-3: what the selected message's author had seen), so the
// delegate can highlight ancestors and dim the rest without any per-row work.
//
// Cost: data() is O(1); setSelectedMessageRow() is O(number of ancestors) and
// emits no per-row dataChanged (the view repaints its visible rows only).
#pragma once

#include <QAbstractListModel>
#include <QBitArray>
#include <QVector>

namespace mpenc::present {
class RoomState;
struct TranscriptItem;
}  // namespace mpenc::present

namespace mpenc::ui {

class TranscriptModel : public QAbstractListModel {
  Q_OBJECT

 public:
  enum Role {
    ItemRole = Qt::UserRole + 1,  ///< QVariant<present::TranscriptItem>
    MessageRowRole,               ///< int, -1 for notices
    KindRole,                     ///< int(present::TranscriptItem::Kind)
    HighlightRole,                ///< bool: an ancestor of the selected message (U-3)
    DimmedRole,                   ///< bool: a message that is not an ancestor while one is selected
    SelectedRole,                 ///< bool: the selected message
  };
  Q_ENUM(Role)

  explicit TranscriptModel(present::RoomState* state, QObject* parent = nullptr);

  present::RoomState* state() const { return state_; }

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  QHash<int, QByteArray> roleNames() const override;

  /// Direct access for the delegate (no QVariant copy): the item of model row `row`.
  const present::TranscriptItem& itemAt(int row) const;

  /// Select message row `messageRow` (-1 clears). Computes the ancestor set
  /// with RoomState::ancestorRows. Emits selectionStateChanged (no dataChanged
  /// over all rows: the view repaints what is visible).
  void setSelectedMessageRow(int messageRow);
  int selectedMessageRow() const { return selected_; }
  bool hasSelection() const { return selected_ >= 0; }
  /// Whether message row `messageRow` is an ancestor of the selection.
  bool isAncestor(int messageRow) const;
  /// Number of ancestors of the selection (0 without one).
  int ancestorCount() const { return static_cast<int>(ancestorList_.size()); }
  /// The ancestors of the selection as message rows, ascending.
  const QVector<int>& ancestorList() const { return ancestorList_; }

  /// The sentence a screen reader reads for item `itemIndex` (U-2, U-6, U-16).
  QString accessibleText(int itemIndex) const;

 signals:
  /// The selection (or its ancestor set) changed; views repaint visible rows.
  void selectionStateChanged(int messageRow);

 private:
  void onItemAppended(int index);
  void onItemChanged(int index);

  present::RoomState* state_;
  int rows_ = 0;
  int selected_ = -1;
  QBitArray ancestors_;        // message row -> ancestor of the selection
  QVector<int> ancestorList_;  // the set bits, to clear them in O(ancestors)
};

}  // namespace mpenc::ui
