#include "xmpp/history_store.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringMatcher>
#include <QVariant>

namespace mpenc::xmpp::history {

namespace {

constexpr char kFormat[] = "mpenc-chat-history";
constexpr char kCheckAd[] = "mpenc-history-key-check-v1";
constexpr char kCheckPlain[] = "mpenc-chat history: this key opens this file";

/// The translation context of the texts below (lupdate reads it too).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(mpenc::xmpp::HistoryStore)
};

bool exec(QSqlDatabase& db, const QString& sql, QString* err = nullptr) {
  QSqlQuery q(db);
  if (q.exec(sql)) return true;
  if (err) *err = q.lastError().text();
  return false;
}

}  // namespace

QString storeErrorText(StoreError e, const QString& path, const QString& detail) {
  const QString p = QDir::toNativeSeparators(path);
  switch (e) {
    case StoreError::None:
      return {};
    case StoreError::Io:
      return Tr::tr(
                 "The message history %1 cannot be opened or written (%2). Messages are shown but not "
                 "saved; check that the disk is not full and the folder is writable.")
          .arg(p, detail);
    case StoreError::NotSqlite:
      return Tr::tr(
                 "%1 is not a message history file. It was left as it is and nothing is being saved; "
                 "move it away to start a new history.")
          .arg(p);
    case StoreError::Foreign:
      return Tr::tr(
                 "%1 belongs to another program. It was left as it is and nothing is being saved; move it "
                 "away to start a new history.")
          .arg(p);
    case StoreError::Corrupt:
      return Tr::tr(
                 "The message history %1 is damaged (%2). It was left as it is and nothing is being "
                 "saved; keep a copy, then move it away to start a new history.")
          .arg(p, detail);
    case StoreError::NewerVersion:
      return Tr::tr(
                 "The message history %1 was written by a newer version of mpENC Chat. It was left as "
                 "it is; update mpENC Chat to read it.")
          .arg(p);
    case StoreError::WrongKey:
      return Tr::tr(
                 "The message history %1 was saved under another key (another identity or keychain) and "
                 "cannot be read. It was left as it is and nothing is being saved.")
          .arg(p);
    case StoreError::Busy:
      return Tr::tr(
                 "The message history %1 is in use by another mpENC Chat. Close the other one, then "
                 "reopen the room.")
          .arg(p);
  }
  return {};
}

struct HistoryStore::Impl {
  QString path;
  QString connection;
  QSqlDatabase db;
  std::optional<StorageKey> key;
  int version = 0;
  int depth = 0;       // begin() nesting
  qint64 nextSeq = 0;  // the seq of the next append; 0 = read it from the file
  QString lastError;

  StoreStatus fail(StoreError e, const QString& detail = {}) {
    const StoreStatus s{e, storeErrorText(e, path, detail)};
    closeDb();
    return s;
  }
  void closeDb() {
    if (db.isOpen()) db.close();
    db = QSqlDatabase();
    if (!connection.isEmpty()) QSqlDatabase::removeDatabase(connection);
    connection.clear();
    key.reset();
    version = 0;
    depth = 0;
    nextSeq = 0;
  }
  bool migrate(int to, StoreStatus* st);
  bool migrateTo1(StoreStatus* st);
  bool migrateTo2(StoreStatus* st);
  bool migrateTo3(StoreStatus* st);
  bool putBody(const QByteArray& tag, qint64 seq, const QString& body, QString* err);
  bool checkKey(StoreStatus* st);
};

HistoryStore::HistoryStore() : d_(std::make_unique<Impl>()) {}
HistoryStore::~HistoryStore() {
  close();
}

bool HistoryStore::isOpen() const {
  return d_->db.isOpen();
}
int HistoryStore::schemaVersion() const {
  return d_->version;
}
QString HistoryStore::path() const {
  return d_->path;
}
const StorageKey* HistoryStore::key() const {
  return d_->key ? &*d_->key : nullptr;
}
QString HistoryStore::lastError() const {
  return d_->lastError;
}

void HistoryStore::close() {
  if (d_->depth > 0) {
    d_->depth = 1;
    commit();
  }
  d_->closeDb();
}

