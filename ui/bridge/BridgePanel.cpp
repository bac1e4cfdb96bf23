#include "BridgePanel.h"

#include "BridgeRunner.h"
#include "BridgeSetupSteps.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace cachet::ui {

namespace {

QLabel* valueLabel(const char* objectName)
{
    auto* label = new QLabel;
    label->setObjectName(QString::fromLatin1(objectName));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString portText(quint16 port, bool running)
{
    return running ? QString::number(port) : BridgePanel::tr("off");
}

// "AB:CD:…" (32 pairs) as two lines of 16: too long for one line, and a wrapped
// label inside a form row is not given the height it needs.
QString fingerprintLines(const QString& fingerprint)
{
    constexpr qsizetype kFirstLine = 16 * 3; // "AB:" sixteen times
    if (fingerprint.size() <= kFirstLine)
        return fingerprint;
    return fingerprint.left(kFirstLine) + '\n' + fingerprint.mid(kFirstLine);
}

} // namespace

BridgePanel::BridgePanel(BridgeRunner& runner, QWidget* parent) : QWidget(parent), m_runner(runner)
{
    m_switch = new QCheckBox(tr("Let mail programs on this computer use Cachet, over IMAP and SMTP"));
    m_switch->setObjectName("enabledSwitch");
    m_status = new QLabel;
    m_status->setObjectName("statusLabel");
    m_status->setWordWrap(true);

    m_setupSteps = new QTabWidget;
    m_setupSteps->setObjectName("setupStepsTabs");
    for (const BridgeSetupSteps::Program& program : BridgeSetupSteps::forEveryProgram({})) {
        auto* page = new QTextBrowser;
        page->setObjectName(program.key + "Steps");
        page->setOpenLinks(false);
        m_stepPages.append(page);
        m_setupSteps->addTab(page, program.name);
    }

    auto* stepsHeading = new QLabel(tr("Set up a mail program"));
    QFont headingFont = stepsHeading->font();
    headingFont.setBold(true);
    stepsHeading->setFont(headingFont);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_switch);
    layout->addWidget(m_status);
    layout->addWidget(makeConnectionBox());
    layout->addWidget(stepsHeading);
    layout->addWidget(m_setupSteps, 1);

    // clicked, not toggled: only the user's click asks the runner; showRunnerState sets the box quietly.
    connect(m_switch, &QCheckBox::clicked, this, &BridgePanel::switchToggled);
    connect(&m_runner, &BridgeRunner::stateChanged, this, &BridgePanel::showRunnerState);
    connect(&m_runner, &BridgeRunner::failed, this, [this](const QString& reason) {
        m_failure = reason;
        showRunnerState();
    });
    showRunnerState();
}

QWidget* BridgePanel::makeConnectionBox()
{
    m_imapPort = valueLabel("imapPortLabel");
    m_imapsPort = valueLabel("imapsPortLabel");
    m_smtpPort = valueLabel("smtpPortLabel");
    m_smtpsPort = valueLabel("smtpsPortLabel");
    m_username = valueLabel("usernameLabel");

    m_password = new QLineEdit;
    m_password->setObjectName("passwordEdit");
    m_password->setReadOnly(true);
    m_password->setEchoMode(QLineEdit::Password);
    m_showPassword = new QPushButton(tr("Show"));
    m_showPassword->setObjectName("showPasswordButton");
    m_showPassword->setCheckable(true);
    m_copyPassword = new QPushButton(tr("Copy"));
    m_copyPassword->setObjectName("copyPasswordButton");
    m_regenerate = new QPushButton(tr("Regenerate…"));
    m_regenerate->setObjectName("regenerateButton");
    connect(m_showPassword, &QPushButton::toggled, this, &BridgePanel::showPasswordToggled);
    connect(m_copyPassword, &QPushButton::clicked, this, &BridgePanel::copyPassword);
    connect(m_regenerate, &QPushButton::clicked, this, &BridgePanel::confirmRegenerate);
    auto* passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_showPassword);
    passwordRow->addWidget(m_copyPassword);
    passwordRow->addWidget(m_regenerate);

    m_fingerprint = valueLabel("certificateFingerprintLabel");
    m_exportCertificate = new QPushButton(tr("Export certificate…"));
    m_exportCertificate->setObjectName("exportCertificateButton");
    connect(m_exportCertificate, &QPushButton::clicked, this, &BridgePanel::exportCertificate);
    auto* certificateRow = new QHBoxLayout;
    certificateRow->addWidget(m_fingerprint, 1);
    certificateRow->addWidget(m_exportCertificate);

    auto* box = new QGroupBox(tr("Connection"));
    auto* form = new QFormLayout(box);
    form->addRow(tr("Server:"), new QLabel(QStringLiteral("127.0.0.1")));
    form->addRow(tr("IMAP, STARTTLS port:"), m_imapPort);
    form->addRow(tr("IMAP, TLS port:"), m_imapsPort);
    form->addRow(tr("SMTP, STARTTLS port:"), m_smtpPort);
    form->addRow(tr("SMTP, TLS port:"), m_smtpsPort);
    form->addRow(tr("Username:"), m_username);
    form->addRow(tr("Password:"), passwordRow);
    form->addRow(tr("Certificate:"), certificateRow);
    return box;
}

