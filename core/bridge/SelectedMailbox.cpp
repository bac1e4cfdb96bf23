#include "bridge/SelectedMailbox.h"

#include "store/Flags.h"
#include "store/MessageOpenPgp.h"

#include <algorithm>
#include <sstream>

namespace cachet::bridge {

namespace {

void addKeywords(std::set<std::string>& into, const std::string& keywords)
{
    std::istringstream words(keywords);
    std::string word;
    while (words >> word)
        into.insert(word);
}

} // namespace

SelectedMailbox::SelectedMailbox(store::Database& db, const store::Mailbox& mailbox, bool readOnly)
    : m_db(db), m_id(mailbox.id), m_name(mailbox.name), m_readOnly(readOnly), m_uidValidity(mailbox.uidValidity)
{
    // Mailbox state and entries in one read transaction, so they agree.
    store::Transaction tx(m_db);
    auto now = store::Mailboxes(m_db).byId(m_id);
    m_uidNext = now ? now->uidNext : mailbox.uidNext;
    m_knownModSeq = now ? now->highestModSeq : mailbox.highestModSeq;
    load(m_entries);
    tx.commit();
    for (const ViewEntry& e : m_entries)
        addKeywords(m_keywords, e.keywords);
}

void SelectedMailbox::load(std::vector<ViewEntry>& into)
{
    store::Statement st = m_db.prepare("SELECT e.uid, e.message_id, flags, keywords, internaldate, modseq, "
                                       + store::servedIdSql("e.message_id")
                                       + " FROM entry e WHERE e.mailbox_id = ? ORDER BY e.uid");
    st.bind(1, m_id);
    into.clear();
    while (st.step()) {
        ViewEntry e;
        e.uid = static_cast<std::uint32_t>(st.columnInt(0));
        e.messageId = st.columnInt(1);
        e.flags = static_cast<std::uint32_t>(st.columnInt(2));
        e.keywords = st.columnText(3);
        e.internalDate = st.columnInt(4);
        e.modSeq = st.columnInt(5);
        e.servedId = st.columnInt(6);
        into.push_back(std::move(e));
    }
}

std::optional<std::uint32_t> SelectedMailbox::seqOfUid(std::uint32_t uid) const
{
    auto it = std::lower_bound(m_entries.begin(), m_entries.end(), uid,
                               [](const ViewEntry& e, std::uint32_t u) { return e.uid < u; });
    if (it == m_entries.end() || it->uid != uid)
        return std::nullopt;
    return static_cast<std::uint32_t>(it - m_entries.begin() + 1);
}

std::string SelectedMailbox::keywordList() const
{
    std::string out;
    for (const std::string& k : m_keywords) {
        out += ' ';
        out += k;
    }
    return out;
}

std::string SelectedMailbox::flagList() const
{
    return "\\Answered \\Flagged \\Deleted \\Seen \\Draft" + keywordList();
}

SelectedMailbox::SyncResult SelectedMailbox::sync(std::string& out, bool allowExpunge, bool condstore)
{
    std::int64_t modSeq = 0;
    std::uint32_t uidNext = 0;
    std::vector<ViewEntry> current;
    {
        store::Statement st = m_db.prepare("SELECT highestmodseq, uidnext FROM mailbox WHERE id = ?");
        st.bind(1, m_id);
        if (!st.step())
            return SyncResult::MailboxGone;
        modSeq = st.columnInt(0);
        uidNext = static_cast<std::uint32_t>(st.columnInt(1));
    }
    const bool storeChanged = modSeq != m_knownModSeq || uidNext != m_uidNext;
    if (!storeChanged && !(m_hasGhosts && allowExpunge))
        return SyncResult::Current;

    std::vector<std::uint32_t> flagChanges; // UIDs whose flags this client must hear of
    std::size_t added = 0;
    if (storeChanged) {
        load(current);
        // Both lists are in UID order; walk them side by side.
        std::size_t i = 0, j = 0;
        while (i < m_entries.size()) {
            ViewEntry& seen = m_entries[i];
            while (j < current.size() && current[j].uid < seen.uid)
                ++j; // a UID below ours that we never saw cannot appear; skip defensively
            if (j < current.size() && current[j].uid == seen.uid) {
                const ViewEntry& now = current[j];
                if (!seen.expunged && (now.flags != seen.flags || now.keywords != seen.keywords)) {
                    seen.flags = now.flags;
                    seen.keywords = now.keywords;
                    flagChanges.push_back(seen.uid);
                }
                seen.modSeq = now.modSeq;
                ++j;
            } else if (!seen.expunged) {
                seen.expunged = true;
                m_hasGhosts = true;
            }
            ++i;
        }
        const std::uint32_t largest = largestUid();
        for (ViewEntry& e : current) {
            if (e.uid > largest) {
                m_entries.push_back(std::move(e));
                ++added;
            }
        }
        m_knownModSeq = modSeq;
        m_uidNext = uidNext;
    }

    // New keywords first: a client must know a flag before it sees it on a message.
    const std::size_t keywordsBefore = m_keywords.size();
    for (std::uint32_t uid : flagChanges)
        addKeywords(m_keywords, m_entries[*seqOfUid(uid) - 1].keywords);
    for (std::size_t k = m_entries.size() - added; k < m_entries.size(); ++k)
        addKeywords(m_keywords, m_entries[k].keywords);
    if (m_keywords.size() != keywordsBefore) {
        out += "* FLAGS (" + flagList() + ")\r\n";
        out += "* OK [PERMANENTFLAGS (" + flagList() + " \\*)] Flags permitted.\r\n";
    }

    if (allowExpunge && m_hasGhosts) {
        // From the end, so each number sent is right when the client reads it.
        for (std::size_t k = m_entries.size(); k-- > 0;) {
            if (m_entries[k].expunged) {
                out += "* " + std::to_string(k + 1) + " EXPUNGE\r\n";
                m_entries.erase(m_entries.begin() + static_cast<std::ptrdiff_t>(k));
            }
        }
        m_hasGhosts = false;
    }
    if (added > 0)
        out += "* " + std::to_string(m_entries.size()) + " EXISTS\r\n";
    for (std::uint32_t uid : flagChanges) {
        const std::uint32_t seq = *seqOfUid(uid);
        const ViewEntry& e = m_entries[seq - 1];
        out += "* " + std::to_string(seq) + " FETCH (UID " + std::to_string(e.uid) + " FLAGS (" + store::formatFlagsAndKeywords(e.flags, e.keywords) + ")";
        if (condstore)
            out += " MODSEQ (" + std::to_string(e.modSeq) + ")";
        out += ")\r\n";
    }
    return SyncResult::Changed;
}

void SelectedMailbox::noteOwnFlags(std::uint32_t seq, std::uint32_t flags, const std::string& keywords, std::int64_t modSeq)
{
    ViewEntry& e = m_entries[seq - 1];
    e.flags = flags;
    e.keywords = keywords;
    e.modSeq = modSeq;
    addKeywords(m_keywords, keywords);
}

void SelectedMailbox::removeOwnExpunged(std::uint32_t seq)
{
    m_entries.erase(m_entries.begin() + static_cast<std::ptrdiff_t>(seq - 1));
}

void SelectedMailbox::noteOwnModSeq(std::int64_t before, std::int64_t after)
{
    if (before == m_knownModSeq)
        m_knownModSeq = after;
}

} // namespace cachet::bridge