StoreStatus HistoryStore::open(const QString& path, StorageKey key, int upToVersion) {
  close();
  d_->path = path;
  const QFileInfo fi(path);
  if (!QDir().mkpath(fi.absolutePath())) return d_->fail(StoreError::Io, Tr::tr("cannot create the folder"));
  const bool existed = fi.exists() && fi.size() > 0;
  if (existed) {  // never let SQLite touch a file that is not one
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return d_->fail(StoreError::Io, f.errorString());
    if (f.read(16) != QByteArray("SQLite format 3\0", 16)) return d_->fail(StoreError::NotSqlite);
  }
  static QAtomicInt counter;
  d_->connection = QStringLiteral("mpenc-history-%1").arg(counter.fetchAndAddRelaxed(1));
  if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
    return d_->fail(StoreError::Io, Tr::tr("the Qt SQLite driver is not installed"));
  d_->db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d_->connection);
  d_->db.setDatabaseName(path);
  d_->db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
  if (!d_->db.open()) return d_->fail(StoreError::Io, d_->db.lastError().text());
  d_->key.emplace(std::move(key));
  QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);

  QSqlQuery q(d_->db);
  if (!q.exec(QStringLiteral("PRAGMA quick_check"))) {
    const QString e = q.lastError().text();
    return d_->fail(e.contains(QLatin1String("locked")) ? StoreError::Busy : StoreError::Corrupt, e);
  }
  if (!q.next() || q.value(0).toString() != QLatin1String("ok"))
    return d_->fail(StoreError::Corrupt, q.value(0).toString());
  q.finish();
  if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) return d_->fail(StoreError::Corrupt);
  d_->version = q.value(0).toInt();
  q.finish();
  if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next())
    return d_->fail(StoreError::Corrupt, q.lastError().text());
  const int objects = q.value(0).toInt();
  q.finish();
  if (d_->version == 0 && objects > 0) return d_->fail(StoreError::Foreign);
  if (d_->version > kSchemaVersion) return d_->fail(StoreError::NewerVersion);
  if (d_->version > 0) {
    // Ours? The meta table names the format and the key check must open.
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'format'")) || !q.next() ||
        q.value(0).toByteArray() != kFormat)
      return d_->fail(StoreError::Foreign);
    q.finish();
  }
  // WAL: readers never block the writer; a killed process loses nothing committed.
  if (!exec(d_->db, QStringLiteral("PRAGMA journal_mode=WAL")) ||
      !exec(d_->db, QStringLiteral("PRAGMA synchronous=NORMAL")))
    return d_->fail(StoreError::Io, d_->db.lastError().text());
  StoreStatus st;
  if (d_->version > 0 && !d_->checkKey(&st)) return st;
  if (!d_->migrate(upToVersion, &st)) return st;
  return {};
}

bool HistoryStore::Impl::checkKey(StoreStatus* st) {
  QSqlQuery q(db);
  QByteArray nonce, sealed;
  if (q.exec(QStringLiteral("SELECT key, value FROM meta WHERE key IN ('key-check', 'key-check-nonce')"))) {
    while (q.next()) {
      if (q.value(0).toString() == QLatin1String("key-check"))
        sealed = q.value(1).toByteArray();
      else
        nonce = q.value(1).toByteArray();
    }
  }
  const auto plain = openBytes(*key, QByteArray(kCheckAd), nonce, sealed);
  if (!plain || *plain != QByteArray(kCheckPlain)) {
    *st = fail(StoreError::WrongKey);
    return false;
  }
  return true;
}

bool HistoryStore::Impl::migrate(int to, StoreStatus* st) {
  to = std::min(to, kSchemaVersion);
  while (version < to) {
    if (!exec(db, QStringLiteral("BEGIN IMMEDIATE"))) {
      *st = fail(StoreError::Busy, db.lastError().text());
      return false;
    }
    const int next = version + 1;
    const bool ok = next == 1 ? migrateTo1(st) : next == 2 ? migrateTo2(st) : migrateTo3(st);
    if (!ok) {
      exec(db, QStringLiteral("ROLLBACK"));
      if (st->ok()) *st = fail(StoreError::Io, db.lastError().text());
      return false;
    }
    if (!exec(db, QStringLiteral("PRAGMA user_version = %1").arg(next)) ||
        !exec(db, QStringLiteral("COMMIT"))) {
      exec(db, QStringLiteral("ROLLBACK"));
      *st = fail(StoreError::Io, db.lastError().text());
      return false;
    }
    version = next;
  }
  return true;
}

