#pragma once
// The "Server settings" section of the account dialog: IMAP and SMTP host,
// port and security, the login name, and whether Cachet files sent mail in
// Sent. The dialog suggests values as the address is typed (WellKnownProviders);
// a field the user changed by hand keeps the user's value. Always editable.

#include "account/WellKnownProviders.h"
#include "store/Accounts.h"

#include <QGroupBox>
#include <QSet>

#include <cstdint>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;

namespace cachet::ui {

class ServerSettingsBox : public QGroupBox {
    Q_OBJECT

public:
    explicit ServerSettingsBox(QWidget* parent = nullptr);

    // Fills in the provider's servers and sent-mail habit, except where the user typed their own.
    void suggest(const MailServerSettings& settings);
    // The same for the login name.
    void suggestUsername(const QString& username);
    // An existing account's settings, all counted as the user's own choice.
    void showAccount(const store::Account& account);

    store::ServerAddress imap() const;
    store::ServerAddress smtp() const;
    QString username() const; // trimmed
    bool sentCopy() const;

signals:
    // Any field changed, by hand or by a suggestion.
    void changed();

private:
    // One server's row: where it is and how to talk to it.
    struct ServerFields {
        QLineEdit* host = nullptr;
        QSpinBox* port = nullptr;
        QComboBox* security = nullptr;
        std::uint16_t tlsPort = 0;      // the usual port with TLS from the first byte
        std::uint16_t startTlsPort = 0; // the usual port with STARTTLS or without TLS
    };

    ServerFields addServerRow(QFormLayout* form, const QString& label, const QString& prefix,
                              std::uint16_t tlsPort, std::uint16_t startTlsPort);
    void watchForHandEdits(QWidget* field);
    void followSecurity(const ServerFields& server);
    void suggestServer(const ServerFields& server, const store::ServerAddress& address);
    void showServer(const ServerFields& server, const store::ServerAddress& address);
    static store::ServerAddress serverOf(const ServerFields& server);

    ServerFields m_imap;
    ServerFields m_smtp;
    QLineEdit* m_username = nullptr;
    QCheckBox* m_sentCopy = nullptr;
    QSet<const QWidget*> m_handEdited;
    bool m_suggesting = false; // changes made now are suggestions, not the user's
};

} // namespace cachet::ui
