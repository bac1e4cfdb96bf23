#pragma once
// The bridge panel: the bridge on or off, how a mail program reaches it (ports
// on 127.0.0.1, username, password), the password copied or regenerated, the
// certificate exported, and step-by-step setup for Thunderbird, Apple Mail,
// Outlook and mutt with the real values filled in. Everything it does goes
// through a BridgeRunner, so nothing here waits on the bridge.

#include "BridgeRunner.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTextBrowser;

namespace cachet::ui {

class BridgePanel : public QWidget {
    Q_OBJECT
public:
    explicit BridgePanel(BridgeRunner& runner, QWidget* parent = nullptr);

private:
    QWidget* makeConnectionBox();
    void showRunnerState();
    void showSetupSteps();
    void switchToggled(bool on);
    void showPasswordToggled(bool shown);
    void copyPassword();
    void confirmRegenerate();
    void exportCertificate();

    BridgeRunner& m_runner;
    QCheckBox* m_switch = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_imapPort = nullptr;
    QLabel* m_imapsPort = nullptr;
    QLabel* m_smtpPort = nullptr;
    QLabel* m_smtpsPort = nullptr;
    QLabel* m_username = nullptr;
    QLineEdit* m_password = nullptr;
    QPushButton* m_showPassword = nullptr;
    QPushButton* m_copyPassword = nullptr;
    QPushButton* m_regenerate = nullptr;
    QLabel* m_fingerprint = nullptr;
    QPushButton* m_exportCertificate = nullptr;
    QTabWidget* m_setupSteps = nullptr;
    QList<QTextBrowser*> m_stepPages;
    QString m_failure; // the last request's failure, shown until the next start
    BridgeRunner::State m_shownState = BridgeRunner::State::Off;
};

} // namespace cachet::ui
