#pragma once
// A To, Cc or Bcc field: addresses separated by commas, the one being typed
// completed from the known addresses (by name or address, anywhere in it).

#include <QLineEdit>

class QCompleter;
class QStringListModel;

namespace cachet::ui {

class RecipientEdit : public QLineEdit {
    Q_OBJECT
public:
    explicit RecipientEdit(QWidget* parent = nullptr);
    void setKnownAddresses(const QStringList& addresses);
    QCompleter* completer() const { return m_completer; }

private:
    void typed(const QString& text);
    void complete(const QString& chosen);
    // Where the address being typed starts (after the last comma outside quotes).
    int currentEntryStart() const;

    QCompleter* m_completer = nullptr;
    QStringListModel* m_model = nullptr;
};

} // namespace cachet::ui
