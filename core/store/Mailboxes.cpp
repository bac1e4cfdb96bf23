#include "store/Mailboxes.h"

#include "store/Flags.h"
#include "text/AsciiText.h"

#include <sodium.h>

namespace cachet::store {

namespace {
constexpr const char* kColumns = "id, name, special_use, subscribed, uidvalidity, uidnext, highestmodseq, noselect";

Mailbox readMailbox(const Statement& st)
{
    Mailbox m;
    m.id = st.columnInt(0);
    m.name = st.columnText(1);
    m.specialUse = st.columnText(2);
    m.subscribed = st.columnInt(3) != 0;
    m.uidValidity = static_cast<std::uint32_t>(st.columnInt(4));
    m.uidNext = static_cast<std::uint32_t>(st.columnInt(5));
    m.highestModSeq = st.columnInt(6);
    m.noselect = st.columnInt(7) != 0;
    return m;
}
} // namespace

std::string Mailboxes::canonicalName(std::string_view name)
{
    if (text::equalsIgnoreCase(name, "INBOX"))
        return "INBOX";
    // "inbox/child" keeps its case below INBOX but the INBOX part is canonical.
    if (name.size() > 6 && text::equalsIgnoreCase(name.substr(0, 6), "INBOX/"))
        return "INBOX" + std::string(name.substr(5));
    return std::string(name);
}

std::optional<std::string> Mailboxes::invalidNameReason(std::string_view name)
{
    if (name.empty())
        return "a mailbox name cannot be empty";
    if (name.size() > 1000)
        return "a mailbox name cannot be longer than 1000 bytes";
    if (name.front() == kDelimiter || name.back() == kDelimiter)
        return "a mailbox name cannot start or end with '/'";
    if (name.find("//") != std::string_view::npos)
        return "a mailbox name cannot contain an empty level ('//')";
    for (unsigned char c : name) {
        if (c < 0x20 || c == 0x7f)
            return "a mailbox name cannot contain control characters";
    }
    return std::nullopt;
}

std::vector<Mailbox> Mailboxes::all()
{
    std::vector<Mailbox> out;
    // INBOX first, then by name, as mail programs list them.
    Statement st = m_db.prepare(std::string("SELECT ") + kColumns
                                + " FROM mailbox ORDER BY name <> 'INBOX', name");
    while (st.step())
        out.push_back(readMailbox(st));
    return out;
}

std::optional<Mailbox> Mailboxes::byName(std::string_view name)
{
    Statement st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM mailbox WHERE name = ?");
    st.bind(1, canonicalName(name));
    if (!st.step())
        return std::nullopt;
    return readMailbox(st);
}

std::optional<Mailbox> Mailboxes::byId(std::int64_t id)
{
    Statement st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM mailbox WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readMailbox(st);
}

std::optional<Mailbox> Mailboxes::bySpecialUse(std::string_view specialUse)
{
    Statement st = m_db.prepare(std::string("SELECT ") + kColumns
                                + " FROM mailbox WHERE special_use = ? COLLATE NOCASE ORDER BY id LIMIT 1");
    st.bind(1, specialUse);
    if (!st.step())
        return std::nullopt;
    return readMailbox(st);
}

Mailbox Mailboxes::create(const std::string& name, std::string_view specialUse)
{
    // UIDVALIDITY must differ from any earlier mailbox of the same name (RFC 3501
    // §2.3.1.1): a random non-zero 31-bit value does that without bookkeeping.
    std::uint32_t uidValidity = 0;
    while (uidValidity == 0)
        uidValidity = randombytes_random() & 0x7fffffffu;
    Statement st = m_db.prepare("INSERT INTO mailbox (name, special_use, uidvalidity) VALUES (?, ?, ?)");
    st.bind(1, name).bind(2, specialUse).bind(3, static_cast<std::int64_t>(uidValidity));
    st.run();
    return *byId(m_db.lastInsertRowId());
}

Mailbox Mailboxes::ensure(std::string_view requested, std::string_view specialUse)
{
    const std::string name = canonicalName(requested);
    if (auto reason = invalidNameReason(name))
        throw StoreError(*reason + ": \"" + name + "\"");
    if (auto existing = byName(name))
        return *existing;
    // Parents first, so the hierarchy has no holes.
    const std::size_t slash = name.rfind(kDelimiter);
    if (slash != std::string::npos)
        ensure(std::string_view(name).substr(0, slash));
    return create(name, specialUse);
}

MailboxCounts Mailboxes::counts(std::int64_t mailboxId)
{
    Statement st = m_db.prepare(
        "SELECT count(*), coalesce(sum((e.flags & ?) = 0), 0), coalesce(sum(m.size), 0)"
        " FROM entry e JOIN message m INDEXED BY message_list_columns ON m.id = e.message_id WHERE e.mailbox_id = ?");
    st.bind(1, static_cast<std::int64_t>(FlagSeen)).bind(2, mailboxId);
    st.step();
    return {st.columnInt(0), st.columnInt(1), st.columnInt(2)};
}

bool Mailboxes::hasChildren(std::string_view name)
{
    // substr, not LIKE: '%' and '_' are valid in mailbox names.
    Statement st = m_db.prepare("SELECT 1 FROM mailbox WHERE substr(name, 1, ?) = ? LIMIT 1");
    const std::string prefix = canonicalName(name) + kDelimiter;
    st.bind(1, static_cast<std::int64_t>(prefix.size())).bind(2, prefix);
    return st.step();
}

void Mailboxes::rename(std::int64_t id, std::string_view requested)
{
    const auto mailbox = byId(id);
    if (!mailbox)
        throw StoreError("no mailbox " + std::to_string(id));
    const std::string newName = canonicalName(requested);
    if (auto reason = invalidNameReason(newName))
        throw StoreError(*reason + ": \"" + newName + "\"");
    const std::string oldPrefix = mailbox->name + kDelimiter;
    const std::string newPrefix = newName + kDelimiter;
    // Children first move under the new name, keeping what follows the old prefix.
    Statement children = m_db.prepare(
        "UPDATE mailbox SET name = ? || substr(name, ?) WHERE substr(name, 1, ?) = ?");
    children.bind(1, newPrefix).bind(2, static_cast<std::int64_t>(oldPrefix.size() + 1));
    children.bind(3, static_cast<std::int64_t>(oldPrefix.size())).bind(4, oldPrefix);
    children.run();
    Statement self = m_db.prepare("UPDATE mailbox SET name = ? WHERE id = ?");
    self.bind(1, newName).bind(2, id);
    self.run();
    const std::size_t slash = newName.rfind(kDelimiter);
    if (slash != std::string::npos)
        ensure(std::string_view(newName).substr(0, slash));
}

void Mailboxes::remove(std::int64_t id)
{
    const auto mailbox = byId(id);
    if (!mailbox)
        return;
    Statement entries = m_db.prepare("DELETE FROM entry WHERE mailbox_id = ?");
    entries.bind(1, id);
    entries.run();
    if (hasChildren(mailbox->name)) {
        setNoselect(id, true);
        return;
    }
    Statement st = m_db.prepare("DELETE FROM mailbox WHERE id = ?");
    st.bind(1, id);
    st.run();
}

void Mailboxes::setSubscribed(std::int64_t id, bool subscribed)
{
    Statement st = m_db.prepare("UPDATE mailbox SET subscribed = ? WHERE id = ?");
    st.bind(1, subscribed ? 1 : 0).bind(2, id);
    st.run();
}

void Mailboxes::setNoselect(std::int64_t id, bool noselect)
{
    Statement st = m_db.prepare("UPDATE mailbox SET noselect = ? WHERE id = ?");
    st.bind(1, noselect ? 1 : 0).bind(2, id);
    st.run();
}

void Mailboxes::setSpecialUse(std::int64_t id, std::string_view specialUse)
{
    Statement st = m_db.prepare("UPDATE mailbox SET special_use = ? WHERE id = ?");
    st.bind(1, specialUse).bind(2, id);
    st.run();
}

} // namespace cachet::store
