#include "account/ServerSettingsBox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScopedValueRollback>
#include <QSpinBox>

namespace cachet::ui {

namespace {

using store::Security;

store::Security securityOf(const QComboBox* combo)
{
    return static_cast<Security>(combo->currentData().toInt());
}

void selectSecurity(QComboBox* combo, Security security)
{
    combo->setCurrentIndex(combo->findData(static_cast<int>(security)));
}

} // namespace

ServerSettingsBox::ServerSettingsBox(QWidget* parent) : QGroupBox(tr("Server settings"), parent)
{
    setObjectName("serverSettingsBox");
    auto* form = new QFormLayout(this);
    m_imap = addServerRow(form, tr("&Incoming (IMAP):"), "imap", 993, 143);
    m_smtp = addServerRow(form, tr("&Outgoing (SMTP):"), "smtp", 465, 587);

    m_username = new QLineEdit;
    m_username->setObjectName("usernameEdit");
    m_username->setPlaceholderText(tr("usually your mail address"));
    watchForHandEdits(m_username);
    form->addRow(tr("&User name:"), m_username);

    m_sentCopy = new QCheckBox(tr("&File a copy of sent mail in Sent"));
    m_sentCopy->setObjectName("sentCopyCheck");
    m_sentCopy->setToolTip(tr("Leave this off for a provider whose outgoing server files sent mail itself "
                              "(Gmail does), or every message would be in Sent twice."));
    m_sentCopy->setChecked(true);
    watchForHandEdits(m_sentCopy);
    form->addRow(QString(), m_sentCopy);
}

ServerSettingsBox::ServerFields ServerSettingsBox::addServerRow(QFormLayout* form, const QString& label,
                                                                const QString& prefix, std::uint16_t tlsPort,
                                                                std::uint16_t startTlsPort)
{
    ServerFields server;
    server.tlsPort = tlsPort;
    server.startTlsPort = startTlsPort;

    server.host = new QLineEdit;
    server.host->setObjectName(prefix + "HostEdit");
    server.host->setPlaceholderText(tr("%1.example.org").arg(prefix));
    server.host->setMinimumWidth(server.host->fontMetrics().horizontalAdvance(QLatin1Char('m')) * 16);

    server.port = new QSpinBox;
    server.port->setObjectName(prefix + "PortSpin");
    server.port->setRange(1, 65535);
    server.port->setValue(tlsPort);
    server.port->setAccessibleName(tr("Port"));

    server.security = new QComboBox;
    server.security->setObjectName(prefix + "SecurityCombo");
    server.security->addItem(tr("TLS"), static_cast<int>(Security::Tls));
    server.security->addItem(tr("STARTTLS"), static_cast<int>(Security::StartTls));
    server.security->addItem(tr("None (this computer only)"), static_cast<int>(Security::Plain));
    server.security->setAccessibleName(tr("Security"));
    server.security->setToolTip(tr("TLS encrypts from the first byte; STARTTLS encrypts before the login. "
                                   "Without either the password would cross the network in the clear, so "
                                   "Cachet allows that only to a server on this computer."));

    auto* row = new QHBoxLayout;
    row->addWidget(server.host, 1);
    row->addWidget(new QLabel(tr("Port:")));
    row->addWidget(server.port);
    row->addWidget(server.security);
    form->addRow(label, row);
    if (auto* rowLabel = qobject_cast<QLabel*>(form->labelForField(row)))
        rowLabel->setBuddy(server.host);

    watchForHandEdits(server.host);
    watchForHandEdits(server.port);
    watchForHandEdits(server.security);
    followSecurity(server);
    return server;
}

void ServerSettingsBox::watchForHandEdits(QWidget* field)
{
    auto edited = [this, field] {
        if (!m_suggesting)
            m_handEdited.insert(field);
        emit changed();
    };
    if (auto* edit = qobject_cast<QLineEdit*>(field))
        connect(edit, &QLineEdit::textChanged, this, edited);
    else if (auto* spin = qobject_cast<QSpinBox*>(field))
        connect(spin, &QSpinBox::valueChanged, this, edited);
    else if (auto* combo = qobject_cast<QComboBox*>(field))
        connect(combo, &QComboBox::currentIndexChanged, this, edited);
    else if (auto* check = qobject_cast<QCheckBox*>(field))
        connect(check, &QCheckBox::toggled, this, edited);
}

// Choosing another security by hand moves a port that was the usual one for
// the old security to the usual one for the new (993 ↔ 143, 465 ↔ 587); a port
// of the user's own stays.
void ServerSettingsBox::followSecurity(const ServerFields& server)
{
    connect(server.security, &QComboBox::currentIndexChanged, this, [this, server] {
        if (m_suggesting)
            return;
        const int port = server.port->value();
        if (port != server.tlsPort && port != server.startTlsPort)
            return;
        const QScopedValueRollback<bool> suggesting(m_suggesting, true);
        server.port->setValue(securityOf(server.security) == Security::Tls ? server.tlsPort : server.startTlsPort);
    });
}

void ServerSettingsBox::suggest(const MailServerSettings& settings)
{
    suggestServer(m_imap, settings.imap);
    suggestServer(m_smtp, settings.smtp);
    if (!m_handEdited.contains(m_sentCopy)) {
        const QScopedValueRollback<bool> suggesting(m_suggesting, true);
        m_sentCopy->setChecked(!settings.providerKeepsSentCopy);
    }
}

void ServerSettingsBox::suggestUsername(const QString& username)
{
    if (m_handEdited.contains(m_username))
        return;
    const QScopedValueRollback<bool> suggesting(m_suggesting, true);
    m_username->setText(username);
}

void ServerSettingsBox::suggestServer(const ServerFields& server, const store::ServerAddress& address)
{
    const QScopedValueRollback<bool> suggesting(m_suggesting, true);
    if (!m_handEdited.contains(server.host))
        server.host->setText(QString::fromStdString(address.host));
    if (!m_handEdited.contains(server.port))
        server.port->setValue(address.port);
    if (!m_handEdited.contains(server.security))
        selectSecurity(server.security, address.security);
}

void ServerSettingsBox::showAccount(const store::Account& account)
{
    showServer(m_imap, account.imap);
    showServer(m_smtp, account.smtp);
    m_username->setText(QString::fromStdString(account.username));
    m_sentCopy->setChecked(account.sentCopy);
    // What the account has is the user's choice, whatever its address says.
    for (const QWidget* field : std::initializer_list<const QWidget*>{m_username, m_sentCopy})
        m_handEdited.insert(field);
}

void ServerSettingsBox::showServer(const ServerFields& server, const store::ServerAddress& address)
{
    server.host->setText(QString::fromStdString(address.host));
    selectSecurity(server.security, address.security);
    server.port->setValue(address.port); // after the security, which may move the port
    for (const QWidget* field : std::initializer_list<const QWidget*>{server.host, server.port, server.security})
        m_handEdited.insert(field);
}

store::ServerAddress ServerSettingsBox::serverOf(const ServerFields& server)
{
    store::ServerAddress address;
    address.host = server.host->text().trimmed().toStdString();
    address.port = static_cast<std::uint16_t>(server.port->value());
    address.security = securityOf(server.security);
    return address;
}

store::ServerAddress ServerSettingsBox::imap() const
{
    return serverOf(m_imap);
}

store::ServerAddress ServerSettingsBox::smtp() const
{
    return serverOf(m_smtp);
}

QString ServerSettingsBox::username() const
{
    return m_username->text().trimmed();
}

bool ServerSettingsBox::sentCopy() const
{
    return m_sentCopy->isChecked();
}

} // namespace cachet::ui
