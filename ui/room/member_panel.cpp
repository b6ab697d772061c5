#include "ui/room/member_panel.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QStyledItemDelegate>

#include "ui/palette_colors.h"
#include "ui/presentation/room_state.h"
#include "ui/room/member_model.h"

namespace mpenc::ui {

using present::MemberInfo;
using present::Trust;

namespace {

constexpr int kMargin = 12;
constexpr int kMemberHeight = 28;
constexpr int kHeadingHeight = 30;

/// The grey of "nobody listed" and of an unknown key.
QColor emptyText(const QPalette& pal) {
  return colors::isDark(pal) ? colors::mutedText(pal) : QColor(0x8a, 0x8f, 0x98);
}

/// The trust state's colour: the design's hues on a light palette, the status
/// colours readable on a dark one (palette_colors.h).
QColor trustColour(const QPalette& pal, Trust t) {
  const bool dark = colors::isDark(pal);
  switch (t) {
    case Trust::Verified:
      return dark ? colors::statusText(pal, colors::Status::Good) : QColor(0x2e, 0x9d, 0x4f);
    case Trust::Unverified:
      return dark ? colors::statusText(pal, colors::Status::Warning) : QColor(0xd9, 0x8e, 0x04);
    case Trust::Changed:
      return dark ? colors::statusText(pal, colors::Status::Bad) : QColor(0xd3, 0x2f, 0x2f);
    case Trust::Unknown:
      break;
  }
  return emptyText(pal);
}

QString inviteText() {
  return MemberPanel::tr("Invite");
}

/// The "Invite" chip at the right end of a member row.
QRect chipRect(const QRect& item, const QFontMetrics& fm) {
  const int w = fm.horizontalAdvance(inviteText()) + 16;
  const int h = fm.height() + 4;
  return QRect(item.right() - kMargin - w, item.center().y() - h / 2, w, h);
}

/// The small-caps heading font, tightened (spacing, then size, down to 75 %) until
/// `text` fits in `width`: "IN THE ROOM, NOT IN THE SESSION" in a 300 px column.
QFont headingFont(const QFont& base, const QString& text, int width) {
  QFont f = base;
  f.setBold(true);
  f.setPointSizeF(base.pointSizeF() * 0.85);
  f.setLetterSpacing(QFont::PercentageSpacing, 106);
  if (QFontMetrics(f).horizontalAdvance(text) <= width) return f;
  f.setLetterSpacing(QFont::PercentageSpacing, 100);
  for (double scale = 0.85; scale > 0.74; scale -= 0.025) {
    f.setPointSizeF(base.pointSizeF() * scale);
    if (QFontMetrics(f).horizontalAdvance(text) <= width) break;
  }
  return f;  // still too wide: the caller elides (the tooltip has it all)
}

class MemberDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
    const bool heading = index.data(MemberModel::IsHeadingRole).toBool();
    const int h = heading ? (index.row() == 0 ? kHeadingHeight : kHeadingHeight + 8) : kMemberHeight;
    return QSize(option.rect.width() > 0 ? option.rect.width() : 240, h);
  }

  void paint(QPainter* p, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
    p->save();
    const QRect r = option.rect;
    const QPalette& pal = option.palette;
    const bool heading = index.data(MemberModel::IsHeadingRole).toBool();
    if (heading) {
      if (index.row() != 0) {
        p->setPen(colors::isDark(pal) ? colors::separator(pal) : QColor(0xdd, 0xe1, 0xe6));
        p->drawLine(r.left(), r.top() + 2, r.right(), r.top() + 2);
      }
      const QRect text = r.adjusted(kMargin, index.row() == 0 ? 4 : 12, -kMargin, 0);
      const QString label = index.data(Qt::DisplayRole).toString();
      const QFont f = headingFont(option.font, label, text.width());
      p->setFont(f);
      p->setPen(colors::mutedText(pal));
      p->drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                  QFontMetrics(f).elidedText(label, Qt::ElideRight, text.width()));
      p->restore();
      return;
    }
    if (option.state & QStyle::State_Selected)
      p->fillRect(r, colors::selectedRow(pal));
    else if (option.state & QStyle::State_MouseOver)
      p->fillRect(r, colors::hoveredRow(pal));
    if (option.state & QStyle::State_HasFocus) {
      p->setPen(colors::focusRing(pal));
      p->drawRect(r.adjusted(0, 0, -1, -1));
    }
    const bool greyed = index.data(MemberModel::GreyedRole).toBool();
    const QFontMetrics fm(option.font);
    p->setFont(option.font);

