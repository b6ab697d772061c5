#include "ui/main_window.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

#include "ui/bookmark_list.h"
#include "ui/dialogs/account_dialog.h"
#include "ui/dialogs/fingerprint_dialog.h"
#include "ui/dialogs/join_room_dialog.h"
#include "ui/palette_colors.h"
#include "ui/presentation/client_backend.h"
#include "ui/room/composer.h"
#include "ui/room/room_view.h"
#include "ui/room_list_delegate.h"

namespace mpenc::ui {

using namespace sidebar;
using present::ConnectionPhase;
using present::Phase;
using present::RoomBackend;

namespace {

constexpr int kSidebarWidth = 250;

QString headingStyle() {
  return QStringLiteral(
      "color: #8b939e; font-weight: bold; letter-spacing: 1px; padding: 12px 12px 4px 12px;");
}

QString shortKey(const QString& fingerprint) {
  QString hex;
  for (QChar c : fingerprint)
    if (c.isLetterOrNumber()) hex += c.toUpper();
  if (hex.size() < 8) return {};
  return MainWindow::tr("key %1 %2 …").arg(hex.left(4), hex.mid(4, 4));
}

}  // namespace

MainWindow::MainWindow(present::ClientBackend* client, const QString& versionInfo, QWidget* parent)
    : QMainWindow(parent), client_(client), versionInfo_(versionInfo) {
  setObjectName(QStringLiteral("mainWindow"));
  setAccessibleName(tr("mpENC Chat"));

  stack_ = new QStackedWidget;
  stack_->setObjectName(QStringLiteral("centreStack"));
  welcomePage_ = buildWelcomePage();
  stack_->addWidget(welcomePage_);

  auto* central = new QWidget;
  auto* layout = new QHBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(buildSidebar());
  layout->addWidget(stack_, 1);
  setCentralWidget(central);

  busy_ = new QProgressBar;
  busy_->setObjectName(QStringLiteral("busyIndicator"));
  busy_->setAccessibleName(tr("Working"));
  busy_->setRange(0, 0);
  busy_->setTextVisible(false);
  busy_->setMaximumSize(100, 10);
  busy_->hide();
  statusText_ = new QLabel;
  statusText_->setObjectName(QStringLiteral("statusText"));
  statusText_->setAccessibleName(tr("Status"));
  statusBar()->addWidget(statusText_, 1);
  statusBar()->addPermanentWidget(busy_);

  buildMenus();

  connect(client_, &present::ClientBackend::connectionChanged, this, [this] {
    refreshConnection();
    refreshProgress();
  });
  connect(client_, &present::ClientBackend::roomOpened, this, &MainWindow::addRoom);
  connect(client_, &present::ClientBackend::roomClosed, this, &MainWindow::removeRoom);
  connect(client_, &present::ClientBackend::accountsChanged, this, [this] {
    refreshConnection();
    for (RoomBackend* room : client_->rooms()) refreshRoomItem(room);  // tooltips name the account
  });
  connect(roomList_, &QListWidget::currentRowChanged, this, [this] { onCurrentRoomChanged(); });

  for (RoomBackend* room : client_->rooms()) addRoom(room);
  refreshConnection();
  refreshProgress();
  refreshTitle();
  resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
  QMenu* account = menuBar()->addMenu(tr("&Account"));
  account->setObjectName(QStringLiteral("accountMenu"));
  QAction* setup = account->addAction(tr("Set up account…"), this, &MainWindow::openAccountDialog);
  setup->setObjectName(QStringLiteral("actionSetupAccount"));
  QAction* add = account->addAction(tr("Add another account…"), this, &MainWindow::addAccount);
  add->setObjectName(QStringLiteral("actionAddAccount"));
  add->setVisible(client_->canAddAccounts());
  QAction* disconnect = account->addAction(tr("Disconnect"), this, [this] { client_->disconnectAccount(); });
  disconnect->setObjectName(QStringLiteral("actionDisconnect"));
  QAction* settings = account->addAction(tr("Settings…"), this, &MainWindow::settingsRequested);
  settings->setObjectName(QStringLiteral("actionSettings"));
  settings->setShortcut(QKeySequence::Preferences);
  account->addSeparator();
  QAction* quit = account->addAction(tr("Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* room = menuBar()->addMenu(tr("&Room"));
  room->setObjectName(QStringLiteral("roomMenu"));
  QAction* join = room->addAction(tr("Join room…"), this, &MainWindow::openJoinRoomDialog);
  join->setObjectName(QStringLiteral("actionJoinRoom"));
  join->setShortcut(QKeySequence(tr("Ctrl+J")));
  QAction* leave = room->addAction(tr("Leave room"), this, &MainWindow::leaveCurrentRoom);
  leave->setObjectName(QStringLiteral("actionLeaveRoom"));
  QAction* mark = room->addAction(tr("Bookmark this room"), this, &MainWindow::bookmarkCurrentRoom);
  mark->setObjectName(QStringLiteral("actionBookmarkRoom"));
  mark->setShortcut(QKeySequence(tr("Ctrl+D")));

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->setObjectName(QStringLiteral("helpMenu"));
  QAction* about = help->addAction(tr("About mpENC Chat"), this, &MainWindow::showAbout);
  about->setObjectName(QStringLiteral("actionAbout"));
}

QWidget* MainWindow::buildSidebar() {
  auto* sidebar = new QWidget;
  sidebar->setObjectName(QStringLiteral("sidebar"));
  sidebar->setAttribute(Qt::WA_StyledBackground);
  sidebar->setFixedWidth(kSidebarWidth);
  sidebar->setStyleSheet(
      QStringLiteral("QWidget#sidebar { background: %1; }"
                     "QListWidget { background: transparent; border: none; color: %2; outline: none; }"
                     "QLabel { color: %2; background: transparent; }")
          .arg(kSidebar.name(), kSidebarText.name()));

  // Account bar: JID bold, "● connected · key 4F2A 91C0 …"; click for the account.
  accountBar_ = new QPushButton;
  accountBar_->setObjectName(QStringLiteral("accountBar"));
  accountBar_->setCursor(Qt::PointingHandCursor);
  accountBar_->setFlat(true);
  accountBar_->setMinimumHeight(52);
  accountBar_->setStyleSheet(QStringLiteral(
      "QPushButton#accountBar { text-align: left; border: none; border-bottom: 1px solid #2c333c; "
      "background: transparent; } QPushButton#accountBar:hover { background: #262c34; }"
      "QPushButton#accountBar:focus { border: 1px solid #3b82f6; }"));
  accountName_ = new QLabel;
  accountName_->setObjectName(QStringLiteral("accountName"));
  QFont bold = accountName_->font();
  bold.setBold(true);
  accountName_->setFont(bold);
  accountState_ = new QLabel;
  accountState_->setObjectName(QStringLiteral("accountState"));
  accountState_->setTextFormat(Qt::RichText);
  accountState_->setWordWrap(true);
  QFont small = accountState_->font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  accountState_->setFont(small);
  for (QLabel* l : {accountName_, accountState_}) l->setAttribute(Qt::WA_TransparentForMouseEvents);
  auto* barLayout = new QVBoxLayout(accountBar_);
  barLayout->setContentsMargins(12, 8, 8, 8);
  barLayout->setSpacing(1);
  barLayout->addWidget(accountName_);
  barLayout->addWidget(accountState_);
  connect(accountBar_, &QPushButton::clicked, this, &MainWindow::onAccountBarClicked);

  auto* roomsHeading = new QLabel(tr("ROOMS"));
  roomsHeading->setStyleSheet(headingStyle());
  roomList_ = new QListWidget;
  roomList_->setObjectName(QStringLiteral("roomList"));
  roomList_->setAccessibleName(tr("Rooms"));
  roomList_->setItemDelegate(new RoomListDelegate(roomList_));
  roomList_->setMouseTracking(true);
  roomList_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

  auto* bookmarksHeading = new QLabel(tr("BOOKMARKS"));
  bookmarksHeading->setStyleSheet(headingStyle());
  bookmarks_ = new BookmarkList(client_);
  connect(bookmarks_, &BookmarkList::showRoomRequested, this, [this](const QString& jid) {
    for (RoomBackend* r : client_->rooms())
      if (r->state()->status().roomJid.compare(jid, Qt::CaseInsensitive) == 0) showRoom(r);
  });
  connect(bookmarks_, &BookmarkList::joinFailed, this,
          [this](const QString& text) { showProblem(tr("The room could not be joined"), text); });

  auto* join = new QPushButton(tr("+ Join room…"));
  join->setObjectName(QStringLiteral("joinRoomButton"));
  join->setAccessibleName(tr("Join room"));
  join->setCursor(Qt::PointingHandCursor);
  join->setStyleSheet(
      QStringLiteral(
          "QPushButton#joinRoomButton { color: %1; background: transparent; border: 1px solid #3a424d; "
          "border-radius: 4px; padding: 6px; margin: 10px 12px; }"
          "QPushButton#joinRoomButton:hover, QPushButton#joinRoomButton:focus { border-color: #5b8def; }")
          .arg(kSidebarText.name()));
  connect(join, &QPushButton::clicked, this, &MainWindow::openJoinRoomDialog);

  auto* layout = new QVBoxLayout(sidebar);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(accountBar_);
  layout->addWidget(roomsHeading);
  layout->addWidget(roomList_, 2);
  layout->addWidget(bookmarksHeading);
  layout->addWidget(bookmarks_, 1);
  layout->addWidget(join);
  return sidebar;
}

QWidget* MainWindow::buildWelcomePage() {
  auto* page = new QWidget;
  page->setObjectName(QStringLiteral("welcomePage"));
  welcomeText_ = new QLabel;
  welcomeText_->setObjectName(QStringLiteral("welcomeText"));
  welcomeText_->setAccessibleName(tr("Welcome"));
  welcomeText_->setWordWrap(true);
  welcomeText_->setAlignment(Qt::AlignCenter);
  welcomeText_->setMaximumWidth(560);
  auto* setup = new QPushButton(tr("Set up an account…"));
  setup->setObjectName(QStringLiteral("setupAccountButton"));
  setup->setAccessibleName(tr("Set up an account"));
  connect(setup, &QPushButton::clicked, this, &MainWindow::openAccountDialog);
  demoHint_ =
      new QLabel(tr("or try <code>mpenc-chat --demo</code> to see an encrypted room without a server"));
  demoHint_->setObjectName(QStringLiteral("demoHint"));
  demoHint_->setAccessibleName(tr("Demo hint"));
  colors::followPalette(demoHint_, [this] {
    colors::restyle(demoHint_,
                    QStringLiteral("color: %1;").arg(colors::mutedText(colors::themeOf(demoHint_)).name()));
  });
  demoHint_->setAlignment(Qt::AlignCenter);

  auto* layout = new QVBoxLayout(page);
  layout->addStretch(1);
  layout->addWidget(welcomeText_, 0, Qt::AlignHCenter);
  layout->addSpacing(12);
  layout->addWidget(setup, 0, Qt::AlignHCenter);
  layout->addWidget(demoHint_, 0, Qt::AlignHCenter);
  layout->addStretch(2);
  return page;
}

void MainWindow::refreshConnection() {
  const present::ConnectionStatus c = client_->connection();
  QString dotColour = kSidebarMuted.name();
  QString state;
  switch (c.phase) {
    case ConnectionPhase::NoAccount:
      state = tr("no account — click to set one up");
      break;
    case ConnectionPhase::Disconnected:
      state = tr("disconnected");
      break;
    case ConnectionPhase::Connecting:
      dotColour = kAmber.name();
      state = tr("connecting…");
      break;
    case ConnectionPhase::Connected:
      dotColour = kGreen.name();
      state = c.demo ? tr("offline demo") : tr("connected");
      break;
    case ConnectionPhase::Reconnecting:
      dotColour = kAmber.name();
      state = tr("reconnecting in %1 s").arg(c.reconnectInS);
      break;
    case ConnectionPhase::Failed:
      dotColour = kRed.name();
      state = c.detail.isEmpty() ? tr("failed") : tr("failed: %1").arg(c.detail);
      break;
  }
  const QString key = shortKey(c.ownFingerprint);
  const int accounts = static_cast<int>(client_->accounts().size());
  accountName_->setText((c.account.isEmpty() ? tr("New account") : c.account) +
                        (accounts > 1 ? QStringLiteral(" ▾") : QString()));
  if (accounts <= 1 && c.account.isEmpty()) accountName_->setText(tr("No account"));
  // "● connected · key 4F2A 91C0 …" on one line when it fits the sidebar, else
  // the key on a line of its own: never cut off, never broken inside.
  const int textWidth = kSidebarWidth - 12 - 8;  // minus the bar's margins
  const QString oneLine = QStringLiteral("● %1 · %2").arg(state, key);
  const bool fits = key.isEmpty() || accountState_->fontMetrics().horizontalAdvance(oneLine) <= textWidth;
  QString keyHtml = key.toHtmlEscaped();
  keyHtml.replace(QLatin1Char(' '), QStringLiteral("&nbsp;"));
  accountState_->setText(QStringLiteral("<span style=\"color:%1\">●&nbsp;%2</span>%3")
                             .arg(dotColour, state.toHtmlEscaped(),
                                  key.isEmpty()
                                      ? QString()
                                      : (fits ? QStringLiteral(" · ") : QStringLiteral("<br>")) + keyHtml));
  // A push button does not grow for a wrapped label by itself: make room for it.
  accountBar_->setMinimumHeight(
      qMax(52, 8 + accountName_->sizeHint().height() + 1 + accountState_->heightForWidth(textWidth) + 8));
  accountBar_->setAccessibleName(tr("Account %1, %2").arg(accountName_->text(), state));
  QString tip = c.detail;
  if (!c.ownFingerprint.isEmpty())
    tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) + tr("Your key: %1").arg(c.ownFingerprint);
  if (!c.keyStorage.isEmpty()) tip += QStringLiteral("\n") + tr("Kept in %1").arg(c.keyStorage);
  accountBar_->setToolTip(tip.trimmed());

  QString text =
      tr("<h2>mpENC Chat</h2><p>End-to-end encrypted group chat in XMPP rooms, with a transcript "
         "that every member can check is the same as everyone else's.</p>");
  if (c.phase == ConnectionPhase::NoAccount)
    text += tr("<p>No account is set up yet.</p>");
  else if (c.phase == ConnectionPhase::Connected)
    text += tr("<p>Join a room to start.</p>");
  if (!versionInfo_.isEmpty())
    text += QStringLiteral("<p><small>%1</small></p>").arg(versionInfo_.toHtmlEscaped());
  welcomeText_->setText(text);
  demoHint_->setVisible(!c.demo);
}

void MainWindow::addRoom(RoomBackend* room) {
  if (views_.contains(room)) return;
  auto* view = new RoomView(room, stack_);
  views_.insert(room, view);
  unread_.insert(room, 0);
  stack_->addWidget(view);
  auto* item = new QListWidgetItem;
  item->setData(RoomPtrRole, QVariant::fromValue(reinterpret_cast<quintptr>(room)));
  roomList_->addItem(item);
  present::RoomState* state = room->state();
  connect(state, &present::RoomState::statusChanged, this, [this, room] {
    // The input just became usable and nothing else has the focus: ready to type.
    if (focusWidget() == nullptr || focusWidget() == accountBar_) focusComposerOf(room);
    refreshRoomItem(room);
    refreshProgress();
    refreshTitle();
  });
  connect(state, &present::RoomState::itemAppended, this, [this, room, state](int index) {
    const present::TranscriptItem& it = state->item(index);
    if (!it.isMessage() || it.own || currentRoomView() == views_.value(room)) return;
    ++unread_[room];
    refreshRoomItem(room);
  });
  refreshRoomItem(room);
  roomList_->setCurrentItem(item);  // a room just opened is the one the user wants to see
  onCurrentRoomChanged();
}

void MainWindow::removeRoom(RoomBackend* room) {
  RoomView* view = views_.take(room);
  unread_.remove(room);
  emit unreadChanged();
  if (QListWidgetItem* item = itemOf(room)) delete item;
  if (view != nullptr) {
    stack_->removeWidget(view);
    view->deleteLater();
  }
  onCurrentRoomChanged();
}

QListWidgetItem* MainWindow::itemOf(RoomBackend* room) const {
  for (int i = 0; i < roomList_->count(); ++i)
    if (roomList_->item(i)->data(RoomPtrRole).value<quintptr>() == reinterpret_cast<quintptr>(room))
      return roomList_->item(i);
  return nullptr;
}

void MainWindow::refreshRoomItem(RoomBackend* room) {
  QListWidgetItem* item = itemOf(room);
  if (item == nullptr) return;
  const present::RoomStatus& s = room->state()->status();
  const QString name = s.title.isEmpty() ? s.roomJid : s.title;
  const int unread = unread_.value(room);
  item->setText(name);
  const bool several = client_->accounts().size() > 1;
  item->setToolTip(several ? tr("%1 (as %2)").arg(s.roomJid, client_->accountOf(room)) : s.roomJid);
  item->setData(EncryptedRole, s.encrypted);
  item->setData(UnreadRole, unread);
  QString accessible = s.encrypted ? tr("%1, encrypted").arg(name) : tr("%1, not encrypted").arg(name);
  if (unread > 0) accessible += tr(", %1 unread").arg(unread);
  item->setData(Qt::AccessibleTextRole, accessible);
  emit unreadChanged();
}

void MainWindow::focusComposerOf(RoomBackend* room) {
  RoomView* view = views_.value(room, nullptr);
  if (view == nullptr || view != currentRoomView()) return;
  if (QPlainTextEdit* input = view->composer()->input(); input->isEnabled()) input->setFocus();
}

RoomView* MainWindow::currentRoomView() const {
  return qobject_cast<RoomView*>(stack_->currentWidget());
}

int MainWindow::unreadCount(RoomBackend* room) const {
  return unread_.value(room, 0);
}

int MainWindow::totalUnread() const {
  int n = 0;
  for (int c : unread_) n += c;
  return n;
}

void MainWindow::showRoom(RoomBackend* room) {
  setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
  show();
  raise();
  activateWindow();
  if (QListWidgetItem* item = itemOf(room)) roomList_->setCurrentItem(item);
}

QString MainWindow::statusText() const {
  return statusText_->text();
}

void MainWindow::onCurrentRoomChanged() {
  QListWidgetItem* item = roomList_->currentItem();
  RoomBackend* room =
      item ? reinterpret_cast<RoomBackend*>(item->data(RoomPtrRole).value<quintptr>()) : nullptr;
  RoomView* view = room ? views_.value(room, nullptr) : nullptr;
  if (view != nullptr) {
    stack_->setCurrentWidget(view);
    // With several accounts, the account bar, joins and bookmarks follow the room shown.
    const int account = static_cast<int>(client_->accounts().indexOf(client_->accountOf(room)));
    if (account >= 0 && account != client_->currentAccount()) client_->setCurrentAccount(account);
    unread_[room] = 0;
    refreshRoomItem(room);
    // Ready to type in the room shown, unless the user is choosing rooms with the keyboard.
    if (!roomList_->hasFocus()) focusComposerOf(room);
  } else {
    stack_->setCurrentWidget(welcomePage_);
  }
  refreshTitle();
  refreshProgress();
}

void MainWindow::refreshTitle() {
  RoomView* view = currentRoomView();
  setWindowTitle(view ? tr("%1 — mpENC Chat").arg(view->room()->state()->status().roomJid)
                      : tr("mpENC Chat"));
}

void MainWindow::refreshProgress() {
  // Progress feedback for anything that takes time (ux.md): connecting, joining, establishing.
  const present::ConnectionStatus c = client_->connection();
  QString text;
  bool busy = false;
  if (c.phase == ConnectionPhase::Connecting) {
    text = tr("Connecting as %1…").arg(c.account);
    busy = true;
  } else if (c.phase == ConnectionPhase::Reconnecting) {
    text = tr("Connection lost; reconnecting in %1 s. Rooms are rejoined automatically.").arg(c.reconnectInS);
    busy = true;
  } else if (c.phase == ConnectionPhase::Failed) {
    text = c.detail.isEmpty() ? tr("Could not connect.") : tr("Could not connect: %1").arg(c.detail);
  } else if (c.phase == ConnectionPhase::NoAccount) {
    text = tr("Not connected");
  } else if (c.phase == ConnectionPhase::Disconnected) {
    text = tr("Disconnected");
  }
  for (auto it = views_.cbegin(); it != views_.cend() && !busy; ++it) {
    const present::RoomStatus& s = it.key()->state()->status();
    const QString name = s.title.isEmpty() ? s.roomJid : s.title;
    if (s.phase == Phase::Joining) {
      text = tr("Joining %1…").arg(name);
      busy = true;
    } else if (s.phase == Phase::Establishing && !s.waitingToBeIncluded) {
      text = tr("Setting up the encrypted session in %1…").arg(name);
      busy = true;
    }
  }
  if (text.isEmpty() && c.phase == ConnectionPhase::Connected)
    text = c.demo ? tr("Offline demo: nothing leaves this computer") : tr("Connected as %1").arg(c.account);
  statusText_->setText(text);
  busy_->setVisible(busy);
}

void MainWindow::addAccount() {
  if (!client_->beginAddAccount()) return;
  auto* dialog = new AccountDialog(std::nullopt, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    const present::ActionOutcome o = client_->connectAccount(dialog->form());
    if (!o.ok) {
      client_->cancelAddAccount();
      showProblem(tr("Could not add the account"), o.message);
    }
  });
  connect(dialog, &QDialog::rejected, this, [this] { client_->cancelAddAccount(); });
  dialog->open();
}

void MainWindow::onAccountBarClicked() {
  const QStringList accounts = client_->accounts();
  if (accounts.size() > 1) {
    // Several accounts: choose the current one (the account bar, the join
    // dialog and the bookmarks follow it), or see its key.
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("accountSwitcher"));
    for (int i = 0; i < accounts.size(); ++i) {
      QAction* a = menu.addAction(accounts[i].isEmpty() ? tr("New account") : accounts[i]);
      a->setCheckable(true);
      a->setChecked(i == client_->currentAccount());
      connect(a, &QAction::triggered, this, [this, i] { client_->setCurrentAccount(i); });
    }
    menu.addSeparator();
    menu.addAction(tr("Your key and connection…"), this, &MainWindow::showOwnAccount);
    menu.addAction(tr("Add another account…"), this, &MainWindow::addAccount);
    menu.exec(accountBar_->mapToGlobal(QPoint(0, accountBar_->height())));
    return;
  }
  showOwnAccount();
}

