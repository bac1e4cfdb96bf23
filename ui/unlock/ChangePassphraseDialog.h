#pragma once
// Settings → Change Passphrase: the current passphrase, the new one twice
// with the same strength hint as at creation. The change itself is the app's.

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace cachet::ui {

class ChangePassphraseDialog : public QDialog {
    Q_OBJECT
public:
    explicit ChangePassphraseDialog(QWidget* parent = nullptr);
    QString currentPassphrase() const;
    QString newPassphrase() const;
    // Shown after a failed attempt ("wrong passphrase"), the dialog open again.
    void showError(const QString& error);

private:
    void update();

    QLineEdit* m_current = nullptr;
    QLineEdit* m_new = nullptr;
    QLineEdit* m_repeat = nullptr;
    QLabel* m_strength = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace cachet::ui
