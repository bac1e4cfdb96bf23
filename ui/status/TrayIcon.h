#pragma once
// The icon in the system tray (where there is one): the unread count of the
// Inbox in its tooltip, a notification when new mail arrives, a click brings
// the window forward. Notifications say how many messages came, never who sent
// them or about what: they can show on a locked screen.

#include <QObject>

class QSystemTrayIcon;
class QWidget;

namespace cachet::ui {

class FolderModel;
class Session;

class TrayIcon : public QObject {
    Q_OBJECT
public:
    TrayIcon(Session& session, FolderModel& folders, QWidget& window, QObject* parent = nullptr);
    bool available() const { return m_tray != nullptr; }
    QString toolTip() const;

private:
    void updateCount();
    void newMail(qint64 count);

    FolderModel& m_folders;
    QWidget& m_window;
    QSystemTrayIcon* m_tray = nullptr;
    qint64 m_unread = -1;
};

} // namespace cachet::ui
