// A TCP relay on 127.0.0.1 for dead-network tests: every connection accepted
// on port() is forwarded byte for byte to 127.0.0.1:<target>.
//
// freeze() models a dead network on which TCP stays up (a lost Wi-Fi link,
// a NAT that dropped its state): every socket stays open on both sides, but
// nothing is forwarded in either direction, and connections accepted while
// frozen are held without opening their upstream. What arrives meanwhile is
// buffered, the way TCP retransmits it. thaw() brings the network back:
//  - a pair whose client side closed while frozen gets its upstream closed
//    and its buffered bytes dropped (the client's kernel gave up; the server
//    learns it from the reset it gets when it next writes);
//  - every other pair forwards what was buffered and carries on;
//  - held connections open their upstream now.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <memory>
#include <vector>

namespace mpenc::test {

class TcpRelay : public QObject {
  Q_OBJECT

 public:
  explicit TcpRelay(quint16 target, QObject* parent = nullptr);
  ~TcpRelay() override;

  /// Listen on 127.0.0.1 (a free port). False if that failed.
  bool listen();
  quint16 port() const { return server_.serverPort(); }

  void freeze();
  void thaw();
  bool frozen() const { return frozen_; }

  /// Connections accepted so far (a reconnect is a new one).
  int accepted() const { return accepted_; }
  /// Pairs whose both sides are still open.
  int open() const;
  /// Bytes that could not be forwarded while frozen (client → server, server → client).
  qint64 heldUp() const { return heldUp_; }
  qint64 heldDown() const { return heldDown_; }

 private:
  struct Pair {
    QPointer<QTcpSocket> client;
    QPointer<QTcpSocket> upstream;
    QByteArray toServer;  // buffered while frozen (or before upstream connected)
    QByteArray toClient;
    bool clientGone = false;
    bool upstreamGone = false;
  };

  void onNewConnection();
  void openUpstream(Pair* p);
  void pump(Pair* p);
  void closePair(Pair* p, bool reset);

  quint16 target_;
  QTcpServer server_;
  std::vector<std::unique_ptr<Pair>> pairs_;
  bool frozen_ = false;
  int accepted_ = 0;
  qint64 heldUp_ = 0;
  qint64 heldDown_ = 0;
};

}  // namespace mpenc::test
