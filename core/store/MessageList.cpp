#include "store/MessageList.h"

#include "store/MessageOpenPgp.h"

namespace cachet::store {

namespace {

const char* orderBy(MessageListSort sort)
{
    switch (sort) {
    case MessageListSort::From: return "m.from_text COLLATE NOCASE";
    case MessageListSort::Subject: return "m.subject COLLATE NOCASE";
    case MessageListSort::Size: return "o.size";
    case MessageListSort::Date: break;
    }
    return "coalesce(m.date, e.internaldate)";
}

} // namespace

std::vector<std::uint32_t> MessageList::order(std::int64_t mailboxId, MessageListSort sort, bool ascending)
{
    const std::string direction = ascending ? " ASC" : " DESC";
    Statement st = m_db.prepare("SELECT e.uid FROM entry e JOIN message o ON o.id = e.message_id"
                                " JOIN message m ON m.id = " + servedIdSql("e.message_id")
                                + " WHERE e.mailbox_id = ? ORDER BY " + orderBy(sort) + direction + ", e.uid" + direction);
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
