#include "ui/room/message_delegate.h"

#include <QAbstractItemView>
#include <QFontMetrics>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>
#include <array>
#include <cmath>
#include <memory>
#include <optional>

#include "ui/presentation/room_state.h"
#include "ui/room/transcript_model.h"
#include "ui/room/transcript_text.h"

namespace mpenc::ui {

using present::NoticeKind;
using present::TranscriptItem;
using transcript::mix;
using transcript::Tone;
using transcript::toneColor;

namespace {

constexpr int kMarginX = 14;  // left and right margin of a row
constexpr int kPadY = 7;      // vertical padding of a message row
constexpr int kGap = 10;      // between the columns
constexpr int kBar = 3;       // the selection bar (U-3)
constexpr int kChipPadX = 4;  // inside a chip
constexpr int kChipGap = 6;   // between the body and a chip
constexpr int kNoticeOuterY = 3;
constexpr int kNoticePadY = 5;
constexpr int kNoticePadX = 8;
constexpr int kLock = 12;  // the lock glyph's box

QFont smallerFont(const QFont& f) {
  QFont s(f);
  if (f.pointSizeF() > 0)
    s.setPointSizeF(f.pointSizeF() * 0.85);
  else if (f.pixelSize() > 0)
    s.setPixelSize(std::max(1, static_cast<int>(std::lround(f.pixelSize() * 0.85))));
  return s;
}

bool isSessionNotice(const TranscriptItem& it) {
  return it.notice == NoticeKind::SessionStarted || it.notice == NoticeKind::SessionEnded;
}

// How a text wraps into `width`: number of lines and the last line's width.
struct Wrap {
  int lines = 1;
  int lastWidth = 0;
};

QString forLayout(const QString& text) {
  QString t = text;
  t.replace(QLatin1Char('\n'), QChar::LineSeparator);
  return t;
}

// Lays `layout` out into lines of `width`, `lineHeight` apart; returns the wrap.
Wrap layoutLines(QTextLayout& layout, int width, int lineHeight) {
  QTextOption opt;
  opt.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
  layout.setTextOption(opt);
  layout.beginLayout();
  int y = 0;
  Wrap w;
  w.lines = 0;
  for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
    line.setLineWidth(width);
    line.setPosition(QPointF(0, y));
    y += lineHeight;
    ++w.lines;
    w.lastWidth = static_cast<int>(std::ceil(line.naturalTextWidth()));
  }
  layout.endLayout();
  if (w.lines == 0) w.lines = 1;
  return w;
}

// The fast path measures one line without a QTextLayout (most messages).
bool fitsOneLine(const QFontMetrics& fm, const QString& text, int width, int* advance) {
  if (text.contains(QLatin1Char('\n'))) return false;
  *advance = fm.horizontalAdvance(text);
  return *advance <= width;
}

// An estimate of how `text` wraps, from a per-character advance table (no
// shaping): greedy word wrap of ASCII text. nullopt when the text is not plain
// ASCII on one paragraph (then it is measured exactly). Kerning is ignored,
// so the estimate can be a line off; paint() measures the visible rows
// exactly and corrects their heights (sizeHintChanged).
std::optional<Wrap> estimateWrap(const std::array<qint16, 128>& adv, const QString& text, int width) {
  Wrap w;
  int line = 0, word = 0;
  bool lineEmpty = true;
  const auto flushWord = [&] {
    if (word == 0) return;
    if (!lineEmpty && line + word > width) {
      ++w.lines;
      line = 0;
    }
    line += word;
    lineEmpty = false;
    word = 0;
  };
  for (const QChar c : text) {
    const ushort u = c.unicode();
    if (u >= 128 || u == '\n' || u == '\t') return std::nullopt;
    const int a = adv[u];
    if (u == ' ') {
      flushWord();
      line += a;
      continue;
    }
    word += a;
    if (word > width && lineEmpty) return std::nullopt;  // one long word: broken anywhere, measure exactly
  }
  flushWord();
  w.lastWidth = line;
  return w;
}

Wrap wrapOf(const QFontMetrics& fm, const QFont& font, const QString& text, int width, int lineHeight) {
  int adv = 0;
  if (fitsOneLine(fm, text, width, &adv)) return {1, adv};
  QTextLayout layout(forLayout(text), font);
  return layoutLines(layout, width, lineHeight);
}

QString offsetsLabel(const TranscriptItem& it) {
  QString s = QStringLiteral("[");
  for (int i = 0; i < it.offsets.size(); ++i) {
    if (i) s += QLatin1Char(',');
    s += QString::number(it.offsets[i]);
  }
  return s + QLatin1Char(']');
}

QString membershipLabel(const TranscriptItem& it) {
  return MessageDelegate::tr("to %n member(s)", nullptr, static_cast<int>(it.readers.size()));
}

}  // namespace

