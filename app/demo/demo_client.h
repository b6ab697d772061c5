// DemoClient: the account side of the offline demo (`mpenc-chat --demo`).
// Always "connected" as you@demo.invalid (ConnectionStatus::demo = true):
// nothing leaves this computer and nothing is stored. At construction it
// opens the demo room team@demo.invalid (a DemoRoom, simulated members
// running the real engine); roomOpened is emitted from the event loop, so a
// window connected after construction sees it (rooms() lists it at once).
#pragma once

#include <QVector>

#include "ui/presentation/client_backend.h"

namespace mpenc::demo {

class DemoRoom;

class DemoClient : public mpenc::present::ClientBackend {
  Q_OBJECT

 public:
  explicit DemoClient(QObject* parent = nullptr);
  ~DemoClient() override;

  mpenc::present::ConnectionStatus connection() const override;
  std::optional<mpenc::present::AccountForm> savedAccount() const override;
  mpenc::present::ActionOutcome connectAccount(const mpenc::present::AccountForm& form) override;
  void disconnectAccount() override;
  mpenc::present::ActionOutcome joinRoom(const QString& roomJid, const QString& nick) override;
  void closeRoom(mpenc::present::RoomBackend* room) override;
  QVector<mpenc::present::RoomBackend*> rooms() const override;
  void setAutoIncludeJoiners(bool on) override;
  bool autoIncludeJoiners() const { return autoInclude_; }

 private:
  DemoRoom* open(const QString& roomJid, const QString& nick, bool intro);

  QVector<DemoRoom*> rooms_;
  bool autoInclude_ = false;
};

}  // namespace mpenc::demo
