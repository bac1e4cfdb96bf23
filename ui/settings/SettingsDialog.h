#pragma once
// Tools → Settings: the account (its servers and login, edited in the account
// dialog and tested there), how often every folder is synced, whether remote
// images are shown, whether mail is encrypted whenever every recipient has a
// key, the profile passphrase, and where the logs are. Stored in the encrypted
// store (AppSettings); applied at once.

#include "settings/AppSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace cachet::ui {

class Session;

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(Session& session, QWidget* parent = nullptr);

signals:
    // The user asked to change the profile passphrase (the app does it: it
    // pauses the sync and the bridge while the store is re-encrypted).
    void passphraseChangeRequested();
    void saved();

private:
    void load();
    void save();
    void editAccount();

    Session& m_session;
    AppSettings m_settings;
    QLabel* m_account = nullptr;
    QSpinBox* m_interval = nullptr;
    QComboBox* m_remoteContent = nullptr;
    QCheckBox* m_encrypt = nullptr;
};

} // namespace cachet::ui