// Fonts, metrics and column widths for one font; rebuilt when the font changes.
struct MessageDelegate::Metrics {
  explicit Metrics(const QFont& f)
      : font(f),
        bold(f),
        small(smallerFont(f)),
        fm(f),
        boldFm((bold.setBold(true), bold)),
        smallFm(small),
        authorCol(std::max(56, fm.averageCharWidth() * 8)),
        rightCol(std::max(120, smallFm.averageCharWidth() * 26)),
        lineH(fm.lineSpacing()),
        chipH(smallFm.height() + 2) {}

  QFont font, bold, small;
  QFontMetrics fm, boldFm, smallFm;
  int authorCol, rightCol, lineH, chipH;

  int chipWidth(const QString& label) const { return smallFm.horizontalAdvance(label) + 2 * kChipPadX; }
  // Geometry of a message row of width `w` starting at x.
  int bodyX(int x) const { return x + kMarginX + authorCol + kGap; }
  int rightX(int x, int w) const { return x + w - kMarginX - rightCol; }
  int bodyWidth(int w) const { return std::max(40, rightX(0, w) - kGap - bodyX(0)); }
  int actionWidth(const QString& action) const {
    return action.isEmpty() ? 0 : smallFm.horizontalAdvance(action) + 2 * kNoticePadX;
  }
  // Advances of the printable ASCII characters in `font` (for estimateWrap).
  const std::array<qint16, 128>& asciiAdvances() const {
    if (!asciiReady) {
      for (int c = 0; c < 128; ++c)
        ascii[c] = static_cast<qint16>(c >= 32 ? fm.horizontalAdvance(QChar(c)) : 0);
      asciiReady = true;
    }
    return ascii;
  }
  mutable std::array<qint16, 128> ascii{};
  mutable bool asciiReady = false;
};

namespace {
/// The local receipt time under the author (U-23): the time today, the day
/// and time for earlier rows (saved history), elided to the column.
QString receivedLabel(const QFontMetrics& fm, int width, const QDateTime& received) {
  const QDateTime local = received.toLocalTime();
  const QLocale locale;
  const QString time = locale.toString(local.time(), QLocale::ShortFormat);
  if (local.date() == QDate::currentDate()) return time;
  const QString day = local.date().year() == QDate::currentDate().year()
                          ? locale.toString(local.date(), QStringLiteral("d MMM"))
                          : locale.toString(local.date(), QLocale::ShortFormat);
  return fm.elidedText(day + QLatin1Char(' ') + time, Qt::ElideRight, width);
}
}  // namespace

MessageDelegate::MessageDelegate(TranscriptModel* model, QObject* parent)
    : QStyledItemDelegate(parent), model_(model) {
  // Rows put before the others (earlier history): cached heights move with them.
  connect(model_, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int first, int last) {
    const int n = last - first + 1;
    for (QVector<int>* cache : {&heights_, &prevHeights_})
      if (first < cache->size()) cache->insert(first, n, 0);
  });
}

MessageDelegate::~MessageDelegate() = default;

const MessageDelegate::Metrics& MessageDelegate::metrics(const QFont& font) const {
  if (!metrics_ || !(metrics_->font == font)) {
    metrics_ = std::make_unique<Metrics>(font);
    heights_.clear();
    prevHeights_.clear();
    width_ = prevWidth_ = -1;
  }
  return *metrics_;
}

void MessageDelegate::invalidateAll() {
  heights_.clear();
  prevHeights_.clear();
  width_ = prevWidth_ = -1;
  metrics_.reset();
}

void MessageDelegate::setShowTimestamps(bool on) {
  if (timestamps_ == on) return;
  timestamps_ = on;
  invalidateAll();
}

int MessageDelegate::rowWidth(const QStyleOptionViewItem& option) const {
  // QListView gives no width to sizeHint: rows are as wide as the viewport.
  if (const auto* view = qobject_cast<const QAbstractItemView*>(option.widget))
    return view->viewport()->width();
  return option.rect.width() > 0 ? option.rect.width() : 400;
}

