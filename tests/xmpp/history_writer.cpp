// A process that writes history rows as fast as it can, for the SIGKILL test
// (test_history.cpp): batches of 50 messages in one transaction each; after
// every commit it prints "committed <messages so far>" and flushes, so the
// test knows what must survive when it kills this process at a random moment.
//
//   mpenc_history_writer <db> <64 hex key> <room> <batches>
#include <QCoreApplication>
#include <QDateTime>
#include <array>
#include <cstdio>
#include <cstring>

#include "xmpp/history_store.h"

using namespace mpenc::xmpp::history;

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  if (argc != 5) return 2;
  const QByteArray keyBytes = QByteArray::fromHex(argv[2]);
  if (keyBytes.size() != 32) return 2;
  std::array<std::uint8_t, 32> k{};
  std::memcpy(k.data(), keyBytes.constData(), 32);
  HistoryStore store;
  const auto st = store.open(QString::fromLocal8Bit(argv[1]), StorageKey::fromBytes(k));
  if (!st.ok()) {
    std::fprintf(stderr, "open: %s\n", qPrintable(st.message));
    return 1;
  }
  const QByteArray tag = store.roomTag(QString::fromLocal8Bit(argv[3]));
  qint64 ordinal = store.messageCount(tag);
  const int batches = QByteArray(argv[4]).toInt();
  for (int b = 0; b < batches; ++b) {
    if (!store.begin()) return 1;
    for (int i = 0; i < 50; ++i, ++ordinal) {
      StoredItem s;
      s.ordinal = ordinal;
      s.item.id = QString::number(ordinal, 16);
      s.item.author = QStringLiteral("room@muc/writer");
      s.item.authorName = QStringLiteral("writer");
      s.item.text = QStringLiteral("message %1 ").arg(ordinal) + QString(200, QLatin1Char('x'));
      s.item.received = QDateTime::currentDateTime();
      if (ordinal > 0) s.item.parentRows = {static_cast<int>(ordinal - 1)};
      if (store.append(tag, s) < 0) return 1;
    }
    if (!store.commit()) return 1;
    std::printf("committed %lld\n", static_cast<long long>(ordinal));
    std::fflush(stdout);
  }
  return 0;
}
