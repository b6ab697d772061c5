// RoomView: assembles the room pane and forwards user actions to the
// RoomBackend. Failures (ActionOutcome.ok == false) show in an inline status
// line above the composer ("actionStatus"), never as a modal popup.
#include "ui/room/room_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QShortcut>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/dialogs/fingerprint_dialog.h"
#include "ui/palette_colors.h"
#include "ui/presentation/room_backend.h"
#include "ui/room/composer.h"
#include "ui/room/details_pane.h"
#include "ui/room/history_search.h"
#include "ui/room/member_panel.h"
#include "ui/room/room_header.h"
#include "ui/room/transcript_view.h"

namespace mpenc::ui {

using present::ActionOutcome;
using present::NoticeKind;
using present::RoomState;

namespace {

/// The inline status line of the room: what an action could not do, and what to do.
class ActionStatus : public QWidget {
 public:
  explicit ActionStatus(QWidget* parent) : QWidget(parent), text_(new QLabel), timer_(new QTimer(this)) {
    setObjectName(QStringLiteral("actionStatus"));
    setAccessibleName(RoomView::tr("Room status message"));
    setAttribute(Qt::WA_StyledBackground);
    colors::followPalette(this, [this] {
      const QPalette pal = colors::themeOf(this);
      const QColor border = colors::statusBorder(pal, colors::Status::Warning);
      // The text a shade darker than the pills' amber in the light theme (design value).
      const QColor ink =
          colors::isDark(pal) ? colors::statusText(pal, colors::Status::Warning) : QColor(0x6b, 0x41, 0x00);
      colors::restyle(
          this, QStringLiteral("QWidget#actionStatus { background: %1; border-top: 1px solid %2; "
                               "border-bottom: 1px solid %2; } QLabel { color: %3; }")
                    .arg(colors::statusFill(pal, colors::Status::Warning).name(), border.name(), ink.name()));
    });
    text_->setObjectName(QStringLiteral("actionStatusText"));
    text_->setWordWrap(true);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton;
    close->setObjectName(QStringLiteral("actionStatusClose"));
    close->setAccessibleName(RoomView::tr("Dismiss the message"));
    close->setText(QStringLiteral("×"));
    close->setAutoRaise(true);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(14, 4, 8, 4);
    layout->addWidget(text_, 1);
    layout->addWidget(close);
    timer_->setSingleShot(true);
    timer_->setInterval(20000);
    connect(timer_, &QTimer::timeout, this, &QWidget::hide);
    hide();
  }

  void report(const ActionOutcome& outcome, const QString& fallback) {
    if (outcome.ok) {
      hide();  // an earlier problem is answered by this success
      return;
    }
    text_->setText(outcome.message.isEmpty() ? fallback : outcome.message);
    show();
    timer_->start();
  }

 private:
  QLabel* text_;
  QTimer* timer_;
};

}  // namespace

RoomView::RoomView(present::RoomBackend* room, QWidget* parent) : QWidget(parent), room_(room) {
  setObjectName(QStringLiteral("roomView"));
  RoomState* state = room_->state();
  setAccessibleName(tr("Room %1").arg(state->status().roomJid));

  auto* header = new RoomHeader(state, this);
  transcript_ = new TranscriptView(state, this);
  transcript_->setObjectName(QStringLiteral("transcriptView"));
  if (transcript_->accessibleName().isEmpty()) transcript_->setAccessibleName(tr("Messages"));
  auto* status = new ActionStatus(this);
  composer_ = new Composer(room_, this);
  details_ = new DetailsPane(state, this);
  details_->setObjectName(QStringLiteral("detailsPane"));
  if (details_->accessibleName().isEmpty()) details_->setAccessibleName(tr("Selected message"));
  members_ = new MemberPanel(state, this);

  // Left: header, transcript, status line, composer.
  auto* centre = new QWidget;
  centre->setObjectName(QStringLiteral("roomCentre"));
  auto* centreLayout = new QVBoxLayout(centre);
  centreLayout->setContentsMargins(0, 0, 0, 0);
  centreLayout->setSpacing(0);
  centreLayout->addWidget(header);
  search_ = new HistorySearch(room_, this);
  centreLayout->addWidget(search_);
  centreLayout->addWidget(transcript_, 1);
  centreLayout->addWidget(status);
  auto* composerFrame = new QWidget;
  composerFrame->setObjectName(QStringLiteral("composerFrame"));
  composerFrame->setAttribute(Qt::WA_StyledBackground);
  auto* composerLayout = new QVBoxLayout(composerFrame);
  composerLayout->setContentsMargins(0, 0, 0, 0);
  composerLayout->addWidget(composer_);
  centreLayout->addWidget(composerFrame);

  // Right: the details pane on top, the members below (mockup/room-window.png).
  auto* memberBox = new QWidget;
  memberBox->setObjectName(QStringLiteral("memberBox"));
  auto* memberLayout = new QVBoxLayout(memberBox);
  memberLayout->setContentsMargins(0, 0, 0, 0);
  memberLayout->addWidget(members_);
  auto* right = new QSplitter(Qt::Vertical);
  right->setObjectName(QStringLiteral("rightColumn"));
  right->addWidget(details_);
  right->addWidget(memberBox);
  right->setStretchFactor(0, 0);
  right->setStretchFactor(1, 1);
  right->setChildrenCollapsible(false);
  right->setSizes({300, 420});
  right->setMinimumWidth(300);

  auto* split = new QSplitter(Qt::Horizontal);
  split->setObjectName(QStringLiteral("roomSplitter"));
  split->addWidget(centre);
  split->addWidget(right);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 0);
  split->setSizes({700, 360});
  split->setHandleWidth(1);
  // The colours follow the theme, which switches without a restart.
  colors::followPalette(this, [this, composerFrame, split, right] {
    const QPalette pal = colors::themeOf(this);
    const QString line = colors::separator(pal).name(), pane = colors::paneBackground(pal).name();
    colors::restyle(composerFrame,
                    QStringLiteral("QWidget#composerFrame { border-top: 1px solid %1; background: %2; }")
                        .arg(line, pane));
    colors::restyle(split, QStringLiteral("QSplitter#roomSplitter::handle { background: %1; }").arg(line));
    colors::restyle(right, QStringLiteral("QSplitter#rightColumn { background: %1; }").arg(pane));
  });

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(split);