int MessageDelegate::measure(const Metrics& m, const TranscriptItem& it, int width) const {
  if (!it.isMessage()) {
    const int textW =
        std::max(40, width - 2 * kMarginX - 2 * kNoticePadX - (isSessionNotice(it) ? kLock + 4 : 0) -
                         (it.action.isEmpty() ? 0 : m.actionWidth(it.action) + kGap));
    const Wrap w = wrapOf(m.fm, m.font, it.text, textW, m.lineH);
    const int inner = std::max(w.lines * m.lineH, m.chipH + 4);
    return 2 * kNoticeOuterY + 2 * kNoticePadY + inner;
  }
  const int bodyW = m.bodyWidth(width);
  // Rows are measured by estimate here (a long room opens without shaping
  // every text); paint() corrects the rows it draws.
  const std::optional<Wrap> est = estimateWrap(m.asciiAdvances(), it.text, bodyW);
  const Wrap w = est ? *est : wrapOf(m.fm, m.font, it.text, bodyW, m.lineH);
  return messageHeight(m, it, w.lines, w.lastWidth, bodyW);
}

int MessageDelegate::messageHeight(const Metrics& m, const TranscriptItem& it, int wrapLines, int lastWidth,
                                   int bodyW) const {
  const Wrap w{wrapLines, lastWidth};
  int chips = 0;
  if (!it.offsets.isEmpty()) chips += kChipGap + m.chipWidth(offsetsLabel(it));
  if (it.differentMembership) chips += kChipGap + m.chipWidth(membershipLabel(it));
  int lines = w.lines;
  if (chips > 0 && w.lastWidth + chips > bodyW) ++lines;
  const int body = lines * m.lineH;
  const int author = m.boldFm.height() + (timestamps_ ? m.smallFm.height() : 0);
  const int right = 2 * m.smallFm.height() + 2;
  return 2 * kPadY + std::max({body, author, right});
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
  const int row = index.row();
  if (row < 0 || row >= model_->rowCount()) return {};
  const Metrics& m = metrics(option.font);
  const int width = rowWidth(option);
  if (width != width_) {
    // Keep the previous width's cache: a pane toggled back costs nothing.
    std::swap(heights_, prevHeights_);
    std::swap(width_, prevWidth_);
    if (width != width_) {
      heights_.clear();
      width_ = width;
    }
  }
  if (heights_.size() < model_->rowCount()) heights_.resize(model_->rowCount());
  int& h = heights_[row];
  if (h == 0) h = measure(m, model_->itemAt(row), width);
  return {width, h};
}

void MessageDelegate::correctHeight(const QModelIndex& index, const Metrics& m, const TranscriptItem& it,
                                    int wrapLines, int lastWidth, int bodyW, int width) const {
  const int row = index.row();
  if (width != width_ || row < 0 || row >= heights_.size()) return;
  const int h = messageHeight(m, it, wrapLines, lastWidth, bodyW);
  if (heights_[row] == h) return;
  heights_[row] = h;
  // Re-layout after this paint (QListView coalesces several into one).
  QMetaObject::invokeMethod(
      const_cast<MessageDelegate*>(this),
      [self = const_cast<MessageDelegate*>(this), idx = QPersistentModelIndex(index)] {
        if (idx.isValid()) emit self->sizeHintChanged(idx);
      },
      Qt::QueuedConnection);
}

QRect MessageDelegate::actionRect(const QStyleOptionViewItem& option, const QModelIndex& index) const {
  if (!index.isValid() || index.row() >= model_->rowCount()) return {};
  const TranscriptItem& it = model_->itemAt(index.row());
  if (it.isMessage() || it.action.isEmpty()) return {};
  const Metrics& m = metrics(option.font);
  const QRect box = option.rect.adjusted(kMarginX, kNoticeOuterY, -kMarginX, -kNoticeOuterY);
  const int w = m.actionWidth(it.action);
  const int h = m.chipH + 4;
  return {box.right() - kNoticePadX / 2 - w + 1, box.top() + (box.height() - h) / 2, w, h};
}

void MessageDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const {
  const int row = index.row();
  if (row < 0 || row >= model_->rowCount()) return;
  const TranscriptItem& it = model_->itemAt(row);
  painter->save();
  painter->setRenderHint(QPainter::Antialiasing, true);
  if (it.isMessage())
    paintMessage(painter, option, it, index);
  else
    paintNotice(painter, option, it, index);
  painter->restore();
}

