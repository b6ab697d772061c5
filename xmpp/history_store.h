// HistoryStore: one account's local history in SQLite (QtSql), every row
// sealed under the storage key (history_codec.h). mpENC rooms carry no server
// history by design, so this file is the only history a user has.
//
// Schema (PRAGMA user_version), migrated in order on open:
//   1  meta(key TEXT PRIMARY KEY, value BLOB): "format" = "mpenc-chat-history",
//      "key-check" (a sealed constant: the key opens this file), "key-check-nonce";
//      items(seq INTEGER PRIMARY KEY, room BLOB, nonce BLOB, payload BLOB).
//   2  items.kind (1 message, 2 notice) and items.ordinal (the message's
//      ordinal in its room) in the clear, backfilled by decrypting, and an
//      index (room, seq): paging and counting without decrypting.
// The clear columns reveal only what the server saw anyway (that something
// was said, in which order); bodies, authors, times and marks are sealed.
//
// Crash safety: WAL with synchronous = NORMAL (a killed process loses nothing
// committed), one transaction per batch (begin()/commit()). A file that is not
// an SQLite database, belongs to another program, was written by a newer
// version, does not open with this key, or fails the integrity check is a
// typed error and is never modified.
#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>
#include <memory>
#include <optional>

#include "xmpp/history_codec.h"

namespace mpenc::xmpp::history {

enum class StoreError {
  None,
  Io,            ///< the directory or file cannot be created / opened / written
  NotSqlite,     ///< the file exists but is not an SQLite database
  Foreign,       ///< an SQLite database of something else
  Corrupt,       ///< ours, but damaged (integrity check failed)
  NewerVersion,  ///< written by a newer mpENC Chat
  WrongKey,      ///< ours, but sealed under another key (another identity)
  Busy,          ///< another process holds it
};

struct StoreStatus {
  StoreError error = StoreError::None;
  QString message;  ///< for the user: what happened and what to do; empty when fine
  bool ok() const { return error == StoreError::None; }
};

/// One row read back.
struct HistoryRow {
  qint64 seq = 0;
  StoredItem stored;
};

/// A search result: the matching row, opened.
struct HistoryHit {
  qint64 seq = 0;
  StoredItem stored;
};

class HistoryStore {
 public:
  /// 1: items(seq, room, nonce, payload); 2: + kind, ordinal; 3: + bodies
  /// (the search copy of each message body, sealed on its own).
  static constexpr int kSchemaVersion = 3;

  HistoryStore();
  ~HistoryStore();
  HistoryStore(const HistoryStore&) = delete;
  HistoryStore& operator=(const HistoryStore&) = delete;

  /// Open (or create) the file at `path` with `key`, migrating it to
  /// kSchemaVersion. `upToVersion` < kSchemaVersion stops there (tests of
  /// the migrations only).
  StoreStatus open(const QString& path, StorageKey key, int upToVersion = kSchemaVersion);
  void close();
  bool isOpen() const;
  int schemaVersion() const;
  QString path() const;
  const StorageKey* key() const;

  QByteArray roomTag(const QString& roomJid) const;

  // ---- writing (inside begin()/commit(); outside, each call is its own transaction) ----
  bool begin();
  bool commit();
  /// Undo everything since the outermost begin().
  void rollback();
  /// Append `item` to room `tag`; returns its seq, or -1 on a write error.
  qint64 append(const QByteArray& tag, const StoredItem& item);
  /// Replace row `seq` (ack state or marks changed).
  bool update(const QByteArray& tag, qint64 seq, const StoredItem& item);

  // ---- reading ------------------------------------------------------------------------
  /// The newest `limit` rows of room `tag` with seq < `beforeSeq` (0 = no
  /// bound), oldest first. Rows that do not open are skipped and counted in
  /// *skipped.
  QVector<HistoryRow> page(const QByteArray& tag, qint64 beforeSeq, int limit, int* skipped = nullptr) const;
  /// Number of message rows of room `tag` (the next message ordinal).
  qint64 messageCount(const QByteArray& tag) const;
  /// Number of rows of room `tag` with seq < beforeSeq (0 = all).
  qint64 rowCount(const QByteArray& tag, qint64 beforeSeq = 0) const;
  /// Messages of room `tag` whose body contains `query` (case-insensitive),
  /// newest first, at most `limit`.
  QVector<HistoryHit> search(const QByteArray& tag, const QString& query, int limit) const;

  /// The last write error, for the user (empty if none).
  QString lastError() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> d_;
};

/// The user-facing text of a store error for file `path`.
QString storeErrorText(StoreError e, const QString& path, const QString& detail = {});

}  // namespace mpenc::xmpp::history
