// FingerprintDialog: compare a member's key fingerprint out of band (U-21,
// the secondary interface for trust). Shows the member's fingerprint and our
// own in monospace, 8 groups of 8 hex digits, and explains how to compare.
// "They match — mark verified" accepts with Choice::Verify. For a changed key
// it shows the pinned (old) and the new fingerprint and also offers "Accept
// the new key without verifying" (Choice::AcceptKey).
//
// Object names: "fingerprintDialog", "memberFingerprint", "previousFingerprint",
// "ownFingerprint", "verifyButton", "acceptKeyButton", "cancelButton".
#pragma once

#include <QDialog>

#include "ui/presentation/room_types.h"

namespace mpenc::ui {

class FingerprintDialog : public QDialog {
  Q_OBJECT

 public:
  enum class Choice { None, Verify, AcceptKey };

  FingerprintDialog(const present::MemberInfo& member, const QString& ownFingerprint,
                    QWidget* parent = nullptr);

  Choice choice() const { return choice_; }
  const present::MemberInfo& member() const { return member_; }
  /// The fingerprint the user compared (what RoomBackend::verify receives).
  QString comparedFingerprint() const { return member_.fingerprint; }

  /// "0123abcd 4567ef01 …" in two lines of four groups.
  static QString formatFingerprint(const QString& fingerprint);

 private:
  present::MemberInfo member_;
  Choice choice_ = Choice::None;
};

}  // namespace mpenc::ui
