#include "ui/room/room_header.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QVariant>

#include "ui/presentation/room_state.h"

namespace mpenc::ui {

using present::Phase;

namespace {

QString countText(int n, const QString& one, const QString& many) {
  return n == 1 ? one : many.arg(n);
}

QString shortText(const QString& text) {
  QString t = text.simplified();
  return t.size() > 40 ? t.left(39) + QChar(0x2026) : t;
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
  setStyleSheet(
      QStringLiteral("QWidget#roomHeader { background: white; border-bottom: 1px solid #e3e6ea; }"));

  title_->setObjectName(QStringLiteral("roomTitle"));
  title_->setAccessibleName(tr("Room name"));
  QFont tf = title_->font();
  tf.setBold(true);
  tf.setPointSizeF(tf.pointSizeF() * 1.25);
  title_->setFont(tf);
  subtitle_->setObjectName(QStringLiteral("roomSubtitle"));
  subtitle_->setAccessibleName(tr("Session state"));
  subtitle_->setStyleSheet(QStringLiteral("color: #4b5563;"));
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
  auto* top = new QHBoxLayout;
  top->setSpacing(8);
  top->addWidget(title_, 1, Qt::AlignVCenter);
  for (const auto& p : pills) {
    p.pill->setObjectName(QString::fromLatin1(p.name));
    p.pill->setAccessibleName(p.accessible);
    p.pill->setCursor(Qt::PointingHandCursor);
    p.pill->setFlat(true);
    const Indicator which = p.which;
    connect(p.pill, &QPushButton::clicked, this, [this, which] { showIndicatorDetail(which); });
    top->addWidget(p.pill, 0, Qt::AlignTop);
  }

  // U-22: the fatal banner.
  banner_->setObjectName(QStringLiteral("fatalBanner"));
  banner_->setAccessibleName(tr("Session stopped"));
  banner_->setStyleSheet(QStringLiteral(
      "QFrame#fatalBanner { background: #fdecea; border: 1px solid #f1b5b0; border-radius: 4px; }"
      "QLabel { color: #8f1d1d; background: transparent; border: none; }"));
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
    parts << countText(s.members, tr("1 member"), tr("%1 members"));
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

  busy_->setVisible(s.phase == Phase::Joining || s.phase == Phase::Establishing ||
                    s.phase == Phase::Parting || !s.operation.isEmpty());

  const bool stopped = s.phase == Phase::Stopped;
  bannerText_->setText(
      s.detail.isEmpty()
          ? tr("The encrypted session stopped: the transcript can no longer be trusted to be the same for "
               "everyone. Nothing more is sent in it.")
          : s.detail);
  banner_->setVisible(stopped);
}

void RoomHeader::setPill(QPushButton* pill, bool good, const QString& text) {
  pill->setText(text);
  pill->setProperty("good", good);
  const QString colours =
      good ? QStringLiteral("color: #1e7b34; background: #eaf6ec; border: 1px solid #b9dfc1;")
           : QStringLiteral("color: #8a5300; background: #fff4da; border: 1px solid #efd08c;");
  pill->setStyleSheet(QStringLiteral("QPushButton { %1 border-radius: 11px; padding: 3px 10px; }"
                                     "QPushButton:focus { border: 1px solid #3b82f6; }")
                          .arg(colours));
  pill->setToolTip(tr("Click for details"));
}

void RoomHeader::refreshIndicators() {
  const present::Indicators& i = state_->indicators();
  // (a) nothing held, nothing unreadable (U-20).
  if (i.nothingMissing) {
    setPill(missing_, true, tr("✓ nothing missing"));
  } else if (i.held > 0) {
    setPill(missing_, false,
            countText(i.held, tr("⚠ 1 message waiting for earlier ones"),
                      tr("⚠ %1 messages waiting for earlier ones")));
  } else {
    setPill(missing_, false,
            countText(i.unreadable, tr("⚠ 1 packet not readable"), tr("⚠ %1 packets not readable")));
  }
  // (b) everyone answered recently (U-19, U-20).
  if (i.everyoneResponsive || i.unresponsive.isEmpty()) {
    setPill(responsive_, i.everyoneResponsive,
            i.everyoneResponsive ? tr("✓ everyone responsive") : tr("◐ someone is not responding"));
  } else if (i.unresponsive.size() <= 2) {
    setPill(responsive_, false, tr("◐ %1: no response").arg(i.unresponsive.join(QStringLiteral(", "))));
  } else {
    setPill(responsive_, false, tr("◐ %1 members: no response").arg(i.unresponsive.size()));
  }
  // (c) everything fully acknowledged.
  if (i.allAcked) {
    setPill(acked_, true, tr("✓ everything acknowledged"));
  } else {
    setPill(acked_, false,
            countText(i.awaitingAcks, tr("◐ 1 message awaiting acks"), tr("◐ %1 messages awaiting acks")));
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
        lines << countText(
            i.held,
            tr("1 message arrived before an earlier one it depends on. It is shown as soon as "
               "the earlier one arrives."),
            tr("%1 messages arrived before earlier ones they depend on. They are shown as soon "
               "as those arrive."));
      if (i.unreadable > 0)
        lines << countText(i.unreadable, tr("1 packet received recently could not be read."),
                           tr("%1 packets received recently could not be read."));
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
    popup_->setStyleSheet(
        QStringLiteral("QFrame#indicatorDetail { background: white; border: 1px solid #c9ced6; }"));
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
