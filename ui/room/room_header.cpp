#include "ui/room/room_header.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLayout>
#include <QList>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QVariant>

#include "ui/palette_colors.h"
#include "ui/presentation/room_state.h"

namespace mpenc::ui {

using present::Phase;

namespace {

QString shortText(const QString& text) {
  QString t = text.simplified();
  return t.size() > 40 ? t.left(39) + QChar(0x2026) : t;
}

/// The first line of the header: the title on the left, the indicator pills on
/// the right (mockup/room-window.png). When they do not fit side by side the
/// pills go under the title, wrapping as needed, so a narrow window (or long
/// indicator texts such as "◐ frank: no response") never widens the window.
class TitleFlow : public QLayout {
 public:
  explicit TitleFlow(int spacing) { setSpacing(spacing); }
  ~TitleFlow() override {
    while (QLayoutItem* item = takeAt(0)) delete item;
  }

  void addItem(QLayoutItem* item) override { items_.append(item); }
  int count() const override { return static_cast<int>(items_.size()); }
  QLayoutItem* itemAt(int i) const override { return i >= 0 && i < items_.size() ? items_.at(i) : nullptr; }
  QLayoutItem* takeAt(int i) override { return i >= 0 && i < items_.size() ? items_.takeAt(i) : nullptr; }
  Qt::Orientations expandingDirections() const override { return Qt::Horizontal; }
  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override { return arrange(QRect(0, 0, width, 0), false); }
  void setGeometry(const QRect& rect) override {
    QLayout::setGeometry(rect);
    arrange(rect, true);
  }
  QSize sizeHint() const override {
    int w = 0, h = 0;
    for (QLayoutItem* item : items_) {
      if (item->isEmpty()) continue;
      w += item->sizeHint().width() + (w > 0 ? spacing() : 0);
      h = qMax(h, item->sizeHint().height());
    }
    return QSize(w, h);
  }
  QSize minimumSize() const override {
    int w = 0, h = 0;
    for (QLayoutItem* item : items_) {
      if (item->isEmpty()) continue;
      w = qMax(w, item->minimumSize().width());
      h = qMax(h, item->sizeHint().height());
    }
    return QSize(w, h);
  }

 private:
  /// Lays the items out in `rect` (when `apply`); returns the height used. Every
  /// line is as high as the tallest item; items are centred in it.
  int arrange(const QRect& rect, bool apply) const {
    QVector<QLayoutItem*> visible;
    for (QLayoutItem* item : items_)
      if (!item->isEmpty()) visible.append(item);
    if (visible.isEmpty()) return 0;
    QLayoutItem* title = visible.takeFirst();
    const QSize titleSize = title->sizeHint();
    int pillsWidth = 0, rowHeight = titleSize.height();
    for (QLayoutItem* pill : visible) {
      pillsWidth += pill->sizeHint().width() + spacing();
      rowHeight = qMax(rowHeight, pill->sizeHint().height());
    }
    if (titleSize.width() + pillsWidth <= rect.width()) {  // one line: title left, pills right
      if (apply) {
        int x = rect.right() + 1;
        for (int i = static_cast<int>(visible.size()) - 1; i >= 0; --i) {
          const QSize sz = visible[i]->sizeHint();
          x -= sz.width();
          visible[i]->setGeometry(QRect(QPoint(x, rect.top() + (rowHeight - sz.height()) / 2), sz));
          x -= spacing();
        }
        title->setGeometry(QRect(rect.left(), rect.top(), x - rect.left(), rowHeight));
      }
      return rowHeight;
    }
    // Too narrow: the title first, then the pills, wrapping onto further lines.
    int y = rect.top();
    int x = rect.left();
    visible.prepend(title);
    for (QLayoutItem* item : visible) {
      const QSize sz = item->sizeHint();
      if (x > rect.left() && x + sz.width() > rect.right() + 1) {
        x = rect.left();
        y += rowHeight + spacing() / 2;
      }
      if (apply)
        item->setGeometry(QRect(QPoint(x, y + (rowHeight - sz.height()) / 2),
                                QSize(qMin(sz.width(), rect.width()), sz.height())));
      x += sz.width() + spacing();
    }
    return y + rowHeight - rect.top();
  }

