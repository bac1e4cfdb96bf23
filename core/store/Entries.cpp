#include "store/Entries.h"

namespace cachet::store {

namespace {
constexpr const char* kColumns = "e.mailbox_id, e.uid, e.message_id, e.flags, e.keywords, e.internaldate, e.modseq";

Entry readEntry(const Statement& st)
{
    Entry e;
    e.mailboxId = st.columnInt(0);
    e.uid = static_cast<std::uint32_t>(st.columnInt(1));
    e.messageId = st.columnInt(2);
    e.flags = static_cast<std::uint32_t>(st.columnInt(3));
    e.keywords = st.columnText(4);
    e.internalDate = st.columnInt(5);
    e.modSeq = st.columnInt(6);
    return e;
}
} // namespace

Entry Entries::add(std::int64_t mailboxId, std::int64_t messageId, std::uint32_t flags, std::int64_t internalDate,
                   std::string_view keywords)
{
    // UIDNEXT and HIGHESTMODSEQ move in the same transaction as the entry, so a
    // UID is never handed out twice, even across a crash.
    // (No UPDATE ... RETURNING: that needs SQLite 3.35, SQLCipher 3.4.1 is 3.15.)
    Statement read = m_db.prepare("SELECT uidnext, highestmodseq FROM mailbox WHERE id = ?");
    read.bind(1, mailboxId);
    if (!read.step())
        throw StoreError("no mailbox " + std::to_string(mailboxId));
    const std::int64_t uid = read.columnInt(0);
    const std::int64_t modSeq = read.columnInt(1) + 1;
    if (uid > 0xffffffffLL)
        throw StoreError("the mailbox has run out of UIDs");

    Statement upd = m_db.prepare("UPDATE mailbox SET uidnext = ?, highestmodseq = ? WHERE id = ?");
    upd.bind(1, uid + 1).bind(2, modSeq).bind(3, mailboxId);
    upd.run();

    Statement ins = m_db.prepare(
        "INSERT INTO entry (mailbox_id, uid, message_id, flags, keywords, internaldate, modseq)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, mailboxId).bind(2, uid).bind(3, messageId).bind(4, static_cast<std::int64_t>(flags))
        .bind(5, keywords).bind(6, internalDate).bind(7, modSeq);
    ins.run();
    return Entry{mailboxId, static_cast<std::uint32_t>(uid), messageId, flags, std::string(keywords), internalDate, modSeq};
}

bool Entries::contains(std::int64_t mailboxId, std::int64_t messageId)
{
    Statement st = m_db.prepare("SELECT 1 FROM entry WHERE mailbox_id = ? AND message_id = ? LIMIT 1");
    st.bind(1, mailboxId).bind(2, messageId);
    return st.step();
}

std::optional<Entry> Entries::byUid(std::int64_t mailboxId, std::uint32_t uid)
{
    Statement st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM entry e WHERE e.mailbox_id = ? AND e.uid = ?");
    st.bind(1, mailboxId).bind(2, static_cast<std::int64_t>(uid));
    if (!st.step())
        return std::nullopt;
    return readEntry(st);
}

std::vector<Entry> Entries::newestFirst(std::int64_t mailboxId, std::int64_t limit)
{
    Statement st = m_db.prepare(std::string("SELECT ") + kColumns
                                + " FROM entry e JOIN message m ON m.id = e.message_id WHERE e.mailbox_id = ?"
                                  " ORDER BY coalesce(m.date, e.internaldate) DESC, e.uid DESC LIMIT ?");
    st.bind(1, mailboxId).bind(2, limit);
    std::vector<Entry> out;
    while (st.step())
        out.push_back(readEntry(st));
    return out;
}

std::vector<Entry> Entries::inUidOrder(std::int64_t mailboxId)
{
    Statement st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM entry e WHERE e.mailbox_id = ? ORDER BY e.uid");
    st.bind(1, mailboxId);
    std::vector<Entry> out;
    while (st.step())
        out.push_back(readEntry(st));
    return out;
}

bool Entries::remove(std::int64_t mailboxId, std::uint32_t uid)
{
    Statement st = m_db.prepare("DELETE FROM entry WHERE mailbox_id = ? AND uid = ?");
    st.bind(1, mailboxId).bind(2, static_cast<std::int64_t>(uid));
    st.run();
    return m_db.changes() > 0;
}

std::int64_t Entries::nextModSeq(std::int64_t mailboxId)
{
    Statement upd = m_db.prepare("UPDATE mailbox SET highestmodseq = highestmodseq + 1 WHERE id = ?");
    upd.bind(1, mailboxId);
    upd.run();
    Statement read = m_db.prepare("SELECT highestmodseq FROM mailbox WHERE id = ?");
    read.bind(1, mailboxId);
    if (!read.step())
        throw StoreError("no mailbox " + std::to_string(mailboxId));
    return read.columnInt(0);
}

void Entries::setFlags(std::int64_t mailboxId, std::uint32_t uid, std::uint32_t flags, std::string_view keywords,
                       std::int64_t modSeq)
{
    Statement st = m_db.prepare("UPDATE entry SET flags = ?, keywords = ?, modseq = ? WHERE mailbox_id = ? AND uid = ?");
    st.bind(1, static_cast<std::int64_t>(flags)).bind(2, keywords).bind(3, modSeq).bind(4, mailboxId);
    st.bind(5, static_cast<std::int64_t>(uid));
    st.run();
}

std::optional<std::uint32_t> Entries::remoteUid(std::int64_t mailboxId, std::uint32_t uid)
{
    Statement st = m_db.prepare("SELECT remote_uid FROM entry WHERE mailbox_id = ? AND uid = ?");
    st.bind(1, mailboxId).bind(2, static_cast<std::int64_t>(uid));
    if (!st.step() || st.isNull(0))
        return std::nullopt;
    return static_cast<std::uint32_t>(st.columnInt(0));
}

} // namespace cachet::store
