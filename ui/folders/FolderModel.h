#pragma once
// The folder tree: every mailbox of the store with its unread count, special
// folders (Inbox, Drafts, Sent, Archive, Junk, Trash) first with their icons,
// the rest by name, nested at '/'. Read on the reader worker; counts are
// updated in place when the store changes, the tree is rebuilt only when the
// folders themselves changed. Messages dropped on a folder are handed on
// (messagesDropped); the window moves them.

#include "messages/MessageKey.h"

#include <QStandardItemModel>

#include <map>
#include <string>
#include <vector>

namespace cachet::ui {

class StoreWorker;

struct FolderInfo {
    std::int64_t id = 0;
    std::string name;
    std::string specialUse;
    bool noselect = false;
    std::int64_t messages = 0;
    std::int64_t unseen = 0;
};

class FolderModel : public QStandardItemModel {
    Q_OBJECT
public:
    enum Role {
        MailboxIdRole = Qt::UserRole + 1,
        MailboxNameRole, // full name, '/' between levels
        SpecialUseRole,
        UnseenRole,
    };

    explicit FolderModel(StoreWorker& reader, QObject* parent = nullptr);

    void refresh();
    const std::vector<FolderInfo>& folders() const { return m_folders; }
    QModelIndex indexOfMailbox(std::int64_t id) const;
    std::int64_t unseenInInbox() const;
    // The name a person reads: "Inbox" for INBOX, the last level otherwise.
    static QString displayName(const FolderInfo& folder);

    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

signals:
    // The tree was built anew (the view restores its current folder).
    void rebuilt();
    void countsChanged();
    void messagesDropped(std::int64_t targetMailboxId, const cachet::ui::MessageKeys& keys);

private:
    void apply(std::vector<FolderInfo> folders);
    void rebuild();
    void updateItem(QStandardItem& item, const FolderInfo& folder);

    StoreWorker& m_reader;
    bool m_inFlight = false;
    bool m_again = false;
    std::vector<FolderInfo> m_folders;
    std::map<std::int64_t, QStandardItem*> m_items;
};

} // namespace cachet::ui