bool HistoryStore::Impl::migrateTo1(StoreStatus*) {
  if (!exec(db, QStringLiteral("CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL)")) ||
      !exec(db, QStringLiteral("CREATE TABLE items(seq INTEGER PRIMARY KEY, room BLOB NOT NULL, "
                               "nonce BLOB NOT NULL, payload BLOB NOT NULL)")))
    return false;
  QByteArray nonce;
  const QByteArray sealed = sealBytes(*key, QByteArray(kCheckAd), QByteArray(kCheckPlain), &nonce);
  QSqlQuery q(db);
  q.prepare(QStringLiteral("INSERT INTO meta(key, value) VALUES (?, ?)"));
  for (const auto& [k, v] : {std::pair<QString, QByteArray>{QStringLiteral("format"), QByteArray(kFormat)},
                             {QStringLiteral("key-check"), sealed},
                             {QStringLiteral("key-check-nonce"), nonce}}) {
    q.addBindValue(k);
    q.addBindValue(v);
    if (!q.exec()) return false;
  }
  return true;
}

bool HistoryStore::Impl::migrateTo2(StoreStatus*) {
  if (!exec(db, QStringLiteral("ALTER TABLE items ADD COLUMN kind INTEGER NOT NULL DEFAULT 0")) ||
      !exec(db, QStringLiteral("ALTER TABLE items ADD COLUMN ordinal INTEGER")) ||
      !exec(db, QStringLiteral("CREATE INDEX items_room_seq ON items(room, seq)")))
    return false;
  // Backfill kind and ordinal from the sealed rows (version 1 kept them inside only).
  QSqlQuery read(db);
  read.setForwardOnly(true);
  if (!read.exec(QStringLiteral("SELECT seq, room, nonce, payload FROM items ORDER BY seq"))) return false;
  QSqlQuery write(db);
  write.prepare(QStringLiteral("UPDATE items SET kind = ?, ordinal = ? WHERE seq = ?"));
  while (read.next()) {
    const qint64 seq = read.value(0).toLongLong();
    const auto s = openItem(*key, rowAd(read.value(1).toByteArray(), seq), read.value(2).toByteArray(),
                            read.value(3).toByteArray());
    write.addBindValue(s ? (s->item.isMessage() ? 1 : 2) : 0);  // 0: does not open, kept as it is
    write.addBindValue(s && s->item.isMessage() ? QVariant(s->ordinal) : QVariant());
    write.addBindValue(seq);
    if (!write.exec()) return false;
  }
  return true;
}

bool HistoryStore::Impl::migrateTo3(StoreStatus*) {
  // One b-tree keyed (room, seq): a room's bodies are one contiguous range, so
  // search reads only them, newest first, without touching the rows.
  if (!exec(db, QStringLiteral("CREATE TABLE bodies(room BLOB NOT NULL, seq INTEGER NOT NULL, "
                               "nonce BLOB NOT NULL, body BLOB NOT NULL, PRIMARY KEY(room, seq)) "
                               "WITHOUT ROWID")))
    return false;
  QSqlQuery read(db);
  read.setForwardOnly(true);
  if (!read.exec(QStringLiteral("SELECT seq, room, nonce, payload FROM items WHERE kind = 1 ORDER BY seq")))
    return false;
  while (read.next()) {
    const qint64 seq = read.value(0).toLongLong();
    const QByteArray tag = read.value(1).toByteArray();
    const auto body =
        openBody(*key, rowAd(tag, seq), read.value(2).toByteArray(), read.value(3).toByteArray());
    if (body && !putBody(tag, seq, *body, nullptr))
      return false;  // a row that does not open stays unsearchable
  }
  return true;
}

