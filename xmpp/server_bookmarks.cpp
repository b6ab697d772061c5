#include "xmpp/server_bookmarks.h"

#include <QXmppBookmarkManager.h>
#include <QXmppBookmarkSet.h>
#include <QXmppClient.h>

namespace mpenc::xmpp {

using mpenc::present::Bookmark;

namespace {

QVector<Bookmark> fromSet(const QXmppBookmarkSet& set) {
  QVector<Bookmark> out;
  for (const QXmppBookmarkConference& c : set.conferences()) {
    Bookmark b;
    b.roomJid = c.jid().trimmed().toLower();
    b.nick = c.nickName().trimmed();
    b.autojoin = c.autoJoin();
    // Entries without a usable room or nick (other clients allow them) are not ours to join.
    if (!b.roomJid.contains(QLatin1Char('@')) || b.nick.isEmpty()) continue;
    const bool dup =
        std::any_of(out.cbegin(), out.cend(), [&](const Bookmark& o) { return o.roomJid == b.roomJid; });
    if (!dup) out.push_back(b);
  }
  return out;
}

}  // namespace

ServerBookmarks::ServerBookmarks(QXmppClient* client, QObject* parent)
    : QObject(parent), manager_(new QXmppBookmarkManager) {
  client->addExtension(manager_);  // the client owns it
  connect(manager_, &QXmppBookmarkManager::bookmarksReceived, this,
          [this](const QXmppBookmarkSet& set) { emit received(fromSet(set)); });
}

bool ServerBookmarks::available() const {
  return manager_->areBookmarksReceived();
}

QVector<Bookmark> ServerBookmarks::conferences() const {
  return available() ? fromSet(manager_->bookmarks()) : QVector<Bookmark>{};
}

bool ServerBookmarks::publish(const QVector<Bookmark>& list) {
  if (!available()) return false;
  QXmppBookmarkSet set = manager_->bookmarks();  // keeps the URL bookmarks
  const QList<QXmppBookmarkConference> old = set.conferences();
  QList<QXmppBookmarkConference> conferences;
  for (const Bookmark& b : list) {
    QXmppBookmarkConference c;
    c.setJid(b.roomJid);
    c.setNickName(b.nick);
    c.setAutoJoin(b.autojoin);
    // Keep the name another client gave it.
    for (const QXmppBookmarkConference& o : old)
      if (o.jid().compare(b.roomJid, Qt::CaseInsensitive) == 0) c.setName(o.name());
    conferences << c;
  }
  set.setConferences(conferences);
  return manager_->setBookmarks(set);
}

}  // namespace mpenc::xmpp