    // Right: trust state, or the Invite chip (U-10).
    int rightEdge = r.right() - kMargin;
    if (index.data(MemberModel::CanInviteRole).toBool()) {
      const QRect chip = chipRect(r, fm);
      p->setRenderHint(QPainter::Antialiasing);
      p->setPen(colors::chipBorder(pal));
      p->setBrush(colors::chipFill(pal));
      p->drawRoundedRect(QRectF(chip).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
      p->setPen(colors::chipText(pal));
      p->drawText(chip, Qt::AlignCenter, inviteText());
      rightEdge = chip.left() - 8;
      // Why the chip alone will not do: a changed key must be accepted first.
      if (static_cast<Trust>(index.data(MemberModel::TrustRole).toInt()) == Trust::Changed) {
        QFont small = option.font;
        small.setPointSizeF(small.pointSizeF() * 0.9);
        const QFontMetrics sfm(small);
        const QString trust = index.data(MemberModel::TrustTextRole).toString();
        const int w = sfm.horizontalAdvance(trust);
        const int nameWidth = fm.horizontalAdvance(index.data(MemberModel::NameRole).toString());
        if (rightEdge - w - 8 - (r.left() + kMargin) >= qMin(nameWidth, 60)) {
          p->setFont(small);
          p->setPen(trustColour(pal, Trust::Changed));
          p->drawText(QRect(rightEdge - w, r.top(), w, r.height()), Qt::AlignRight | Qt::AlignVCenter, trust);
          rightEdge -= w + 8;
          p->setFont(option.font);
        }
      }
    } else {
      const QString trust = index.data(MemberModel::TrustTextRole).toString();
      if (!trust.isEmpty()) {
        QFont small = option.font;
        small.setPointSizeF(small.pointSizeF() * 0.9);
        p->setFont(small);
        QColor c = trustColour(pal, static_cast<Trust>(index.data(MemberModel::TrustRole).toInt()));
        if (greyed) c.setAlphaF(0.45);
        p->setPen(c);
        const QFontMetrics sfm(small);
        const int w = sfm.horizontalAdvance(trust);
        p->drawText(QRect(rightEdge - w, r.top(), w, r.height()), Qt::AlignRight | Qt::AlignVCenter, trust);
        rightEdge -= w + 8;
        p->setFont(option.font);
      }
    }

    // Left: name, then " · no response 40 s" / " · being added…" (U-19).
    QString text = index.data(MemberModel::NameRole).toString();
    const QString status = index.data(MemberModel::StatusTextRole).toString();
    if (!status.isEmpty()) text += QStringLiteral(" · ") + status;
    p->setPen(greyed ? colors::greyedText(pal) : colors::text(pal));
    const QRect left(r.left() + kMargin, r.top(), rightEdge - r.left() - kMargin, r.height());
    p->drawText(left, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(text, Qt::ElideRight, left.width()));
    p->restore();
  }
};

}  // namespace

MemberPanel::MemberPanel(present::RoomState* state, QWidget* parent)
    : QListView(parent), state_(state), model_(new MemberModel(state, this)) {
  setObjectName(QStringLiteral("memberList"));
  setAccessibleName(tr("Members"));
  setAccessibleDescription(
      tr("Members of the encrypted session and people in the room who are not in it. "
         "Press Enter or the menu key for actions."));
  setModel(model_);
  setItemDelegate(new MemberDelegate(this));
  setFrameShape(QFrame::NoFrame);
  setMouseTracking(true);
  setSelectionMode(QAbstractItemView::SingleSelection);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setUniformItemSizes(false);
  setContextMenuPolicy(Qt::DefaultContextMenu);
}

void MemberPanel::paintEvent(QPaintEvent* event) {
  QListView::paintEvent(event);
  if (model_->rowCount() > 0) return;
  // Nobody listed (not in the room, or not joined yet): say so rather than show a blank column.
  QPainter p(viewport());
  p.setPen(emptyText(palette()));
  p.drawText(viewport()->rect().adjusted(kMargin, kMargin, -kMargin, -kMargin),
             Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
             tr("Nobody is listed while you are not in the room."));
}

