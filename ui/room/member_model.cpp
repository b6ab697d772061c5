#include "ui/room/member_model.h"

#include "ui/presentation/room_state.h"

namespace mpenc::ui {

using present::MemberInfo;
using present::Trust;

MemberModel::MemberModel(present::RoomState* state, QObject* parent)
    : QAbstractListModel(parent), state_(state) {
  connect(state_, &present::RoomState::membersChanged, this, [this] {
    beginResetModel();
    rebuild();
    endResetModel();
  });
  rebuild();
}

QString MemberModel::sessionHeading() {
  return tr("MEMBERS · ENCRYPTED SESSION");
}
QString MemberModel::outsideHeading() {
  return tr("IN THE ROOM, NOT IN THE SESSION");
}

void MemberModel::rebuild() {
  members_ = state_->members();
  rows_.clear();
  rows_.push_back({-1, sessionHeading()});
  for (int i = 0; i < members_.size(); ++i)
    if (members_[i].inSession) rows_.push_back({i, {}});
  QVector<Row> outside;
  for (int i = 0; i < members_.size(); ++i)
    if (!members_[i].inSession && members_[i].inRoom) outside.push_back({i, {}});
  if (!outside.isEmpty()) {
    rows_.push_back({-1, outsideHeading()});
    rows_ += outside;
  }
}

int MemberModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

const MemberInfo* MemberModel::memberAt(int row) const {
  if (row < 0 || row >= rows_.size() || rows_[row].member < 0) return nullptr;
  return &members_[rows_[row].member];
}

int MemberModel::rowOf(const QString& id) const {
  for (int r = 0; r < rows_.size(); ++r)
    if (rows_[r].member >= 0 && members_[rows_[r].member].id == id) return r;
  return -1;
}

QString MemberModel::trustText(const MemberInfo& m) {
  if (m.plain) return {};
  switch (m.trust) {
    case Trust::Verified:
      return tr("✓ verified");
    case Trust::Unverified:
      return tr("unverified");
    case Trust::Changed:
      return tr("⚠ key changed");
    case Trust::Unknown:
      return {};
  }
  return {};
}

QString MemberModel::statusText(const MemberInfo& m) {
  if (!m.pending.isEmpty()) return m.pending.endsWith(QChar(0x2026)) ? m.pending : m.pending + QChar(0x2026);
  if (!m.responsive)
    return m.silentForS > 0 ? tr("no response for %1 s").arg(m.silentForS) : tr("no response");
  return {};
}

QString MemberModel::listedName(const MemberInfo& m) {
  const QString name = m.name.isEmpty() ? m.id : m.name;
  // "you (you)" says nothing twice: a nick that already reads "you" stays as it is.
  if (m.self) return name.compare(tr("you"), Qt::CaseInsensitive) == 0 ? name : tr("%1 (you)").arg(name);
  if (m.plain) return tr("%1 (plain XMPP client)").arg(name);
  return name;
}

Qt::ItemFlags MemberModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  if (memberAt(index.row()) == nullptr) return Qt::ItemIsEnabled;  // headings: not selectable
  return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant MemberModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rows_.size()) return {};
  const Row& row = rows_[index.row()];
  if (row.member < 0) {
    switch (role) {
      case Qt::DisplayRole:
      case Qt::AccessibleTextRole:
      case Qt::ToolTipRole:  // the whole heading, should a narrow column elide it
        return row.heading;
      case IsHeadingRole:
        return true;
      default:
        return {};
    }
  }
  const MemberInfo& m = members_[row.member];
  switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: {
      QStringList parts{listedName(m)};
      const QString status = statusText(m);
      if (!status.isEmpty()) parts << status;
      const QString trust = trustText(m);
      if (!trust.isEmpty()) parts << trust;
      if (!m.inSession) parts << tr("not in the encrypted session");
      return parts.join(QStringLiteral(" · "));
    }
    case Qt::ToolTipRole:
      return m.fingerprint.isEmpty() ? m.id : tr("%1\nkey %2").arg(m.id, m.fingerprint);
    case IsHeadingRole:
      return false;
    case MemberIdRole:
      return m.id;
    case NameRole:
      return listedName(m);
    case StatusTextRole:
      return statusText(m);
    case TrustRole:
      return static_cast<int>(m.trust);
    case TrustTextRole:
      return trustText(m);
    case GreyedRole:
      return !m.responsive;
    case CanInviteRole:
      return !m.inSession && m.inRoom && !m.self && m.pending.isEmpty();
    case InSessionRole:
      return m.inSession;
    case SelfRole:
      return m.self;
    case MemberRole:
      return QVariant::fromValue(m);
    default:
      return {};
  }
}

}  // namespace mpenc::ui
