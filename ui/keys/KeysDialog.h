#pragma once
// Tools → Keys: the profile's own OpenPGP key (fingerprint, export of the
// public key, an Autocrypt Setup Message to move it to another mail program,
// or a new key when there is none), the people whose keys are known with
// their Autocrypt state and what Cachet would do when writing to them, and
// import of a key file (a protected secret key asks for its passphrase).
// gpg runs on the session's workers.

#include <QDialog>

#include <optional>
#include <string>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace cachet::ui {

class Session;

class KeysDialog : public QDialog {
    Q_OBJECT
public:
    explicit KeysDialog(Session& session, QWidget* parent = nullptr);
    void refresh();
    // Imports `path`, asking for a passphrase if a secret key needs one.
    void importFile(const QString& path);

signals:
    void refreshed();
    void imported(const QString& summary);

private:
    void exportPublicKey();
    void createSetupMessage();
    void generateKey();
    void runImport(std::string keyData, std::optional<std::string> passphrase);

    Session& m_session;
    QLabel* m_ownKey = nullptr;
    QPushButton* m_exportButton = nullptr;
    QPushButton* m_setupButton = nullptr;
    QPushButton* m_generateButton = nullptr;
    QTreeWidget* m_peers = nullptr;
    std::string m_ownAddress;
    std::string m_ownFingerprint;
    std::string m_accountAddress;
};

} // namespace cachet::ui
