#pragma once
// The first thing the app shows: create a profile (the passphrase twice, with a
// strength hint) when the folder holds none, else unlock it. The key
// derivation (Argon2id, a second or so by design) runs on a worker thread; a
// wrong passphrase is said plainly and the user tries again.

#include "store/Profile.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace cachet::ui {

class UnlockDialog : public QDialog {
    Q_OBJECT
public:
    // `cost`: the Argon2id cost for a new profile (tests use the interactive one).
    UnlockDialog(QString profileDirectory, store::KdfCost cost, QWidget* parent = nullptr);
    ~UnlockDialog() override;

    bool creating() const { return m_creating; }
    // The unlocked (or new) profile, once accepted; empty before.
    std::optional<store::Profile> takeProfile();

private:
    struct Outcome {
        std::shared_ptr<store::Profile> profile;
        QString error;
        bool wrongPassphrase = false;
    };
    void updateCreateState();
    void submit();
    void finished();
    void setBusy(bool busy);

    QString m_directory;
    store::KdfCost m_cost;
    bool m_creating = false;
    QLineEdit* m_passphrase = nullptr;
    QLineEdit* m_repeat = nullptr; // creating only
    QLabel* m_strength = nullptr;  // creating only
    QLabel* m_error = nullptr;
    QProgressBar* m_busy = nullptr;
    QPushButton* m_submit = nullptr;
    QFutureWatcher<Outcome> m_watcher;
    std::shared_ptr<store::Profile> m_profile;
};

} // namespace cachet::ui
