#pragma once
// The account dialog, on first run and in Settings: name, address, password,
// and the provider's servers, suggested from the address (WellKnownProviders)
// and always editable. "Test connection" logs in to IMAP and SMTP on a worker
// thread and says per service what worked or exactly what failed; a server
// certificate the system does not trust is offered for pinning
// (CertificatePinDialog) and the test runs again. "Add account" is possible
// once the test passed with the settings as they are; "Add without testing"
// (for a user who is offline) asks first. The caller stores account().

#include "account/CertificatePinDialog.h"
#include "store/Accounts.h"
#include "sync/AccountCheck.h"

#include <QDialog>
#include <QPointer>

#include <deque>
#include <optional>
#include <string>
#include <vector>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace cachet::ui {

class AccountTestRunner;
class ServerSettingsBox;

class AccountSetupDialog : public QDialog {
    Q_OBJECT

public:
    // A new account.
    explicit AccountSetupDialog(QWidget* parent = nullptr);
    // Editing `existing`: every field shows its settings, the password field
    // stays empty, and empty means "keep the password".
    explicit AccountSetupDialog(const store::Account& existing, QWidget* parent = nullptr);
    ~AccountSetupDialog() override;

    // The account as the dialog sets it, with the certificates the user
    // trusted added to its pins. When editing: the edited account's id,
    // creation and sync state, and its password unless a new one was typed.
    store::Account account() const;

    bool editing() const { return m_existing.has_value(); }
    // A connection test is under way.
    bool testing() const;
    // The result of the last test that ended, if any.
    const std::optional<sync::AccountCheckResult>& lastCheck() const { return m_lastCheck; }
    // "Add account" is allowed: the login settings as they are now passed a
    // test (or, when editing, are still the account's own).
    bool loginApproved() const;

public slots:
    // Tests the settings as they are now; nothing if a test is under way or a field is missing.
    void startTest();

signals:
    // A test's result is shown and no certificate question is left open; `passed`: IMAP and SMTP both work.
    void testFinished(bool passed);

protected:
    void done(int result) override;

private:
    void buildLayout();
    void suggestServers();
    void updateState();
    // What keeps the settings from being tested or added, for the user; empty if nothing.
    QString missing() const;
    void showResult(const sync::AccountCheckResult& result);
    void askNextCertificate();
    void confirmAddWithoutTest();

    std::optional<store::Account> m_existing;
    std::vector<std::string> m_trustedPins; // lower-case hex, trusted in this dialog
    store::Account m_tested;                // what the test under way (or the last one) tried
    std::optional<store::Account> m_approved; // login settings known to work
    std::optional<sync::AccountCheckResult> m_lastCheck;
    std::deque<RefusedCertificate> m_certificateQuestions;
    QPointer<CertificatePinDialog> m_pinDialog;

    AccountTestRunner* m_runner = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_address = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_providerNote = nullptr;
    ServerSettingsBox* m_servers = nullptr;
    QPushButton* m_testButton = nullptr;
    QProgressBar* m_busy = nullptr;
    QLabel* m_imapResult = nullptr;
    QLabel* m_smtpResult = nullptr;
    QLabel* m_missing = nullptr;
    QPushButton* m_addButton = nullptr;
    QPushButton* m_addUntestedButton = nullptr;
};

} // namespace cachet::ui
