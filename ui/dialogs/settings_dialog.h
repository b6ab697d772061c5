// SettingsDialog: the user's preferences (AppSettings). Every change is
// written at once and applied without a restart (no OK/Apply: Close only).
//
// Object names (stable, for tests): "settingsDialog", "notifyCombo",
// "notifyBodyCheck", "autoIncludeCheck", "timestampsCheck", "themeCombo",
// "settingsClose".
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;

namespace mpenc::ui {

class AppSettings;

class SettingsDialog : public QDialog {
  Q_OBJECT

 public:
  explicit SettingsDialog(AppSettings* settings, QWidget* parent = nullptr);

  QComboBox* notifyCombo() const { return notify_; }
  QCheckBox* notifyBodyCheck() const { return body_; }
  QCheckBox* autoIncludeCheck() const { return autoInclude_; }
  QCheckBox* timestampsCheck() const { return timestamps_; }
  QComboBox* themeCombo() const { return theme_; }

 protected:
  void showEvent(QShowEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void load();
  void refreshHints();

  AppSettings* settings_;
  QComboBox* notify_;
  QCheckBox* body_;
  QCheckBox* autoInclude_;
  QCheckBox* timestamps_;
  QComboBox* theme_;
};

}  // namespace mpenc::ui
