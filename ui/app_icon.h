// The application icon (resources/mpenc-chat.svg: a green speech bubble with
// a white padlock), drawn as vectors with QPainter at every size the platform
// asks for, so it is sharp at any device pixel ratio without the Qt SVG
// module. With `unread` > 0 it carries a badge with the count (the tray).
#pragma once

#include <QIcon>

namespace mpenc::ui {

/// The installed theme icon "mpenc-chat" when the desktop has it and there is
/// no badge; otherwise the drawn one.
QIcon appIcon(int unread = 0);
/// The drawn icon as a pixmap of `size` × `size` device-independent pixels at `dpr`.
QPixmap appIconPixmap(int size, qreal dpr, int unread = 0);

}  // namespace mpenc::ui
