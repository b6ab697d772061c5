#include "ui/app_settings.h"

#include <QSettings>

namespace mpenc::ui {

namespace {

const QString kNotify = QStringLiteral("notifications/when");
const QString kBody = QStringLiteral("notifications/showText");
const QString kAutoInclude = QStringLiteral("session/autoIncludeJoiners");
const QString kTimestamps = QStringLiteral("transcript/timestamps");
const QString kTheme = QStringLiteral("appearance/theme");

}  // namespace

AppSettings::AppSettings(const QString& file, QObject* parent)
    : QObject(parent),
      store_(file.isEmpty() ? std::make_unique<QSettings>()
                            : std::make_unique<QSettings>(file, QSettings::IniFormat)) {}

AppSettings::~AppSettings() = default;

void AppSettings::set(const QString& key, const QVariant& value) {
  if (store_->value(key) == value) return;
  store_->setValue(key, value);
  emit changed();
}

AppSettings::Notify AppSettings::notify() const {
  const QString v = store_->value(kNotify).toString();
  if (v == QLatin1String("off")) return Notify::Off;
  if (v == QLatin1String("all")) return Notify::All;
  return Notify::Unfocused;  // the default, and for anything unknown
}

void AppSettings::setNotify(Notify mode) {
  set(kNotify, mode == Notify::Off   ? QStringLiteral("off")
               : mode == Notify::All ? QStringLiteral("all")
                                     : QStringLiteral("unfocused"));
}

bool AppSettings::notificationBody() const {
  return store_->value(kBody, false).toBool();
}

void AppSettings::setNotificationBody(bool on) {
  set(kBody, on);
}

bool AppSettings::autoInclude() const {
  return store_->value(kAutoInclude, false).toBool();
}

void AppSettings::setAutoInclude(bool on) {
  set(kAutoInclude, on);
}

bool AppSettings::showTimestamps() const {
  return store_->value(kTimestamps, true).toBool();
}

void AppSettings::setShowTimestamps(bool on) {
  set(kTimestamps, on);
}

AppSettings::Theme AppSettings::theme() const {
  const QString v = store_->value(kTheme).toString();
  if (v == QLatin1String("light")) return Theme::Light;
  if (v == QLatin1String("dark")) return Theme::Dark;
  return Theme::System;
}

void AppSettings::setTheme(Theme theme) {
  set(kTheme, theme == Theme::Light  ? QStringLiteral("light")
              : theme == Theme::Dark ? QStringLiteral("dark")
                                     : QStringLiteral("system"));
}

QByteArray AppSettings::windowValue(const QString& key) const {
  return store_->value(QStringLiteral("window/") + key).toByteArray();
}

void AppSettings::setWindowValue(const QString& key, const QByteArray& value) {
  store_->setValue(QStringLiteral("window/") + key, value);  // no changed(): not a preference
}

void AppSettings::sync() {
  store_->sync();
}

}  // namespace mpenc::ui