  QList<QLayoutItem*> items_;
};

/// The banner under the session line: red for a stopped session (U-22), neutral after a leave.
QString bannerStyle(const QPalette& pal, bool fatal) {
  const colors::Status s = fatal ? colors::Status::Bad : colors::Status::Neutral;
  return QStringLiteral(
             "QFrame#fatalBanner { background: %1; border: 1px solid %2; border-radius: 4px; }"
             "QLabel { color: %3; background: transparent; border: none; }")
      .arg(colors::statusFill(pal, s).name(), colors::statusBorder(pal, s).name(),
           colors::statusText(pal, s).name());
}

/// An indicator pill: green when all is well, amber otherwise (property "good").
void stylePill(QPushButton* pill) {
  const QPalette pal = colors::themeOf(pill);
  const colors::Status s = pill->property("good").toBool() ? colors::Status::Good : colors::Status::Warning;
  colors::restyle(pill, QStringLiteral("QPushButton { color: %1; background: %2; border: 1px solid %3; "
                                       "border-radius: 10px; padding: 2px 8px; }"
                                       "QPushButton:focus { border: 1px solid %4; }")
                            .arg(colors::statusText(pal, s).name(), colors::statusFill(pal, s).name(),
                                 colors::statusBorder(pal, s).name(), colors::focusRing(pal).name()));
}

QString popupStyle(const QPalette& pal) {
  return QStringLiteral("QFrame#indicatorDetail { background: %1; border: 1px solid %2; }")
      .arg(colors::surface(pal).name(), colors::inputBorder(pal).name());
}

}  // namespace

RoomHeader::RoomHeader(present::RoomState* state, QWidget* parent)
    : QWidget(parent),
      state_(state),
      title_(new QLabel),
      subtitle_(new QLabel),
      busy_(new QProgressBar),
      missing_(new QPushButton),
      responsive_(new QPushButton),
      acked_(new QPushButton),
      banner_(new QFrame),
      bannerText_(new QLabel) {
  setObjectName(QStringLiteral("roomHeader"));
  setAccessibleName(tr("Room header"));
  setAttribute(Qt::WA_StyledBackground);

  title_->setObjectName(QStringLiteral("roomTitle"));
  title_->setAccessibleName(tr("Room name"));
  QFont tf = title_->font();
  tf.setBold(true);
  tf.setPointSizeF(tf.pointSizeF() * 1.25);
  title_->setFont(tf);
  subtitle_->setObjectName(QStringLiteral("roomSubtitle"));
  subtitle_->setAccessibleName(tr("Session state"));
  subtitle_->setWordWrap(true);
  busy_->setObjectName(QStringLiteral("roomBusy"));
  busy_->setAccessibleName(tr("Working"));
  busy_->setRange(0, 0);
  busy_->setTextVisible(false);
  busy_->setFixedSize(80, 6);
  busy_->hide();

  // Title and indicators on the first line, the session line below across
  // the whole width (mockup/room-window.png).
  auto* sub = new QHBoxLayout;
  sub->setSpacing(8);
  sub->addWidget(subtitle_, 1);
  sub->addWidget(busy_, 0, Qt::AlignVCenter);

  const struct {
    QPushButton* pill;
    const char* name;
    QString accessible;
    Indicator which;
  } pills[] = {
      {missing_, "indicatorMissing", tr("Missing messages"), Indicator::Missing},
      {responsive_, "indicatorResponsive", tr("Responsiveness of members"), Indicator::Responsive},
      {acked_, "indicatorAcked", tr("Acknowledgements"), Indicator::Acked},
  };
  auto* top = new TitleFlow(8);
  top->addWidget(title_);
  for (const auto& p : pills) {
    p.pill->setObjectName(QString::fromLatin1(p.name));
    p.pill->setAccessibleName(p.accessible);
    p.pill->setCursor(Qt::PointingHandCursor);
    p.pill->setFlat(true);
    QFont pf = p.pill->font();  // a little smaller than the text, as in the mockup
    pf.setPointSizeF(pf.pointSizeF() * 0.9);
    p.pill->setFont(pf);
    const Indicator which = p.which;
    connect(p.pill, &QPushButton::clicked, this, [this, which] { showIndicatorDetail(which); });
    top->addWidget(p.pill);
  }

  // U-22: the fatal banner.
  banner_->setObjectName(QStringLiteral("fatalBanner"));
  banner_->setAccessibleName(tr("Session stopped"));
  bannerText_->setObjectName(QStringLiteral("fatalText"));
  bannerText_->setAccessibleName(tr("Why the session stopped"));
  bannerText_->setWordWrap(true);
  auto* restart = new QPushButton(tr("Start a new session"));
  restart->setObjectName(QStringLiteral("startNewSessionButton"));
  restart->setAccessibleName(tr("Start a new session"));
  connect(restart, &QPushButton::clicked, this, &RoomHeader::startNewSessionRequested);
  auto* bannerLayout = new QHBoxLayout(banner_);
  bannerLayout->setContentsMargins(10, 6, 10, 6);
  bannerLayout->addWidget(bannerText_, 1);
  bannerLayout->addWidget(restart);
  banner_->hide();

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(14, 10, 14, 8);
  layout->setSpacing(6);
  layout->addLayout(top);
  layout->addLayout(sub);
  layout->addWidget(banner_);

  connect(state_, &present::RoomState::statusChanged, this, &RoomHeader::refreshStatus);
  connect(state_, &present::RoomState::indicatorsChanged, this, &RoomHeader::refreshIndicators);
  connect(state_, &present::RoomState::membersChanged, this, &RoomHeader::refreshIndicators);
  refreshStatus();
  refreshIndicators();
  // The colours follow the theme, which switches without a restart.
  colors::followPalette(this, [this] {
    const QPalette pal = colors::themeOf(this);
    colors::restyle(this,
                    QStringLiteral("QWidget#roomHeader { background: %1; border-bottom: 1px solid %2; }")
                        .arg(colors::surface(pal).name(), colors::separator(pal).name()));
    colors::restyle(subtitle_, QStringLiteral("color: %1;").arg(colors::secondaryText(pal).name()));
    colors::restyle(banner_, bannerStyle(pal, banner_->property("fatal").toBool()));
    for (QPushButton* pill : {missing_, responsive_, acked_}) stylePill(pill);
    if (popup_ != nullptr) colors::restyle(popup_, popupStyle(pal));
  });
}

QPushButton* RoomHeader::indicator(Indicator which) const {
  switch (which) {
    case Indicator::Missing:
      return missing_;
    case Indicator::Responsive:
      return responsive_;
    case Indicator::Acked:
      return acked_;
  }
  return nullptr;
}

void RoomHeader::refreshStatus() {
  const present::RoomStatus& s = state_->status();
  title_->setText(s.title.isEmpty() ? s.roomJid : s.title);
  title_->setToolTip(s.roomJid);

  QStringList parts;
  if (s.phase == Phase::Established) {
    parts << (s.encrypted ? tr("Encrypted session") : tr("Not encrypted"));
    parts << tr("%n member(s)", nullptr, s.members);
    if (!s.sessionId.isEmpty()) parts << tr("session %1…").arg(s.sessionId.left(4));
    if (s.since.isValid())
      parts << tr("since %1").arg(s.since.toLocalTime().toString(QStringLiteral("HH:mm")));
  } else {
    QString phase = present::toString(s.phase);
    if (!phase.isEmpty()) phase[0] = phase[0].toUpper();
    parts << phase;
    if (!s.encrypted) parts << tr("not encrypted");
    if (!s.detail.isEmpty() && s.phase != Phase::Stopped) parts << s.detail;
  }
  if (!s.operation.isEmpty()) parts << s.operation;  // U-7 / U-8
  subtitle_->setText(parts.join(QStringLiteral(" · ")));
  subtitle_->setToolTip(s.sessionId.isEmpty() ? QString() : tr("Session ID %1").arg(s.sessionId));

  // Waiting for a person to add us is not progress: no spinner (detail says what helps).
  busy_->setVisible(s.phase == Phase::Joining || (s.phase == Phase::Establishing && !s.waitingToBeIncluded) ||
                    s.phase == Phase::Parting || !s.operation.isEmpty());

  // U-22: a stopped session, in red. After a leave the same way back is offered
  // (RoomBackend::startNewSession), quietly: leaving is nothing to worry about.
  const bool stopped = s.phase == Phase::Stopped;
  const bool left = s.phase == Phase::Left;
  if (stopped) {
    bannerText_->setText(
        s.detail.isEmpty()
            ? tr("The encrypted session stopped: the transcript can no longer be trusted to be the same "
                 "for everyone. Nothing more is sent in it.")
            : s.detail);
    banner_->setAccessibleName(tr("Session stopped"));
  } else if (left) {
    bannerText_->setText(s.detail.isEmpty()
                             ? tr("You are not in this room any more. The messages above stay here.")
                             : tr("%1 The messages above stay here.").arg(s.detail));
    banner_->setAccessibleName(tr("Not in the room"));
  }
  banner_->setProperty("fatal", stopped);
  colors::restyle(banner_, bannerStyle(colors::themeOf(this), stopped));
  banner_->setVisible(stopped || left);
}

void RoomHeader::setPill(QPushButton* pill, bool good, const QString& text) {
  pill->setText(text);
  pill->setProperty("good", good);
  stylePill(pill);
  pill->setToolTip(tr("Click for details"));
}

void RoomHeader::refreshIndicators() {
  const present::Indicators& i = state_->indicators();
  // (a) nothing held, nothing unreadable (U-20).
  if (i.nothingMissing) {
    setPill(missing_, true, tr("✓ nothing missing"));
  } else if (i.held > 0) {
    setPill(missing_, false, tr("⚠ %n message(s) waiting for earlier ones", nullptr, i.held));
  } else {
    setPill(missing_, false, tr("⚠ %n packet(s) not readable", nullptr, i.unreadable));
  }
  // (b) everyone answered recently (U-19, U-20).
  if (i.everyoneResponsive || i.unresponsive.isEmpty()) {
    setPill(responsive_, i.everyoneResponsive,
            i.everyoneResponsive ? tr("✓ everyone responsive") : tr("◐ someone is not responding"));
  } else if (i.unresponsive.size() <= 2) {
    setPill(responsive_, false, tr("◐ %1: no response").arg(i.unresponsive.join(QStringLiteral(", "))));
  } else {
    setPill(responsive_, false,
            tr("◐ %n member(s): no response", nullptr, static_cast<int>(i.unresponsive.size())));
  }
  // (c) everything fully acknowledged.
  if (i.allAcked) {
    setPill(acked_, true, tr("✓ everything acknowledged"));
  } else {
    setPill(acked_, false, tr("◐ %n message(s) awaiting acks", nullptr, i.awaitingAcks));
  }
  if (popup_ != nullptr && popup_->isVisible()) {
    // Keep an open detail current.
    popup_->findChild<QLabel*>()->setText(
        indicatorDetail(static_cast<Indicator>(popup_->property("which").toInt())));
  }
}

QString RoomHeader::indicatorDetail(Indicator which) const {
  const present::Indicators& i = state_->indicators();
  QStringList lines;
  switch (which) {
    case Indicator::Missing:
      if (i.nothingMissing)
        return tr(
            "Nothing is missing: no message is waiting for an earlier one, and every "
            "packet received recently could be read.");
      if (i.held > 0)
        lines << tr(
            "%n message(s) arrived before earlier ones they depend on. They are shown as soon as "
            "those arrive.",
            nullptr, i.held);
      if (i.unreadable > 0)
        lines << tr("%n packet(s) received recently could not be read.", nullptr, i.unreadable);
      return lines.join(QLatin1Char('\n'));
    case Indicator::Responsive:
      for (const present::MemberInfo& m : state_->members()) {
        if (m.responsive || !m.inSession) continue;
        const QString name = m.name.isEmpty() ? m.id : m.name;
        lines << (m.silentForS > 0 ? tr("%1: no response for %2 s").arg(name).arg(m.silentForS)
                                   : tr("%1: no response").arg(name));
      }
      if (lines.isEmpty()) {
        for (const QString& name : i.unresponsive) lines << tr("%1: no response").arg(name);
      }
      if (lines.isEmpty())
        return tr("Everyone in the session answered recently: no newer messages are missing.");
      lines << tr("Messages they send may arrive late; nothing is lost.");
      return lines.join(QLatin1Char('\n'));
    case Indicator::Acked: {
      const QVector<present::TranscriptItem>& items = state_->items();
      int shown = 0;
      for (int k = static_cast<int>(items.size()) - 1; k >= 0 && shown < 12; --k) {
        const present::TranscriptItem& it = items[k];
        if (!it.isMessage() || it.ack == present::AckState::FullyAcked) continue;
        QString line =
            tr("%1 %2 “%3”")
                .arg(it.authorName.isEmpty() ? it.author : it.authorName,
                     it.received.toLocalTime().toString(QStringLiteral("HH:mm")), shortText(it.text));
        if (!it.unackedBy.isEmpty())
          line += tr(" — waiting for %1").arg(it.unackedBy.join(QStringLiteral(", ")));
        lines.prepend(line);
        ++shown;
      }
      if (lines.isEmpty()) return tr("Everything is acknowledged: everyone has seen what you have seen.");
      lines.prepend(tr("Not yet acknowledged by everyone:"));
      return lines.join(QLatin1Char('\n'));
    }
  }
  return {};
}

void RoomHeader::showIndicatorDetail(Indicator which) {
  if (popup_ == nullptr) {
    popup_ = new QFrame(this, Qt::Popup);
    popup_->setObjectName(QStringLiteral("indicatorDetail"));
    popup_->setAccessibleName(tr("Indicator details"));
    popup_->setFrameShape(QFrame::StyledPanel);
    colors::restyle(popup_, popupStyle(colors::themeOf(this)));
    auto* label = new QLabel(popup_);
    label->setObjectName(QStringLiteral("indicatorDetailText"));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setMinimumWidth(280);
    label->setMaximumWidth(420);
    auto* layout = new QVBoxLayout(popup_);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->addWidget(label);
  }
  popup_->setProperty("which", static_cast<int>(which));
  popup_->findChild<QLabel*>()->setText(indicatorDetail(which));
  popup_->adjustSize();
  QPushButton* pill = indicator(which);
  QPoint at = pill->mapToGlobal(QPoint(0, pill->height() + 4));
  at.setX(qMax(0, at.x() + pill->width() - popup_->width()));
  popup_->move(at);
  popup_->show();
}

}  // namespace mpenc::ui
