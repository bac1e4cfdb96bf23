#include "window/MainWindow.h"

#include "actions/FolderActions.h"
#include "actions/MessageActions.h"
#include "engine/Session.h"
#include "folders/FolderModel.h"
#include "messages/MessageListModel.h"
#include "reader/MessageRendering.h"
#include "reader/ReaderSecurity.h"
#include "reader/ReaderView.h"
#include "settings/AppSettings.h"
#include "status/OutboxWidget.h"
#include "status/SyncStatusWidget.h"

#include "store/Entries.h"
#include "store/Flags.h"
#include "store/MessageOpenPgp.h"
#include "store/Messages.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QTreeView>

namespace cachet::ui {

namespace {

// What opening a message reads and renders on the reader worker.
struct OpenedMessage {
    bool found = false;
    RenderedMessage rendered;
    std::string raw;
    ReaderSecurity security;
    bool remoteAllowed = false;
};

} // namespace

MainWindow::MainWindow(Session& session, QWidget* parent) : QMainWindow(parent), m_session(session)
{
    setWindowTitle(tr("Cachet"));
    setObjectName(QStringLiteral("mainWindow"));
    m_folderModel = new FolderModel(session.reader(), this);
    m_messageModel = new MessageListModel(session.reader(), this);
    m_messageActions = new MessageActions(session, this);
    m_folderActions = new FolderActions(session, this);

    m_folderView = new QTreeView;
    m_folderView->setObjectName(QStringLiteral("folderView"));
    m_folderView->setModel(m_folderModel);
    m_folderView->setHeaderHidden(true);
    m_folderView->setDragDropMode(QAbstractItemView::DropOnly);
    m_folderView->setAcceptDrops(true);
    m_folderView->setDropIndicatorShown(true);
    m_folderView->setContextMenuPolicy(Qt::CustomContextMenu);

    m_messageView = new QTreeView;
    m_messageView->setObjectName(QStringLiteral("messageView"));
    m_messageView->setModel(m_messageModel);
    // Uniform rows let the view lay out 100,000 rows without asking for each one.
    m_messageView->setUniformRowHeights(true);
    m_messageView->setRootIsDecorated(false);
    m_messageView->setAllColumnsShowFocus(true);
    m_messageView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_messageView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_messageView->setDragEnabled(true);
    m_messageView->setDragDropMode(QAbstractItemView::DragOnly);
    m_messageView->setSortingEnabled(true);
    m_messageView->sortByColumn(MessageListModel::Date, Qt::DescendingOrder);
    QHeaderView* header = m_messageView->header();
    header->setStretchLastSection(false);
    for (int column : {MessageListModel::Flagged, MessageListModel::Attachment, MessageListModel::Security}) {
        header->setSectionResizeMode(column, QHeaderView::Fixed);
        header->resizeSection(column, 24);
    }
    header->setSectionResizeMode(MessageListModel::Subject, QHeaderView::Stretch);
    header->resizeSection(MessageListModel::From, 200);
    header->resizeSection(MessageListModel::Date, 110);
    header->resizeSection(MessageListModel::Size, 90);

    m_reader = new ReaderView;
    m_reader->setObjectName(QStringLiteral("readerView"));

    m_rightSplit = new QSplitter(Qt::Vertical);
    m_rightSplit->addWidget(m_messageView);
    m_rightSplit->addWidget(m_reader);
    m_rightSplit->setStretchFactor(0, 2);
    m_rightSplit->setStretchFactor(1, 3);
    auto* mainSplit = new QSplitter(Qt::Horizontal);
    mainSplit->addWidget(m_folderView);
    mainSplit->addWidget(m_rightSplit);
    mainSplit->setStretchFactor(1, 1);
    mainSplit->setSizes({220, 900});
    setCentralWidget(mainSplit);

    statusBar()->addPermanentWidget(new OutboxWidget(session, this));
    statusBar()->addPermanentWidget(new SyncStatusWidget(session, this));

    buildActions();
    buildMenus();

    connect(&session, &Session::storeChanged, this, &MainWindow::storeChanged);
    connect(m_folderView->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::folderChanged);
    connect(m_folderModel, &FolderModel::rebuilt, this, [this] {
        // Keep the folder the user was in; the first time, open the Inbox.
        QModelIndex index = m_folderModel->indexOfMailbox(m_mailboxId);
        if (!index.isValid()) {
            for (const FolderInfo& f : m_folderModel->folders())
                if (f.name == "INBOX")
                    index = m_folderModel->indexOfMailbox(f.id);
        }
        m_folderView->expandAll();
        if (index.isValid())
            m_folderView->setCurrentIndex(index);
    });
    connect(m_folderModel, &FolderModel::messagesDropped, this,
            [this](std::int64_t target, const MessageKeys& keys) { m_messageActions->move(keys, target); });
    connect(m_folderView, &QWidget::customContextMenuRequested, this, &MainWindow::folderContextMenu);
    connect(m_messageView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::currentMessageChanged);
    connect(m_messageView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    connect(m_messageView, &QTreeView::doubleClicked, this, [this](const QModelIndex& index) {
        // A draft opens in the composer, to go on writing it.
        const MessageKey key = m_messageModel->keyAt(index.row());
        for (const FolderInfo& f : m_folderModel->folders())
            if (f.id == key.mailboxId && f.specialUse == "\\Drafts" && m_compose)
                m_compose(ComposeKind::Draft, key);
    });
    connect(m_messageModel, &MessageListModel::modelAboutToBeReset, this, [this] {
        // Remember what was selected, to select it again in the new order.
        if (m_selectionToRestore.empty())
            m_selectionToRestore = selectedKeys();
    });
    connect(m_messageModel, &MessageListModel::orderLoaded, this, &MainWindow::restoreSelection);
    connect(m_messageModel, &MessageListModel::queryFailed, this,
            [this](const QString& reason) { showStatus(tr("Search: %1").arg(reason)); });
    connect(m_reader, &ReaderView::remoteContentAllowed, this, &MainWindow::allowRemoteContent);
    connect(m_messageActions, &MessageActions::done, this, &MainWindow::showStatus);
    connect(m_messageActions, &MessageActions::failed, this, [this](const QString& error) {
        showStatus(error);
        storeChanged(); // what the list showed ahead of the store goes back to what is stored
    });
    connect(m_messageActions, &MessageActions::committed, this, &MainWindow::storeChanged);
    connect(m_folderActions, &FolderActions::done, this, &MainWindow::showStatus);
    connect(m_folderActions, &FolderActions::failed, this, [this](const QString& error) {
        QMessageBox::warning(this, tr("Folder"), error);
    });

    m_folderModel->refresh();
    updateActions();
    resize(1200, 760);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    QStyle* style = QApplication::style();
    const auto make = [this](const QString& text, const QKeySequence& shortcut, const QIcon& icon,
                             void (MainWindow::*slot)()) {
        auto* action = new QAction(icon, text, this);
        action->setShortcut(shortcut);
        // Shortcuts work from any pane of the window.
        action->setShortcutContext(Qt::WindowShortcut);
        if (slot)
            connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    m_newAction = make(tr("&New Message"), QKeySequence::New, QIcon::fromTheme("mail-message-new"), nullptr);
    m_replyAction = make(tr("&Reply"), QKeySequence(Qt::CTRL | Qt::Key_R), QIcon::fromTheme("mail-reply-sender"), nullptr);
    m_replyAllAction = make(tr("Reply &All"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                            QIcon::fromTheme("mail-reply-all"), nullptr);
    m_forwardAction = make(tr("&Forward"), QKeySequence(Qt::CTRL | Qt::Key_L), QIcon::fromTheme("mail-forward"), nullptr);
    m_forwardAttachedAction = make(tr("Forward as A&ttachment"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
                                   QIcon::fromTheme("mail-forward"), nullptr);
    const auto compose = [this](ComposeKind kind) {
        return [this, kind] {
            if (!m_compose)
                return;
            m_compose(kind, kind == ComposeKind::New ? std::nullopt : m_shown);
        };
    };
    connect(m_newAction, &QAction::triggered, this, compose(ComposeKind::New));
    connect(m_replyAction, &QAction::triggered, this, compose(ComposeKind::Reply));
    connect(m_replyAllAction, &QAction::triggered, this, compose(ComposeKind::ReplyAll));
    connect(m_forwardAction, &QAction::triggered, this, compose(ComposeKind::ForwardInline));
    connect(m_forwardAttachedAction, &QAction::triggered, this, compose(ComposeKind::ForwardAttached));

    m_readAction = make(tr("Mark as &Read/Unread"), QKeySequence(Qt::Key_M), QIcon::fromTheme("mail-mark-read"),
                        &MainWindow::toggleRead);
    m_flagAction = make(tr("&Flag/Unflag"), QKeySequence(Qt::Key_S), QIcon::fromTheme("mail-mark-important"),
                        &MainWindow::toggleFlag);
    m_moveAction = make(tr("&Move to Folder…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M),
                        QIcon::fromTheme("mail-move"), &MainWindow::moveToFolder);
    m_deleteAction = make(tr("&Delete"), QKeySequence::Delete, QIcon::fromTheme("edit-delete", style->standardIcon(QStyle::SP_TrashIcon)), nullptr);
    connect(m_deleteAction, &QAction::triggered, this, [this] { m_messageActions->deleteMessages(selectedKeys()); });
    m_archiveAction = make(tr("&Archive"), QKeySequence(Qt::Key_A), QIcon::fromTheme("mail-archive"), nullptr);
    connect(m_archiveAction, &QAction::triggered, this, [this] { m_messageActions->archive(selectedKeys()); });
    m_junkAction = make(tr("Mark as &Junk"), QKeySequence(Qt::Key_J), QIcon::fromTheme("mail-mark-junk"), nullptr);
    connect(m_junkAction, &QAction::triggered, this, [this] { m_messageActions->markJunk(selectedKeys()); });
    m_threadsAction = make(tr("&Threads"), QKeySequence(Qt::Key_T), QIcon(), nullptr);
    m_threadsAction->setCheckable(true);
    connect(m_threadsAction, &QAction::toggled, this, [this](bool on) {
        m_selectionToRestore = selectedKeys();
        m_messageModel->setThreaded(on);
        m_messageView->setSortingEnabled(!on);
    });
    m_syncNowAction = make(tr("&Get Messages"), QKeySequence(Qt::Key_F5), QIcon::fromTheme("mail-receive", style->standardIcon(QStyle::SP_BrowserReload)), nullptr);
    connect(m_syncNowAction, &QAction::triggered, this, [this] { m_session.noteLocalChange(); });
    m_searchAction = make(tr("&Search"), QKeySequence(Qt::CTRL | Qt::Key_K), QIcon(), nullptr);
    connect(m_searchAction, &QAction::triggered, this, [this] {
        m_searchEdit->setFocus();
        m_searchEdit->selectAll();
    });
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_syncNowAction);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    quit->setObjectName(QStringLiteral("quitAction"));

    QMenu* message = menuBar()->addMenu(tr("&Message"));
    for (QAction* a : {m_replyAction, m_replyAllAction, m_forwardAction, m_forwardAttachedAction})
        message->addAction(a);
    message->addSeparator();
    for (QAction* a : {m_readAction, m_flagAction, m_moveAction, m_archiveAction, m_junkAction, m_deleteAction})
        message->addAction(a);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_threadsAction);
    view->addAction(m_searchAction);
    m_toolsMenu = menuBar()->addMenu(tr("&Tools"));

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (QAction* a : {m_syncNowAction, m_newAction, m_replyAction, m_replyAllAction, m_forwardAction})
        bar->addAction(a);
    bar->addSeparator();
    for (QAction* a : {m_archiveAction, m_junkAction, m_deleteAction})
        bar->addAction(a);
    auto* spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    m_searchEdit = new QLineEdit;
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setPlaceholderText(tr("Search: words, \"a phrase\", from:, to:, subject:, has:attachment, is:unread…"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchEdit->setMinimumWidth(320);
    bar->addWidget(m_searchEdit);
    connect(m_searchEdit, &QLineEdit::returnPressed, this, [this] { search(m_searchEdit->text()); });
    connect(m_searchEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (text.isEmpty() && m_messageModel->showingSearch())
            selectMailbox(m_mailboxId); // cleared: back to the folder
    });
}

void MainWindow::setComposeHandler(ComposeHandler handler)
{
    m_compose = std::move(handler);
    updateActions();
}

void MainWindow::storeChanged()
{
    m_folderModel->refresh();
    m_messageModel->refresh();
}

void MainWindow::folderChanged()
{
    const QModelIndex index = m_folderView->currentIndex();
    const std::int64_t id = index.data(FolderModel::MailboxIdRole).toLongLong();
    if (id == 0 || (id == m_mailboxId && !m_messageModel->showingSearch() && m_messageModel->mailboxId() == id))
        return;
    m_mailboxId = id;
    m_selectionToRestore.clear();
    if (!m_searchEdit->text().isEmpty()) {
        const QSignalBlocker block(m_searchEdit);
        m_searchEdit->clear();
    }
    m_messageModel->showMailbox(id);
    updateActions();
}

void MainWindow::selectMailbox(std::int64_t mailboxId)
{
    const QModelIndex index = m_folderModel->indexOfMailbox(mailboxId);
    if (index.isValid() && m_folderView->currentIndex() != index) {
        m_folderView->setCurrentIndex(index);
        return;
    }
    m_mailboxId = mailboxId;
    m_selectionToRestore.clear();
    m_messageModel->showMailbox(mailboxId);
}

void MainWindow::search(const QString& query)
{
    if (m_searchEdit->text() != query) {
        const QSignalBlocker block(m_searchEdit);
        m_searchEdit->setText(query);
    }
    if (query.trimmed().isEmpty()) {
        selectMailbox(m_mailboxId);
        return;
    }
    m_selectionToRestore.clear();
    m_messageModel->showSearch(query);
    showStatus(tr("Searching all folders for %1").arg(query));
}

void MainWindow::selectMessage(const MessageKey& key)
{
    const int row = m_messageModel->rowOf(key);
    if (row < 0) {
        m_selectionToRestore = {key};
        return;
    }
    const QModelIndex index = m_messageModel->index(row, MessageListModel::Subject);
    m_messageView->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_messageView->scrollTo(index);
}

void MainWindow::restoreSelection()
{
    MessageKeys wanted = std::move(m_selectionToRestore);
    m_selectionToRestore.clear();
    if (wanted.empty() && m_shown)
        wanted = {*m_shown};
    QItemSelection selection;
    QModelIndex current;
    for (const MessageKey& key : wanted) {
        const int row = m_messageModel->rowOf(key);
        if (row < 0)
            continue;
        const QModelIndex index = m_messageModel->index(row, 0);
        selection.select(index, index);
        if (!current.isValid() || (m_shown && key == *m_shown))
            current = index;
    }
    if (!current.isValid()) {
        // What was shown is gone (moved, deleted): the reader empties.
        if (m_shown && m_messageModel->rowOf(*m_shown) < 0) {
            m_shown.reset();
            m_reader->clear();
        }
        updateActions();
        return;
    }
    QItemSelectionModel* model = m_messageView->selectionModel();
    const QSignalBlocker block(model); // the same message: no reload
    model->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    model->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
    m_messageView->scrollTo(current);
    const MessageKey key = m_messageModel->keyAt(current.row());
    if (!m_shown || !(key == *m_shown))
        openMessage(key);
    updateActions();
}

void MainWindow::currentMessageChanged()
{
    const QModelIndex current = m_messageView->currentIndex();
    updateActions();
    if (!current.isValid())
        return;
    const MessageKey key = m_messageModel->keyAt(current.row());
    if (m_shown && key == *m_shown)
        return;
    openMessage(key);
}

void MainWindow::openMessage(const MessageKey& key)
{
    m_wanted = key;
    const quint64 generation = ++m_openGeneration;
    // Read, decode and render on the reader worker: a 50 MB message must not freeze the window.
    m_session.reader().run<OpenedMessage>(
        this,
        [key](store::Database& db) {
            OpenedMessage out;
            const auto entry = store::Entries(db).byUid(key.mailboxId, key.uid);
            if (!entry)
                return out;
            store::MessageOpenPgp openPgp(db);
            out.raw = store::Messages(db).readRaw(openPgp.servedId(entry->messageId));
            if (auto record = openPgp.find(entry->messageId))
                out.security = ReaderSecurity::fromRecord(*record);
            const AppSettings settings = AppSettings::load(db);
            RenderedMessage plain = renderMessage(out.raw, false);
            out.remoteAllowed = plain.hasRemoteContent && settings.remoteAllowedFor(plain.fromAddress);
            out.rendered = out.remoteAllowed ? renderMessage(out.raw, true) : std::move(plain);
            out.found = true;
            return out;
        },
        [this, key, generation](OpenedMessage opened) {
            if (generation != m_openGeneration)
                return; // the user moved on meanwhile
            m_wanted.reset();
            if (!opened.found) {
                m_reader->clear();
                m_shown.reset();
                return;
            }
            m_shown = key;
            m_shownSender = opened.rendered.fromAddress;
            m_reader->setRemoteContentAllowed(opened.remoteAllowed);
            m_reader->showRendered(std::move(opened.rendered), std::move(opened.raw), opened.security);
            // Opened is read, as in Thunderbird; through the journal to the provider.
            if (!(flagsOf(key) & store::FlagSeen))
                setFlags({key}, store::FlagSeen, 0);
            updateActions();
            emit messageShown(key);
        },
        [this](const QString& error) { showStatus(tr("The message could not be read: %1").arg(error)); });
}

void MainWindow::allowRemoteContent(bool forSender)
{
    if (!forSender || m_shownSender.isEmpty())
        return;
    m_session.writer().run(this, [sender = m_shownSender](store::Database& db) { allowRemoteContentFrom(db, sender); },
                           [this, sender = m_shownSender] {
                               showStatus(tr("Remote content will be shown for %1").arg(sender));
                           });
}

MessageKeys MainWindow::selectedKeys() const
{
    MessageKeys keys;
    for (const QModelIndex& index : m_messageView->selectionModel()->selectedRows())
        keys.push_back(m_messageModel->keyAt(index.row()));
    return keys;
}

std::uint32_t MainWindow::flagsOf(const MessageKey& key) const
{
    const int row = m_messageModel->rowOf(key);
    return row < 0 ? 0 : m_messageModel->index(row, 0).data(MessageListModel::FlagsRole).toUInt();
}

void MainWindow::setFlags(const MessageKeys& keys, std::uint32_t add, std::uint32_t remove)
{
    m_messageModel->applyFlagChange(keys, add, remove); // shown now; the store follows
    m_messageActions->setFlags(keys, add, remove);
}

void MainWindow::toggleRead()
{
    const MessageKeys keys = selectedKeys();
    if (keys.empty())
        return;
    // Like Thunderbird: if the first is unread, all become read; else all unread.
    const bool read = !(flagsOf(keys.front()) & store::FlagSeen);
    const std::uint32_t seen = store::FlagSeen;
    setFlags(keys, read ? seen : 0u, read ? 0u : seen);
}

void MainWindow::toggleFlag()
{
    const MessageKeys keys = selectedKeys();
    if (keys.empty())
        return;
    const bool flag = !(flagsOf(keys.front()) & store::FlagFlagged);
    const std::uint32_t flagged = store::FlagFlagged;
    setFlags(keys, flag ? flagged : 0u, flag ? 0u : flagged);
}

void MainWindow::moveToFolder()
{
    const MessageKeys keys = selectedKeys();
    if (keys.empty())
        return;
    QStringList names;
    std::vector<std::int64_t> ids;
    for (const FolderInfo& f : m_folderModel->folders()) {
        if (f.noselect)
            continue;
        names << QString::fromStdString(f.name);
        ids.push_back(f.id);
    }
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Move to Folder"), tr("Folder:"), names, 0, false, &ok);
    if (!ok)
        return;
    const qsizetype index = names.indexOf(chosen);
    if (index >= 0)
        m_messageActions->move(keys, ids[static_cast<std::size_t>(index)]);
}

void MainWindow::folderContextMenu(const QPoint& pos)
{
    QMenu menu(this);
    menu.addAction(tr("&New Folder…"), this, &MainWindow::newFolder);
    const QModelIndex index = m_folderView->indexAt(pos);
    const QString name = index.data(FolderModel::MailboxNameRole).toString();
    if (index.isValid() && name != QLatin1String("INBOX")) {
        menu.addAction(tr("&Rename…"), this, &MainWindow::renameFolder);
        menu.addAction(tr("&Delete"), this, &MainWindow::deleteFolder);
    }
    menu.exec(m_folderView->viewport()->mapToGlobal(pos));
}

void MainWindow::newFolder()
{
    const QString parent = m_folderView->currentIndex().data(FolderModel::MailboxNameRole).toString();
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("New Folder"),
        parent.isEmpty() || parent == QLatin1String("INBOX") ? tr("Name:") : tr("Name (inside %1, or use / for the top):").arg(parent),
        QLineEdit::Normal, QString(), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    // "/Name" puts it at the top level; INBOX never gets children here (many providers refuse them).
    const bool topLevel = name.startsWith('/') || parent.isEmpty() || parent == QLatin1String("INBOX");
    m_folderActions->create(topLevel ? QString() : parent, name.trimmed().remove(0, name.startsWith('/') ? 1 : 0));
}

void MainWindow::renameFolder()
{
    const QModelIndex index = m_folderView->currentIndex();
    const std::int64_t id = index.data(FolderModel::MailboxIdRole).toLongLong();
    const QString name = index.data(FolderModel::MailboxNameRole).toString();
    if (id == 0 || name == QLatin1String("INBOX"))
        return;
    bool ok = false;
    const QString newName = QInputDialog::getText(this, tr("Rename Folder"), tr("New name (use / between levels):"),
                                                  QLineEdit::Normal, name, &ok);
    if (ok && !newName.trimmed().isEmpty() && newName != name)
        m_folderActions->rename(id, newName.trimmed());
}

void MainWindow::deleteFolder()
{
    const QModelIndex index = m_folderView->currentIndex();
    const std::int64_t id = index.data(FolderModel::MailboxIdRole).toLongLong();
    const QString name = index.data(FolderModel::MailboxNameRole).toString();
    if (id == 0 || name == QLatin1String("INBOX"))
        return;
    const auto answer = QMessageBox::question(
        this, tr("Delete Folder"),
        tr("Delete the folder %1 and every message in it, here and at your provider?").arg(name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_folderActions->remove(id);
}

void MainWindow::updateActions()
{
    const bool any = m_messageView && !m_messageView->selectionModel()->selectedRows().isEmpty();
    for (QAction* a : {m_readAction, m_flagAction, m_moveAction, m_deleteAction, m_archiveAction, m_junkAction})
        a->setEnabled(any);
    const bool canCompose = static_cast<bool>(m_compose);
    m_newAction->setEnabled(canCompose);
    for (QAction* a : {m_replyAction, m_replyAllAction, m_forwardAction, m_forwardAttachedAction})
        a->setEnabled(canCompose && m_shown.has_value());
}

void MainWindow::showStatus(const QString& text)
{
    statusBar()->showMessage(text, 8000);
}

} // namespace cachet::ui
