#pragma once

#include <QString>

class QWidget;

namespace mpenc::ui {

//! Renders \a widget (as it would appear on screen) into a PNG at \a path,
//! creating the directory if needed. Returns false, with the reason in
//! \a error when given, if nothing could be written.
bool saveScreenshot(QWidget& widget, const QString& path, QString* error = nullptr);

}  // namespace mpenc::ui
