#include "app/demo/demo_client.h"

#include <QRegularExpression>
#include <QTimer>
#include <utility>

#include "app/demo/demo_room.h"

namespace mpenc::demo {

using mpenc::present::ActionOutcome;

namespace {
constexpr int kMaxRooms = 8;
}  // namespace

DemoClient::DemoClient(QObject* parent) : ClientBackend(parent) {
  open(QStringLiteral("team@demo.invalid"), QStringLiteral("you"), /*intro=*/true);
}

DemoClient::~DemoClient() {
  for (DemoRoom* r : rooms_) delete r;
}

mpenc::present::ConnectionStatus DemoClient::connection() const {
  mpenc::present::ConnectionStatus s;
  s.phase = mpenc::present::ConnectionPhase::Connected;
  s.account = QStringLiteral("you@demo.invalid");
  s.ownFingerprint = DemoRoom::userFingerprint();
  s.keyStorage = tr("this demo only (nothing is stored)");
  s.keyStorageWarning = false;
  s.demo = true;
  return s;
}

std::optional<mpenc::present::AccountForm> DemoClient::savedAccount() const {
  mpenc::present::AccountForm f;
  f.jid = QStringLiteral("you@demo.invalid");
  f.rememberPassword = false;
  return f;
}

ActionOutcome DemoClient::connectAccount(const mpenc::present::AccountForm& /*form*/) {
  return ActionOutcome::failure(
      tr("This is the offline demo: it cannot connect to a server. Start mpenc-chat without --demo to "
         "use a real account."));
}

void DemoClient::disconnectAccount() {
  // The demo has no connection to drop: it stays "connected" to itself.
}

ActionOutcome DemoClient::joinRoom(const QString& roomJid, const QString& nick) {
  const QString jid = roomJid.trimmed().toLower();
  static const QRegularExpression kBare(QStringLiteral("^[^@/\\s]+@[^@/\\s]+$"));
  if (!kBare.match(jid).hasMatch())
    return ActionOutcome::failure(
        tr("\"%1\" is not a room address. Type it as name@server, for example design@demo.invalid.")
            .arg(roomJid));
  for (DemoRoom* r : rooms_)
    if (r->roomJid() == jid) return ActionOutcome::failure(tr("%1 is already open.").arg(jid));
  if (rooms_.size() >= kMaxRooms)
    return ActionOutcome::failure(tr("The demo opens at most %1 rooms. Close one first.").arg(kMaxRooms));
  const QString n = nick.trimmed().isEmpty() ? QStringLiteral("you") : nick.trimmed();
  if (n.contains(QLatin1Char('/')) || n.contains(QLatin1Char('@')))
    return ActionOutcome::failure(tr("A nickname cannot contain \"/\" or \"@\". Choose another one."));
  if (DemoRoom::simulatedNicks().contains(n, Qt::CaseInsensitive))
    return ActionOutcome::failure(tr("The nickname %1 is taken in this room. Choose another one.").arg(n));
  // A new room gets the same simulated members, without the intro: a quiet room.
  open(jid, n, /*intro=*/false);
  return ActionOutcome::success();
}

void DemoClient::closeRoom(mpenc::present::RoomBackend* room) {
  auto* r = qobject_cast<DemoRoom*>(room);
  if (!r || !rooms_.contains(r)) return;
  rooms_.removeAll(r);
  r->leave();
  emit roomClosed(r);
  r->deleteLater();
}

QVector<mpenc::present::RoomBackend*> DemoClient::rooms() const {
  QVector<mpenc::present::RoomBackend*> out;
  for (DemoRoom* r : rooms_) out.push_back(r);
  return out;
}

void DemoClient::setAutoIncludeJoiners(bool on) {
  autoInclude_ = on;
  for (DemoRoom* r : std::as_const(rooms_)) r->setAutoIncludeJoiners(on);
}

DemoRoom* DemoClient::open(const QString& roomJid, const QString& nick, bool intro) {
  auto* room = new DemoRoom(roomJid, nick, intro);
  room->setAutoIncludeJoiners(autoInclude_);
  rooms_.push_back(room);
  // Queued: a window connected right after construction still sees it.
  QTimer::singleShot(0, this, [this, room] {
    if (rooms_.contains(room)) emit roomOpened(room);
  });
  return room;
}

}  // namespace mpenc::demo