  // Local history: scrolling to the top loads the previous page; Ctrl+F searches it.
  connect(transcript_, &TranscriptView::olderWanted, this, [this] {
    if (room_->hasOlderHistory()) room_->loadOlderHistory();
  });
  auto* find = new QShortcut(QKeySequence::Find, this);
  find->setContext(Qt::WidgetWithChildrenShortcut);
  connect(find, &QShortcut::activated, search_, &HistorySearch::open);
  connect(search_, &HistorySearch::revealed, transcript_, &TranscriptView::selectMessageRow);
  connect(search_, &HistorySearch::closed, transcript_, [this] { transcript_->setFocus(); });

  // Selection (U-3): transcript <-> details pane.
  connect(transcript_, &TranscriptView::selectionChangedTo, details_, &DetailsPane::showMessageRow);
  connect(details_, &DetailsPane::jumpToMessageRow, transcript_, &TranscriptView::selectMessageRow);
  connect(composer_, &Composer::escapePressed, transcript_, &TranscriptView::clearSelection);

  // Compare fingerprints (U-21's secondary interface); the dialog is not modal for the app.
  const auto openVerify = [this, state, status](const QString& who) {
    const present::MemberInfo* m = state->member(who);
    if (m == nullptr) return;
    auto* dialog = new FingerprintDialog(*m, state->ownFingerprint(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, status] {
      const ActionOutcome o = dialog->choice() == FingerprintDialog::Choice::AcceptKey
                                  ? room_->acceptKey(dialog->member().id)
                                  : room_->verify(dialog->member().id, dialog->comparedFingerprint());
      status->report(o, tr("The key state could not be changed."));
    });
    dialog->open();
  };

  // Notice actions: "Invite" (U-10), "Start a new session" (U-22), "Remove
  // from the session" on a W-8 line (U-19).
  connect(transcript_, &TranscriptView::noticeActionTriggered, this,
          [this, state, status, openVerify](int index) {
            if (index < 0 || index >= state->itemCount()) return;
            const present::TranscriptItem item = state->item(index);
            if (item.action.isEmpty()) return;
            ActionOutcome outcome;
            if (item.notice == NoticeKind::Fatal) {
              outcome = room_->startNewSession();
            } else if (item.notice == NoticeKind::KeyChanged && !item.members.isEmpty()) {
              openVerify(item.members.first());
              return;
            } else if (item.code == QLatin1String("W-8") && !item.members.isEmpty()) {
              outcome = room_->exclude(item.members);
            } else if (!item.members.isEmpty()) {
              outcome = room_->include(item.members);
            } else {
              return;
            }
            status->report(outcome, tr("That did not work."));
            if (outcome.ok) state->clearAction(index);
          });

  connect(header, &RoomHeader::startNewSessionRequested, this, [this, status] {
    status->report(room_->startNewSession(), tr("A new session could not be started."));
  });

  // Member actions.
  connect(members_, &MemberPanel::includeRequested, this, [this, status](const QStringList& who) {
    status->report(room_->include(who), tr("They could not be added."));
  });
  connect(members_, &MemberPanel::excludeRequested, this, [this, status](const QStringList& who) {
    status->report(room_->exclude(who), tr("They could not be removed."));
  });
  connect(members_, &MemberPanel::acceptKeyRequested, this, [this, status](const QString& who) {
    status->report(room_->acceptKey(who), tr("The new key could not be accepted."));
  });
  connect(members_, &MemberPanel::verifyRequested, this, openVerify);
}

RoomView::~RoomView() = default;

}  // namespace mpenc::ui
