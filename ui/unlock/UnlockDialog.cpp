#include "unlock/UnlockDialog.h"

#include "unlock/PassphraseStrength.h"

#include "store/ProfileFile.h"
#include "store/StoreError.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace cachet::ui {

UnlockDialog::UnlockDialog(QString profileDirectory, store::KdfCost cost, QWidget* parent)
    : QDialog(parent), m_directory(std::move(profileDirectory)), m_cost(cost)
{
    m_creating = !QFileInfo::exists(QDir(m_directory).filePath(QStringLiteral("profile.json")));
    setWindowTitle(m_creating ? tr("Welcome to Cachet") : tr("Unlock Cachet"));
    setObjectName(QStringLiteral("unlockDialog"));

    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(m_creating
        ? tr("Cachet keeps all your mail encrypted on this computer. Choose a passphrase to protect it. "
             "Nobody can recover your mail without it, not even us.")
        : tr("Enter your passphrase to open your mail."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    m_passphrase = new QLineEdit;
    m_passphrase->setObjectName(QStringLiteral("passphraseEdit"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Passphrase:"), m_passphrase);
    if (m_creating) {
        m_repeat = new QLineEdit;
        m_repeat->setObjectName(QStringLiteral("repeatEdit"));
        m_repeat->setEchoMode(QLineEdit::Password);
        form->addRow(tr("&Repeat it:"), m_repeat);
        m_strength = new QLabel;
        m_strength->setObjectName(QStringLiteral("strengthLabel"));
        m_strength->setWordWrap(true);
        form->addRow(QString(), m_strength);
    }
    layout->addLayout(form);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    layout->addWidget(m_error);

    m_busy = new QProgressBar;
    m_busy->setRange(0, 0); // the key derivation gives no progress
    m_busy->setTextVisible(false);
    m_busy->hide();
    layout->addWidget(m_busy);

    auto* buttons = new QDialogButtonBox;
    m_submit = buttons->addButton(m_creating ? tr("&Create profile") : tr("&Unlock"), QDialogButtonBox::AcceptRole);
    m_submit->setObjectName(QStringLiteral("submitButton"));
    m_submit->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_submit, &QPushButton::clicked, this, &UnlockDialog::submit);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &UnlockDialog::finished);
    if (m_creating) {
        connect(m_passphrase, &QLineEdit::textChanged, this, &UnlockDialog::updateCreateState);
        connect(m_repeat, &QLineEdit::textChanged, this, &UnlockDialog::updateCreateState);
    }
    updateCreateState();
}

UnlockDialog::~UnlockDialog()
{
    // A derivation under way finishes before its result can go.
    m_watcher.waitForFinished();
}

void UnlockDialog::updateCreateState()
{
    if (!m_creating)
        return;
    const PassphraseStrength strength = ratePassphrase(m_passphrase->text());
    static const char* const colours[] = {"palette(text)", "#b00020", "#9a6700", "#1a7f37"};
    m_strength->setText(strength.hint);
    m_strength->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(colours[int(strength.level)])));
    const bool match = m_passphrase->text() == m_repeat->text();
    m_submit->setEnabled(!m_passphrase->text().isEmpty() && match);
    if (!m_repeat->text().isEmpty() && !match)
        m_submit->setToolTip(tr("The two passphrases differ."));
    else
        m_submit->setToolTip(QString());
}

void UnlockDialog::setBusy(bool busy)
{
    m_busy->setVisible(busy);
    m_submit->setEnabled(!busy);
    m_passphrase->setEnabled(!busy);
    if (m_repeat)
        m_repeat->setEnabled(!busy);
}

void UnlockDialog::submit()
{
    if (m_watcher.isRunning())
        return;
    if (m_creating && m_passphrase->text() != m_repeat->text()) {
        m_error->setText(tr("The two passphrases differ."));
        m_error->show();
        return;
    }
    m_error->hide();
    setBusy(true);
    const std::string passphrase = m_passphrase->text().toStdString();
    const bool creating = m_creating;
    m_watcher.setFuture(QtConcurrent::run([dir = m_directory, cost = m_cost, passphrase, creating] {
        Outcome out;
        try {
            out.profile = std::make_shared<store::Profile>(creating ? store::Profile::create(dir, passphrase, cost)
                                                                    : store::Profile::unlock(dir, passphrase));
        } catch (const store::StoreError& e) {
            out.wrongPassphrase = e.kind() == store::StoreError::Kind::WrongPassphrase;
            out.error = QString::fromUtf8(e.what());
        } catch (const std::exception& e) {
            out.error = QString::fromUtf8(e.what());
        }
        return out;
    }));
}

void UnlockDialog::finished()
{
    Outcome out = m_watcher.result();
    setBusy(false);
    updateCreateState();
    if (out.profile) {
        m_profile = std::move(out.profile);
        accept();
        return;
    }
    m_error->setText(out.wrongPassphrase ? tr("Wrong passphrase. Please try again.")
                                         : tr("The profile could not be opened: %1").arg(out.error));
    m_error->show();
    m_passphrase->selectAll();
    m_passphrase->setFocus();
}

std::optional<store::Profile> UnlockDialog::takeProfile()
{
    if (!m_profile)
        return std::nullopt;
    std::optional<store::Profile> out(std::move(*m_profile));
    m_profile.reset();
    return out;
}

} // namespace cachet::ui
