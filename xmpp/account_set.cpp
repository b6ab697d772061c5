#include "xmpp/account_set.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include "xmpp/identity_store.h"
#include "xmpp/settings_file.h"

namespace mpenc::xmpp {

using mpenc::present::ActionOutcome;
using mpenc::present::RoomBackend;

AccountSet::AccountSet(XmppClientOptions base, QObject* parent)
    : ClientBackend(parent), base_(std::move(base)) {
  addClient(base_.settingsFile);
  const auto s = openSettingsFile(base_.settingsFile);
  const QStringList extra = s->value(QStringLiteral("accounts/files")).toStringList();
  const QDir dir = QFileInfo(s->fileName()).absoluteDir();
  for (const QString& name : extra) {
    // Only plain file names in the settings' own folder (the list may have been edited).
    if (name.isEmpty() || name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\'))) continue;
    const QString path = dir.filePath(name);
    if (QFile::exists(path)) addClient(path);
  }
}

AccountSet::~AccountSet() {
  // Rooms first, then their clients (each client tears its own rooms down).
  clients_.clear();
}

XmppClient* AccountSet::addClient(const QString& settingsFile) {
  XmppClientOptions o = base_;
  o.settingsFile = settingsFile;
  auto c = std::make_shared<XmppClient>(o);
  XmppClient* raw = c.get();
  clients_.push_back(std::move(c));
  files_.push_back(settingsFile);
  connect(raw, &ClientBackend::roomOpened, this, &ClientBackend::roomOpened);
  connect(raw, &ClientBackend::roomClosed, this, &ClientBackend::roomClosed);
  connect(raw, &ClientBackend::connectionChanged, this,
          [this, raw, name = raw->connection().account]() mutable {
            if (raw == current()) emit connectionChanged();
            if (raw->connection().account == name) return;  // not every state change renames the account
            name = raw->connection().account;
            emit accountsChanged();
          });
  connect(raw, &ClientBackend::bookmarksChanged, this, [this, raw] {
    if (raw == current()) emit bookmarksChanged();
  });
  return raw;
}

QString AccountSet::newSettingsFile() const {
  const auto s = openSettingsFile(base_.settingsFile);
  const QDir dir = QFileInfo(s->fileName()).absoluteDir();
  QDir().mkpath(dir.absolutePath());
  return dir.filePath(
      QStringLiteral("account-%1.ini").arg(QUuid::createUuid().toString(QUuid::Id128).left(12)));
}

void AccountSet::saveList() const {
  QStringList names;
  for (int i = 1; i < files_.size(); ++i)
    if (!(adding_ && i == files_.size() - 1)) names << QFileInfo(files_[i]).fileName();
  const auto s = openSettingsFile(base_.settingsFile);
  s->setValue(QStringLiteral("accounts/files"), names);
  s->sync();
}

ActionOutcome AccountSet::connectAccount(const mpenc::present::AccountForm& form) {
  const QString bare = normalizeBareJid(form.jid);
  for (int i = 0; i < clients_.size(); ++i) {
    if (i != current_ && !bare.isEmpty() && clients_[i]->connection().account == bare)
      return ActionOutcome::failure(
          tr("%1 is already one of your accounts. Choose it in the account list to connect it.").arg(bare));
  }
  const ActionOutcome o = current()->connectAccount(form);
  if (o.ok && adding_) {
    adding_ = false;  // it is an account now: kept at the next start
    saveList();
    emit accountsChanged();
  }
  return o;
}

void AccountSet::closeRoom(RoomBackend* room) {
  for (const auto& c : std::as_const(clients_))
    if (c->rooms().contains(room)) c->closeRoom(room);
}

QVector<RoomBackend*> AccountSet::rooms() const {
  QVector<RoomBackend*> out;
  for (const auto& c : clients_) out += c->rooms();
  return out;
}

void AccountSet::setAutoIncludeJoiners(bool on) {
  for (const auto& c : std::as_const(clients_)) c->setAutoIncludeJoiners(on);
}

QStringList AccountSet::accounts() const {
  QStringList out;
  for (const auto& c : clients_) out << c->connection().account;
  return out;
}

void AccountSet::setCurrentAccount(int index) {
  if (index < 0 || index >= clients_.size() || index == current_) return;
  if (adding_ && current_ == clients_.size() - 1) cancelAddAccount();
  current_ = std::min(index, static_cast<int>(clients_.size()) - 1);
  emit accountsChanged();
  emit connectionChanged();
  emit bookmarksChanged();
}

bool AccountSet::beginAddAccount() {
  if (adding_) {
    current_ = static_cast<int>(clients_.size()) - 1;
  } else if (clients_.size() == 1 &&
             current()->connection().phase == mpenc::present::ConnectionPhase::NoAccount) {
    // No account yet: the first one is set up in place.
  } else {
    addClient(newSettingsFile());
    adding_ = true;
    current_ = static_cast<int>(clients_.size()) - 1;
  }
  emit accountsChanged();
  emit connectionChanged();
  emit bookmarksChanged();
  return true;
}

void AccountSet::cancelAddAccount() {
  if (!adding_) return;
  adding_ = false;
  const QString file = files_.takeLast();
  clients_.removeLast();
  QFile::remove(file);
  current_ = std::min(current_, static_cast<int>(clients_.size()) - 1);
  emit accountsChanged();
  emit connectionChanged();
  emit bookmarksChanged();
}

QString AccountSet::accountOf(RoomBackend* room) const {
  for (const auto& c : clients_)
    if (c->rooms().contains(room)) return c->connection().account;
  return {};
}

void AccountSet::connectSaved() {
  for (const auto& c : std::as_const(clients_)) {
    const auto saved = c->savedAccount();
    if (saved && !saved->password.isEmpty() &&
        c->connection().phase == mpenc::present::ConnectionPhase::Disconnected)
      c->connectAccount(*saved);
  }
}

}  // namespace mpenc::xmpp
