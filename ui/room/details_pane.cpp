#include "ui/room/details_pane.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include "ui/presentation/room_state.h"
#include "ui/room/transcript_text.h"

namespace mpenc::ui {

using present::AckState;
using present::RoomState;
using present::TranscriptItem;
using transcript::nameOf;
using transcript::namesOf;

namespace {

QLabel* valueLabel(const char* objectName, const QString& accessible) {
  auto* l = new QLabel;
  l->setObjectName(QLatin1String(objectName));
  l->setAccessibleName(accessible);
  l->setWordWrap(true);
  l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse |
                             Qt::LinksAccessibleByKeyboard);
  return l;
}

QString timeText(const QDateTime& t) {
  return QLocale().toString(t.toLocalTime(), QLocale::ShortFormat);
}

QString trustText(const RoomState& state, const QString& id) {
  const present::MemberInfo* m = state.member(id);
  if (m == nullptr) return DetailsPane::tr("not in the room now");
  if (m->self) return DetailsPane::tr("you");
  switch (m->trust) {
    case present::Trust::Verified:
      return DetailsPane::tr("✓ verified");
    case present::Trust::Changed:
      return DetailsPane::tr("⚠ key changed since you last saw it");
    case present::Trust::Unverified:
      return DetailsPane::tr("not verified");
    case present::Trust::Unknown:
      break;
  }
  return DetailsPane::tr("no key known");
}

}  // namespace