bool HistoryStore::Impl::putBody(const QByteArray& tag, qint64 seq, const QString& body, QString* err) {
  QByteArray nonce;
  const QByteArray sealed = sealBodyText(*key, bodyAd(tag, seq), body, &nonce);
  QSqlQuery q(db);
  q.prepare(QStringLiteral("INSERT OR REPLACE INTO bodies(room, seq, nonce, body) VALUES (?, ?, ?, ?)"));
  q.addBindValue(tag);
  q.addBindValue(seq);
  q.addBindValue(nonce);
  q.addBindValue(sealed);
  if (q.exec()) return true;
  if (err) *err = q.lastError().text();
  return false;
}

QByteArray HistoryStore::roomTag(const QString& roomJid) const {
  return d_->key ? history::roomTag(*d_->key, roomJid) : QByteArray();
}

bool HistoryStore::begin() {
  if (!isOpen()) return false;
  if (d_->depth++ > 0) return true;
  if (exec(d_->db, QStringLiteral("BEGIN IMMEDIATE"), &d_->lastError)) return true;
  d_->depth = 0;
  return false;
}

bool HistoryStore::commit() {
  if (!isOpen() || d_->depth == 0) return false;
  if (--d_->depth > 0) return true;
  if (exec(d_->db, QStringLiteral("COMMIT"), &d_->lastError)) return true;
  exec(d_->db, QStringLiteral("ROLLBACK"));
  d_->nextSeq = 0;
  return false;
}

void HistoryStore::rollback() {
  if (!isOpen() || d_->depth == 0) return;
  d_->depth = 0;
  d_->nextSeq = 0;  // the rolled-back rows took none
  exec(d_->db, QStringLiteral("ROLLBACK"));
}

qint64 HistoryStore::append(const QByteArray& tag, const StoredItem& item) {
  if (!isOpen()) return -1;
  // The seq is chosen before sealing: it is part of the associated data.
  // Read once, then counted here (one writer per file: SingleInstance).
  QSqlQuery q(d_->db);
  if (d_->nextSeq == 0) {
    if (!q.exec(QStringLiteral("SELECT coalesce(max(seq), 0) + 1 FROM items")) || !q.next()) {
      d_->lastError = q.lastError().text();
      return -1;
    }
    d_->nextSeq = q.value(0).toLongLong();
    q.finish();
  }
  const qint64 seq = d_->nextSeq;
  QByteArray nonce;
  const QByteArray sealed = sealItem(*d_->key, rowAd(tag, seq), item, &nonce);
  q.prepare(QStringLiteral("INSERT INTO items(seq, room, nonce, payload%1) VALUES (?, ?, ?, ?%2)")
                .arg(d_->version >= 2 ? QStringLiteral(", kind, ordinal") : QString(),
                     d_->version >= 2 ? QStringLiteral(", ?, ?") : QString()));
  q.addBindValue(seq);
  q.addBindValue(tag);
  q.addBindValue(nonce);
  q.addBindValue(sealed);
  if (d_->version >= 2) {
    q.addBindValue(item.item.isMessage() ? 1 : 2);
    q.addBindValue(item.item.isMessage() ? QVariant(item.ordinal) : QVariant());
  }
  if (!q.exec() ||
      (d_->version >= 3 && item.item.isMessage() && !d_->putBody(tag, seq, item.item.text, &d_->lastError))) {
    if (d_->lastError.isEmpty()) d_->lastError = q.lastError().text();
    d_->nextSeq = 0;  // read it again
    return -1;
  }
  ++d_->nextSeq;
  return seq;
}

bool HistoryStore::update(const QByteArray& tag, qint64 seq, const StoredItem& item) {
  if (!isOpen()) return false;
  QByteArray nonce;
  const QByteArray sealed = sealItem(*d_->key, rowAd(tag, seq), item, &nonce);
  QSqlQuery q(d_->db);
  q.prepare(QStringLiteral("UPDATE items SET nonce = ?, payload = ? WHERE seq = ? AND room = ?"));
  q.addBindValue(nonce);
  q.addBindValue(sealed);
  q.addBindValue(seq);
  q.addBindValue(tag);
  if (!q.exec() || q.numRowsAffected() != 1) {
    d_->lastError = q.lastError().text();
    return false;
  }
  // The body is sealed again too: the search copy always matches the row.
  return d_->version < 3 || !item.item.isMessage() || d_->putBody(tag, seq, item.item.text, &d_->lastError);
}

