#include "status/OutboxWidget.h"

#include "engine/Session.h"

#include "store/Messages.h"
#include "store/Outbox.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cachet::ui {

namespace {

struct OutboxRow {
    qint64 id = 0;
    QString recipients;
    QString subject;
    QString state;
    int attempts = 0;
    qint64 created = 0;
    QString lastError;
};

struct OutboxCounts {
    qint64 pending = 0;
    qint64 failed = 0;
};

} // namespace

OutboxDialog::OutboxDialog(Session& session, QWidget* parent) : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Outbox"));
    setObjectName(QStringLiteral("outboxDialog"));
    auto* layout = new QVBoxLayout(this);
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("outboxList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("To"), tr("Subject"), tr("State"), tr("Tries"), tr("Queued"), tr("Last error")});
    m_list->header()->setStretchLastSection(true);
    layout->addWidget(m_list);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton* retryButton = buttons->addButton(tr("&Retry Now"), QDialogButtonBox::ActionRole);
    retryButton->setObjectName(QStringLiteral("retryButton"));
    QPushButton* cancelButton = buttons->addButton(tr("&Cancel Sending"), QDialogButtonBox::ActionRole);
    cancelButton->setObjectName(QStringLiteral("cancelSendingButton"));
    connect(retryButton, &QPushButton::clicked, this, &OutboxDialog::retry);
    connect(cancelButton, &QPushButton::clicked, this, &OutboxDialog::cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(&session, &Session::storeChanged, this, &OutboxDialog::refresh);
    resize(760, 320);
    refresh();
}

qint64 OutboxDialog::selectedId() const
{
    const QTreeWidgetItem* item = m_list->currentItem();
    return item ? item->data(0, Qt::UserRole).toLongLong() : 0;
}

void OutboxDialog::refresh()
{
    m_session.reader().run<std::vector<OutboxRow>>(
        this,
        [](store::Database& db) {
            std::vector<OutboxRow> rows;
            for (const store::OutboxItem& item : store::Outbox(db).all()) {
                if (item.state == "sent")
                    continue;
                OutboxRow r;
                r.id = item.id;
                QStringList to;
                for (const std::string& a : item.recipients)
                    to << QString::fromStdString(a);
                r.recipients = to.join(QStringLiteral(", "));
                if (auto summary = store::Messages(db).summary(item.messageId))
                    r.subject = QString::fromStdString(summary->subject);
                r.state = QString::fromStdString(item.state);
                r.attempts = item.attempts;
                r.created = item.created;
                r.lastError = QString::fromStdString(item.lastError);
                rows.push_back(std::move(r));
            }
            return rows;
        },
        [this](std::vector<OutboxRow> rows) {
            const qint64 selected = selectedId();
            m_list->clear();
            for (const OutboxRow& r : rows) {
                auto* item = new QTreeWidgetItem(
                    {r.recipients, r.subject,
                     r.state == "failed" ? tr("failed") : r.state == "queued" ? tr("waiting") : tr("sending"),
                     QString::number(r.attempts),
                     QLocale().toString(QDateTime::fromSecsSinceEpoch(r.created), QLocale::ShortFormat), r.lastError});
                item->setData(0, Qt::UserRole, r.id);
                m_list->addTopLevelItem(item);
                if (r.id == selected)
                    m_list->setCurrentItem(item);
            }
        });
}

void OutboxDialog::retry()
{
    const qint64 id = selectedId();
    m_session.writer().run(
        this,
        [id](store::Database& db) {
            store::Outbox(db).retryNow(QDateTime::currentSecsSinceEpoch(), id ? std::optional<std::int64_t>(id) : std::nullopt);
        },
        [this] { m_session.noteLocalChange(); });
}

void OutboxDialog::cancel()
{
    const qint64 id = selectedId();
    if (id == 0)
        return;
    m_session.writer().run(this, [id](store::Database& db) { store::Outbox(db).cancel(id); }, [this] { refresh(); });
}

OutboxWidget::OutboxWidget(Session& session, QWidget* parent) : QToolButton(parent), m_session(session)
{
    setObjectName(QStringLiteral("outboxButton"));
    setAutoRaise(true);
    hide();
    connect(&session, &Session::storeChanged, this, &OutboxWidget::refresh);
    connect(this, &QToolButton::clicked, this, [this] {
        auto* dialog = new OutboxDialog(m_session, window());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    refresh();
}

void OutboxWidget::refresh()
{
    if (m_inFlight)
        return;
    m_inFlight = true;
    m_session.reader().run<OutboxCounts>(
        this,
        [](store::Database& db) {
            store::Outbox outbox(db);
            return OutboxCounts{outbox.pendingCount(), outbox.failedCount()};
        },
        [this](OutboxCounts counts) {
            m_inFlight = false;
            setVisible(counts.pending + counts.failed > 0);
            setText(counts.failed > 0 ? tr("Outbox: %1 waiting, %2 failed").arg(counts.pending).arg(counts.failed)
                                      : tr("Outbox: %1 waiting").arg(counts.pending));
            setToolTip(tr("Messages not sent yet. Click to retry or cancel them."));
        },
        [this](const QString&) { m_inFlight = false; });
}

} // namespace cachet::ui
