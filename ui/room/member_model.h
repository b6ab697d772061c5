// MemberModel: the member list of a room as a flat list model over
// present::RoomState::members(), in two sections, each introduced by a heading
// row: "MEMBERS · ENCRYPTED SESSION" (MemberInfo::inSession) and "IN THE ROOM,
// NOT IN THE SESSION" (channel members outside the session and plain XMPP
// clients, U-10). The second heading only appears when the section has people.
// Members who are neither in the session nor in the room are not listed.
//
// Rebuilt (model reset) on RoomState::membersChanged: member lists are small.
#pragma once

#include <QAbstractListModel>
#include <QVector>

#include "ui/presentation/room_types.h"

namespace mpenc::present {
class RoomState;
}

namespace mpenc::ui {

class MemberModel : public QAbstractListModel {
  Q_OBJECT

 public:
  enum Role {
    IsHeadingRole = Qt::UserRole + 1,  ///< bool: a section heading row
    MemberIdRole,                      ///< QString: MemberInfo::id
    NameRole,                          ///< QString: the name with "(you)" / "(plain XMPP client)"
    StatusTextRole,  ///< QString: "no response for 40 s" (U-19), "being added…"; may be empty
    TrustRole,       ///< int(present::Trust)
    TrustTextRole,   ///< QString: "✓ verified", "unverified", "⚠ key changed"; may be empty
    GreyedRole,      ///< bool: unresponsive (U-19)
    CanInviteRole,   ///< bool: in the room, not in the session, not us (U-10)
    InSessionRole,   ///< bool
    SelfRole,        ///< bool
    MemberRole,      ///< QVariant<present::MemberInfo>
  };
  Q_ENUM(Role)

  explicit MemberModel(present::RoomState* state, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;

  /// The member shown on row `row`, nullptr for headings and out-of-range rows.
  const present::MemberInfo* memberAt(int row) const;
  /// Model row of member `id`, -1 if not listed.
  int rowOf(const QString& id) const;

  static QString sessionHeading();
  static QString outsideHeading();
  /// The trust text shown on the right of a member (empty for none).
  static QString trustText(const present::MemberInfo& m);
  /// The secondary text after the name: unresponsive (U-19) or pending.
  static QString statusText(const present::MemberInfo& m);
  /// The name as listed: "Alice (you)", "grace (plain XMPP client)".
  static QString listedName(const present::MemberInfo& m);

 private:
  struct Row {
    int member = -1;  ///< index into members_, -1 = heading
    QString heading;
  };
  void rebuild();

  present::RoomState* state_;
  QVector<present::MemberInfo> members_;
  QVector<Row> rows_;
};

}  // namespace mpenc::ui