QVector<HistoryRow> HistoryStore::page(const QByteArray& tag, qint64 beforeSeq, int limit,
                                       int* skipped) const {
  QVector<HistoryRow> out;
  if (skipped) *skipped = 0;
  if (!isOpen() || limit <= 0) return out;
  QSqlQuery q(d_->db);
  q.setForwardOnly(true);
  q.prepare(
      QStringLiteral("SELECT seq, nonce, payload FROM items WHERE room = ? AND seq < ? "
                     "ORDER BY seq DESC LIMIT ?"));
  q.addBindValue(tag);
  q.addBindValue(beforeSeq > 0 ? beforeSeq : std::numeric_limits<qint64>::max());
  q.addBindValue(limit);
  if (!q.exec()) return out;
  while (q.next()) {
    const qint64 seq = q.value(0).toLongLong();
    auto s = openItem(*d_->key, rowAd(tag, seq), q.value(1).toByteArray(), q.value(2).toByteArray());
    if (!s) {
      if (skipped) ++*skipped;
      continue;
    }
    out.push_back(HistoryRow{seq, std::move(*s)});
  }
  std::reverse(out.begin(), out.end());
  return out;
}

qint64 HistoryStore::messageCount(const QByteArray& tag) const {
  if (!isOpen()) return 0;
  QSqlQuery q(d_->db);
  q.prepare(QStringLiteral("SELECT coalesce(max(ordinal) + 1, 0) FROM items WHERE room = ? AND kind = 1"));
  q.addBindValue(tag);
  return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

qint64 HistoryStore::rowCount(const QByteArray& tag, qint64 beforeSeq) const {
  if (!isOpen()) return 0;
  QSqlQuery q(d_->db);
  q.prepare(QStringLiteral("SELECT count(*) FROM items WHERE room = ? AND seq < ?"));
  q.addBindValue(tag);
  q.addBindValue(beforeSeq > 0 ? beforeSeq : std::numeric_limits<qint64>::max());
  return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

QVector<HistoryHit> HistoryStore::search(const QByteArray& tag, const QString& query, int limit) const {
  QVector<HistoryHit> out;
  const QString needle = query.trimmed();
  if (!isOpen() || needle.isEmpty() || limit <= 0) return out;
  const bool bodies = d_->version >= 3;  // older files (only while migrating tests) open whole rows
  QSqlQuery q(d_->db);
  q.setForwardOnly(true);
  q.prepare(bodies ? QStringLiteral("SELECT seq, nonce, body FROM bodies WHERE room = ? ORDER BY seq DESC")
                   : QStringLiteral("SELECT seq, nonce, payload FROM items WHERE room = ? AND kind = 1 "
                                    "ORDER BY seq DESC"));
  q.addBindValue(tag);
  if (!q.exec()) return out;
  const QStringMatcher matcher(needle, Qt::CaseInsensitive);
  QSqlQuery row(d_->db);
  row.prepare(QStringLiteral("SELECT nonce, payload FROM items WHERE seq = ? AND room = ?"));
  while (q.next() && out.size() < limit) {
    const qint64 seq = q.value(0).toLongLong();
    const QByteArray nonce = q.value(1).toByteArray();
    const QByteArray sealed = q.value(2).toByteArray();
    const auto body = bodies ? openBodyText(*d_->key, bodyAd(tag, seq), nonce, sealed)
                             : openBody(*d_->key, rowAd(tag, seq), nonce, sealed);
    if (!body || matcher.indexIn(*body) < 0) continue;
    std::optional<StoredItem> item;  // only matches are opened whole
    if (!bodies) {
      item = openItem(*d_->key, rowAd(tag, seq), nonce, sealed);
    } else {
      row.addBindValue(seq);
      row.addBindValue(tag);
      if (row.exec() && row.next())
        item = openItem(*d_->key, rowAd(tag, seq), row.value(0).toByteArray(), row.value(1).toByteArray());
      row.finish();
    }
    if (item) out.push_back(HistoryHit{seq, std::move(*item)});
  }
  return out;
}

}  // namespace mpenc::xmpp::history
