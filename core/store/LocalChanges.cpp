#include "store/LocalChanges.h"

#include "mime/MimeParser.h"

#include "store/Flags.h"
#include "store/Journal.h"
#include "store/Messages.h"
#include "store/PreparedMessage.h"
#include "store/Sha256.h"
#include "store/StoreError.h"

#include <QDateTime>

namespace cachet::store {

QJsonObject journalEntryRecord(Entries& entries, std::int64_t mailboxId, std::uint32_t uid)
{
    QJsonObject record{{"uid", static_cast<qint64>(uid)}};
    if (auto remote = entries.remoteUid(mailboxId, uid))
        record.insert("remote_uid", static_cast<qint64>(*remote));
    return record;
}

QJsonObject journalNameRecord(const std::string& name)
{
    return QJsonObject{{"name", QString::fromStdString(name)}};
}

int LocalChanges::setFlags(std::int64_t mailboxId, const std::vector<std::uint32_t>& uids, std::uint32_t add,
                           std::uint32_t remove)
{
    Entries entries(m_db);
    Journal journal(m_db);
    Transaction tx(m_db);
    std::int64_t modSeq = 0;
    int changed = 0;
    for (std::uint32_t uid : uids) {
        const auto entry = entries.byUid(mailboxId, uid);
        if (!entry)
            continue;
        const std::uint32_t flags = (entry->flags | add) & ~remove;
        if (flags == entry->flags)
            continue;
        if (modSeq == 0)
            modSeq = entries.nextModSeq(mailboxId);
        entries.setFlags(mailboxId, uid, flags, entry->keywords, modSeq);
        QJsonObject record = journalEntryRecord(entries, mailboxId, uid);
        record.insert("flags", QString::fromStdString(formatFlags(flags)));
        record.insert("keywords", QString::fromStdString(entry->keywords));
        journal.record("flags", mailboxId, record);
        ++changed;
    }
    tx.commit();
    return changed;
}

int LocalChanges::move(std::int64_t mailboxId, const std::vector<std::uint32_t>& uids, std::int64_t targetId)
{
    if (targetId == mailboxId)
        return 0;
    Mailboxes mailboxes(m_db);
    Entries entries(m_db);
    Journal journal(m_db);
    Transaction tx(m_db);
    const auto target = mailboxes.byId(targetId);
    if (!target || target->noselect)
        throw StoreError("the folder to move to no longer exists");
    int moved = 0;
    for (std::uint32_t uid : uids) {
        const auto entry = entries.byUid(mailboxId, uid);
        if (!entry)
            continue;
        const Entry copy = entries.add(targetId, entry->messageId, entry->flags, entry->internalDate, entry->keywords);
        QJsonObject record = journalEntryRecord(entries, mailboxId, uid);
        record.insert("to_uid", static_cast<qint64>(copy.uid));
        record.insert("to_mailbox", QString::fromStdString(target->name));
        journal.record("move", mailboxId, record);
        entries.remove(mailboxId, uid);
        ++moved;
    }
    if (moved > 0)
        entries.nextModSeq(mailboxId);
    tx.commit();
    return moved;
}

int LocalChanges::expunge(std::int64_t mailboxId, const std::vector<std::uint32_t>& uids)
{
    Entries entries(m_db);
    Journal journal(m_db);
    Transaction tx(m_db);
    int removed = 0;
    for (std::uint32_t uid : uids) {
        if (!entries.byUid(mailboxId, uid))
            continue;
        journal.record("expunge", mailboxId, journalEntryRecord(entries, mailboxId, uid));
        entries.remove(mailboxId, uid);
        ++removed;
    }
    if (removed > 0)
        entries.nextModSeq(mailboxId);
    tx.commit();
    return removed;
}

std::uint32_t LocalChanges::append(std::int64_t mailboxId, const std::string& raw, std::uint32_t flags,
                                   std::uint32_t replacing)
{
    if (auto reason = mime::notAMessageReason(raw))
        throw StoreError("not a message: " + *reason);
    // Parsed and hashed before the write lock is taken.
    const PreparedMessage prepared = prepareMessage(raw);
    Entries entries(m_db);
    Journal journal(m_db);
    Transaction tx(m_db);
    const std::int64_t messageId = Messages(m_db).store(prepared).id;
    const Entry entry = entries.add(mailboxId, messageId, flags, QDateTime::currentSecsSinceEpoch());
    journal.record("append", mailboxId,
                   QJsonObject{{"uid", static_cast<qint64>(entry.uid)},
                               {"message", QString::fromStdString(toHex(prepared.hash))}});
    if (replacing != 0 && entries.byUid(mailboxId, replacing)) {
        journal.record("expunge", mailboxId, journalEntryRecord(entries, mailboxId, replacing));
        entries.remove(mailboxId, replacing);
    }
    entries.nextModSeq(mailboxId);
    tx.commit();
    return entry.uid;
}

Mailbox LocalChanges::createWithParents(const std::string& name, std::string_view specialUse)
{
    Mailboxes mailboxes(m_db);
    Journal journal(m_db);
    // Parents that did not exist are made as real mailboxes, here and so at the provider.
    for (std::size_t slash = name.find(Mailboxes::kDelimiter); slash != std::string::npos;
         slash = name.find(Mailboxes::kDelimiter, slash + 1)) {
        const std::string parent = name.substr(0, slash);
        if (!mailboxes.byName(parent))
            journal.record("create", mailboxes.ensure(parent).id, journalNameRecord(parent));
    }
    auto existing = mailboxes.byName(name);
    if (existing) // a \Noselect name becomes a real mailbox
        mailboxes.setNoselect(existing->id, false);
    const Mailbox made = existing ? *existing : mailboxes.ensure(name, specialUse);
    if (existing && !specialUse.empty())
        mailboxes.setSpecialUse(made.id, specialUse);
    journal.record("create", made.id, journalNameRecord(made.name));
    return *mailboxes.byId(made.id);
}

Mailbox LocalChanges::specialMailbox(std::string_view specialUse, std::string_view fallbackName)
{
    Mailboxes mailboxes(m_db);
    if (auto found = mailboxes.bySpecialUse(specialUse))
        return *found;
    Transaction tx(m_db);
    const std::string name = Mailboxes::canonicalName(fallbackName);
    if (auto reason = Mailboxes::invalidNameReason(name))
        throw StoreError(*reason);
    Mailbox made;
    if (auto existing = mailboxes.byName(name); existing && !existing->noselect) {
        mailboxes.setSpecialUse(existing->id, specialUse);
        made = *mailboxes.byId(existing->id);
    } else {
        made = createWithParents(name, specialUse);
    }
    tx.commit();
    return made;
}

Mailbox LocalChanges::createMailbox(std::string_view name)
{
    const std::string canonical = Mailboxes::canonicalName(name);
    if (auto reason = Mailboxes::invalidNameReason(canonical))
        throw StoreError(*reason);
    Mailboxes mailboxes(m_db);
    Transaction tx(m_db);
    if (auto existing = mailboxes.byName(canonical); existing && !existing->noselect)
        throw StoreError("a folder named " + canonical + " already exists");
    const Mailbox made = createWithParents(canonical, {});
    tx.commit();
    return made;
}

void LocalChanges::renameMailbox(std::int64_t id, std::string_view newName)
{
    const std::string to(newName);
    if (auto reason = Mailboxes::invalidNameReason(to))
        throw StoreError(*reason);
    Mailboxes mailboxes(m_db);
    Transaction tx(m_db);
    const auto source = mailboxes.byId(id);
    if (!source)
        throw StoreError("the folder no longer exists");
    const std::string& from = source->name;
    if (from == "INBOX" || Mailboxes::canonicalName(to) == "INBOX")
        throw StoreError("INBOX cannot be renamed, and no folder can be renamed to INBOX");
    if (mailboxes.byName(to))
        throw StoreError("a folder named " + to + " already exists");
    if (to.size() > from.size() && to.compare(0, from.size() + 1, from + Mailboxes::kDelimiter) == 0)
        throw StoreError("a folder cannot be moved below itself");
    mailboxes.rename(id, to);
    Journal(m_db).record("rename", id,
                         QJsonObject{{"from", QString::fromStdString(from)}, {"to", QString::fromStdString(to)}});
    tx.commit();
}

void LocalChanges::deleteMailbox(std::int64_t id)
{
    Mailboxes mailboxes(m_db);
    Transaction tx(m_db);
    const auto mailbox = mailboxes.byId(id);
    if (!mailbox)
        return;
    if (mailbox->name == "INBOX")
        throw StoreError("INBOX cannot be deleted");
    mailboxes.remove(id);
    Journal(m_db).record("delete", id, journalNameRecord(mailbox->name));
    tx.commit();
}

} // namespace cachet::store
