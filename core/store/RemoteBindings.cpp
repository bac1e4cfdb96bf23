#include "store/RemoteBindings.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace cachet::store {

namespace {

constexpr const char* kMailboxColumns =
    "id, name, remote_name, remote_delimiter, remote_uidvalidity, remote_uidnext, remote_highestmodseq";

MailboxBinding readBinding(Statement& st)
{
    MailboxBinding b;
    b.mailboxId = st.columnInt(0);
    b.localName = st.columnText(1);
    if (!st.isNull(2))
        b.remoteName = st.columnText(2);
    if (!st.isNull(3) && !st.columnText(3).empty())
        b.remoteDelimiter = st.columnText(3)[0];
    if (!st.isNull(4))
        b.remoteUidValidity = static_cast<std::uint32_t>(st.columnInt(4));
    if (!st.isNull(5))
        b.remoteUidNext = static_cast<std::uint32_t>(st.columnInt(5));
    if (!st.isNull(6))
        b.remoteHighestModSeq = st.columnInt(6);
    return b;
}

} // namespace

std::vector<MailboxBinding> RemoteBindings::mailboxes()
{
    Statement st = m_db.prepare(std::string("SELECT ") + kMailboxColumns + " FROM mailbox ORDER BY name");
    std::vector<MailboxBinding> out;
    while (st.step())
        out.push_back(readBinding(st));
    return out;
}

std::optional<MailboxBinding> RemoteBindings::mailbox(std::int64_t mailboxId)
{
    Statement st = m_db.prepare(std::string("SELECT ") + kMailboxColumns + " FROM mailbox WHERE id = ?");
    st.bind(1, mailboxId);
    if (!st.step())
        return std::nullopt;
    return readBinding(st);
}

void RemoteBindings::bind(std::int64_t mailboxId, const std::string& remoteName, char delimiter)
{
    Statement st = m_db.prepare("UPDATE mailbox SET remote_name = ?, remote_delimiter = ? WHERE id = ?");
    st.bind(1, remoteName).bind(2, std::string(1, delimiter)).bind(3, mailboxId);
    st.run();
}

void RemoteBindings::unbind(std::int64_t mailboxId)
{
    Statement st = m_db.prepare(
        "UPDATE mailbox SET remote_name = NULL, remote_delimiter = NULL, remote_uidvalidity = NULL,"
        " remote_uidnext = NULL, remote_highestmodseq = NULL WHERE id = ?");
    st.bind(1, mailboxId);
    st.run();
    Statement entries = m_db.prepare("UPDATE entry SET remote_uid = NULL WHERE mailbox_id = ?");
    entries.bind(1, mailboxId);
    entries.run();
}

