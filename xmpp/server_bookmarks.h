// ServerBookmarks: the account's room bookmarks on the server (XEP-0048 in
// private XML storage, QXmppBookmarkManager; both QXmpp 1.4 and 1.10), so a
// second device or a fresh install finds the same rooms. XmppClient merges
// them with the local list (xmpp/saved_rooms.h): the union is kept on both
// sides. A server without private storage never answers: the local list is
// all there is, and nothing else changes.
//
// Lives as a child of the AccountConnection whose QXmppClient owns the
// manager (they go away together).
#pragma once

#include <QObject>
#include <QVector>

#include "ui/presentation/client_backend.h"

class QXmppClient;
class QXmppBookmarkManager;
class QXmppBookmarkSet;

namespace mpenc::xmpp {

class ServerBookmarks : public QObject {
  Q_OBJECT

 public:
  /// Adds a bookmark manager to `client` (which owns it); `parent` should own
  /// `client` (the AccountConnection).
  ServerBookmarks(QXmppClient* client, QObject* parent);

  /// The server's bookmarks have arrived (since the last connect).
  bool available() const;
  QVector<mpenc::present::Bookmark> conferences() const;
  /// Store `list` as the conference bookmarks on the server (URL bookmarks
  /// other clients keep there are preserved). False when not available.
  bool publish(const QVector<mpenc::present::Bookmark>& list);

 signals:
  void received(const QVector<mpenc::present::Bookmark>& list);

 private:
  QXmppBookmarkManager* manager_;
};

}  // namespace mpenc::xmpp
