#include "unlock/ChangePassphraseDialog.h"

#include "unlock/PassphraseStrength.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace cachet::ui {

ChangePassphraseDialog::ChangePassphraseDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Change Passphrase"));
    setObjectName(QStringLiteral("changePassphraseDialog"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Your mail is re-encrypted with the new passphrase. Sync and the bridge pause "
                                "meanwhile; it can take a minute for a large mailbox."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    const auto edit = [](const char* name) {
        auto* e = new QLineEdit;
        e->setObjectName(QString::fromLatin1(name));
        e->setEchoMode(QLineEdit::Password);
        return e;
    };
    m_current = edit("currentPassphraseEdit");
    m_new = edit("newPassphraseEdit");
    m_repeat = edit("repeatPassphraseEdit");
    m_strength = new QLabel;
    m_strength->setWordWrap(true);
    form->addRow(tr("&Current passphrase:"), m_current);
    form->addRow(tr("&New passphrase:"), m_new);
    form->addRow(tr("&Repeat it:"), m_repeat);
    form->addRow(QString(), m_strength);
    layout->addLayout(form);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Change"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit* e : {m_current, m_new, m_repeat})
        connect(e, &QLineEdit::textChanged, this, &ChangePassphraseDialog::update);
    update();
}

QString ChangePassphraseDialog::currentPassphrase() const
{
    return m_current->text();
}

QString ChangePassphraseDialog::newPassphrase() const
{
    return m_new->text();
}

void ChangePassphraseDialog::showError(const QString& error)
{
    m_error->setText(error);
    m_error->show();
}

void ChangePassphraseDialog::update()
{
    m_strength->setText(ratePassphrase(m_new->text()).hint);
    m_ok->setEnabled(!m_current->text().isEmpty() && !m_new->text().isEmpty() && m_new->text() == m_repeat->text());
}

} // namespace cachet::ui
