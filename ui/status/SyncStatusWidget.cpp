#include "status/SyncStatusWidget.h"

#include "engine/Session.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>

namespace cachet::ui {

SyncStatusWidget::SyncStatusWidget(Session& session, QWidget* parent) : QWidget(parent), m_session(session)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel;
    m_label->setObjectName(QStringLiteral("syncStateLabel"));
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    layout->addWidget(m_progress);
    layout->addWidget(m_label);
    connect(&m_session, &Session::syncStatusChanged, this, &SyncStatusWidget::update);
    update();
}

void SyncStatusWidget::update()
{
    const SyncStatus& s = m_session.syncStatus();
    const QLocale locale;
    m_progress->hide();
    setToolTip(QString());
    switch (s.state) {
    case SyncStatus::State::Off:
        m_label->setText(tr("Not syncing: no account"));
        break;
    case SyncStatus::State::Idle:
        m_label->setText(tr("Up to date"));
        break;
    case SyncStatus::State::Syncing: {
        const sync::SyncProgress& p = s.progress;
        if (p.messagesTotal > 0) {
            // Bytes where they are known: a few large messages move the bar more honestly than their count.
            const bool byBytes = p.bytesTotal > 0;
            m_progress->setRange(0, 1000);
            const double done = byBytes ? double(p.bytesDone) / double(p.bytesTotal)
                                        : double(p.messagesDone) / double(p.messagesTotal);
            m_progress->setValue(int(std::min(1.0, done) * 1000));
            m_progress->show();
            m_label->setText(tr("Downloading %1 of %2 messages (%3 of %4), folder %5 of %6")
                                 .arg(locale.toString(p.messagesDone), locale.toString(p.messagesTotal),
                                      locale.formattedDataSize(p.bytesDone), locale.formattedDataSize(p.bytesTotal))
                                 .arg(p.mailboxesDone + 1)
                                 .arg(p.mailboxesTotal));
        } else if (p.mailboxesTotal > 0) {
            m_progress->setRange(0, p.mailboxesTotal);
            m_progress->setValue(p.mailboxesDone);
            m_progress->show();
            m_label->setText(tr("Syncing folder %1 of %2").arg(p.mailboxesDone + 1).arg(p.mailboxesTotal));
        } else {
            m_label->setText(tr("Syncing…"));
        }
        break;
    }
    case SyncStatus::State::Failed:
        m_label->setText(s.offline ? tr("Offline — trying again in %n s", nullptr, s.retryInSeconds)
                                   : tr("Sync failed — trying again in %n s", nullptr, s.retryInSeconds));
        setToolTip(s.error);
        break;
    }
    m_label->setProperty("offline", s.state == SyncStatus::State::Failed && s.offline);
}

} // namespace cachet::ui
