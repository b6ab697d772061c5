#include "ui/room/details_pane.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/palette_colors.h"
#include "ui/presentation/room_state.h"
#include "ui/room/transcript_text.h"

namespace mpenc::ui {

using present::AckState;
using present::RoomState;
using present::TranscriptItem;
using transcript::nameOf;
using transcript::namesOf;

namespace {

/// One line of a value, elided to the width it gets (mockup: a compact
/// label/value list); the full text is the tooltip and the accessible text.
class ElidedLabel : public QLabel {
 public:
  void setFullText(const QString& t) {
    full_ = t;
    setToolTip(t);
    setAccessibleDescription(t);
    relayout();
  }
  QString fullText() const { return full_; }
  QSize minimumSizeHint() const override { return {40, QLabel::minimumSizeHint().height()}; }
  QSize sizeHint() const override { return {80, QLabel::sizeHint().height()}; }

 protected:
  void resizeEvent(QResizeEvent* e) override {
    QLabel::resizeEvent(e);
    relayout();
  }

 private:
  void relayout() { QLabel::setText(fontMetrics().elidedText(full_, Qt::ElideRight, std::max(10, width()))); }
  QString full_;
};

ElidedLabel* valueLabel(const char* objectName, const QString& accessible) {
  auto* l = new ElidedLabel;
  l->setObjectName(QLatin1String(objectName));
  l->setAccessibleName(accessible);
  l->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return l;
}

QString timeText(const QDateTime& t) {
  return QLocale().toString(t.toLocalTime().time(), QStringLiteral("HH:mm:ss"));
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

  heading_ = new QLabel(tr("SELECTED MESSAGE"));
  heading_->setObjectName(QStringLiteral("detailsHeading"));

  legend_ = new QLabel(tr("Selecting a message highlights what its author had seen and dims the rest."));
  legend_->setObjectName(QStringLiteral("detailsLegend"));
  legend_->setAccessibleName(tr("How selecting works"));
  legend_->setWordWrap(true);

  author_ = valueLabel("detailsAuthor", tr("Author"));
  parents_ = new QLabel;
  parents_->setObjectName(QStringLiteral("detailsParents"));
  parents_->setAccessibleName(tr("Replies to"));
  parents_->setTextFormat(Qt::RichText);
  parents_->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
  readers_ = valueLabel("detailsReaders", tr("Readers"));
  acked_ = valueLabel("detailsAcked", tr("Acked by"));
  unacked_ = valueLabel("detailsUnacked", tr("Waiting for"));
  received_ = valueLabel("detailsReceived", tr("Received"));
  claimed_ = valueLabel("detailsClaimed", tr("Sent at"));
  warnings_ = valueLabel("detailsWarnings", tr("Warnings"));
  ancestors_ = valueLabel("detailsAncestors", tr("Ancestors"));
  connect(parents_, &QLabel::linkActivated, this, [this](const QString& link) {
    bool ok = false;
    const int row = link.mid(4).toInt(&ok);  // "row:N"
    if (ok) emit jumpToMessageRow(row);
  });

  detailsBox_ = new QWidget;
  form_ = new QFormLayout(detailsBox_);
  form_->setContentsMargins(0, 0, 0, 0);
  form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form_->setHorizontalSpacing(12);
  form_->setVerticalSpacing(2);
  QFont small = font();
  if (small.pointSizeF() > 0) small.setPointSizeF(small.pointSizeF() * 0.9);
  detailsBox_->setFont(small);
  form_->addRow(tr("Author"), author_);
  form_->addRow(tr("Replies to"), parents_);
  form_->addRow(tr("Readers"), readers_);
  form_->addRow(tr("Acked by"), acked_);
  form_->addRow(tr("Waiting for"), unacked_);
  form_->addRow(tr("Received"), received_);
  form_->addRow(tr("Sent at"), claimed_);
  form_->addRow(tr("Warnings"), warnings_);
  form_->addRow(tr("Ancestors"), ancestors_);
  // The heading and the field names in grey: the palette's Mid and Dark on a light
  // theme; on a dark one those are darker than the window, so a muted text colour.
  colors::followPalette(this, [this] {
    const QPalette pal = colors::themeOf(this);
    const bool dark = colors::isDark(pal);
    const QString muted = colors::mutedText(pal).name();
    colors::restyle(heading_, QStringLiteral("color: %1; font-weight: 600; letter-spacing: 1px;")
                                  .arg(dark ? muted : pal.color(QPalette::Mid).name()));
    for (int r = 0; r < form_->rowCount(); ++r)
      if (auto* item = form_->itemAt(r, QFormLayout::LabelRole))
        colors::restyle(item->widget(),
                        QStringLiteral("color: %1;").arg(dark ? muted : pal.color(QPalette::Dark).name()));
  });

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
  const auto set = [](QLabel* l, const QString& t) { static_cast<ElidedLabel*>(l)->setFullText(t); };

  const QString who = it.authorName.isEmpty() ? nameOf(*state_, it.author) : it.authorName;
  set(author_, tr("%1 (%2)").arg(who, trustText(*state_, it.author)));

  // Display parents (C-22), one link per line that selects it.
  if (it.parentRows.isEmpty()) {
    parents_->setText(tr("nothing (the first message)"));
  } else {
    QStringList links;
    int notLoaded = 0;
    for (int p : it.parentRows) {
      const int pi = state_->itemOfMessageRow(p);
      if (pi < 0) {
        ++notLoaded;  // earlier history, not loaded yet
        continue;
      }
      const TranscriptItem& parent = state_->item(pi);
      const QString name = parent.authorName.isEmpty() ? nameOf(*state_, parent.author) : parent.authorName;
      QString excerpt = parent.text.left(14);
      if (parent.text.size() > 14) excerpt += QStringLiteral("…");
      links << QStringLiteral("<a href=\"row:%1\">%2 “%3”</a>")
                   .arg(p)
                   .arg(name.toHtmlEscaped(), excerpt.toHtmlEscaped());
    }
    if (notLoaded > 0) links << tr("%n earlier message(s): scroll up to load them", nullptr, notLoaded);
    parents_->setText(links.join(QStringLiteral("<br>")));
  }

  // Readers (U-6) and acknowledgements (U-15/U-16).
  QStringList others;
  for (const auto& r : it.readers)
    if (r != it.author) others << r;
  set(readers_, namesOf(*state_, others).join(tr(", ")) +
                    (it.differentMembership ? tr(" (not the members shown now)") : QString()));
  QStringList seen, missing;
  for (const auto& r : others) (it.unackedBy.contains(r) ? missing : seen) << r;
  if (it.ack == AckState::FullyAcked)
    set(acked_, tr("all %1").arg(others.size()));
  else
    set(acked_, seen.isEmpty() ? tr("nobody yet") : namesOf(*state_, seen).join(tr(", ")));
  set(unacked_, namesOf(*state_, missing).join(tr(", ")) +
                    (it.ack == AckState::Waiting ? tr(" (longer than expected)") : QString()));
  if (missing.isEmpty()) set(unacked_, tr("nobody"));

  // Times (U-23): ours is this computer's clock; the sender's is only a claim.
  set(received_, tr("%1 (local)").arg(timeText(it.received)));
  set(claimed_, it.claimed ? tr("%1 (claimed, not verified)").arg(timeText(*it.claimed))
                           : tr("not sent by this client"));

  QStringList marks;
  for (const auto& m : it.marks) marks << QStringLiteral("%1 %2").arg(m.code, m.text);
  set(warnings_, marks.isEmpty() ? tr("none") : marks.join(QStringLiteral("; ")));

  const int anc = static_cast<int>(state_->ancestorRows(row_).size());
  const int dimmed = std::max(0, state_->messageCount() - 1 - anc);
  set(ancestors_, tr("%1 highlighted, %2 dimmed").arg(anc).arg(dimmed));
}

}  // namespace mpenc::ui