void RemoteBindings::setSynced(std::int64_t mailboxId, std::uint32_t uidValidity, std::uint32_t uidNext,
                               std::optional<std::int64_t> highestModSeq)
{
    Statement st = m_db.prepare(
        "UPDATE mailbox SET remote_uidvalidity = ?, remote_uidnext = ?, remote_highestmodseq = ? WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(uidValidity)).bind(2, static_cast<std::int64_t>(uidNext));
    st.bind(3, highestModSeq).bind(4, mailboxId);
    st.run();
}

void RemoteBindings::forgetSyncState(std::int64_t mailboxId)
{
    Statement st = m_db.prepare("UPDATE mailbox SET remote_uidnext = NULL, remote_highestmodseq = NULL WHERE id = ?");
    st.bind(1, mailboxId);
    st.run();
}

void RemoteBindings::renameRemote(const std::string& from, const std::string& to, char delimiter)
{
    const std::string childPrefix = from + delimiter;
    for (const MailboxBinding& b : mailboxes()) {
        if (!b.remoteName)
            continue;
        if (*b.remoteName == from)
            bind(b.mailboxId, to, delimiter);
        else if (b.remoteName->compare(0, childPrefix.size(), childPrefix) == 0)
            bind(b.mailboxId, to + delimiter + b.remoteName->substr(childPrefix.size()), delimiter);
    }
}

void RemoteBindings::resetUidValidity(std::int64_t mailboxId, std::uint32_t uidValidity)
{
    Statement st = m_db.prepare(
        "UPDATE mailbox SET remote_uidvalidity = ?, remote_uidnext = NULL, remote_highestmodseq = NULL WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(uidValidity)).bind(2, mailboxId);
    st.run();
    Statement entries = m_db.prepare("UPDATE entry SET remote_uid = NULL WHERE mailbox_id = ?");
    entries.bind(1, mailboxId);
    entries.run();
}

std::unordered_map<std::uint32_t, BoundEntry> RemoteBindings::boundEntries(std::int64_t mailboxId)
{
    Statement st = m_db.prepare(
        "SELECT remote_uid, uid, flags, keywords FROM entry WHERE mailbox_id = ? AND remote_uid IS NOT NULL");
    st.bind(1, mailboxId);
    std::unordered_map<std::uint32_t, BoundEntry> out;
    while (st.step()) {
        out[static_cast<std::uint32_t>(st.columnInt(0))] = {static_cast<std::uint32_t>(st.columnInt(1)),
                                                            static_cast<std::uint32_t>(st.columnInt(2)),
                                                            st.columnText(3)};
    }
    return out;
}

std::int64_t RemoteBindings::boundCount(std::int64_t mailboxId)
{
    Statement st = m_db.prepare("SELECT count(*) FROM entry WHERE mailbox_id = ? AND remote_uid IS NOT NULL");
    st.bind(1, mailboxId);
    st.step();
    return st.columnInt(0);
}

void RemoteBindings::setRemoteUid(std::int64_t mailboxId, std::uint32_t uid, std::uint32_t remoteUid)
{
    Statement st = m_db.prepare("UPDATE entry SET remote_uid = ? WHERE mailbox_id = ? AND uid = ?");
    st.bind(1, static_cast<std::int64_t>(remoteUid)).bind(2, mailboxId).bind(3, static_cast<std::int64_t>(uid));
    st.run();
}

std::optional<std::uint32_t> RemoteBindings::unboundEntryWith(std::int64_t mailboxId, std::int64_t messageId)
{
    Statement st = m_db.prepare(
        "SELECT uid FROM entry WHERE mailbox_id = ? AND message_id = ? AND remote_uid IS NULL ORDER BY uid LIMIT 1");
    st.bind(1, mailboxId).bind(2, messageId);
    if (!st.step())
        return std::nullopt;
    return static_cast<std::uint32_t>(st.columnInt(0));
}

std::optional<std::uint32_t> RemoteBindings::unboundEntryLike(std::int64_t mailboxId, const std::string& messageIdHeader,
                                                             std::int64_t size)
{
    if (messageIdHeader.empty())
        return std::nullopt;
    Statement st = m_db.prepare(
        "SELECT e.uid FROM entry e JOIN message m ON m.id = e.message_id"
        " WHERE e.mailbox_id = ? AND e.remote_uid IS NULL AND m.message_id = ? AND coalesce(m.served_size, m.size) = ?"
        " ORDER BY e.uid LIMIT 1");
    st.bind(1, mailboxId).bind(2, messageIdHeader).bind(3, size);
    if (!st.step())
        return std::nullopt;
    return static_cast<std::uint32_t>(st.columnInt(0));
}

std::unordered_set<std::uint32_t> RemoteBindings::uidsWithPendingFlags(std::int64_t mailboxId)
{
    Statement st = m_db.prepare("SELECT payload FROM journal WHERE operation = 'flags' AND mailbox_id = ?");
    st.bind(1, mailboxId);
    std::unordered_set<std::uint32_t> out;
    while (st.step()) {
        const QJsonObject p = QJsonDocument::fromJson(QByteArray::fromStdString(st.columnText(0))).object();
        out.insert(static_cast<std::uint32_t>(p.value("uid").toInteger()));
    }
    return out;
}

std::unordered_set<std::uint32_t> RemoteBindings::remoteUidsPendingRemoval(std::int64_t mailboxId)
{
    Statement st = m_db.prepare(
        "SELECT payload FROM journal WHERE operation IN ('expunge', 'move') AND mailbox_id = ?");
    st.bind(1, mailboxId);
    std::unordered_set<std::uint32_t> out;
    while (st.step()) {
        const QJsonObject p = QJsonDocument::fromJson(QByteArray::fromStdString(st.columnText(0))).object();
        if (p.contains("remote_uid"))
            out.insert(static_cast<std::uint32_t>(p.value("remote_uid").toInteger()));
    }
    return out;
}

} // namespace cachet::store
