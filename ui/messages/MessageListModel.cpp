#include "messages/MessageListModel.h"

#include "engine/StoreWorker.h"
#include "messages/MessageDrag.h"

#include "search/SearchQuery.h"
#include "store/Flags.h"
#include "store/Mailboxes.h"
#include "store/MessageThreads.h"

#include <QApplication>
#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QStyle>

#include <algorithm>
#include <unordered_map>

namespace cachet::ui {

namespace {

// How many rows stay in memory at most; beyond it, those far from the rows
// just asked for are dropped (they are read again if scrolled back to).
constexpr std::size_t kRowsKept = 30 * MessageListModel::kPageSize;

store::MessageListSort storeSort(int column)
{
    switch (column) {
    case MessageListModel::From: return store::MessageListSort::From;
    case MessageListModel::Subject: return store::MessageListSort::Subject;
    case MessageListModel::Size: return store::MessageListSort::Size;
    default: return store::MessageListSort::Date;
    }
}

// "Alice Example" from "Alice Example <alice@example.org>", the address when there is no name.
QString senderName(const std::string& fromText)
{
    QString from = QString::fromStdString(fromText);
    const int comma = from.indexOf(QStringLiteral(">, "));
    if (comma > 0)
        from = from.left(comma + 1); // the first sender of several
    const int angle = from.indexOf('<');
    if (angle > 0) {
        QString name = from.left(angle).trimmed();
        if (name.size() >= 2 && name.startsWith('"') && name.endsWith('"'))
            name = name.mid(1, name.size() - 2).replace(QStringLiteral("\\\""), QStringLiteral("\""));
        if (!name.isEmpty())
            return name;
    }
    if (angle == 0)
        return from.mid(1, from.indexOf('>') - 1);
    return from;
}

QString shortDate(std::int64_t seconds)
{
    const QDateTime when = QDateTime::fromSecsSinceEpoch(seconds);
    const QDate today = QDate::currentDate();
    const QLocale locale;
    if (when.date() == today)
        return when.time().toString(QStringLiteral("HH:mm")); // the C locale's short form has seconds
    if (when.date().year() == today.year())
        return locale.toString(when.date(), QStringLiteral("d MMM"));
    return locale.toString(when.date(), QLocale::ShortFormat);
}

} // namespace

MessageListModel::MessageListModel(StoreWorker& reader, QObject* parent) : QAbstractTableModel(parent), m_reader(reader)
{
}

void MessageListModel::showMailbox(std::int64_t mailboxId)
{
    m_searchQuery.reset();
    m_mailboxId = mailboxId;
    loadOrder();
}

void MessageListModel::showSearch(const QString& query)
{
    m_searchQuery = query;
    m_mailboxId = 0;
    loadOrder();
}

void MessageListModel::clear()
{
    m_searchQuery.reset();
    m_mailboxId = 0;
    loadOrder();
}

void MessageListModel::setThreaded(bool threaded)
{
    if (threaded == m_threaded)
        return;
    m_threaded = threaded;
    loadOrder();
}

void MessageListModel::sort(int column, Qt::SortOrder order)
{
    if (column == Flagged || column == Attachment || column == Security)
        column = Date;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    if (!m_threaded)
        loadOrder();
}

void MessageListModel::loadOrder()
{
    // A new source: whatever is shown goes at once, and late answers for it are dropped.
    ++m_generation;
    beginResetModel();
    m_order.clear();
    m_rows.clear();
    m_pagesInFlight.clear();
    m_loaded = false;
    endResetModel();
    m_orderInFlight = false;
    m_orderAgain = false;
    refresh();
}

void MessageListModel::refresh()
{
    if (m_mailboxId == 0 && !m_searchQuery)
        return;
    if (m_orderInFlight) {
        m_orderAgain = true;
        return;
    }
    m_orderInFlight = true;
    const quint64 generation = m_generation;
    const std::int64_t mailboxId = m_mailboxId;
    const std::optional<std::string> query = m_searchQuery ? std::optional(m_searchQuery->toStdString()) : std::nullopt;
    const bool threaded = m_threaded;
    const store::MessageListSort sortBy = storeSort(m_sortColumn);
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    m_reader.run<std::vector<Item>>(
        this,
        [=](store::Database& db) {
            std::vector<Item> order;
            if (query) {
                // Throws QueryError (a std::exception) for a bad query: reported below.
                const auto hits = search::runSearch(db, search::SearchQuery::parse(*query), -1);
                std::unordered_map<std::string, std::int64_t> ids;
                store::Mailboxes mailboxes(db);
                order.reserve(hits.size());
                for (const search::SearchHit& hit : hits) {
                    auto [it, added] = ids.emplace(hit.mailbox, 0);
                    if (added)
                        it->second = mailboxes.byName(hit.mailbox) ? mailboxes.byName(hit.mailbox)->id : 0;
                    order.push_back({{it->second, hit.uid}, 0});
                }
                if (ascending)
                    std::reverse(order.begin(), order.end());
            } else if (threaded) {
                for (const store::ThreadedUid& t : store::threadOrder(db, mailboxId))
                    order.push_back({{mailboxId, t.uid}, t.depth});
            } else {
                const auto uids = store::MessageList(db).order(mailboxId, sortBy, ascending);
                order.reserve(uids.size());
                for (std::uint32_t uid : uids)
                    order.push_back({{mailboxId, uid}, 0});
            }
            return order;
        },
        [this, generation](std::vector<Item> order) {
            m_orderInFlight = false;
            if (generation == m_generation)
                applyOrder(std::move(order), generation);
            if (m_orderAgain) {
                m_orderAgain = false;
                refresh();
            }
        },
        [this, generation](const QString& error) {
            m_orderInFlight = false;
            m_orderAgain = false;
            if (generation != m_generation)
                return;
            m_loaded = true;
            emit queryFailed(error);
        });
}

void MessageListModel::applyOrder(std::vector<Item> order, quint64 generation)
{
    const bool sameRows = order.size() == m_order.size()
        && std::equal(order.begin(), order.end(), m_order.begin(),
                      [](const Item& a, const Item& b) { return a.key == b.key && a.depth == b.depth; });
    const bool first = !m_loaded;
    m_loaded = true;
    if (!sameRows) {
        // The view keeps its selection and position by key (orderLoaded).
        beginResetModel();
        m_order = std::move(order);
        m_pagesInFlight.clear();
        endResetModel();
    }
    // The rows held may have changed too (flags, a decryption finished): read them again.
    if (!first && !m_rows.empty()) {
        std::vector<MessageKey> keys;
        keys.reserve(m_rows.size());
        for (const auto& [key, row] : m_rows)
            keys.push_back(key);
        m_reader.run<std::vector<std::pair<MessageKey, store::MessageListRow>>>(
            this,
            [keys](store::Database& db) {
                std::vector<std::pair<MessageKey, store::MessageListRow>> out;
                std::map<std::int64_t, std::vector<std::uint32_t>> byMailbox;
                for (const MessageKey& k : keys)
                    byMailbox[k.mailboxId].push_back(k.uid);
                store::MessageList list(db);
                for (const auto& [mailbox, uids] : byMailbox)
                    for (store::MessageListRow& r : list.rows(mailbox, uids))
                        out.emplace_back(MessageKey{mailbox, r.uid}, std::move(r));
                return out;
            },
            [this, generation](std::vector<std::pair<MessageKey, store::MessageListRow>> rows) {
                if (generation != m_generation)
                    return;
                m_rows.clear();
                applyRows(std::move(rows), generation);
            });
    }
    emit orderLoaded();
}

void MessageListModel::requestPage(int page) const
{
    if (m_pagesInFlight.count(page))
        return;
    const int first = page * kPageSize;
    const int last = std::min<int>(first + kPageSize, static_cast<int>(m_order.size()));
    if (first >= last)
        return;
    m_pagesInFlight.insert(page);
    std::map<std::int64_t, std::vector<std::uint32_t>> byMailbox;
    for (int i = first; i < last; ++i)
        byMailbox[m_order[static_cast<std::size_t>(i)].key.mailboxId].push_back(m_order[static_cast<std::size_t>(i)].key.uid);
    auto* self = const_cast<MessageListModel*>(this); // a cache fill, not a change the view sees
    const quint64 generation = m_generation;
    m_reader.run<std::vector<std::pair<MessageKey, store::MessageListRow>>>(
        self,
        [byMailbox](store::Database& db) {
            std::vector<std::pair<MessageKey, store::MessageListRow>> out;
            store::MessageList list(db);
            for (const auto& [mailbox, uids] : byMailbox)
                for (store::MessageListRow& r : list.rows(mailbox, uids))
                    out.emplace_back(MessageKey{mailbox, r.uid}, std::move(r));
            return out;
        },
        [self, page, first, generation](std::vector<std::pair<MessageKey, store::MessageListRow>> rows) {
            if (generation != self->m_generation)
                return;
            self->m_pagesInFlight.erase(page);
            self->forgetFarRows(first);
            self->applyRows(std::move(rows), generation);
        });
}

void MessageListModel::forgetFarRows(int aroundRow)
{
    if (m_rows.size() < kRowsKept)
        return;
    // Keep the rows within half the budget of where the view is reading.
    const int keep = static_cast<int>(kRowsKept / 2);
    std::set<MessageKey> near;
    for (int i = std::max(0, aroundRow - keep); i < std::min<int>(aroundRow + keep, static_cast<int>(m_order.size())); ++i)
        near.insert(m_order[static_cast<std::size_t>(i)].key);
    for (auto it = m_rows.begin(); it != m_rows.end();)
        it = near.count(it->first) ? std::next(it) : m_rows.erase(it);
}

void MessageListModel::applyRows(std::vector<std::pair<MessageKey, store::MessageListRow>> rows, quint64)
{
    for (auto& [key, row] : rows)
        m_rows[key] = std::move(row);
    if (!m_order.empty())
        emit dataChanged(index(0, 0), index(static_cast<int>(m_order.size()) - 1, ColumnCount - 1));
}

void MessageListModel::applyFlagChange(const MessageKeys& keys, std::uint32_t add, std::uint32_t remove)
{
    for (const MessageKey& key : keys) {
        const auto found = m_rows.find(key);
        if (found == m_rows.end())
            continue;
        found->second.flags = (found->second.flags | add) & ~remove;
        const int row = rowOf(key);
        if (row >= 0)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

MessageKey MessageListModel::keyAt(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_order.size()))
        return {};
    return m_order[static_cast<std::size_t>(row)].key;
}

int MessageListModel::rowOf(const MessageKey& key) const
{
    for (std::size_t i = 0; i < m_order.size(); ++i)
        if (m_order[i].key == key)
            return static_cast<int>(i);
    return -1;
}

int MessageListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_order.size());
}

int MessageListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= static_cast<int>(m_order.size()))
        return {};
    const Item& item = m_order[static_cast<std::size_t>(index.row())];
    if (role == KeyRole)
        return QVariant::fromValue(item.key);
    const auto found = m_rows.find(item.key);
    if (found == m_rows.end()) {
        requestPage(index.row() / kPageSize);
        return role == LoadedRole ? QVariant(false) : QVariant();
    }
    const store::MessageListRow& r = found->second;
    switch (role) {
    case LoadedRole: return true;
    case FlagsRole: return static_cast<uint>(r.flags);
    case Qt::DisplayRole: return display(r, item.depth, index.column());
    case Qt::FontRole:
        if (!(r.flags & store::FlagSeen)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::DecorationRole: {
        QStyle* style = QApplication::style();
        if (index.column() == Flagged && (r.flags & store::FlagFlagged))
            return QIcon::fromTheme(QStringLiteral("emblem-important"), style->standardIcon(QStyle::SP_DialogYesButton));
        if (index.column() == Attachment && r.hasAttachment)
            return QIcon::fromTheme(QStringLiteral("mail-attachment"), style->standardIcon(QStyle::SP_FileIcon));
        if (index.column() == Security) {
            if (r.encryption == "decrypted")
                return QIcon::fromTheme(QStringLiteral("security-high"), style->standardIcon(QStyle::SP_DialogApplyButton));
            if (r.encryption == "failed" || r.signature == "bad")
                return QIcon::fromTheme(QStringLiteral("security-low"), style->standardIcon(QStyle::SP_MessageBoxWarning));
            if (r.signature == "valid")
                return QIcon::fromTheme(QStringLiteral("security-medium"), style->standardIcon(QStyle::SP_DialogOkButton));
        }
        return {};
    }
    case Qt::ToolTipRole:
        if (index.column() == Security) {
            if (r.encryption == "decrypted")
                return tr("Encrypted");
            if (r.encryption == "failed")
                return tr("Could not be decrypted");
            if (r.signature == "valid")
                return tr("Signed");
            if (r.signature == "bad")
                return tr("Bad signature");
        }
        if (index.column() == From)
            return QString::fromStdString(r.from);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Size)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant MessageListModel::display(const store::MessageListRow& r, std::uint16_t depth, int column) const
{
    switch (column) {
    case From: return senderName(r.from);
    case Subject: {
        QString subject = QString::fromStdString(r.subject);
        if (subject.isEmpty())
            subject = tr("(no subject)");
        if (depth == 0)
            return subject;
        return QString(depth * 2, ' ') + QStringLiteral("↳ ") + subject;
    }
    case Date: return shortDate(r.date);
    case Size: return QLocale().formattedDataSize(r.size, 0);
    default: return {};
    }
}

QVariant MessageListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case From: return tr("From");
        case Subject: return tr("Subject");
        case Date: return tr("Date");
        case Size: return tr("Size");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Flagged: return tr("Flagged");
        case Attachment: return tr("Attachment");
        case Security: return tr("Encryption and signature");
        default: return {};
        }
    }
    return {};
}

Qt::ItemFlags MessageListModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

QStringList MessageListModel::mimeTypes() const
{
    return {messageDragMimeType()};
}

QMimeData* MessageListModel::mimeData(const QModelIndexList& indexes) const
{
    // Each selected row once, whatever the columns.
    std::set<int> rows;
    for (const QModelIndex& i : indexes)
        rows.insert(i.row());
    MessageKeys keys;
    for (int row : rows)
        keys.push_back(keyAt(row));
    return messageDragData(keys);
}

} // namespace cachet::ui
