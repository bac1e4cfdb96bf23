#include "store/MessageList.h"

#include "store/MessageOpenPgp.h"

namespace cachet::store {

namespace {

// The query for one sort. Date and size come from the covering index
// message_list_columns (schema v7), never from the wide message rows; From and
// Subject need the rows themselves.
std::string orderQuery(MessageListSort sort, const std::string& direction)
{
    const std::string served = servedIdSql("e.message_id");
    switch (sort) {
    case MessageListSort::From:
    case MessageListSort::Subject:
        return "SELECT e.uid FROM entry e JOIN message m ON m.id = " + served + " WHERE e.mailbox_id = ? ORDER BY "
            + (sort == MessageListSort::From ? "m.from_text" : "m.subject") + " COLLATE NOCASE" + direction
            + ", e.uid" + direction;
    case MessageListSort::Size: // the original's size, as IMAP RFC822.SIZE says it
        return "SELECT e.uid FROM entry e JOIN message o INDEXED BY message_list_columns ON o.id = e.message_id"
               " WHERE e.mailbox_id = ? ORDER BY o.size" + direction + ", e.uid" + direction;
    case MessageListSort::Date: break;
    }
    return "SELECT e.uid FROM entry e JOIN message m INDEXED BY message_list_columns ON m.id = " + served
        + " WHERE e.mailbox_id = ? ORDER BY coalesce(m.date, e.internaldate)" + direction + ", e.uid" + direction;
}

} // namespace

std::vector<std::uint32_t> MessageList::order(std::int64_t mailboxId, MessageListSort sort, bool ascending)
{
    Statement st = m_db.prepare(orderQuery(sort, ascending ? " ASC" : " DESC"));
    st.bind(1, mailboxId);
    std::vector<std::uint32_t> uids;
    while (st.step())
        uids.push_back(static_cast<std::uint32_t>(st.columnInt(0)));
    return uids;
}

std::vector<MessageListRow> MessageList::rows(std::int64_t mailboxId, const std::vector<std::uint32_t>& uids)
{
    // One primary-key lookup per row: a page is a few hundred rows.
    Statement st = m_db.prepare(
        "SELECT m.from_text, m.subject, coalesce(m.date, e.internaldate), o.size, e.flags, m.has_attachment,"
        " coalesce(p.encryption, ''), coalesce(p.signature, '')"
        " FROM entry e JOIN message o ON o.id = e.message_id"
        " JOIN message m ON m.id = " + servedIdSql("e.message_id")
        + " LEFT JOIN message_openpgp p ON p.message_id = e.message_id"
          " WHERE e.mailbox_id = ? AND e.uid = ?");
    std::vector<MessageListRow> out;
    out.reserve(uids.size());
    for (std::uint32_t uid : uids) {
        st.reset();
        st.bind(1, mailboxId);
        st.bind(2, static_cast<std::int64_t>(uid));
        if (!st.step())
            continue;
        MessageListRow r;
        r.uid = uid;
        r.from = st.columnText(0);
        r.subject = st.columnText(1);
        r.date = st.columnInt(2);
        r.size = st.columnInt(3);
        r.flags = static_cast<std::uint32_t>(st.columnInt(4));
        r.hasAttachment = st.columnInt(5) != 0;
        r.encryption = st.columnText(6);
        r.signature = st.columnText(7);
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace cachet::store
