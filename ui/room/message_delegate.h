// MessageDelegate: draws one transcript row like mockup/room-window.png.
// Messages: author (bold) with the local receipt time below (U-23), the
// wrapped body, the U-2 "[k]" chip, the U-6 "to N members" chip, the ack
// annotation on the right (U-15/U-16) and permanent marks (U-18). Notices: a
// full-width tinted line coloured by severity, with an action chip (U-10).
// Selection look (U-3): selected = blue bar + light blue background,
// ancestors = lighter highlight, others dimmed. Colours derive from the
// palette, so dark themes work.
//
// Cost: a row's height depends only on its text, chips and the width (ack
// state and marks live in fixed-size columns), so sizeHint is cached per
// (item, width) and never invalidated by ack or mark changes. sizeHint
// estimates ASCII text from a per-character advance table (no text shaping,
// so a 100,000-message room lays out fast); paint() measures the rows it
// draws exactly and corrects a wrong estimate through sizeHintChanged.
// paint allocates nothing per row for one-line bodies.
#pragma once

#include <QFont>
#include <QRect>
#include <QStyledItemDelegate>
#include <QVector>
#include <memory>

namespace mpenc::present {
struct TranscriptItem;
}

namespace mpenc::ui {

class TranscriptModel;

class MessageDelegate : public QStyledItemDelegate {
  Q_OBJECT

 public:
  explicit MessageDelegate(TranscriptModel* model, QObject* parent = nullptr);
  ~MessageDelegate() override;

  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

  /// The rectangle of a notice's action chip for a row drawn at `option.rect`
  /// (empty when the item has no action). Used by the view for hit testing.
  QRect actionRect(const QStyleOptionViewItem& option, const QModelIndex& index) const;

  /// Forget every cached height (font change).
  void invalidateAll();

  /// The receipt time under the author (the settings; default on). Changing it
  /// forgets the cached heights; the view lays out again (doItemsLayout).
  void setShowTimestamps(bool on);
  bool showTimestamps() const { return timestamps_; }

 private:
  struct Metrics;
  const Metrics& metrics(const QFont& font) const;
  int rowWidth(const QStyleOptionViewItem& option) const;
  int measure(const Metrics& m, const present::TranscriptItem& item, int width) const;
  int messageHeight(const Metrics& m, const present::TranscriptItem& item, int wrapLines, int lastWidth,
                    int bodyWidth) const;
  /// After painting a row exactly: fix its cached (estimated) height if it differs.
  void correctHeight(const QModelIndex& index, const Metrics& m, const present::TranscriptItem& item,
                     int wrapLines, int lastWidth, int bodyWidth, int width) const;
  void paintMessage(QPainter* p, const QStyleOptionViewItem& option, const present::TranscriptItem& item,
                    const QModelIndex& index) const;
  void paintNotice(QPainter* p, const QStyleOptionViewItem& option, const present::TranscriptItem& item,
                   const QModelIndex& index) const;

  TranscriptModel* model_;
  // Height cache: heights_[row] for width_, and the previous width's cache
  // (toggling a side pane back and forth re-measures nothing).
  mutable QVector<int> heights_;
  mutable int width_ = -1;
  mutable QVector<int> prevHeights_;
  mutable int prevWidth_ = -1;
  mutable std::unique_ptr<Metrics> metrics_;
  bool timestamps_ = true;
};

}  // namespace mpenc::ui
