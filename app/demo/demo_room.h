// DemoRoom: the offline demo's room (`mpenc-chat --demo`). Every member runs
// the real engine: one mpenc::session::Session for the user and one for each
// simulated member (alice, bob, carol, dave, frank), each with its own Ed25519
// identity key, all over one in-memory honest MUC (MemoryHub). Nothing is
// scripted on the view's side: the user's Session's notices go through the
// same SessionPresenter as a real XMPP room.
//
// Time is virtual. The first simulated minute (the intro, demo_script.cpp) is
// fast-forwarded into the first second after construction; after that the
// clock runs in real time from a QTimer. The intro shows an established
// session, concurrent replies ("[k]" markers, U-2), an include and an exclude,
// a slow member whose acks are late (W-3 "waiting for …", cleared later), an
// unresponsive member (W-8; it recovers a few seconds into real time), and a
// member coming back with a changed key (not re-included without consent).
//
// The simulated members answer what the user sends, so the user's messages
// become fully acked (U-15) within a few seconds.
#pragma once

#include <QElapsedTimer>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/demo/memory_hub.h"
#include "mpenc/crypto/primitives.h"
#include "mpenc/crypto/rng.h"
#include "mpenc/session/session.h"
#include "ui/presentation/room_backend.h"
#include "ui/presentation/room_state.h"

namespace mpenc::present {
class SessionPresenter;
}

namespace mpenc::demo {

class DemoRoom : public mpenc::present::RoomBackend {
  Q_OBJECT

 public:
  using Millis = mpenc::session::Millis;

  /// `roomJid` like "team@demo.invalid"; the user is "<roomJid>/<nick>".
  /// `intro` = false: only the session set-up runs (a quiet room).
  explicit DemoRoom(const QString& roomJid = QStringLiteral("team@demo.invalid"),
                    const QString& nick = QStringLiteral("you"), bool intro = true,
                    QObject* parent = nullptr);
  ~DemoRoom() override;

  // ---- RoomBackend ----------------------------------------------------------
  mpenc::present::RoomState* state() override { return &state_; }
  mpenc::present::ActionOutcome send(const QString& text) override;
  mpenc::present::ActionOutcome include(const QStringList& members) override;
  mpenc::present::ActionOutcome exclude(const QStringList& members) override;
  mpenc::present::ActionOutcome verify(const QString& member, const QString& fingerprint) override;
  mpenc::present::ActionOutcome acceptKey(const QString& member) override;
  mpenc::present::ActionOutcome startNewSession() override;
  void leave() override;
  bool isDemo() const override { return true; }

  // ---- read-only views of the engine (tests, the demo client) ------------------
  const mpenc::session::Session& userSession() const { return *user_; }
  /// Every SessionEvent of the user's current Session, in order.
  const std::vector<mpenc::session::SessionEvent>& userEvents() const { return userEvents_; }
  /// "team@demo.invalid/alice" for "alice".
  std::string memberId(const std::string& nick) const;
  QString roomJid() const { return roomJid_; }
  /// Our own fingerprint (8 groups of 8 hex digits).
  QString ownFingerprint() const;
  /// The demo user's fingerprint (the same identity key in every demo room).
  static QString userFingerprint();
  /// The simulated members' nicks (taken in every demo room).
  static QStringList simulatedNicks();
  /// The current fingerprint of a member's identity key (empty if unknown).
  QString fingerprintOf(const QString& member) const;
  bool introFinished() const { return realTime_; }
  /// T-ES for the user's Session (ClientBackend::setAutoIncludeJoiners): read
  /// by its `rejoining` hook whenever a member enters.
  void setAutoIncludeJoiners(bool on) { autoInclude_ = on; }
  bool autoIncludeJoiners() const { return autoInclude_; }
  /// The user's engine's answer (MembershipEngine::autoIncludable) for the
  /// member `nick`: would it be included automatically on entering now?
  bool wouldAutoInclude(const std::string& nick) const;
  Millis virtualNow() const { return now_; }
  const MemoryHub& hub() const { return hub_; }

 signals:
  /// The fast-forwarded intro is over; the clock runs in real time from now on.
  void introDone();

