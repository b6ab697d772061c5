// AccountSet: several XMPP accounts in one window (issue 11), as one
// ClientBackend. Each account is an XmppClient with its own settings file
// (the first one keeps the application's settings file, so a single-account
// setup stays as it was); identity keys, trust pins and history files are
// per bare JID in the shared data directory already. The list of further
// accounts is kept in the main settings file ("accounts/files").
//
// The window's account bar, account dialog, join dialog and bookmarks act on
// the current account; the room list shows the rooms of all of them, each
// room belonging to the account that joined it.
#pragma once

#include <QStringList>
#include <QVector>
#include <memory>

#include "xmpp/xmpp_client.h"

namespace mpenc::xmpp {

class AccountSet : public mpenc::present::ClientBackend {
  Q_OBJECT

 public:
  /// `base.settingsFile` (empty = the application's QSettings) holds the first
  /// account and the list of the others.
  explicit AccountSet(XmppClientOptions base, QObject* parent = nullptr);
  ~AccountSet() override;

  mpenc::present::ConnectionStatus connection() const override { return current()->connection(); }
  std::optional<mpenc::present::AccountForm> savedAccount() const override {
    return current()->savedAccount();
  }
  mpenc::present::ActionOutcome connectAccount(const mpenc::present::AccountForm& form) override;
  void disconnectAccount() override { current()->disconnectAccount(); }
  mpenc::present::ActionOutcome joinRoom(const QString& roomJid, const QString& nick) override {
    return current()->joinRoom(roomJid, nick);
  }
  void closeRoom(mpenc::present::RoomBackend* room) override;
  QVector<mpenc::present::RoomBackend*> rooms() const override;
  void setAutoIncludeJoiners(bool on) override;
  QVector<mpenc::present::Bookmark> bookmarks() const override { return current()->bookmarks(); }
  mpenc::present::ActionOutcome setBookmark(const mpenc::present::Bookmark& b) override {
    return current()->setBookmark(b);
  }
  void removeBookmark(const QString& roomJid) override { current()->removeBookmark(roomJid); }

  QStringList accounts() const override;
  int currentAccount() const override { return current_; }
  void setCurrentAccount(int index) override;
  bool canAddAccounts() const override { return true; }
  bool beginAddAccount() override;
  void cancelAddAccount() override;
  QString accountOf(mpenc::present::RoomBackend* room) const override;

  /// Connect every account whose password is remembered (at start).
  void connectSaved();
  XmppClient* client(int index) const { return clients_.value(index).get(); }
  int count() const { return static_cast<int>(clients_.size()); }

 private:
  XmppClient* current() const { return clients_.at(current_).get(); }
  XmppClient* addClient(const QString& settingsFile);
  void saveList() const;
  QString newSettingsFile() const;

  XmppClientOptions base_;
  QVector<std::shared_ptr<XmppClient>> clients_;
  QStringList files_;  // settings file of clients_[i] (i ≥ 1); files_[0] = base
  int current_ = 0;
  bool adding_ = false;  // clients_.last() is an account being added
};

}  // namespace mpenc::xmpp
