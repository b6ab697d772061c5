#include "ui/room/history_search.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/palette_colors.h"
#include "ui/presentation/room_backend.h"

namespace mpenc::ui {

namespace {
constexpr int kSnippetChars = 120;
}

HistorySearch::HistorySearch(present::RoomBackend* room, QWidget* parent)
    : QWidget(parent), room_(room), field_(new QLineEdit), status_(new QLabel), results_(new QListWidget) {
  setObjectName(QStringLiteral("historySearch"));
  setAccessibleName(tr("Search the saved history of this room"));
  setAttribute(Qt::WA_StyledBackground);
  // The palette's Mid on a light theme; on a dark one Mid is darker than the window.
  colors::followPalette(this, [this] {
    const QPalette pal = colors::themeOf(this);
    const QColor line = colors::isDark(pal) ? colors::separator(pal) : pal.color(QPalette::Mid);
    colors::restyle(
        this, QStringLiteral("QWidget#historySearch { border-bottom: 1px solid %1; }").arg(line.name()));
  });
  field_->setObjectName(QStringLiteral("historySearchField"));
  field_->setPlaceholderText(tr("Search this room's saved messages…"));
  field_->setClearButtonEnabled(true);
  field_->setAccessibleName(tr("Search text"));
  field_->installEventFilter(this);
  status_->setObjectName(QStringLiteral("historySearchStatus"));
  status_->setForegroundRole(QPalette::PlaceholderText);
  auto* closeButton = new QToolButton;
  closeButton->setObjectName(QStringLiteral("historySearchClose"));
  closeButton->setText(QStringLiteral("×"));
  closeButton->setAutoRaise(true);
  closeButton->setAccessibleName(tr("Close the search"));
  connect(closeButton, &QToolButton::clicked, this, &HistorySearch::close);
  results_->setObjectName(QStringLiteral("historySearchResults"));
  results_->setAccessibleName(tr("Matching messages"));
  results_->setWordWrap(true);
  results_->setUniformItemSizes(false);
  results_->hide();
  results_->installEventFilter(this);

  auto* row = new QHBoxLayout;
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(field_, 1);
  row->addWidget(status_);
  row->addWidget(closeButton);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(14, 6, 8, 6);
  layout->setSpacing(4);
  layout->addLayout(row);
  layout->addWidget(results_);

  debounce_.setSingleShot(true);
  debounce_.setInterval(250);
  connect(&debounce_, &QTimer::timeout, this, &HistorySearch::searchNow);
  connect(field_, &QLineEdit::textChanged, this, [this] { debounce_.start(); });
  connect(field_, &QLineEdit::returnPressed, this, [this] {
    if (debounce_.isActive() || matches_.isEmpty()) searchNow();
    if (!matches_.isEmpty()) activate(results_->currentRow() >= 0 ? results_->currentRow() : 0);
  });
  connect(results_, &QListWidget::itemActivated, this,
          [this](QListWidgetItem* item) { activate(results_->row(item)); });
  connect(results_, &QListWidget::itemClicked, this,
          [this](QListWidgetItem* item) { activate(results_->row(item)); });
  hide();
}

void HistorySearch::open() {
  show();
  field_->setFocus(Qt::ShortcutFocusReason);
  field_->selectAll();
}

void HistorySearch::close() {
  debounce_.stop();
  hide();
  emit closed();
}

void HistorySearch::searchNow() {
  debounce_.stop();
  results_->clear();
  matches_.clear();
  const QString q = field_->text().trimmed();
  if (q.isEmpty()) {
    status_->clear();
    results_->hide();
    return;
  }
  matches_ = room_->searchHistory(q);
  const QLocale locale;
  for (const auto& m : std::as_const(matches_)) {
    QString text = m.text.simplified();
    if (text.size() > kSnippetChars) text = text.left(kSnippetChars) + QStringLiteral("…");
    const QString who = m.own ? tr("%1 (you)").arg(m.authorName) : m.authorName;
    const QString when = locale.toString(m.received.toLocalTime(), QLocale::ShortFormat);
    auto* item = new QListWidgetItem(tr("%1 · %2\n%3").arg(who, when, text));
    item->setToolTip(m.text);
    results_->addItem(item);
  }
  status_->setText(matches_.isEmpty() ? tr("no saved message matches")
                                      : tr("%n match(es)", nullptr, matches_.size()));
  // As tall as its rows, up to a few: the transcript stays in view.
  if (!matches_.isEmpty()) {
    const int rowH = std::max(results_->sizeHintForRow(0), fontMetrics().height() * 2 + 4);
    results_->setFixedHeight(std::min(5, static_cast<int>(matches_.size())) * rowH +
                             2 * results_->frameWidth());
  }
  results_->setVisible(!matches_.isEmpty());
  if (!matches_.isEmpty()) results_->setCurrentRow(0);
}

void HistorySearch::activate(int index) {
  if (index < 0 || index >= matches_.size()) return;
  const int row = room_->revealHistory(matches_[index]);
  if (row < 0) {
    status_->setText(tr("that message is no longer saved"));
    return;
  }
  emit revealed(row);
}

bool HistorySearch::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::KeyPress) {
    auto* key = static_cast<QKeyEvent*>(event);
    if (key->key() == Qt::Key_Escape) {
      close();
      return true;
    }
    if (watched == field_ && (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) &&
        results_->count() > 0) {
      const int step = key->key() == Qt::Key_Down ? 1 : -1;
      results_->setCurrentRow(std::clamp(results_->currentRow() + step, 0, results_->count() - 1));
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace mpenc::ui
