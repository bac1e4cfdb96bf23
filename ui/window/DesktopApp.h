#pragma once
// The desktop app from start to end: unlock (or create) the profile, add the
// account on a first run and make the own OpenPGP key, then the main window
// with the sync and the bridge running inside the process. Closing the window
// stops the bridge and the sync in order, then locks the profile.

#include "store/Accounts.h"
#include "store/Profile.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace cachet::ui {

class BridgeRunner;
class ComposerLauncher;
class MainWindow;
class Session;
class TrayIcon;

class DesktopApp : public QObject {
    Q_OBJECT
public:
    DesktopApp(QString profileDirectory, store::KdfCost newProfileCost, QObject* parent = nullptr);
    ~DesktopApp() override;

    // The unlock (or create) dialog, then start(). False if the user gave up.
    bool unlockAndStart();
    // With an unlocked profile: the first-run account dialog if it has no
    // account (false if the user cancels it), then the window, sync and bridge.
    bool start(store::Profile profile);
    // Used by start(); tests call it with an account of their own.
    void addAccount(const store::Account& account, bool generateKey);

    Session* session() { return m_session.get(); }
    MainWindow* window() { return m_window.get(); }
    BridgeRunner* bridge() { return m_bridge.get(); }
    ComposerLauncher* composer() { return m_composer; }

    // Shows the window and starts the sync and the bridge.
    void showMainWindow();
    // Asks for the current and a new passphrase and re-encrypts the store.
    void changePassphrase();

signals:
    void accountAdded();
    void ownKeyReady();
    void passphraseChanged();

private:
    bool runFirstRunAccountDialog();
    // The bridge on its thread, with the profile's current key.
    void startBridge();

    QString m_directory;
    store::KdfCost m_cost;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<BridgeRunner> m_bridge;
    std::unique_ptr<MainWindow> m_window;
    ComposerLauncher* m_composer = nullptr;
    TrayIcon* m_tray = nullptr;
};

} // namespace cachet::ui
