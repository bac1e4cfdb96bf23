#include "sync/MailboxListSync.h"

#include "sync/SpecialMailboxes.h"

#include "imap/ListResponse.h"
#include "store/Mailboxes.h"
#include "text/AsciiText.h"

#include <map>
#include <set>

namespace cachet::sync {

namespace {

bool selectable(const imap::ListData& entry)
{
    return !entry.hasAttribute("\\Noselect") && !entry.hasAttribute("\\NonExistent");
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

    store::Mailboxes mailboxes(db);
    store::RemoteBindings bindings(db);
    store::Transaction tx(db);
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
