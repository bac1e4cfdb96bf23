#pragma once
// The outbox in the status bar: how many messages wait to be sent and how many
// failed, and, on a click, the list of them with Retry and Cancel (the same
// store::Outbox operations as `cachet-cli outbox retry|cancel`). Hidden while
// the outbox is empty.

#include <QDialog>
#include <QToolButton>

class QTreeWidget;

namespace cachet::ui {

class Session;

class OutboxDialog : public QDialog {
    Q_OBJECT
public:
    explicit OutboxDialog(Session& session, QWidget* parent = nullptr);
    void refresh();

private:
    void retry();
    void cancel();
    qint64 selectedId() const;

    Session& m_session;
    QTreeWidget* m_list = nullptr;
};

class OutboxWidget : public QToolButton {
    Q_OBJECT
public:
    explicit OutboxWidget(Session& session, QWidget* parent = nullptr);
    void refresh();

private:
    Session& m_session;
    bool m_inFlight = false;
};

} // namespace cachet::ui
