#include "folders/FolderModel.h"

#include "engine/StoreWorker.h"
#include "messages/MessageDrag.h"

#include "store/Mailboxes.h"

#include <QApplication>
#include <QStyle>

#include <algorithm>

namespace cachet::ui {

namespace {

// Where a folder sorts among its siblings: INBOX, then the special folders in a
// fixed order, then the rest by name.
int rank(const FolderInfo& f)
{
    if (f.name == "INBOX")
        return 0;
    static const char* const order[] = {"\\Drafts", "\\Sent", "\\Archive", "\\Junk", "\\Trash"};
    for (int i = 0; i < 5; ++i)
        if (f.specialUse == order[i])
            return i + 1;
    return 10;
}

QIcon folderIcon(const FolderInfo& f)
{
    QStyle* style = QApplication::style();
    const QIcon folder = style->standardIcon(QStyle::SP_DirIcon);
    if (f.name == "INBOX")
        return QIcon::fromTheme(QStringLiteral("mail-folder-inbox"), style->standardIcon(QStyle::SP_DriveHDIcon));
    if (f.specialUse == "\\Drafts")
        return QIcon::fromTheme(QStringLiteral("document-edit"), style->standardIcon(QStyle::SP_FileDialogDetailedView));
    if (f.specialUse == "\\Sent")
        return QIcon::fromTheme(QStringLiteral("mail-folder-sent"), style->standardIcon(QStyle::SP_ArrowForward));
    if (f.specialUse == "\\Archive")
        return QIcon::fromTheme(QStringLiteral("folder-documents"), style->standardIcon(QStyle::SP_DialogSaveButton));
    if (f.specialUse == "\\Junk")
        return QIcon::fromTheme(QStringLiteral("mail-mark-junk"), style->standardIcon(QStyle::SP_MessageBoxWarning));
    if (f.specialUse == "\\Trash")
        return QIcon::fromTheme(QStringLiteral("user-trash"), style->standardIcon(QStyle::SP_TrashIcon));
    return QIcon::fromTheme(QStringLiteral("folder"), folder);
}

} // namespace

FolderModel::FolderModel(StoreWorker& reader, QObject* parent) : QStandardItemModel(parent), m_reader(reader)
{
    setColumnCount(1);
}

QString FolderModel::displayName(const FolderInfo& folder)
{
    if (folder.name == "INBOX")
        return tr("Inbox");
    const QString name = QString::fromStdString(folder.name);
    return name.section(QLatin1Char(store::Mailboxes::kDelimiter), -1);
}

void FolderModel::refresh()
{
    if (m_inFlight) {
        m_again = true;
        return;
    }
    m_inFlight = true;
    m_reader.run<std::vector<FolderInfo>>(
        this,
        [](store::Database& db) {
            store::Mailboxes mailboxes(db);
            std::vector<FolderInfo> out;
            for (const store::Mailbox& m : mailboxes.all()) {
                FolderInfo f{m.id, m.name, m.specialUse, m.noselect, 0, 0};
                if (!m.noselect) {
                    const store::MailboxCounts counts = mailboxes.counts(m.id);
                    f.messages = counts.messages;
                    f.unseen = counts.unseen;
                }
                out.push_back(std::move(f));
            }
            return out;
        },
        [this](std::vector<FolderInfo> folders) {
            m_inFlight = false;
            apply(std::move(folders));
            if (m_again) {
                m_again = false;
                refresh();
            }
        },
        [this](const QString&) {
            m_inFlight = false;
            m_again = false;
        });
}

void FolderModel::apply(std::vector<FolderInfo> folders)
{
    const bool sameFolders = folders.size() == m_folders.size()
        && std::equal(folders.begin(), folders.end(), m_folders.begin(), [](const FolderInfo& a, const FolderInfo& b) {
               return a.id == b.id && a.name == b.name && a.specialUse == b.specialUse && a.noselect == b.noselect;
           });
    m_folders = std::move(folders);
    if (!sameFolders) {
        rebuild();
        emit rebuilt();
    } else {
        for (const FolderInfo& f : m_folders)
            if (QStandardItem* item = m_items[f.id])
                updateItem(*item, f);
    }
    emit countsChanged();
}

void FolderModel::rebuild()
{
    clear();
    setColumnCount(1);
    m_items.clear();
    std::vector<const FolderInfo*> sorted;
    for (const FolderInfo& f : m_folders)
        sorted.push_back(&f);
    // Parents before children, and siblings in display order.
    std::sort(sorted.begin(), sorted.end(), [](const FolderInfo* a, const FolderInfo* b) {
        const int ra = rank(*a), rb = rank(*b);
        if (ra != rb)
            return ra < rb;
        return QString::fromStdString(a->name).compare(QString::fromStdString(b->name), Qt::CaseInsensitive) < 0;
    });
    std::map<std::string, QStandardItem*> byName;
    for (const FolderInfo* f : sorted) {
        auto* item = new QStandardItem;
        item->setEditable(false);
        item->setData(QVariant::fromValue<qint64>(f->id), MailboxIdRole);
        item->setData(QString::fromStdString(f->name), MailboxNameRole);
        item->setData(QString::fromStdString(f->specialUse), SpecialUseRole);
        item->setIcon(folderIcon(*f));
        item->setDropEnabled(!f->noselect);
        item->setDragEnabled(false);
        updateItem(*item, *f);
        m_items[f->id] = item;
        const std::size_t slash = f->name.rfind(store::Mailboxes::kDelimiter);
        QStandardItem* parent = nullptr;
        if (slash != std::string::npos) {
            const auto found = byName.find(f->name.substr(0, slash));
            if (found != byName.end())
                parent = found->second;
        }
        (parent ? parent : invisibleRootItem())->appendRow(item);
        byName[f->name] = item;
    }
}

void FolderModel::updateItem(QStandardItem& item, const FolderInfo& folder)
{
    const QString name = displayName(folder);
    item.setText(folder.unseen > 0 ? QStringLiteral("%1 (%2)").arg(name).arg(folder.unseen) : name);
    item.setData(QVariant::fromValue<qint64>(folder.unseen), UnseenRole);
    QFont font = item.font();
    font.setBold(folder.unseen > 0);
    item.setFont(font);
    item.setToolTip(folder.noselect ? tr("%1 (holds only folders)").arg(QString::fromStdString(folder.name))
                                    : tr("%1: %n message(s)", nullptr, int(folder.messages))
                                          .arg(QString::fromStdString(folder.name)));
    if (folder.noselect)
        item.setForeground(QApplication::palette().brush(QPalette::Disabled, QPalette::Text));
}

QModelIndex FolderModel::indexOfMailbox(std::int64_t id) const
{
    const auto found = m_items.find(id);
    return found == m_items.end() || !found->second ? QModelIndex() : found->second->index();
}

std::int64_t FolderModel::unseenInInbox() const
{
    for (const FolderInfo& f : m_folders)
        if (f.name == "INBOX")
            return f.unseen;
    return 0;
}

QStringList FolderModel::mimeTypes() const
{
    return {messageDragMimeType()};
}

Qt::DropActions FolderModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

bool FolderModel::canDropMimeData(const QMimeData* data, Qt::DropAction, int, int, const QModelIndex& parent) const
{
    const QStandardItem* target = itemFromIndex(parent);
    return target && target->isDropEnabled() && !messageDragKeys(data).empty();
}

bool FolderModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                               const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    emit messagesDropped(parent.data(MailboxIdRole).toLongLong(), messageDragKeys(data));
    // Nothing is inserted here: the move goes through the store, and the views follow it.
    return false;
}

} // namespace cachet::ui
