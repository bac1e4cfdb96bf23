#include "account/AccountSetupDialog.h"

#include "account/AccountTestRunner.h"
#include "account/ServerSettingsBox.h"
#include "account/ServiceCheckText.h"
#include "account/WellKnownProviders.h"
#include "sync/CertificatePolicy.h"
#include "sync/ServerSecurityRule.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace cachet::ui {

namespace {

bool sameServer(const store::ServerAddress& a, const store::ServerAddress& b)
{
    return a.host == b.host && a.port == b.port && a.security == b.security;
}

// What the connection test depends on: a change to any of it needs a new test.
bool sameLogin(const store::Account& a, const store::Account& b)
{
    return sameServer(a.imap, b.imap) && sameServer(a.smtp, b.smtp) && a.username == b.username
        && a.password == b.password;
}

bool hasPin(const std::vector<std::string>& pins, const std::string& sha256)
{
    return std::any_of(pins.begin(), pins.end(), [&](const std::string& pin) {
        return sync::normalizedPin(pin) == sha256;
    });
}

QLabel* resultLabel(const char* objectName)
{
    auto* label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

AccountSetupDialog::AccountSetupDialog(QWidget* parent) : QDialog(parent), m_runner(new AccountTestRunner(this))
{
    setWindowTitle(tr("Add a Mail Account"));
    buildLayout();
    updateState();
}

AccountSetupDialog::AccountSetupDialog(const store::Account& existing, QWidget* parent)
    : QDialog(parent), m_existing(existing), m_runner(new AccountTestRunner(this))
{
    setWindowTitle(tr("Edit Mail Account"));
    buildLayout();
    // Servers first: then the address suggests nothing over them.
    m_servers->showAccount(existing);
    m_name->setText(QString::fromStdString(existing.displayName));
    m_address->setText(QString::fromStdString(existing.address));
    m_password->setPlaceholderText(tr("unchanged"));
    // The account's own settings may be kept without a new test.
    m_approved = existing;
    updateState();
}

AccountSetupDialog::~AccountSetupDialog() = default;

void AccountSetupDialog::buildLayout()
{
    setObjectName("accountSetupDialog");

    auto* intro = new QLabel(tr("Cachet keeps your mail encrypted on this computer and in step with your "
                                "provider: it reads mail over IMAP and sends it over SMTP."));
    intro->setWordWrap(true);

    m_name = new QLineEdit;
    m_name->setObjectName("nameEdit");
    m_name->setPlaceholderText(tr("shown to the people you write to"));
    m_address = new QLineEdit;
    m_address->setObjectName("addressEdit");
    m_address->setPlaceholderText(tr("you@example.org"));
    m_password = new QLineEdit;
    m_password->setObjectName("passwordEdit");
    m_password->setEchoMode(QLineEdit::Password);
    auto* identity = new QFormLayout;
    identity->addRow(tr("Your &name:"), m_name);
    identity->addRow(tr("Mail &address:"), m_address);
    identity->addRow(tr("&Password:"), m_password);

    m_providerNote = new QLabel;
    m_providerNote->setObjectName("providerNoteLabel");
    m_providerNote->setWordWrap(true);
    m_providerNote->hide();

    m_servers = new ServerSettingsBox;

    m_testButton = new QPushButton(tr("&Test Connection"));
    m_testButton->setObjectName("testButton");
    m_testButton->setAutoDefault(false);
    m_busy = new QProgressBar;
    m_busy->setObjectName("busyIndicator");
    m_busy->setRange(0, 0); // no end known: it just moves
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(160);
    m_busy->hide();
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_busy);
    testRow->addStretch(1);

    m_imapResult = resultLabel("imapResultLabel");
    m_smtpResult = resultLabel("smtpResultLabel");
    m_imapResult->setText(tr("not tested yet"));
    m_smtpResult->setText(tr("not tested yet"));
    auto* results = new QFormLayout;
    results->addRow(tr("IMAP:"), m_imapResult);
    results->addRow(tr("SMTP:"), m_smtpResult);

    m_missing = new QLabel;
    m_missing->setObjectName("missingLabel");
    m_missing->setWordWrap(true);

    auto* buttons = new QDialogButtonBox;
    m_addButton = buttons->addButton(editing() ? tr("&Save") : tr("&Add Account"), QDialogButtonBox::AcceptRole);
    m_addButton->setObjectName("addButton");
    m_addButton->setDefault(true);
    m_addUntestedButton = buttons->addButton(editing() ? tr("Save &Without Testing") : tr("Add &Without Testing"),
                                             QDialogButtonBox::ActionRole);
    m_addUntestedButton->setObjectName("addUntestedButton");
    m_addUntestedButton->setAutoDefault(false);
    auto* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName("cancelButton");
    cancel->setAutoDefault(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(identity);
    layout->addWidget(m_providerNote);
    layout->addWidget(m_servers);
    layout->addLayout(testRow);
    layout->addLayout(results);
    layout->addWidget(m_missing);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_address, &QLineEdit::textChanged, this, [this] {
        suggestServers();
        updateState();
    });
    connect(m_password, &QLineEdit::textChanged, this, &AccountSetupDialog::updateState);
    connect(m_servers, &ServerSettingsBox::changed, this, &AccountSetupDialog::updateState);
    connect(m_testButton, &QPushButton::clicked, this, &AccountSetupDialog::startTest);
    connect(m_runner, &AccountTestRunner::finished, this, &AccountSetupDialog::showResult);
    connect(m_addButton, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_addUntestedButton, &QPushButton::clicked, this, &AccountSetupDialog::confirmAddWithoutTest);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
}

void AccountSetupDialog::suggestServers()
{
    const QString address = m_address->text();
    const QString domain = mailDomain(address);
    if (domain.isEmpty()) {
        m_servers->suggestUsername(address.trimmed());
        m_providerNote->hide();
        return;
    }
    const MailServerSettings settings = serverSettingsForDomain(domain);
    m_servers->suggest(settings);
    m_servers->suggestUsername(settings.usernameFor(address));
    if (editing())
        return; // the account's own settings are shown, not a provider's
    QString note = settings.guessed
        ? tr("Cachet does not know the servers of %1: the server settings below are a guess. Check them with "
             "your provider, or test them.")
              .arg(domain)
        : tr("Server settings of %1.").arg(settings.provider);
    if (!settings.note.isEmpty())
        note += ' ' + settings.note;
    m_providerNote->setText(note);
    m_providerNote->show();
}

store::Account AccountSetupDialog::account() const
{
    store::Account account = m_existing.value_or(store::Account{});
    account.displayName = m_name->text().trimmed().toStdString();
    account.address = m_address->text().trimmed().toStdString();
    account.imap = m_servers->imap();
    account.smtp = m_servers->smtp();
    // As `account add`: the login name is the address unless told otherwise.
    const QString username = m_servers->username();
    account.username = (username.isEmpty() ? m_address->text().trimmed() : username).toStdString();
    if (!editing() || !m_password->text().isEmpty())
        account.password = m_password->text().toStdString();
    for (const std::string& pin : m_trustedPins) {
        if (!hasPin(account.pins, pin))
            account.pins.push_back(pin);
    }
    account.sentCopy = m_servers->sentCopy();
    return account;
}

bool AccountSetupDialog::testing() const
{
    return m_runner->running();
}

bool AccountSetupDialog::loginApproved() const
{
    return m_approved && sameLogin(*m_approved, account());
}

QString AccountSetupDialog::missing() const
{
    const QString address = m_address->text().trimmed();
    const qsizetype at = address.lastIndexOf('@');
    if (at <= 0 || at == address.size() - 1)
        return tr("Enter your mail address.");
    if (!editing() && m_password->text().isEmpty())
        return tr("Enter your password.");
    const store::ServerAddress imap = m_servers->imap();
    const store::ServerAddress smtp = m_servers->smtp();
    if (imap.host.empty())
        return tr("Enter the incoming (IMAP) server.");
    if (smtp.host.empty())
        return tr("Enter the outgoing (SMTP) server.");
    if (!sync::securityAllowed(imap))
        return tr("Without TLS the password would cross the network in the clear: choose TLS or STARTTLS for the "
                  "incoming server (no security is only for a server on this computer).");
    if (!sync::securityAllowed(smtp))
        return tr("Without TLS the password would cross the network in the clear: choose TLS or STARTTLS for the "
                  "outgoing server (no security is only for a server on this computer).");
    return {};
}

void AccountSetupDialog::updateState()
{
    const bool busy = testing();
    const QString why = missing();
    m_missing->setText(why);
    m_missing->setVisible(!why.isEmpty());
    m_busy->setVisible(busy);
    m_testButton->setEnabled(!busy && why.isEmpty());
    m_addUntestedButton->setEnabled(!busy && why.isEmpty());
    m_addButton->setEnabled(!busy && why.isEmpty() && loginApproved());
}

void AccountSetupDialog::startTest()
{
    if (testing() || !missing().isEmpty())
        return;
    m_tested = account();
    m_lastCheck.reset();
    m_imapResult->setText(tr("testing…"));
    m_smtpResult->setText(tr("testing…"));
    m_runner->start(m_tested);
    updateState();
}

void AccountSetupDialog::showResult(const sync::AccountCheckResult& result)
{
    m_lastCheck = result;
    m_imapResult->setText(serviceCheckText(result.imap));
    m_smtpResult->setText(serviceCheckText(result.smtp));
    const bool passed = result.imap.ok && result.smtp.ok;
    if (passed)
        m_approved = m_tested;
    else if (m_approved && sameLogin(*m_approved, m_tested))
        m_approved.reset(); // just shown not to work (any more)

    // A certificate the system does not trust is the user's to judge; IMAP
    // and SMTP often show the same one, asked about once.
    const std::pair<const sync::ServiceCheck*, const store::ServerAddress*> services[] = {
        {&result.imap, &m_tested.imap}, {&result.smtp, &m_tested.smtp}};
    for (const auto& [check, server] : services) {
        const std::string& sha256 = check->certificateSha256;
        if (check->ok || sha256.empty() || hasPin(m_tested.pins, sha256))
            continue;
        const bool asked = std::any_of(m_certificateQuestions.begin(), m_certificateQuestions.end(),
                                       [&](const RefusedCertificate& c) { return c.sha256 == sha256; });
        if (!asked)
            m_certificateQuestions.push_back({QString::fromStdString(check->service),
                                              QString::fromStdString(server->host), server->port, sha256,
                                              QString::fromStdString(check->detail)});
    }
    updateState();
    if (m_certificateQuestions.empty())
        emit testFinished(passed);
    else
        askNextCertificate();
}

void AccountSetupDialog::askNextCertificate()
{
    auto* question = new CertificatePinDialog(m_certificateQuestions.front(), this);
    m_pinDialog = question;
    connect(question, &QDialog::finished, this, [this, question](int answer) {
        question->deleteLater();
        const RefusedCertificate asked = m_certificateQuestions.front();
        m_certificateQuestions.pop_front();
        if (answer != QDialog::Accepted) {
            m_certificateQuestions.clear();
            emit testFinished(false);
            return;
        }
        m_trustedPins.push_back(asked.sha256);
        if (!m_certificateQuestions.empty())
            askNextCertificate();
        else
            startTest(); // again, with the certificate pinned
    });
    question->open();
}

void AccountSetupDialog::confirmAddWithoutTest()
{
    const QString title = editing() ? tr("Save Without Testing?") : tr("Add Without Testing?");
    auto* box = new QMessageBox(QMessageBox::Question, title,
                                tr("These settings have not been tested. If one of them is wrong, Cachet cannot "
                                   "fetch or send mail until you correct it in Settings."),
                                QMessageBox::NoButton, this);
    box->setObjectName("confirmUntestedBox");
    auto* confirm = box->addButton(editing() ? tr("Save Without Testing") : tr("Add Without Testing"),
                                   QMessageBox::AcceptRole);
    confirm->setObjectName("confirmUntestedButton");
    box->setDefaultButton(box->addButton(QMessageBox::Cancel));
    connect(box, &QMessageBox::finished, this, [this, box, confirm] {
        box->deleteLater();
        if (box->clickedButton() == confirm)
            accept();
    });
    box->open();
}

void AccountSetupDialog::done(int result)
{
    // A test still under way finishes on its own; nothing of it comes back here.
    m_runner->forget();
    m_certificateQuestions.clear();
    if (m_pinDialog) {
        m_pinDialog->disconnect(this);
        m_pinDialog->hide();
        m_pinDialog->deleteLater();
    }
    updateState();
    QDialog::done(result);
}

} // namespace cachet::ui
