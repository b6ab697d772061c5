#include "ui/dialogs/settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include "ui/app_settings.h"

namespace mpenc::ui {

namespace {

QLabel* hint(const QString& text) {
  auto* l = new QLabel(text);
  l->setObjectName(QStringLiteral("settingsHint"));
  l->setWordWrap(true);
  return l;
}

/// A row "label [combo]".
QHBoxLayout* labelled(const QString& label, QComboBox* combo) {
  auto* row = new QHBoxLayout;
  auto* l = new QLabel(label);
  l->setBuddy(combo);
  row->addWidget(l);
  row->addWidget(combo, 1);
  return row;
}

}  // namespace

SettingsDialog::SettingsDialog(AppSettings* settings, QWidget* parent)
    : QDialog(parent),
      settings_(settings),
      notify_(new QComboBox),
      body_(new QCheckBox(tr("Show the message text in notifications"))),
      autoInclude_(new QCheckBox(tr("Include people who enter a room automatically"))),
      timestamps_(new QCheckBox(tr("Show the time each message arrived"))),
      theme_(new QComboBox) {
  setObjectName(QStringLiteral("settingsDialog"));
  setWindowTitle(tr("Settings"));
  setAccessibleName(windowTitle());

  notify_->setObjectName(QStringLiteral("notifyCombo"));
  notify_->setAccessibleName(tr("Notify about new messages"));
  notify_->addItem(tr("Never"), static_cast<int>(AppSettings::Notify::Off));
  notify_->addItem(tr("In rooms not in view"), static_cast<int>(AppSettings::Notify::Unfocused));
  notify_->addItem(tr("For every message"), static_cast<int>(AppSettings::Notify::All));
  body_->setObjectName(QStringLiteral("notifyBodyCheck"));
  body_->setAccessibleName(body_->text());
  autoInclude_->setObjectName(QStringLiteral("autoIncludeCheck"));
  autoInclude_->setAccessibleName(autoInclude_->text());
  timestamps_->setObjectName(QStringLiteral("timestampsCheck"));
  timestamps_->setAccessibleName(timestamps_->text());
  theme_->setObjectName(QStringLiteral("themeCombo"));
  theme_->setAccessibleName(tr("Colours"));
  theme_->addItem(tr("Like the system"), static_cast<int>(AppSettings::Theme::System));
  theme_->addItem(tr("Light"), static_cast<int>(AppSettings::Theme::Light));
  theme_->addItem(tr("Dark"), static_cast<int>(AppSettings::Theme::Dark));

  auto* notifications = new QGroupBox(tr("Notifications"));
  auto* nLayout = new QVBoxLayout(notifications);
  nLayout->addLayout(labelled(tr("Notify"), notify_));
  nLayout->addWidget(body_);
  nLayout->addWidget(
      hint(tr("Off by default: the text would be seen by the system's notification service "
              "and may appear on the lock screen. Without it a notification only names the "
              "room and the author.")));

  auto* rooms = new QGroupBox(tr("Encrypted rooms"));
  auto* rLayout = new QVBoxLayout(rooms);
  rLayout->addWidget(autoInclude_);
  rLayout->addWidget(
      hint(tr("Otherwise you are asked each time. Someone whose key changed is never "
              "included without you accepting the new key.")));

  auto* look = new QGroupBox(tr("Appearance"));
  auto* lLayout = new QVBoxLayout(look);
  lLayout->addWidget(timestamps_);
  lLayout->addLayout(labelled(tr("Colours"), theme_));

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  QPushButton* close = buttons->button(QDialogButtonBox::Close);
  close->setObjectName(QStringLiteral("settingsClose"));
  close->setText(tr("Close"));  // ours: Qt's own texts need qttranslations
  close->setAccessibleName(tr("Close"));
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(notifications);
  layout->addWidget(rooms);
  layout->addWidget(look);
  layout->addWidget(buttons);
  setMinimumWidth(460);

  load();
  refreshHints();
  connect(notify_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
          [this] { settings_->setNotify(static_cast<AppSettings::Notify>(notify_->currentData().toInt())); });
  connect(body_, &QCheckBox::toggled, settings_, &AppSettings::setNotificationBody);
  connect(autoInclude_, &QCheckBox::toggled, settings_, &AppSettings::setAutoInclude);
  connect(timestamps_, &QCheckBox::toggled, settings_, &AppSettings::setShowTimestamps);
  connect(theme_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
          [this] { settings_->setTheme(static_cast<AppSettings::Theme>(theme_->currentData().toInt())); });
  connect(settings_, &AppSettings::changed, this, &SettingsDialog::load);
}

void SettingsDialog::showEvent(QShowEvent* event) {
  QDialog::showEvent(event);
  // A window does not grow for wrapped labels by itself (height for width).
  const int h = layout()->totalHeightForWidth(width());
  if (h > height()) resize(width(), h);
}

void SettingsDialog::changeEvent(QEvent* event) {
  QDialog::changeEvent(event);
  if (event->type() == QEvent::PaletteChange) refreshHints();
}

void SettingsDialog::refreshHints() {
  // Secondary text: between the text and the background of the current
  // palette, so it reads in light and dark themes alike.
  const QPalette base = palette();
  const QColor fg = base.color(QPalette::WindowText), bg = base.color(QPalette::Window);
  const QColor muted((fg.red() * 6 + bg.red() * 4) / 10, (fg.green() * 6 + bg.green() * 4) / 10,
                     (fg.blue() * 6 + bg.blue() * 4) / 10);
  const auto hints = findChildren<QLabel*>(QStringLiteral("settingsHint"));
  for (QLabel* l : hints) {
    QPalette p = l->palette();
    p.setColor(QPalette::WindowText, muted);
    l->setPalette(p);
  }
}

void SettingsDialog::load() {
  const QSignalBlocker b1(notify_), b2(body_), b3(autoInclude_), b4(timestamps_), b5(theme_);
  notify_->setCurrentIndex(notify_->findData(static_cast<int>(settings_->notify())));
  body_->setChecked(settings_->notificationBody());
  body_->setEnabled(settings_->notify() != AppSettings::Notify::Off);
  autoInclude_->setChecked(settings_->autoInclude());
  timestamps_->setChecked(settings_->showTimestamps());
  theme_->setCurrentIndex(theme_->findData(static_cast<int>(settings_->theme())));
}

}  // namespace mpenc::ui
