#pragma once
// The three-pane window: folders on the left, the message list above the
// reader on the right, a search field in the tool bar, the sync's state in the
// status bar. Every query runs on the session's reader worker and every change
// on its writer (ui/actions), so nothing here waits on the store.

#include "composer/ComposeRequest.h"
#include "messages/MessageKey.h"

#include <QMainWindow>

#include <functional>
#include <optional>

class QAction;
class QLineEdit;
class QMenu;
class QTreeView;
class QSplitter;

namespace cachet::ui {

class FolderActions;
class FolderModel;
class MessageActions;
class MessageListModel;
class ReaderView;
class Session;
struct RenderedMessage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Session& session, QWidget* parent = nullptr);
    ~MainWindow() override;

    // For the app and the tests: select a folder, a message, search.
    void selectMailbox(std::int64_t mailboxId);
    void selectMessage(const MessageKey& key);
    void search(const QString& query);
    std::optional<MessageKey> shownMessage() const { return m_shown; }

    FolderModel& folders() { return *m_folderModel; }
    MessageListModel& messages() { return *m_messageModel; }
    ReaderView& reader() { return *m_reader; }
    MessageActions& messageActions() { return *m_messageActions; }
    FolderActions& folderActions() { return *m_folderActions; }
    // Where the app puts Bridge, Keys and Settings.
    QMenu* toolsMenu() { return m_toolsMenu; }
    void showStatus(const QString& text);

    // Called with the message to reply to or forward, and how (the app opens a composer).
    using ComposeHandler = std::function<void(ComposeKind, std::optional<MessageKey>)>;
    void setComposeHandler(ComposeHandler handler);

signals:
    // A message was shown in the reader (tests wait on it).
    void messageShown(const cachet::ui::MessageKey& key);

private:
    void buildActions();
    void buildMenus();
    void storeChanged();
    void folderChanged();
    void currentMessageChanged();
    void openMessage(const MessageKey& key);
    void restoreSelection();
    MessageKeys selectedKeys() const;
    std::uint32_t flagsOf(const MessageKey& key) const;
    void setFlags(const MessageKeys& keys, std::uint32_t add, std::uint32_t remove);
    void toggleRead();
    void toggleFlag();
    void moveToFolder();
    void newFolder();
    void renameFolder();
    void deleteFolder();
    void folderContextMenu(const QPoint& pos);
    void allowRemoteContent(bool forSender);
    void updateActions();

    Session& m_session;
    FolderModel* m_folderModel = nullptr;
    MessageListModel* m_messageModel = nullptr;
    MessageActions* m_messageActions = nullptr;
    FolderActions* m_folderActions = nullptr;

    QTreeView* m_folderView = nullptr;
    QTreeView* m_messageView = nullptr;
    ReaderView* m_reader = nullptr;
    QSplitter* m_rightSplit = nullptr;
    QLineEdit* m_searchEdit = nullptr;
    QMenu* m_toolsMenu = nullptr;

    std::int64_t m_mailboxId = 0;
    std::optional<MessageKey> m_shown;      // in the reader
    std::optional<MessageKey> m_wanted;     // asked for, loading
    MessageKeys m_selectionToRestore;
    QString m_shownSender;
    quint64 m_openGeneration = 0;
    ComposeHandler m_compose;

    QAction* m_newAction = nullptr;
    QAction* m_replyAction = nullptr;
    QAction* m_replyAllAction = nullptr;
    QAction* m_forwardAction = nullptr;
    QAction* m_forwardAttachedAction = nullptr;
    QAction* m_readAction = nullptr;
    QAction* m_flagAction = nullptr;
    QAction* m_moveAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_archiveAction = nullptr;
    QAction* m_junkAction = nullptr;
    QAction* m_threadsAction = nullptr;
    QAction* m_syncNowAction = nullptr;
    QAction* m_searchAction = nullptr;
};

} // namespace cachet::ui
