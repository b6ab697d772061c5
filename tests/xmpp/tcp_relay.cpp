#include "tcp_relay.h"

#include <QHostAddress>

namespace mpenc::test {

TcpRelay::TcpRelay(quint16 target, QObject* parent) : QObject(parent), target_(target) {
  connect(&server_, &QTcpServer::newConnection, this, &TcpRelay::onNewConnection);
}

TcpRelay::~TcpRelay() {
  server_.close();
  for (auto& p : pairs_) {
    if (p->client) p->client->disconnect(this);
    if (p->upstream) p->upstream->disconnect(this);
    delete p->client.data();
    delete p->upstream.data();
  }
}

bool TcpRelay::listen() {
  return server_.listen(QHostAddress::LocalHost, 0);
}

int TcpRelay::open() const {
  int n = 0;
  for (const auto& p : pairs_)
    if (!p->clientGone && !p->upstreamGone) ++n;
  return n;
}

void TcpRelay::onNewConnection() {
  while (QTcpSocket* s = server_.nextPendingConnection()) {
    ++accepted_;
    auto pair = std::make_unique<Pair>();
    Pair* p = pair.get();
    pairs_.push_back(std::move(pair));
    p->client = s;
    s->setParent(this);
    connect(s, &QTcpSocket::readyRead, this, [this, p] {
      const QByteArray data = p->client->readAll();
      p->toServer += data;
      if (frozen_) heldUp_ += data.size();
      pump(p);
    });
    connect(s, &QTcpSocket::disconnected, this, [this, p] {
      p->clientGone = true;
      if (!frozen_) closePair(p, false);  // frozen: the server must not learn of it yet
    });
    if (!frozen_) openUpstream(p);
  }
}

void TcpRelay::openUpstream(Pair* p) {
  if (p->upstream || p->clientGone) return;
  auto* u = new QTcpSocket(this);
  p->upstream = u;
  connect(u, &QTcpSocket::connected, this, [this, p] { pump(p); });
  connect(u, &QTcpSocket::readyRead, this, [this, p] {
    const QByteArray data = p->upstream->readAll();
    p->toClient += data;
    if (frozen_) heldDown_ += data.size();
    pump(p);
  });
  connect(u, &QTcpSocket::disconnected, this, [this, p] {
    p->upstreamGone = true;
    if (!frozen_) closePair(p, false);
  });
  u->connectToHost(QHostAddress::LocalHost, target_);
}

void TcpRelay::pump(Pair* p) {
  if (frozen_) return;
  if (p->upstream && p->upstream->state() == QAbstractSocket::ConnectedState && !p->toServer.isEmpty()) {
    p->upstream->write(p->toServer);
    p->toServer.clear();
  }
  if (p->client && p->client->state() == QAbstractSocket::ConnectedState && !p->toClient.isEmpty()) {
    p->client->write(p->toClient);
    p->toClient.clear();
  }
}

void TcpRelay::closePair(Pair* p, bool reset) {
  pump(p);  // a graceful close forwards what is left (nothing after a freeze: dropped)
  p->toServer.clear();
  p->toClient.clear();
  if (p->client && p->client->state() != QAbstractSocket::UnconnectedState) p->client->disconnectFromHost();
  if (p->upstream && p->upstream->state() != QAbstractSocket::UnconnectedState) {
    if (reset)
      p->upstream->abort();  // a reset, as the server would see it
    else
      p->upstream->disconnectFromHost();
  }
  p->clientGone = true;
  p->upstreamGone = true;
}

void TcpRelay::freeze() {
  frozen_ = true;
}

void TcpRelay::thaw() {
  frozen_ = false;
  for (auto& pair : pairs_) {
    Pair* p = pair.get();
    if (p->clientGone || p->upstreamGone) {
      p->toServer.clear();  // the client's kernel gave up on these bytes
      p->toClient.clear();
      closePair(p, true);
      continue;
    }
    if (!p->upstream) openUpstream(p);
    pump(p);
  }
}

}  // namespace mpenc::test