void MainWindow::showOwnAccount() {
  const present::ConnectionStatus c = client_->connection();
  if (c.phase == ConnectionPhase::NoAccount || c.phase == ConnectionPhase::Disconnected ||
      c.phase == ConnectionPhase::Failed || c.ownFingerprint.isEmpty()) {
    openAccountDialog();
    return;
  }
  auto* box =
      new QMessageBox(QMessageBox::Information, tr("Your key"),
                      tr("%1\n\nYour key fingerprint (others compare it to verify you):\n\n%2%3")
                          .arg(c.account, FingerprintDialog::formatFingerprint(c.ownFingerprint),
                               c.keyStorage.isEmpty() ? QString() : tr("\n\nKept in %1.").arg(c.keyStorage)),
                      QMessageBox::Close, this);
  box->setObjectName(QStringLiteral("ownKeyBox"));
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

void MainWindow::openAccountDialog() {
  auto* dialog = new AccountDialog(client_->savedAccount(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    const present::ActionOutcome o = client_->connectAccount(dialog->form());
    if (!o.ok) showProblem(tr("Could not connect"), o.message);
  });
  dialog->open();
}

void MainWindow::openJoinRoomDialog() {
  auto* dialog = new JoinRoomDialog(client_->connection().account, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    const present::ActionOutcome o = client_->joinRoom(dialog->roomJid(), dialog->nick());
    if (!o.ok) showProblem(tr("Could not join the room"), o.message);
    refreshProgress();
  });
  dialog->open();
}

void MainWindow::bookmarkCurrentRoom() {
  RoomView* view = currentRoomView();
  RoomBackend* room = view ? view->room() : nullptr;
  if (!room) {
    showProblem(tr("No room to bookmark"), tr("Open a room first, then bookmark it."));
    return;
  }
  const auto* state = room->state();
  QString nick;
  for (const auto& m : state->members())
    if (m.self) nick = m.name;
  const auto outcome = client_->setBookmark({state->status().roomJid, nick, true});
  if (!outcome.ok) showProblem(tr("The room could not be bookmarked"), outcome.message);
}

void MainWindow::leaveCurrentRoom() {
  if (RoomView* view = currentRoomView()) client_->closeRoom(view->room());
}

void MainWindow::showAbout() {
  AboutInfo info = about_;
  if (info.version.isEmpty()) info.version = QApplication::applicationVersion();
  auto* dialog = new AboutDialog(info, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->open();
}

void MainWindow::showProblem(const QString& title, const QString& text) {
  statusText_->setText(text);
  auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

}  // namespace mpenc::ui
