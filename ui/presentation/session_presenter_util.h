// Small conversions shared by the two parts of SessionPresenter (engine
// strings and IDs → Qt). Private to ui/presentation/session_presenter*.cpp.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace mpenc::present::presenter_util {

inline QString qs(const std::string& s) {
  return QString::fromStdString(s);
}

inline QStringList qsl(const std::vector<std::string>& v) {
  QStringList out;
  out.reserve(static_cast<int>(v.size()));
  for (const auto& s : v) out << QString::fromStdString(s);
  return out;
}

/// Lower-case hex of a message ID or session ID.
template <std::size_t N>
QString hexOf(const std::array<std::uint8_t, N>& b) {
  return QString::fromLatin1(
      QByteArray(reinterpret_cast<const char*>(b.data()), static_cast<int>(N)).toHex());  // NOLINT
}

}  // namespace mpenc::present::presenter_util
