#pragma once
// The message list: a mailbox (flat and sorted, or in threads) or a search's
// results, over a store::MessageList read on the reader worker. Only the order
// (a few bytes a message) is held whole; rows are read a page at a time as the
// view asks for them, so a 100,000-message folder opens at once and scrolls
// without stalls. Until a row's page has arrived it shows as empty.
//
// It follows the store: after a change (Session::storeChanged) the order is read
// again and the rows held are read again, so flags, new mail and removals show
// without the user doing anything; a search's results are run again, which
// makes the search a virtual folder that updates as mail arrives.

#include "messages/MessageKey.h"

#include "store/MessageList.h"

#include <QAbstractTableModel>
#include <QString>

#include <map>
#include <optional>
#include <set>
#include <vector>

namespace cachet::ui {

class StoreWorker;

class MessageListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Flagged, Attachment, Security, From, Subject, Date, Size, ColumnCount };
    enum Role {
        KeyRole = Qt::UserRole + 1, // MessageKey
        FlagsRole,                  // store/Flags.h bits
        LoadedRole,                 // false while the row's page is on its way
    };
    static constexpr int kPageSize = 200;

    explicit MessageListModel(StoreWorker& reader, QObject* parent = nullptr);

    void showMailbox(std::int64_t mailboxId);
    // The query language of search::SearchQuery; a bad query reports queryFailed.
    void showSearch(const QString& query);
    void clear();
    bool showingSearch() const { return m_searchQuery.has_value(); }
    std::int64_t mailboxId() const { return m_mailboxId; }

    void setThreaded(bool threaded);
    bool threaded() const { return m_threaded; }

    // Reads the order and the rows held again (after the store changed).
    void refresh();
    // Shows a flag change the user just made at once, before the store's
    // answer: a second action right after the first must see its result.
    void applyFlagChange(const MessageKeys& keys, std::uint32_t add, std::uint32_t remove);

    MessageKey keyAt(int row) const;
    // The row showing `key`, or -1.
    int rowOf(const MessageKey& key) const;
    // True once the first order for the current source has arrived.
    bool loaded() const { return m_loaded; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    // Drag: the selected messages, for the folder tree to move.
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;

signals:
    // The order for the current source arrived (the view restores its selection).
    void orderLoaded();
    void queryFailed(const QString& reason);

private:
    struct Item {
        MessageKey key;
        std::uint16_t depth = 0;
    };
    struct Row {
        store::MessageListRow row;
        std::uint16_t depth = 0;
    };

    void loadOrder();
    void applyOrder(std::vector<Item> order, quint64 generation);
    void requestPage(int page) const;
    void applyRows(std::vector<std::pair<MessageKey, store::MessageListRow>> rows, quint64 generation);
    void forgetFarRows(int aroundRow);
    QVariant display(const store::MessageListRow& r, std::uint16_t depth, int column) const;

    StoreWorker& m_reader;
    std::int64_t m_mailboxId = 0;
    std::optional<QString> m_searchQuery;
    bool m_threaded = false;
    int m_sortColumn = Date;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;

    // Bumped when the source changes, so late answers for the old one are dropped.
    quint64 m_generation = 0;
    bool m_loaded = false;
    bool m_orderInFlight = false;
    bool m_orderAgain = false; // a refresh came while the order was being read
    std::vector<Item> m_order;
    mutable std::map<MessageKey, store::MessageListRow> m_rows;
    mutable std::set<int> m_pagesInFlight;
};

} // namespace cachet::ui
