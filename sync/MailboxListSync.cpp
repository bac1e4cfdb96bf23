#include "sync/MailboxListSync.h"

#include "sync/SpecialMailboxes.h"

#include "imap/ListResponse.h"
#include "imap/StatusResponse.h"
#include "store/Mailboxes.h"
#include "text/AsciiText.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace cachet::sync {

namespace {

bool selectable(const imap::ListData& entry)
{
    return !entry.hasAttribute("\\Noselect") && !entry.hasAttribute("\\NonExistent");
}

// Mailboxes the provider renamed since the last sync: a bound name gone from
// the list and a new name with the same UIDVALIDITY (servers keep it across a
// RENAME, which is why RFC 3501 §6.3.5 lets them). Found, the local mailbox is
// renamed and keeps its messages, so nothing is downloaded again. Ambiguous
// pairs (two gone mailboxes of the same UIDVALIDITY) are left to delete-and-create.
std::vector<std::pair<std::int64_t, const imap::ListData*>>
renamedAtProvider(store::Database& db, ImapConnection& imap, const std::vector<imap::ListData>& remote)
{
    std::vector<std::pair<std::int64_t, const imap::ListData*>> renamed;
    std::set<std::string> listed;
    for (const imap::ListData& entry : remote)
        listed.insert(entry.name);
    std::multimap<std::uint32_t, std::int64_t> goneByUidValidity;
    std::set<std::string> boundNames;
    for (const store::MailboxBinding& b : store::RemoteBindings(db).mailboxes()) {
        if (!b.remoteName)
            continue;
        boundNames.insert(*b.remoteName);
        if (!listed.count(*b.remoteName) && b.remoteUidValidity && b.localName != "INBOX")
            goneByUidValidity.emplace(*b.remoteUidValidity, b.mailboxId);
    }
    if (goneByUidValidity.empty())
        return renamed;
    store::Mailboxes mailboxes(db);
    for (const imap::ListData& entry : remote) {
        if (!selectable(entry) || boundNames.count(entry.name))
            continue;
        const std::string name = localName(entry.name, entry.delimiter.value_or(store::Mailboxes::kDelimiter));
        std::optional<std::uint32_t> uidValidity;
        imap::ClientCommand status = imap.command("STATUS");
        status.astring(entry.wireName).raw("(UIDVALIDITY)");
        imap.run(std::move(status), [&](imap::Response& r) {
            if (auto data = imap::readStatus(r))
                uidValidity = data->uidValidity;
        });
        if (!uidValidity || goneByUidValidity.count(*uidValidity) != 1)
            continue;
        const std::int64_t id = goneByUidValidity.find(*uidValidity)->second;
        auto existing = mailboxes.byName(name);
        if (existing && existing->id != id && !existing->noselect)
            continue; // a local mailbox has the new name already
        renamed.emplace_back(id, &entry);
        goneByUidValidity.erase(*uidValidity);
    }
    // Parents first: renaming one renames its children locally too.
    std::sort(renamed.begin(), renamed.end(), [](const auto& a, const auto& b) { return a.second->name < b.second->name; });
    return renamed;
}

} // namespace

std::string localName(const std::string& remote, char delimiter)
{
    std::string out = remote;
    if (delimiter && delimiter != store::Mailboxes::kDelimiter) {
        for (char& c : out) {
            if (c == delimiter)
                c = store::Mailboxes::kDelimiter;
        }
    }
    return store::Mailboxes::canonicalName(out);
}

std::string remoteName(const std::string& local, char delimiter)
{
    std::string out = local;
    if (delimiter && delimiter != store::Mailboxes::kDelimiter) {
        for (char& c : out) {
            if (c == store::Mailboxes::kDelimiter)
                c = delimiter;
        }
    }
    return out;
}

ListSyncResult syncMailboxList(store::Database& db, ImapConnection& imap)
{
    ListSyncResult result;
    std::vector<imap::ListData> remote;
    const bool specialUse = imap.has("SPECIAL-USE");
    imap.run(specialUse ? "LIST \"\" \"*\" RETURN (SPECIAL-USE)" : "LIST \"\" \"*\"", [&](imap::Response& r) {
        if (auto entry = imap::readList(r))
            remote.push_back(std::move(*entry));
    });

    const auto renamed = renamedAtProvider(db, imap, remote);

    store::Mailboxes mailboxes(db);
    store::RemoteBindings bindings(db);
    store::Transaction tx(db);
    for (const auto& [id, entry] : renamed) {
        const char delimiter = entry->delimiter.value_or(store::Mailboxes::kDelimiter);
        const std::string name = localName(entry->name, delimiter);
        if (auto squatter = mailboxes.byName(name); squatter && squatter->id != id)
            mailboxes.remove(squatter->id); // an empty parent made for the children
        mailboxes.rename(id, name);
        bindings.bind(id, entry->name, delimiter);
        ++result.renamed;
    }
    std::map<std::string, std::int64_t> boundByRemote;
    for (const store::MailboxBinding& b : bindings.mailboxes()) {
        if (b.remoteName)
            boundByRemote[*b.remoteName] = b.mailboxId;
    }
    std::set<std::string> listed;
    for (const imap::ListData& entry : remote) {
        if (!selectable(entry))
            continue;
        const char delimiter = entry.delimiter.value_or(store::Mailboxes::kDelimiter);
        listed.insert(entry.name);
        std::int64_t id = 0;
        if (auto it = boundByRemote.find(entry.name); it != boundByRemote.end()) {
            id = it->second;
        } else {
            const std::string name = localName(entry.name, delimiter);
            auto existing = mailboxes.byName(name);
            if (!existing || existing->noselect) {
                id = mailboxes.ensure(name).id;
                if (existing)
                    mailboxes.setNoselect(id, false);
                ++result.created;
            } else {
                id = existing->id;
            }
            bindings.bind(id, entry.name, delimiter);
        }
        std::string use = entry.specialUse();
        if (use.empty() && !specialUse)
            use = specialUseByName(localName(entry.name, delimiter)).value_or("");
        if (!use.empty() && mailboxes.byId(id)->specialUse != use)
            mailboxes.setSpecialUse(id, use);
    }
    // Gone at the provider (deleted or renamed there): gone here too. Local
    // changes were sent before the list was read, so nothing of ours is lost.
    for (const auto& [name, id] : boundByRemote) {
        if (listed.count(name))
            continue;
        auto mailbox = mailboxes.byId(id);
        if (!mailbox)
            continue;
        if (mailbox->name == "INBOX") {
            bindings.unbind(id);
            continue;
        }
        bindings.unbind(id);
        mailboxes.remove(id);
        ++result.removed;
    }
    tx.commit();
    for (const store::MailboxBinding& b : bindings.mailboxes()) {
        if (b.remoteName)
            result.bound.push_back(b);
    }
    return result;
}

} // namespace cachet::sync
