#include "window/DesktopApp.h"

#include "account/AccountSetupDialog.h"
#include "bridge/BridgePanel.h"
#include "bridge/BridgeRunner.h"
#include "composer/ComposerLauncher.h"
#include "engine/Session.h"
#include "keys/KeysDialog.h"
#include "settings/SettingsDialog.h"
#include "unlock/ChangePassphraseDialog.h"
#include "reader/ReaderView.h"
#include "settings/AppSettings.h"
#include "status/TrayIcon.h"
#include "unlock/UnlockDialog.h"
#include "window/MainWindow.h"

#include "bridge/BridgeSettings.h"
#include "crypto/OwnKeySetup.h"
#include "store/Accounts.h"
#include "store/OwnKeys.h"

#include <QDialog>
#include <QMenu>
#include <QMessageBox>
#include <QVBoxLayout>

namespace cachet::ui {

DesktopApp::DesktopApp(QString profileDirectory, store::KdfCost newProfileCost, QObject* parent)
    : QObject(parent), m_directory(std::move(profileDirectory)), m_cost(newProfileCost)
{
}

DesktopApp::~DesktopApp()
{
    // The bridge and the sync end before the store they use is closed.
    m_window.reset();
    if (m_bridge)
        m_bridge->stop();
    m_bridge.reset();
    m_session.reset();
    ReaderView::removeOpenedAttachments();
}

bool DesktopApp::unlockAndStart()
{
    UnlockDialog dialog(m_directory, m_cost);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    auto profile = dialog.takeProfile();
    return profile && start(std::move(*profile));
}

bool DesktopApp::start(store::Profile profile)
{
    m_session = std::make_unique<Session>(std::move(profile));
    if (!store::Accounts(m_session->profile().store().db()).only() && !runFirstRunAccountDialog())
        return false;
    showMainWindow();
    return true;
}

bool DesktopApp::runFirstRunAccountDialog()
{
    AccountSetupDialog dialog;
    if (dialog.exec() != QDialog::Accepted)
        return false;
    const auto answer = QMessageBox::question(
        nullptr, tr("Your OpenPGP key"),
        tr("Cachet signs your mail and encrypts it for people who can read encrypted mail, with a key of your own. "
           "Create one now? (You can also import an existing key later, under Tools → Keys.)"),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    addAccount(dialog.account(), answer == QMessageBox::Yes);
    return true;
}

void DesktopApp::addAccount(const store::Account& account, bool generateKey)
{
    // On the GUI thread, once, before the window: the sync starts from this account.
    store::Database& db = m_session->profile().store().db();
    bridge::addProfileAccount(db, account);
    if (generateKey && !store::OwnKeys(db).byAddress(account.address)) {
        // A second or two of gpg, on the writer worker: the window is usable meanwhile.
        m_session->writer().run(
            this,
            [home = m_session->gnupgHome(), address = account.address](store::Database& writerDb) {
                crypto::generateOwnKey(home, writerDb, address);
            },
            [this] {
                if (m_window)
                    m_window->showStatus(tr("Your OpenPGP key is ready: your mail is signed from now on."));
                emit ownKeyReady();
            },
            [this](const QString& error) {
                QMessageBox::warning(m_window.get(), tr("Your OpenPGP key"),
                                     tr("The key could not be created: %1. Mail is sent unsigned until you create or "
                                        "import one under Tools → Keys.").arg(error));
            });
    }
    if (m_window)
        m_session->startSync(AppSettings::load(db).syncInterval);
    emit accountAdded();
}

void DesktopApp::startBridge()
{
    Session& session = *m_session;
    m_bridge = std::make_unique<BridgeRunner>(session.profile().storePath(), session.profile().key(),
                                              session.gnupgHome());
    // Direct: noteLocalChange is thread-safe, and the signal comes after the bridge's commit.
    connect(m_bridge.get(), &BridgeRunner::localChange, this, [s = &session] { s->noteLocalChange(); },
            Qt::DirectConnection);
    connect(m_bridge.get(), &BridgeRunner::failed, m_window.get(),
            [this](const QString& reason) { m_window->showStatus(tr("Bridge: %1").arg(reason)); });
    m_bridge->start();
}

void DesktopApp::changePassphrase()
{
    ChangePassphraseDialog dialog(m_window.get());
    if (dialog.exec() != QDialog::Accepted)
        return;
    // The bridge's connection holds the old key: it ends (waiting for a submission being
    // signed), and a new one starts with the new key once the store is re-encrypted.
    m_bridge->stop();
    m_bridge.reset();
    m_window->showStatus(tr("Re-encrypting your mail with the new passphrase…"));
    m_window->setEnabled(false);
    m_session->changePassphrase(dialog.currentPassphrase().toStdString(), dialog.newPassphrase().toStdString(),
                                [this](const QString& error) {
                                    m_window->setEnabled(true);
                                    startBridge();
                                    if (!error.isEmpty()) {
                                        QMessageBox::warning(m_window.get(), tr("Change Passphrase"),
                                                             error == QLatin1String("wrong passphrase")
                                                                 ? tr("The current passphrase is wrong; nothing was changed.")
                                                                 : tr("The passphrase was not changed: %1").arg(error));
                                        return;
                                    }
                                    m_window->showStatus(tr("Passphrase changed."));
                                    emit passphraseChanged();
                                });
}

void DesktopApp::showMainWindow()
{
    Session& session = *m_session;
    m_window = std::make_unique<MainWindow>(session);
    m_composer = new ComposerLauncher(session, m_window.get());
    m_window->setComposeHandler([this](ComposeKind kind, std::optional<MessageKey> original) {
        m_composer->open(kind, original);
    });
    connect(m_composer, &ComposerLauncher::failed, m_window.get(),
            [this](const QString& error) { QMessageBox::warning(m_window.get(), tr("Write"), error); });
    connect(m_composer, &ComposerLauncher::sent, m_window.get(), [this](const QString& note) {
        m_window->showStatus(tr("Message queued for sending (%1)").arg(note));
    });

    startBridge();

    QAction* bridgeAction = m_window->toolsMenu()->addAction(tr("&Bridge for Other Mail Programs…"));
    bridgeAction->setObjectName(QStringLiteral("bridgeAction"));
    connect(bridgeAction, &QAction::triggered, m_window.get(), [this] {
        QDialog dialog(m_window.get());
        dialog.setWindowTitle(tr("Bridge"));
        auto* layout = new QVBoxLayout(&dialog);
        layout->addWidget(new BridgePanel(*m_bridge));
        dialog.resize(640, 560);
        dialog.exec();
    });

    QAction* keysAction = m_window->toolsMenu()->addAction(tr("&Keys…"));
    keysAction->setObjectName(QStringLiteral("keysAction"));
    connect(keysAction, &QAction::triggered, m_window.get(), [this] {
        KeysDialog dialog(*m_session, m_window.get());
        dialog.exec();
    });
    QAction* settingsAction = m_window->toolsMenu()->addAction(tr("&Settings…"));
    settingsAction->setObjectName(QStringLiteral("settingsAction"));
    settingsAction->setShortcut(QKeySequence::Preferences);
    connect(settingsAction, &QAction::triggered, m_window.get(), [this] {
        SettingsDialog dialog(*m_session, m_window.get());
        connect(&dialog, &SettingsDialog::passphraseChangeRequested, this, [this, &dialog] {
            dialog.reject();
            QMetaObject::invokeMethod(this, &DesktopApp::changePassphrase, Qt::QueuedConnection);
        });
        dialog.exec();
    });

    m_tray = new TrayIcon(session, m_window->folders(), *m_window, m_window.get());
    const auto interval = AppSettings::load(session.profile().store().db()).syncInterval;
    session.startSync(interval);
    m_window->show();
}

} // namespace cachet::ui
