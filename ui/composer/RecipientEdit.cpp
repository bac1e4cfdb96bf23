#include "composer/RecipientEdit.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QStringListModel>

namespace cachet::ui {

RecipientEdit::RecipientEdit(QWidget* parent) : QLineEdit(parent)
{
    m_model = new QStringListModel(this);
    // Not QLineEdit::setCompleter: that one completes the whole field, not the entry being typed.
    m_completer = new QCompleter(m_model, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setWidget(this);
    connect(this, &QLineEdit::textEdited, this, &RecipientEdit::typed);
    connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this, &RecipientEdit::complete);
}

void RecipientEdit::setKnownAddresses(const QStringList& addresses)
{
    m_model->setStringList(addresses);
}

int RecipientEdit::currentEntryStart() const
{
    const QString t = text().left(cursorPosition());
    bool quoted = false;
    int start = 0;
    for (int i = 0; i < t.size(); ++i) {
        if (t[i] == '"')
            quoted = !quoted;
        else if (t[i] == ',' && !quoted)
            start = i + 1;
    }
    return start;
}

void RecipientEdit::typed(const QString&)
{
    const int start = currentEntryStart();
    const QString entry = text().mid(start, cursorPosition() - start).trimmed();
    if (entry.size() < 2) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(entry);
    if (m_completer->completionCount() > 0)
        m_completer->complete();
    else
        m_completer->popup()->hide();
}

void RecipientEdit::complete(const QString& chosen)
{
    const int start = currentEntryStart();
    int end = text().indexOf(',', cursorPosition());
    if (end < 0)
        end = text().size();
    const QString before = text().left(start);
    const QString after = text().mid(end);
    const QString inserted = (before.isEmpty() ? QString() : QStringLiteral(" ")) + chosen + QStringLiteral(", ");
    setText(before + inserted + after.mid(after.startsWith(',') ? 1 : 0).trimmed());
    setCursorPosition(before.size() + inserted.size());
}

} // namespace cachet::ui
