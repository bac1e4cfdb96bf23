#include "settings/SettingsDialog.h"

#include "account/AccountSetupDialog.h"
#include "engine/Session.h"

#include "store/Accounts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace cachet::ui {

namespace {

QString accountText(const store::Account& a)
{
    return SettingsDialog::tr("%1\nIncoming: %2:%3 (%4)   Outgoing: %5:%6 (%7)")
        .arg(QString::fromStdString(a.address), QString::fromStdString(a.imap.host))
        .arg(a.imap.port)
        .arg(QString::fromStdString(store::Accounts::securityName(a.imap.security)), QString::fromStdString(a.smtp.host))
        .arg(a.smtp.port)
        .arg(QString::fromStdString(store::Accounts::securityName(a.smtp.security)));
}

} // namespace

SettingsDialog::SettingsDialog(Session& session, QWidget* parent) : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));
    auto* layout = new QVBoxLayout(this);

    auto* accountBox = new QGroupBox(tr("Account"));
    auto* accountLayout = new QVBoxLayout(accountBox);
    m_account = new QLabel(tr("No account"));
    m_account->setObjectName(QStringLiteral("accountLabel"));
    accountLayout->addWidget(m_account);
    auto* editAccount = new QPushButton(tr("&Edit Account…"));
    editAccount->setObjectName(QStringLiteral("editAccountButton"));
    accountLayout->addWidget(editAccount, 0, Qt::AlignLeft);
    layout->addWidget(accountBox);

    auto* form = new QFormLayout;
    m_interval = new QSpinBox;
    m_interval->setObjectName(QStringLiteral("syncIntervalSpin"));
    m_interval->setRange(1, 24 * 60);
    m_interval->setSuffix(tr(" min"));
    m_interval->setToolTip(tr("New mail in the Inbox comes at once (IDLE); the other folders are checked this often."));
    form->addRow(tr("Check every folder every:"), m_interval);
    m_remoteContent = new QComboBox;
    m_remoteContent->setObjectName(QStringLiteral("remoteContentCombo"));
    m_remoteContent->addItem(tr("Ask for each message (senders you allow are remembered)"));
    m_remoteContent->addItem(tr("Always show (senders learn when you read their mail)"));
    form->addRow(tr("Remote images:"), m_remoteContent);
    m_encrypt = new QCheckBox(tr("Encrypt whenever every recipient has a key"));
    m_encrypt->setObjectName(QStringLiteral("encryptByDefaultCheck"));
    form->addRow(tr("Encryption:"), m_encrypt);
    auto* passphrase = new QPushButton(tr("Change &Passphrase…"));
    passphrase->setObjectName(QStringLiteral("changePassphraseButton"));
    form->addRow(tr("Profile:"), passphrase);
    auto* logs = new QLabel(tr("Cachet writes no log files: errors are shown in the status bar and, for the sync, "
                               "in Settings → Account. Messages for developers go to standard error, without "
                               "addresses or subjects. Profile: %1").arg(session.profile().directory()));
    logs->setWordWrap(true);
    logs->setObjectName(QStringLiteral("logsLabel"));
    logs->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Logs:"), logs);
    layout->addLayout(form);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(editAccount, &QPushButton::clicked, this, &SettingsDialog::editAccount);
    connect(passphrase, &QPushButton::clicked, this, [this] {
        emit passphraseChangeRequested();
    });
    load();
}

void SettingsDialog::load()
{
    struct Loaded {
        AppSettings settings;
        std::optional<store::Account> account;
    };
    m_session.reader().run<Loaded>(
        this, [](store::Database& db) { return Loaded{AppSettings::load(db), store::Accounts(db).only()}; },
        [this](Loaded loaded) {
            m_settings = loaded.settings;
            m_interval->setValue(int(m_settings.syncInterval.count() / 60));
            m_remoteContent->setCurrentIndex(m_settings.remoteContent == RemoteContentPolicy::Always ? 1 : 0);
            m_encrypt->setChecked(m_settings.encryptByDefault);
            if (loaded.account) {
                QString text = accountText(*loaded.account);
                if (!loaded.account->lastError.empty())
                    text += tr("\nLast problem: %1").arg(QString::fromStdString(loaded.account->lastError));
                m_account->setText(text);
            }
        });
}

void SettingsDialog::save()
{
    m_settings.syncInterval = std::chrono::seconds(m_interval->value() * 60);
    m_settings.remoteContent = m_remoteContent->currentIndex() == 1 ? RemoteContentPolicy::Always : RemoteContentPolicy::Ask;
    m_settings.encryptByDefault = m_encrypt->isChecked();
    m_session.setSyncInterval(m_settings.syncInterval);
    m_session.writer().run(
        this, [settings = m_settings](store::Database& db) { settings.save(db); },
        [this] {
            emit saved();
            accept();
        },
        [this](const QString& error) {
            QMessageBox::warning(this, tr("Settings"), tr("The settings could not be saved: %1").arg(error));
        });
}

void SettingsDialog::editAccount()
{
    m_session.reader().run<std::optional<store::Account>>(
        this, [](store::Database& db) { return store::Accounts(db).only(); },
        [this](std::optional<store::Account> account) {
            if (!account)
                return;
            AccountSetupDialog dialog(*account, this);
            if (dialog.exec() != QDialog::Accepted)
                return;
            store::Account edited = dialog.account();
            edited.id = account->id;
            // The sync reads the account at each pass: the next one uses the new settings.
            m_session.writer().run(
                this, [edited](store::Database& db) { store::Accounts(db).updateSettings(edited); },
                [this] {
                    m_session.noteLocalChange();
                    load();
                },
                [this](const QString& error) {
                    QMessageBox::warning(this, tr("Account"), tr("The account could not be saved: %1").arg(error));
                });
        });
}

} // namespace cachet::ui