DetailsPane::DetailsPane(RoomState* state, QWidget* parent) : QWidget(parent), state_(state) {
  setObjectName(QStringLiteral("detailsPane"));
  setAccessibleName(tr("Selected message"));
  setMinimumHeight(140);

  heading_ = new QLabel(tr("SELECTED MESSAGE"));
  heading_->setObjectName(QStringLiteral("detailsHeading"));
  heading_->setStyleSheet(QStringLiteral("color: palette(mid); font-weight: 600; letter-spacing: 1px;"));

  legend_ = new QLabel(tr("Selecting a message highlights what its author had seen and dims the rest."));
  legend_->setObjectName(QStringLiteral("detailsLegend"));
  legend_->setAccessibleName(tr("How selecting works"));
  legend_->setWordWrap(true);

  author_ = valueLabel("detailsAuthor", tr("Author"));
  parents_ = valueLabel("detailsParents", tr("Replies to"));
  readers_ = valueLabel("detailsReaders", tr("Sent to"));
  acked_ = valueLabel("detailsAcked", tr("Seen by"));
  unacked_ = valueLabel("detailsUnacked", tr("Waiting for"));
  received_ = valueLabel("detailsReceived", tr("Received"));
  claimed_ = valueLabel("detailsClaimed", tr("Sender's time"));
  warnings_ = valueLabel("detailsWarnings", tr("Warnings"));
  ancestors_ = valueLabel("detailsAncestors", tr("Highlighted messages"));
  parents_->setTextFormat(Qt::RichText);
  connect(parents_, &QLabel::linkActivated, this, [this](const QString& link) {
    bool ok = false;
    const int row = link.mid(4).toInt(&ok);  // "row:N"
    if (ok) emit jumpToMessageRow(row);
  });

  detailsBox_ = new QWidget;
  auto* form = new QFormLayout(detailsBox_);
  form->setContentsMargins(0, 0, 0, 0);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->setRowWrapPolicy(QFormLayout::WrapLongRows);
  form->addRow(tr("Author"), author_);
  form->addRow(tr("Replies to"), parents_);
  form->addRow(tr("Sent to"), readers_);
  form->addRow(tr("Seen by"), acked_);
  form->addRow(tr("Waiting for"), unacked_);
  form->addRow(tr("Received"), received_);
  form->addRow(tr("Sender's time"), claimed_);
  form->addRow(tr("Warnings"), warnings_);
  form->addRow(QString(), ancestors_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(14, 10, 14, 10);
  layout->addWidget(heading_);
  layout->addWidget(legend_);
  layout->addWidget(detailsBox_);
  layout->addStretch(1);

  connect(state_, &RoomState::itemChanged, this, &DetailsPane::onItemChanged);
  connect(state_, &RoomState::membersChanged, this, &DetailsPane::refresh);
  refresh();
}

void DetailsPane::showMessageRow(int messageRow) {
  row_ = state_->itemOfMessageRow(messageRow) >= 0 ? messageRow : -1;
  refresh();
}

void DetailsPane::onItemChanged(int index) {
  if (row_ >= 0 && index == state_->itemOfMessageRow(row_)) refresh();
}

void DetailsPane::refresh() {
  const int index = state_->itemOfMessageRow(row_);
  legend_->setVisible(index < 0);
  detailsBox_->setVisible(index >= 0);
  if (index < 0) return;
  const TranscriptItem& it = state_->item(index);

  const QString who = it.authorName.isEmpty() ? nameOf(*state_, it.author) : it.authorName;
  author_->setText(tr("%1 — %2").arg(who, trustText(*state_, it.author)));

  // Parents (C-22 display parents), as links that select them.
  if (it.parentRows.isEmpty()) {
    parents_->setText(tr("nothing (the first message of the conversation)"));
  } else {
    QStringList links;
    for (int p : it.parentRows) {
      const int pi = state_->itemOfMessageRow(p);
      if (pi < 0) continue;
      const TranscriptItem& parent = state_->item(pi);
      QString excerpt = parent.text.left(40).toHtmlEscaped();
      if (parent.text.size() > 40) excerpt += QStringLiteral("…");
      const QString name =
          (parent.authorName.isEmpty() ? nameOf(*state_, parent.author) : parent.authorName).toHtmlEscaped();
      links << QStringLiteral("<a href=\"row:%1\">%2: “%3”</a>").arg(p).arg(name, excerpt);
    }
    parents_->setText(links.join(QStringLiteral("<br>")));
  }

  // Readers (U-6) and acks (U-15/U-16).
  QStringList others;
  for (const auto& r : it.readers)
    if (r != it.author) others << r;
  readers_->setText(tr("%n member(s): %1", nullptr, static_cast<int>(others.size()))
                        .arg(namesOf(*state_, others).join(tr(", "))) +
                    (it.differentMembership ? tr(" (not the members shown now)") : QString()));
  QStringList seen;
  for (const auto& r : others)
    if (!it.unackedBy.contains(r)) seen << r;
  if (it.ack == AckState::FullyAcked) {
    acked_->setText(tr("everyone (%1)").arg(namesOf(*state_, seen).join(tr(", "))));
  } else {
    acked_->setText(seen.isEmpty() ? tr("nobody yet") : namesOf(*state_, seen).join(tr(", ")));
  }
  QStringList missing;
  for (const auto& u : it.unackedBy)
    if (u != it.author) missing << u;
  unacked_->setText(missing.isEmpty()
                        ? tr("nobody")
                        : namesOf(*state_, missing).join(tr(", ")) +
                              (it.ack == AckState::Waiting ? tr(" (longer than expected)") : QString()));

  // Times (U-23): ours is local; the sender's is only its claim.
  received_->setText(tr("%1 (this computer's clock)").arg(timeText(it.received)));
  claimed_->setText(it.claimed
                        ? tr("%1 (as the sender's device says; not verified)").arg(timeText(*it.claimed))
                        : tr("not sent (the sender's version does not send one)"));

  QStringList marks;
  for (const auto& m : it.marks) marks << QStringLiteral("%1 (%2)").arg(m.text, m.code);
  warnings_->setText(marks.isEmpty() ? tr("none") : marks.join(QLatin1Char('\n')));

  const int anc = static_cast<int>(state_->ancestorRows(row_).size());
  ancestors_->setText(
      tr("%n earlier message(s) highlighted: what %1 had seen when writing this.", nullptr, anc).arg(who));
}

}  // namespace mpenc::ui