void MessageDelegate::paintMessage(QPainter* p, const QStyleOptionViewItem& option, const TranscriptItem& it,
                                   const QModelIndex& index) const {
  const Metrics& m = metrics(option.font);
  const QPalette& pal = option.palette;
  const QRect r = option.rect;
  const QColor base = pal.color(QPalette::Base);
  const QColor accent = pal.color(QPalette::Highlight);

  // U-3: selected = bar + light background, ancestors lighter, the rest dimmed.
  const bool selection = model_->hasSelection();
  const bool selected = selection && it.messageRow == model_->selectedMessageRow();
  const bool ancestor = model_->isAncestor(it.messageRow);
  const bool dimmed = selection && !selected && !ancestor;
  if (selected || ancestor) {
    p->fillRect(r, mix(base, accent, selected ? 0.17 : 0.07));
    p->fillRect(QRect(r.left(), r.top(), kBar, r.height()), selected ? accent : mix(base, accent, 0.45));
  } else if (it.mentionsMe && !dimmed) {
    // A message naming us: a warm tint and an amber bar, like other chat clients.
    const QColor amber(0xE0, 0x9B, 0x1A);
    p->fillRect(r, mix(base, amber, 0.10));
    p->fillRect(QRect(r.left(), r.top(), kBar, r.height()), amber);
  }
  const qreal dim = dimmed ? 0.6 : 0.0;
  auto ink = [&](Tone t) { return mix(toneColor(pal, t), base, dim); };

  const int top = r.top() + kPadY;
  const int authorX = r.left() + kMarginX;
  const int bodyX = m.bodyX(r.left());
  const int bodyW = m.bodyWidth(r.width());
  const int rightX = m.rightX(r.left(), r.width());

  // Author (bold) and the local receipt time below it (U-23).
  p->setFont(m.bold);
  p->setPen(ink(Tone::Normal));
  const QRect authorRect(authorX, top, m.authorCol, m.boldFm.height());
  p->drawText(authorRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
              m.boldFm.elidedText(it.authorName, Qt::ElideRight, m.authorCol));
  if (timestamps_) {
    p->setFont(m.small);
    p->setPen(ink(Tone::Faint));
    p->drawText(QRect(authorX, authorRect.bottom() + 1, m.authorCol, m.smallFm.height()),
                Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                receivedLabel(m.smallFm, m.authorCol, it.received));
  }

  // The body, wrapped.
  p->setFont(m.font);
  p->setPen(ink(Tone::Normal));
  int adv = 0;
  Wrap w;
  if (fitsOneLine(m.fm, it.text, bodyW, &adv)) {
    w = {1, adv};
    p->drawText(QRect(bodyX, top, bodyW, m.lineH), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                it.text);
  } else {
    QTextLayout layout(forLayout(it.text), m.font);
    w = layoutLines(layout, bodyW, m.lineH);
    layout.draw(p, QPointF(bodyX, top));
  }
  correctHeight(index, m, it, w.lines, w.lastWidth, bodyW, rowWidth(option));

  // U-2 "[k]" and U-6 "to N members" chips after the body.
  int chipsW = 0;
  const QString offsets = it.offsets.isEmpty() ? QString() : offsetsLabel(it);
  const QString membership = it.differentMembership ? membershipLabel(it) : QString();
  if (!offsets.isEmpty()) chipsW += kChipGap + m.chipWidth(offsets);
  if (!membership.isEmpty()) chipsW += kChipGap + m.chipWidth(membership);
  if (chipsW > 0) {
    int x = bodyX + w.lastWidth;
    int lineTop = top + (w.lines - 1) * m.lineH;
    if (w.lastWidth + chipsW > bodyW) {
      x = bodyX - kChipGap;
      lineTop += m.lineH;
    }
    p->setFont(m.small);
    auto chip = [&](const QString& label, Tone tone) {
      const QColor c = ink(tone);
      const QRectF box(x + kChipGap + 0.5, lineTop + (m.lineH - m.chipH) / 2 + 0.5, m.chipWidth(label) - 1,
                       m.chipH - 1);
      p->setPen(mix(c, base, 0.55));
      p->setBrush(mix(base, c, 0.08));
      p->drawRoundedRect(box, 2, 2);
      p->setPen(c);
      p->drawText(box, Qt::AlignCenter | Qt::TextSingleLine, label);
      x += kChipGap + m.chipWidth(label);
    };
    if (!offsets.isEmpty()) chip(offsets, Tone::Progress);
    if (!membership.isEmpty()) chip(membership, Tone::Membership);
  }

  // Right column: the ack annotation (U-15/U-16), below it the marks (U-18).
  p->setFont(m.small);
  const auto ack = transcript::ackAnnotation(*model_->state(), it);
  const int lineTop = top + (m.lineH - m.smallFm.height()) / 2;
  if (!ack.text.isEmpty()) {
    p->setPen(ink(ack.tone));
    p->drawText(QRect(rightX, lineTop, m.rightCol, m.smallFm.height()),
                Qt::AlignRight | Qt::AlignVCenter | Qt::TextSingleLine,
                m.smallFm.elidedText(ack.text, Qt::ElideRight, m.rightCol));
  }
  const auto mark = transcript::markAnnotation(it);
  if (!mark.text.isEmpty()) {
    // Permanent marks are never dimmed away entirely (U-18).
    p->setPen(mix(toneColor(pal, mark.tone), base, dimmed ? 0.35 : 0.0));
    p->drawText(QRect(rightX, lineTop + m.smallFm.height() + 2, m.rightCol, m.smallFm.height()),
                Qt::AlignRight | Qt::AlignVCenter | Qt::TextSingleLine,
                m.smallFm.elidedText(mark.text, Qt::ElideRight, m.rightCol));
  }
}

