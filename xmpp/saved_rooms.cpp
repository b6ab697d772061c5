#include "xmpp/saved_rooms.h"

#include <QCryptographicHash>
#include <memory>

#include "xmpp/settings_file.h"

namespace mpenc::xmpp {

using mpenc::present::Bookmark;

namespace {

QString group(const QString& account) {
  return QStringLiteral("rooms-") +
         QString::fromLatin1(QCryptographicHash::hash(account.toLower().toUtf8(), QCryptographicHash::Sha256)
                                 .toHex()
                                 .left(16));
}

}  // namespace

QVector<Bookmark> SavedRooms::read(const QString& account, const QString& key) const {
  QVector<Bookmark> out;
  const auto s = openSettingsFile(file_);
  s->beginGroup(group(account));
  const int n = s->beginReadArray(key);
  for (int i = 0; i < n && i < 500; ++i) {
    s->setArrayIndex(i);
    Bookmark b;
    b.roomJid = s->value(QStringLiteral("room")).toString().trimmed().toLower();
    b.nick = s->value(QStringLiteral("nick")).toString().trimmed();
    b.autojoin = s->value(QStringLiteral("autojoin"), true).toBool();
    const bool duplicate =
        std::any_of(out.cbegin(), out.cend(), [&](const Bookmark& o) { return o.roomJid == b.roomJid; });
    if (b.roomJid.contains(QLatin1Char('@')) && !b.nick.isEmpty() && !duplicate) out.push_back(b);
  }
  s->endArray();
  s->endGroup();
  return out;
}

void SavedRooms::write(const QString& account, const QString& key, const QVector<Bookmark>& list) const {
  const auto s = openSettingsFile(file_);
  s->beginGroup(group(account));
  s->remove(key);
  s->beginWriteArray(key, static_cast<int>(list.size()));
  for (int i = 0; i < list.size(); ++i) {
    s->setArrayIndex(i);
    s->setValue(QStringLiteral("room"), list[i].roomJid);
    s->setValue(QStringLiteral("nick"), list[i].nick);
    s->setValue(QStringLiteral("autojoin"), list[i].autojoin);
  }
  s->endArray();
  s->endGroup();
  s->sync();
}

QVector<Bookmark> SavedRooms::bookmarks(const QString& account) const {
  return read(account, QStringLiteral("bookmarks"));
}
void SavedRooms::setBookmarks(const QString& account, const QVector<Bookmark>& list) const {
  write(account, QStringLiteral("bookmarks"), list);
}
QVector<Bookmark> SavedRooms::openRooms(const QString& account) const {
  return read(account, QStringLiteral("open"));
}
void SavedRooms::setOpenRooms(const QString& account, const QVector<Bookmark>& list) const {
  write(account, QStringLiteral("open"), list);
}

}  // namespace mpenc::xmpp
