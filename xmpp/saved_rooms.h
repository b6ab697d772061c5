// SavedRooms: an account's bookmarks and the rooms that were open when the app
// last stopped, in the application's settings (QSettings; no secrets). Rooms
// a user closes are forgotten; rooms open at quit reopen at the next connect,
// with the nick they had (issue 11: "rooms reopen where they were").
//
// Kept per account (a group named by a hash of the bare JID). Entries that do
// not parse (edited by hand, another version) are skipped, never fatal.
#pragma once

#include <QString>
#include <QVector>

#include "ui/presentation/client_backend.h"

namespace mpenc::xmpp {

class SavedRooms {
 public:
  /// `settingsFile` empty = the application's QSettings.
  explicit SavedRooms(QString settingsFile) : file_(std::move(settingsFile)) {}

  QVector<mpenc::present::Bookmark> bookmarks(const QString& account) const;
  void setBookmarks(const QString& account, const QVector<mpenc::present::Bookmark>& list) const;
  /// The rooms open at the last quit (autojoin is unused here).
  QVector<mpenc::present::Bookmark> openRooms(const QString& account) const;
  void setOpenRooms(const QString& account, const QVector<mpenc::present::Bookmark>& list) const;

 private:
  QVector<mpenc::present::Bookmark> read(const QString& account, const QString& key) const;
  void write(const QString& account, const QString& key, const QVector<mpenc::present::Bookmark>& list) const;
  QString file_;
};

}  // namespace mpenc::xmpp