namespace {
// A small padlock drawn with the painter (no emoji font needed).
void drawLock(QPainter* p, const QRect& box, const QColor& c) {
  const qreal s = box.width();
  const QRectF body(box.left() + s * 0.15, box.top() + s * 0.45, s * 0.7, s * 0.5);
  const QRectF shackle(box.left() + s * 0.3, box.top() + s * 0.1, s * 0.4, s * 0.6);
  QPen pen(c, std::max(1.0, s / 9.0));
  p->setPen(pen);
  p->setBrush(Qt::NoBrush);
  p->drawArc(shackle, 0, 180 * 16);
  p->drawLine(QPointF(shackle.left(), shackle.center().y()), QPointF(shackle.left(), body.top()));
  p->drawLine(QPointF(shackle.right(), shackle.center().y()), QPointF(shackle.right(), body.top()));
  p->setPen(Qt::NoPen);
  p->setBrush(c);
  p->drawRoundedRect(body, 1, 1);
}
}  // namespace

void MessageDelegate::paintNotice(QPainter* p, const QStyleOptionViewItem& option, const TranscriptItem& it,
                                  const QModelIndex& index) const {
  const Metrics& m = metrics(option.font);
  const QPalette& pal = option.palette;
  const QColor base = pal.color(QPalette::Base);
  const Tone tone = transcript::severityTone(it.severity);
  const qreal dim = model_->hasSelection() ? 0.4 : 0.0;
  // Routine notices (session and membership progress) stay quiet, as in the
  // mockup: a faint box, the tone only in the text. Warnings and a fatal stop
  // are tinted so they stand out (U-14, U-22).
  const bool loud = it.severity == present::Severity::Warning || it.severity == present::Severity::Fatal;
  const QColor c = mix(toneColor(pal, tone), base, loud ? dim : 0.15 + dim);
  const QColor tint =
      loud ? mix(base, toneColor(pal, tone), 0.09) : mix(base, pal.color(QPalette::Text), 0.035);

  const QRect box = option.rect.adjusted(kMarginX, kNoticeOuterY, -kMarginX, -kNoticeOuterY);
  p->setPen(Qt::NoPen);
  p->setBrush(tint);
  p->drawRoundedRect(QRectF(box), 3, 3);

  int x = box.left() + kNoticePadX;
  if (isSessionNotice(it)) {
    drawLock(p, QRect(x, box.top() + kNoticePadY + (m.lineH - kLock) / 2, kLock, kLock), c);
    x += kLock + 4;
  }
  const QRect action = actionRect(option, index);
  const int right = action.isValid() ? action.left() - kGap : box.right() - kNoticePadX;
  const int textW = std::max(40, right - x);
  p->setFont(m.font);
  p->setPen(c);
  int adv = 0;
  const int textTop = box.top() + kNoticePadY;
  if (fitsOneLine(m.fm, it.text, textW, &adv)) {
    const int h = box.height() - 2 * kNoticePadY;
    p->drawText(QRect(x, textTop, textW, h), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, it.text);
  } else {
    QTextLayout layout(forLayout(it.text), m.font);
    layoutLines(layout, textW, m.lineH);
    layout.draw(p, QPointF(x, textTop));
  }

  // U-10 and friends: the notice's action, drawn like a button.
  if (action.isValid()) {
    const QRectF b = QRectF(action).adjusted(0.5, 0.5, -0.5, -0.5);
    p->setPen(pal.color(QPalette::Mid));
    p->setBrush(pal.color(QPalette::Button));
    p->drawRoundedRect(b, 3, 3);
    p->setFont(m.small);
    p->setPen(pal.color(QPalette::ButtonText));
    p->drawText(b, Qt::AlignCenter | Qt::TextSingleLine, it.action);
  }
}

}  // namespace mpenc::ui