 private:
  struct Sim {
    std::string nick;
    std::string id;
    std::unique_ptr<mpenc::crypto::SeededRng> rng;
    mpenc::session::GroupChannel* channel = nullptr;
    std::unique_ptr<mpenc::session::Session> session;  // null while its client is gone (lost connection)
  };
  struct KeyEntry {
    QString pinned;    ///< fingerprint the user trusts
    QString current;   ///< fingerprint the member advertises now
    QString previous;  ///< Changed: the pinned one the change replaced
    mpenc::present::Trust trust = mpenc::present::Trust::Unknown;
  };

  // engine plumbing (demo_room.cpp)
  mpenc::session::SessionConfig configFor(const std::string& id, bool user);
  mpenc::crypto::Ed25519KeyPair& identityOf(const std::string& id, bool fresh = false);
  void buildUser();
  Sim& addSim(const std::string& nick);
  /// Replace a simulated member's client by a new one with a new identity key.
  void restartSim(const std::string& nick);
  /// The member's client is gone at once (lost connection): the server notices.
  void dropSim(const std::string& nick);
  Sim* sim(const std::string& nick);
  void onUserChannelEvent(const mpenc::session::ChannelEvent& ev, Millis now);
  void onSimEvent(const std::string& nick, const mpenc::session::SessionEvent& e);
  void flushUserEvents();
  void observeKey(const std::string& member);
  void publishKey(const std::string& member);
  bool keyChangeUnresolved(const std::string& member) const;
  void tick();
  void runUntil(Millis target);
  void stepTo(Millis t);
  void at(Millis when, std::function<void()> cue);
  std::vector<std::string> resolve(const QStringList& members, QString* problem) const;
  mpenc::present::ActionOutcome outcome(const mpenc::Status<mpenc::session::SessionError>& s,
                                        const QStringList& members);
  QString describe(const mpenc::session::SessionError& e, const QStringList& members) const;

  // the simulated members' behaviour (demo_script.cpp)
  void scheduleIntro();
  void scheduleSetup();
  void say(const std::string& nick, const std::string& text);
  void includeBy(const std::string& nick, std::vector<std::string> members, int attempts = 20);
  void excludeBy(const std::string& nick, std::vector<std::string> members, int attempts = 20);
  void planReplies(const mpenc::session::MessageId& id, const std::string& text);
  void onUserMessageSeen(const std::string& nick, const mpenc::session::MessageId& id);
  void onJoinRequest(const std::string& nick, const std::vector<std::string>& members);

  QString roomJid_;
  QString nick_;
  bool intro_ = true;
  mpenc::crypto::SeededRng keyRng_;
  MemoryHub hub_;
  mpenc::present::RoomState state_;
  QPointer<mpenc::present::SessionPresenter> presenter_;
  std::map<std::string, mpenc::crypto::Ed25519KeyPair> identities_;
  std::map<std::string, mpenc::crypto::Ed25519Public> directory_;  // advertised keys (staticKeyOf)
  std::map<std::string, KeyEntry> keys_;                           // the user's view of them
  std::unique_ptr<mpenc::crypto::SeededRng> userRng_;
  mpenc::session::GroupChannel* userChannel_ = nullptr;  // owned by hub_
  std::unique_ptr<mpenc::session::Session> user_;
  std::vector<mpenc::session::SessionEvent> userEvents_;
  std::vector<mpenc::session::SessionEvent> userPending_;  // not yet given to the presenter
  std::map<std::string, std::unique_ptr<Sim>> sims_;       // by nick
  std::multimap<Millis, std::function<void()>> cues_;
  struct Reply {
    std::set<std::string> responders;
    std::string text;
  };
  std::map<mpenc::session::MessageId, Reply> replies_;
  std::size_t replyTurn_ = 0;
  std::uint64_t simSeed_ = 0;
  bool userLeaving_ = false;
  bool autoInclude_ = false;
  Millis now_{0};
  bool realTime_ = false;
  QElapsedTimer clock_;    // real time since the intro ended
  Millis virtualBase_{0};  // virtual time at that moment
  bool stepping_ = false;
  QTimer timer_;
};

}  // namespace mpenc::demo
