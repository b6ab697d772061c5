// XmppClient, part 2: bookmarks and the rooms of the last run (issue 11: rooms
// reopen where they were; autojoin bookmarks). Kept in the settings file by
// SavedRooms (xmpp/saved_rooms.h).
#include <algorithm>

#include "xmpp/saved_rooms.h"
#include "xmpp/server_bookmarks.h"
#include "xmpp/xmpp_client.h"
#include "xmpp/xmpp_room.h"

namespace mpenc::xmpp {

using mpenc::present::ActionOutcome;

void XmppClient::restoreRooms() {
  const SavedRooms saved(options_.settingsFile);
  QVector<mpenc::present::Bookmark> want = saved.openRooms(status_.account);
  for (const auto& b : saved.bookmarks(status_.account))
    if (b.autojoin) want.push_back(b);
  restoring_ = true;
  for (const auto& b : std::as_const(want))
    if (!room(b.roomJid)) joinRoom(b.roomJid, b.nick);  // a bad entry is skipped (joinRoom refuses it)
  restoring_ = false;
  rememberOpenRooms();
}

void XmppClient::rememberOpenRooms() {
  if (restoring_ || status_.account.isEmpty()) return;
  QVector<mpenc::present::Bookmark> open;
  for (XmppRoom* r : std::as_const(rooms_))
    if (!r->isLeaving()) open.push_back({r->roomJid(), r->nick(), true});
  SavedRooms(options_.settingsFile).setOpenRooms(status_.account, open);
}

QVector<mpenc::present::Bookmark> XmppClient::bookmarks() const {
  if (status_.account.isEmpty()) return {};
  return SavedRooms(options_.settingsFile).bookmarks(status_.account);
}

ActionOutcome XmppClient::setBookmark(const mpenc::present::Bookmark& b) {
  if (status_.account.isEmpty()) return ActionOutcome::failure(tr("Set up your account first."));
  QString why;
  const QString jid = normalizeRoomJid(b.roomJid, &why);
  if (jid.isEmpty()) return ActionOutcome::failure(why);
  if (b.nick.trimmed().isEmpty())
    return ActionOutcome::failure(tr("Enter the nickname to use in %1.").arg(jid));
  const SavedRooms saved(options_.settingsFile);
  auto list = saved.bookmarks(status_.account);
  bool found = false;
  for (auto& e : list) {
    if (e.roomJid == jid) {
      e = {jid, b.nick.trimmed(), b.autojoin};
      found = true;
    }
  }
  if (!found) list.push_back({jid, b.nick.trimmed(), b.autojoin});
  storeBookmarks(list);
  return ActionOutcome::success();
}

void XmppClient::removeBookmark(const QString& roomJid) {
  if (status_.account.isEmpty()) return;
  const SavedRooms saved(options_.settingsFile);
  auto list = saved.bookmarks(status_.account);
  const QString jid = roomJid.trimmed().toLower();
  const auto n = list.size();
  list.erase(std::remove_if(list.begin(), list.end(), [&](const auto& e) { return e.roomJid == jid; }),
             list.end());
  if (list.size() == n) return;
  storeBookmarks(list);
}

bool XmppClient::serverBookmarksAvailable() const {
  return serverBookmarks_ && serverBookmarks_->available();
}

void XmppClient::storeBookmarks(const QVector<mpenc::present::Bookmark>& list) {
  SavedRooms(options_.settingsFile).setBookmarks(status_.account, list);
  if (serverBookmarks_ && serverBookmarks_->available()) serverBookmarks_->publish(list);
  emit bookmarksChanged();
}

void XmppClient::onServerBookmarks(const QVector<mpenc::present::Bookmark>& server) {
  // The union: the server's entries (they may come from another device) and
  // the local ones it does not have yet; both sides end up with it.
  const SavedRooms saved(options_.settingsFile);
  QVector<mpenc::present::Bookmark> merged = server;
  for (const auto& local : saved.bookmarks(status_.account)) {
    const bool known = std::any_of(merged.cbegin(), merged.cend(),
                                   [&](const auto& b) { return b.roomJid == local.roomJid; });
    if (!known) merged.push_back(local);
  }
  saved.setBookmarks(status_.account, merged);
  if (merged.size() != server.size() && serverBookmarks_) serverBookmarks_->publish(merged);
  emit bookmarksChanged();
  if (!options_.restoreRooms) return;
  for (const auto& b : std::as_const(merged))  // autojoin bookmarks made elsewhere
    if (b.autojoin && !room(b.roomJid)) joinRoom(b.roomJid, b.nick);
}

}  // namespace mpenc::xmpp