QRect MemberPanel::inviteRect(int row) const {
  const QModelIndex index = model_->index(row, 0);
  if (!index.isValid() || !index.data(MemberModel::CanInviteRole).toBool()) return {};
  return chipRect(visualRect(index), fontMetrics());
}

QMenu* MemberPanel::createActionsMenu(const QString& id, QWidget* parent) {
  const MemberInfo* m = state_->member(id);
  if (m == nullptr) return nullptr;
  auto* menu = new QMenu(parent);
  menu->setObjectName(QStringLiteral("memberActions"));
  menu->setAccessibleName(tr("Actions for %1").arg(MemberModel::listedName(*m)));
  const QString memberId = m->id;

  QAction* include = menu->addAction(tr("Add to the encrypted session"));
  include->setObjectName(QStringLiteral("actionInclude"));
  include->setEnabled(!m->inSession && m->inRoom && !m->self && m->pending.isEmpty());
  connect(include, &QAction::triggered, this, [this, memberId] { emit includeRequested({memberId}); });

  QAction* exclude = menu->addAction(tr("Remove from the encrypted session"));
  exclude->setObjectName(QStringLiteral("actionExclude"));
  exclude->setEnabled(m->inSession && !m->self && m->pending.isEmpty());
  connect(exclude, &QAction::triggered, this, [this, memberId] { emit excludeRequested({memberId}); });

  menu->addSeparator();
  QAction* verify = menu->addAction(tr("Verify…"));
  verify->setObjectName(QStringLiteral("actionVerify"));
  verify->setEnabled(!m->self && !m->plain && !m->fingerprint.isEmpty());
  connect(verify, &QAction::triggered, this, [this, memberId] { emit verifyRequested(memberId); });

  if (m->trust == Trust::Changed) {
    QAction* accept = menu->addAction(tr("Accept the new key"));
    accept->setObjectName(QStringLiteral("actionAcceptKey"));
    connect(accept, &QAction::triggered, this, [this, memberId] { emit acceptKeyRequested(memberId); });
  }
  return menu;
}

void MemberPanel::popupMenuFor(const QModelIndex& index, const QPoint& globalPos) {
  const MemberInfo* m = model_->memberAt(index.row());
  if (m == nullptr) return;
  QMenu* menu = createActionsMenu(m->id, this);
  if (menu == nullptr) return;
  menu->setAttribute(Qt::WA_DeleteOnClose);
  menu->popup(globalPos);
}

void MemberPanel::mousePressEvent(QMouseEvent* event) {
  const QModelIndex index = indexAt(event->pos());
  if (event->button() == Qt::LeftButton && index.isValid() &&
      inviteRect(index.row()).contains(event->pos())) {
    emit includeRequested({index.data(MemberModel::MemberIdRole).toString()});  // U-10
    event->accept();
    return;
  }
  QListView::mousePressEvent(event);
}

void MemberPanel::mouseMoveEvent(QMouseEvent* event) {
  const QModelIndex index = indexAt(event->pos());
  const bool overChip = index.isValid() && inviteRect(index.row()).contains(event->pos());
  viewport()->setCursor(overChip ? Qt::PointingHandCursor : Qt::ArrowCursor);
  QListView::mouseMoveEvent(event);
}

void MemberPanel::keyPressEvent(QKeyEvent* event) {
  if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space) &&
      currentIndex().isValid()) {
    popupMenuFor(currentIndex(), viewport()->mapToGlobal(visualRect(currentIndex()).bottomLeft()));
    event->accept();
    return;
  }
  QListView::keyPressEvent(event);
}

void MemberPanel::contextMenuEvent(QContextMenuEvent* event) {
  QModelIndex index = event->reason() == QContextMenuEvent::Keyboard
                          ? currentIndex()
                          : indexAt(viewport()->mapFromGlobal(event->globalPos()));
  if (!index.isValid()) return;
  const QPoint at = event->reason() == QContextMenuEvent::Keyboard
                        ? viewport()->mapToGlobal(visualRect(index).bottomLeft())
                        : event->globalPos();
  popupMenuFor(index, at);
  event->accept();
}

}  // namespace mpenc::ui
