#include "status/TrayIcon.h"

#include "engine/Session.h"
#include "folders/FolderModel.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QWidget>

namespace cachet::ui {

TrayIcon::TrayIcon(Session& session, FolderModel& folders, QWidget& window, QObject* parent)
    : QObject(parent), m_folders(folders), m_window(window)
{
    connect(&folders, &FolderModel::countsChanged, this, &TrayIcon::updateCount);
    connect(&session, &Session::newMail, this, &TrayIcon::newMail);
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return; // the window title still carries the count
    m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger) {
            m_window.showNormal();
            m_window.raise();
            m_window.activateWindow();
        }
    });
    m_tray->show();
}

QString TrayIcon::toolTip() const
{
    return m_unread > 0 ? tr("Cachet: %n unread in Inbox", nullptr, int(m_unread)) : tr("Cachet");
}

void TrayIcon::updateCount()
{
    const qint64 unread = m_folders.unseenInInbox();
    if (unread == m_unread)
        return;
    m_unread = unread;
    m_window.setWindowTitle(unread > 0 ? tr("Cachet (%1)").arg(unread) : tr("Cachet"));
    if (m_tray)
        m_tray->setToolTip(toolTip());
}

void TrayIcon::newMail(qint64 count)
{
    if (m_tray && QSystemTrayIcon::supportsMessages() && !m_window.isActiveWindow())
        m_tray->showMessage(tr("New mail"), tr("%n new message(s)", nullptr, int(count)),
                            QSystemTrayIcon::Information, 5000);
    QApplication::alert(&m_window);
}

} // namespace cachet::ui