void BridgePanel::showRunnerState()
{
    using State = BridgeRunner::State;
    const State state = m_runner.state();
    const bool running = state == State::Running;
    m_switch->setChecked(state == State::Starting || running);
    // Not while a start or stop is under way: one request at a time, each shown as it ends.
    m_switch->setEnabled(state == State::Off || running);
    // A new start forgets the last one's failure; a failure reported while starting stays shown.
    if (state == State::Starting && m_shownState != State::Starting)
        m_failure.clear();
    m_shownState = state;

    switch (state) {
    case State::Off:
        m_status->setText(m_failure.isEmpty() ? tr("Off: mail programs cannot connect.") : m_failure);
        break;
    case State::Starting:
        m_status->setText(tr("Starting…"));
        break;
    case State::Running:
        m_status->setText(m_failure.isEmpty() ? tr("On: mail programs on this computer can connect.") : m_failure);
        break;
    case State::Stopping:
        m_status->setText(tr("Stopping…"));
        break;
    }

    const bridge::BridgePorts ports = m_runner.ports();
    m_imapPort->setText(portText(ports.imap, running));
    m_imapsPort->setText(portText(ports.imaps, running));
    m_smtpPort->setText(portText(ports.smtp, running));
    m_smtpsPort->setText(portText(ports.smtps, running));
    m_username->setText(m_runner.username());
    m_password->setText(m_runner.password());
    const bool hasIdentity = !m_runner.password().isEmpty();
    m_copyPassword->setEnabled(hasIdentity);
    m_regenerate->setEnabled(hasIdentity);
    m_exportCertificate->setEnabled(!m_runner.certificatePem().isEmpty());
    m_fingerprint->setText(m_runner.certificateSha256().isEmpty()
                               ? QString()
                               : tr("self-signed, SHA-256:\n%1").arg(fingerprintLines(m_runner.certificateSha256())));
    showSetupSteps();
}

void BridgePanel::showSetupSteps()
{
    if (!m_runner.running()) {
        for (QTextBrowser* page : m_stepPages)
            page->setHtml(tr("<p>Turn the bridge on to see the settings for this program.</p>"));
        return;
    }
    // The password goes into the text (mutt's snippet) only while the user has it shown.
    const BridgeSetupInput input{m_runner.ports(), m_runner.username(),
                                 m_showPassword->isChecked() ? m_runner.password() : QString(),
                                 m_runner.certificateSha256()};
    const QList<BridgeSetupSteps::Program> programs = BridgeSetupSteps::forEveryProgram(input);
    for (qsizetype i = 0; i < programs.size() && i < m_stepPages.size(); ++i)
        m_stepPages[i]->setHtml(programs[i].html);
}

void BridgePanel::switchToggled(bool on)
{
    if (on)
        m_runner.start();
    else
        m_runner.stopListening();
}

void BridgePanel::showPasswordToggled(bool shown)
{
    m_password->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    m_showPassword->setText(shown ? tr("Hide") : tr("Show"));
    showSetupSteps();
}

void BridgePanel::copyPassword()
{
    QGuiApplication::clipboard()->setText(m_runner.password());
    m_copyPassword->setText(tr("Copied"));
    QTimer::singleShot(std::chrono::seconds(2), m_copyPassword, [button = m_copyPassword] {
        button->setText(tr("Copy"));
    });
}

void BridgePanel::confirmRegenerate()
{
    QMessageBox box(QMessageBox::Warning, tr("New bridge password"), tr("Make a new bridge password?"),
                    QMessageBox::Cancel, this);
    box.setObjectName("regenerateConfirmation");
    box.setInformativeText(tr("The current password stops working at once, and the mail programs connected now"
                              " are disconnected. Every mail program that uses the bridge must then be given the"
                              " new password."));
    QPushButton* regenerate = box.addButton(tr("Regenerate"), QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == regenerate)
        m_runner.regeneratePassword();
}

void BridgePanel::exportCertificate()
{
    QFileDialog dialog(this, tr("Export the bridge's certificate"));
    dialog.setObjectName("exportCertificateDialog");
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setNameFilters({tr("PEM certificate (*.pem *.crt)"), tr("All files (*)")});
    dialog.setDefaultSuffix(QStringLiteral("pem"));
    dialog.selectFile(QStringLiteral("cachet-bridge.pem"));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    const QString path = dialog.selectedFiles().constFirst();
    // The certificate is public; only its private key is secret, and that never leaves the store.
    const QByteArray pem = m_runner.certificatePem();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pem) != pem.size() || !file.commit()) {
        QMessageBox::warning(this, tr("Export certificate"),
                             tr("The certificate could not be saved as %1: %2")
                                 .arg(QDir::toNativeSeparators(path), file.errorString()));
    }
}

} // namespace cachet::ui
