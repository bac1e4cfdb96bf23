// IMAP commands on mailboxes (RFC 3501 §6.3), all valid when authenticated or
// selected: SELECT/EXAMINE, CREATE, DELETE, RENAME, (UN)SUBSCRIBE, LIST/LSUB,
// STATUS. Each change is written to the store with its journal record in one
// transaction (the sync applies the journal at the provider).

#include "bridge/ImapSession.h"

#include "imap/ImapWriter.h"
#include "imap/ListPattern.h"
#include "imap/MailboxNameCodec.h"
#include "store/Entries.h"
#include "store/Flags.h"
#include "store/Journal.h"
#include "store/LocalChanges.h"
#include "text/AsciiText.h"

#include <algorithm>

namespace cachet::bridge {

namespace {

std::string wireName(const std::string& name)
{
    std::string out;
    imap::appendAString(out, imap::encodeMailboxName(name));
    return out;
}

} // namespace

std::optional<std::string> ImapSession::mailboxArg(const imap::CommandArg& arg, std::string& error) const
{
    if (arg.type != imap::CommandArg::Type::Atom && arg.type != imap::CommandArg::Type::String) {
        error = "a mailbox name must be an atom or a string";
        return std::nullopt;
    }
    auto decoded = imap::decodeMailboxName(arg.text);
    if (!decoded) {
        error = "the mailbox name is not valid modified UTF-7 (RFC 3501 section 5.1.3)";
        return std::nullopt;
    }
    return store::Mailboxes::canonicalName(*decoded);
}

// SELECT (§6.3.1) and EXAMINE (§6.3.2), with RFC 7162's (CONDSTORE) parameter.
ImapSession::Reply ImapSession::cmdSelect(const imap::Command& command)
{
    const bool examine = command.name == "EXAMINE";
    if (command.args.empty() || command.args.size() > 2)
        return bad(command.name + " takes a mailbox name and optional parameters.");
    std::string error;
    auto name = mailboxArg(command.args[0], error);
    if (!name)
        return bad(error + ".");
    if (command.args.size() == 2) {
        const imap::CommandArg& params = command.args[1];
        if (params.type != imap::CommandArg::Type::List)
            return bad("SELECT parameters must be a list.");
        for (const imap::CommandArg& p : params.items) {
            if (p.type == imap::CommandArg::Type::Atom && text::equalsIgnoreCase(p.text, "CONDSTORE"))
                m_condstore = true;
            else
                return bad("Unknown SELECT parameter.");
        }
    }
    // Selecting deselects the previous mailbox first, without expunging (§6.3.1).
    if (m_selected) {
        m_selected.reset();
        m_state = State::Authenticated;
        m_out += "* OK [CLOSED] Previous mailbox closed.\r\n";
    }
    store::Database& db = m_context.store.db();
    auto mailbox = store::Mailboxes(db).byName(*name);
    if (!mailbox || mailbox->noselect)
        return no("[NONEXISTENT] No mailbox " + name->substr(0, 200) + ".");

    m_selected = std::make_unique<SelectedMailbox>(db, *mailbox, examine);
    m_state = State::Selected;
    SelectedMailbox& mb = *m_selected;
    m_out += "* FLAGS (" + mb.flagList() + ")\r\n";
    m_out += examine ? std::string("* OK [PERMANENTFLAGS ()] Read-only mailbox.\r\n")
                     : "* OK [PERMANENTFLAGS (" + mb.flagList() + " \\*)] Flags permitted.\r\n";
    m_out += "* " + std::to_string(mb.count()) + " EXISTS\r\n* 0 RECENT\r\n";
    for (std::uint32_t seq = 1; seq <= mb.count(); ++seq) {
        if (!(mb.at(seq).flags & store::FlagSeen)) {
            m_out += "* OK [UNSEEN " + std::to_string(seq) + "] First unseen.\r\n";
            break;
        }
    }
    m_out += "* OK [UIDVALIDITY " + std::to_string(mb.uidValidity()) + "] UIDs valid.\r\n";
    m_out += "* OK [UIDNEXT " + std::to_string(mb.uidNext()) + "] Predicted next UID.\r\n";
    m_out += "* OK [HIGHESTMODSEQ " + std::to_string(mb.highestModSeq()) + "] Highest.\r\n";
    return ok(examine ? "[READ-ONLY] Examine completed." : "[READ-WRITE] Select completed.");
}

// CREATE (§6.3.3). "a/b/" creates "a/b"; missing parents are created too.
namespace {

// CREATE-SPECIAL-USE (RFC 6154 §3): "CREATE name (USE (\\Sent))". The store
// keeps one special use per mailbox, so one attribute at most.
std::optional<std::string> specialUseArg(const imap::CommandArg& arg, std::string& error)
{
    static const char* const kUses[] = {"\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk", "\\Sent", "\\Trash"};
    if (arg.type != imap::CommandArg::Type::List || arg.items.size() != 2
        || !text::equalsIgnoreCase(arg.items[0].text, "USE") || arg.items[1].type != imap::CommandArg::Type::List) {
        error = "CREATE takes a mailbox name and optionally (USE (attribute))";
        return std::nullopt;
    }
    const auto& uses = arg.items[1].items;
    if (uses.size() != 1) {
        error = "one special-use attribute per mailbox";
        return std::nullopt;
    }
    for (const char* use : kUses) {
        if (text::equalsIgnoreCase(uses[0].text, use))
            return std::string(use);
    }
    error = "unknown special-use attribute";
    return std::nullopt;
}

} // namespace

ImapSession::Reply ImapSession::cmdCreate(const imap::Command& command)
{
    if (command.args.empty() || command.args.size() > 2)
        return bad("CREATE takes a mailbox name.");
    std::string error;
    auto name = mailboxArg(command.args[0], error);
    if (!name)
        return bad(error + ".");
    std::string specialUse;
    if (command.args.size() == 2) {
        auto use = specialUseArg(command.args[1], error);
        if (!use)
            return no("[USEATTR] " + error + ".");
        specialUse = *use;
    }
    if (!name->empty() && name->back() == store::Mailboxes::kDelimiter)
        name->pop_back();
    if (auto reason = store::Mailboxes::invalidNameReason(*name))
        return no("[CANNOT] " + *reason + ".");
    store::Database& db = m_context.store.db();
    store::Mailboxes mailboxes(db);
    store::Transaction tx(db);
    auto existing = mailboxes.byName(*name);
    if (existing && !existing->noselect)
        return no("[ALREADYEXISTS] Mailbox already exists.");
    if (existing)
        mailboxes.setNoselect(existing->id, false);
    // Parents that did not exist are created as real mailboxes, here and so at the provider.
    std::vector<std::string> newParents;
    for (std::size_t slash = name->find(store::Mailboxes::kDelimiter); slash != std::string::npos;
         slash = name->find(store::Mailboxes::kDelimiter, slash + 1)) {
        if (!mailboxes.byName(name->substr(0, slash)))
            newParents.push_back(name->substr(0, slash));
    }
    const store::Mailbox created = existing ? *existing : mailboxes.ensure(*name, specialUse);
    if (existing && !specialUse.empty())
        mailboxes.setSpecialUse(existing->id, specialUse);
    store::Journal journal(db);
    for (const std::string& parent : newParents) {
        const store::Mailbox made = *mailboxes.byName(parent);
        journal.record("create", made.id, store::journalNameRecord(made.name));
    }
    journal.record("create", created.id, store::journalNameRecord(created.name));
    tx.commit();
    m_context.events.committedLocally();
    return ok("Create completed.");
}

// DELETE (§6.3.4). A mailbox with children keeps its name as \Noselect.
ImapSession::Reply ImapSession::cmdDelete(const imap::Command& command)
{
    if (command.args.size() != 1)
        return bad("DELETE takes a mailbox name.");
    std::string error;
    auto name = mailboxArg(command.args[0], error);
    if (!name)
        return bad(error + ".");
    if (*name == "INBOX")
        return no("[CANNOT] INBOX cannot be deleted.");
    store::Database& db = m_context.store.db();
    store::Mailboxes mailboxes(db);
    store::Transaction tx(db);
    auto mailbox = mailboxes.byName(*name);
    if (!mailbox)
        return no("[NONEXISTENT] No such mailbox.");
    if (mailbox->noselect && mailboxes.hasChildren(mailbox->name))
        return no("[INUSE] Mailbox has children and holds no messages: delete them first.");
    if (m_selected && m_selected->id() == mailbox->id) {
        m_selected.reset();
        m_state = State::Authenticated;
    }
    mailboxes.remove(mailbox->id);
    store::Journal(db).record("delete", mailbox->id, store::journalNameRecord(mailbox->name));
    tx.commit();
    m_context.events.changed(mailbox->id);
    return ok("Delete completed.");
}

// RENAME (§6.3.5). Children move along; RENAME INBOX moves INBOX's messages
// into the new mailbox and leaves INBOX empty.
ImapSession::Reply ImapSession::cmdRename(const imap::Command& command)
{
    if (command.args.size() != 2)
        return bad("RENAME takes two mailbox names.");
    std::string error;
    auto from = mailboxArg(command.args[0], error);
    auto to = from ? mailboxArg(command.args[1], error) : std::nullopt;
    if (!from || !to)
        return bad(error + ".");
    if (auto reason = store::Mailboxes::invalidNameReason(*to))
        return no("[CANNOT] " + *reason + ".");
    store::Database& db = m_context.store.db();
    store::Mailboxes mailboxes(db);
    store::Transaction tx(db);
    auto source = mailboxes.byName(*from);
    if (!source)
        return no("[NONEXISTENT] No such mailbox.");
    if (mailboxes.byName(*to))
        return no("[ALREADYEXISTS] Target mailbox already exists.");
    if (*to == "INBOX" || (to->size() > from->size() && to->compare(0, from->size() + 1, *from + '/') == 0))
        return no("[CANNOT] A mailbox cannot be renamed to INBOX or below itself.");
    if (*from == "INBOX") {
        const store::Mailbox target = mailboxes.ensure(*to);
        store::Entries entries(db);
        for (const store::Entry& e : entries.inUidOrder(source->id)) {
            entries.add(target.id, e.messageId, e.flags, e.internalDate, e.keywords);
            entries.remove(source->id, e.uid);
        }
        entries.nextModSeq(source->id);
    } else {
        mailboxes.rename(source->id, *to);
    }
    store::Journal(db).record("rename", source->id,
                              QJsonObject{{"from", QString::fromStdString(*from)}, {"to", QString::fromStdString(*to)}});
    tx.commit();
    m_context.events.changed(source->id);
    return ok("Rename completed.");
}

// SUBSCRIBE (§6.3.6) and UNSUBSCRIBE (§6.3.7).
ImapSession::Reply ImapSession::cmdSubscribe(const imap::Command& command)
{
    const bool subscribe = command.name == "SUBSCRIBE";
    if (command.args.size() != 1)
        return bad(command.name + " takes a mailbox name.");
    std::string error;
    auto name = mailboxArg(command.args[0], error);
    if (!name)
        return bad(error + ".");
    store::Database& db = m_context.store.db();
    store::Mailboxes mailboxes(db);
    store::Transaction tx(db);
    auto mailbox = mailboxes.byName(*name);
    if (!mailbox)
        return no("[NONEXISTENT] No such mailbox.");
    mailboxes.setSubscribed(mailbox->id, subscribe);
    store::Journal(db).record("subscribe", mailbox->id,
                              QJsonObject{{"name", QString::fromStdString(mailbox->name)}, {"subscribed", subscribe}});
    tx.commit();
    m_context.events.committedLocally();
    return ok(command.name + " completed.");
}

// LIST (§6.3.8) and LSUB (§6.3.9), with CHILDREN (RFC 3348) and SPECIAL-USE
// (RFC 6154) attributes on every LIST, as Dovecot gives them.
ImapSession::Reply ImapSession::cmdList(const imap::Command& command)
{
    const bool lsub = command.name == "LSUB";
    // LIST's selection and return options (RFC 5258 §3, RFC 6154 §2) as
    // Thunderbird and Apple Mail send them after seeing SPECIAL-USE:
    // "LIST (SPECIAL-USE) "" *" and "... RETURN (SUBSCRIBED SPECIAL-USE)".
    // Several patterns at once (the rest of LIST-EXTENDED) are not taken,
    // which is why LIST-EXTENDED itself is not announced.
    std::vector<imap::CommandArg> args = command.args;
    bool onlySubscribed = lsub, onlySpecialUse = false, returnSubscribed = false;
    auto readOptions = [](const imap::CommandArg& list, const std::vector<std::string>& known,
                          std::vector<std::string>& seen) {
        for (const imap::CommandArg& item : list.items) {
            const std::string option = text::asciiUpper(item.text);
            if (item.type != imap::CommandArg::Type::Atom
                || std::find(known.begin(), known.end(), option) == known.end())
                return false;
            seen.push_back(option);
        }
        return true;
    };
    auto has = [](const std::vector<std::string>& options, const char* option) {
        return std::find(options.begin(), options.end(), option) != options.end();
    };
    if (!lsub && !args.empty() && args[0].type == imap::CommandArg::Type::List) {
        std::vector<std::string> selection;
        if (!readOptions(args[0], {"SUBSCRIBED", "SPECIAL-USE", "REMOTE", "RECURSIVEMATCH"}, selection))
            return bad("Unknown LIST selection option.");
        onlySubscribed = has(selection, "SUBSCRIBED");
        returnSubscribed = onlySubscribed;
        onlySpecialUse = has(selection, "SPECIAL-USE");
        args.erase(args.begin());
    }
    if (!lsub && args.size() == 4 && args[2].type == imap::CommandArg::Type::Atom
        && text::equalsIgnoreCase(args[2].text, "RETURN") && args[3].type == imap::CommandArg::Type::List) {
        std::vector<std::string> returns;
        if (!readOptions(args[3], {"SUBSCRIBED", "SPECIAL-USE", "CHILDREN"}, returns))
            return bad("Unknown LIST return option.");
        returnSubscribed = returnSubscribed || has(returns, "SUBSCRIBED");
        args.resize(2);
    }
    if (args.size() != 2 || args[1].type == imap::CommandArg::Type::List)
        return bad(command.name + " takes a reference and a mailbox pattern.");
    std::string error;
    auto reference = mailboxArg(args[0], error);
    auto pattern = reference ? mailboxArg(args[1], error) : std::nullopt;
    if (!reference || !pattern) {
        // Empty strings are fine; decoding only fails on real errors.
        return bad(error + ".");
    }
    if (args[1].text.empty()) {
        // The hierarchy delimiter and root (§6.3.8).
        m_out += "* " + command.name + " (\\Noselect) \"/\" \"\"\r\n";
        return ok(command.name + " completed.");
    }
    const imap::ListPattern matcher(args[0].text.empty() ? "" : *reference, *pattern, store::Mailboxes::kDelimiter);
    store::Mailboxes mailboxes(m_context.store.db());
    const std::vector<store::Mailbox> all = mailboxes.all();
    for (const store::Mailbox& mb : all) {
        if ((onlySubscribed && !mb.subscribed) || (onlySpecialUse && mb.specialUse.empty()))
            continue;
        if (!matcher.matches(mb.name))
            continue;
        const std::string prefix = mb.name + store::Mailboxes::kDelimiter;
        const bool children = std::any_of(all.begin(), all.end(), [&](const store::Mailbox& other) {
            return other.name.size() > prefix.size() && other.name.compare(0, prefix.size(), prefix) == 0;
        });
        std::string attributes;
        auto add = [&](const std::string& a) {
            if (!attributes.empty())
                attributes += ' ';
            attributes += a;
        };
        if (mb.noselect)
            add("\\Noselect");
        if (!lsub)
            add(children ? "\\HasChildren" : "\\HasNoChildren");
        if (returnSubscribed && mb.subscribed)
            add("\\Subscribed");
        if (!mb.specialUse.empty())
            add(mb.specialUse);
        m_out += "* " + command.name + " (" + attributes + ") \"/\" " + wireName(mb.name) + "\r\n";
    }
    return ok(command.name + " completed.");
}

// STATUS (§6.3.10), with HIGHESTMODSEQ (RFC 7162 §3.1.6).
ImapSession::Reply ImapSession::cmdStatus(const imap::Command& command)
{
    if (command.args.size() != 2 || command.args[1].type != imap::CommandArg::Type::List)
        return bad("STATUS takes a mailbox name and a list of items.");
    std::string error;
    auto name = mailboxArg(command.args[0], error);
    if (!name)
        return bad(error + ".");
    store::Mailboxes mailboxes(m_context.store.db());
    auto mailbox = mailboxes.byName(*name);
    if (!mailbox || mailbox->noselect)
        return no("[NONEXISTENT] No such mailbox.");
    const store::MailboxCounts counts = mailboxes.counts(mailbox->id);
    std::string items;
    for (const imap::CommandArg& item : command.args[1].items) {
        if (item.type != imap::CommandArg::Type::Atom)
            return bad("STATUS items are atoms.");
        const std::string key = text::asciiUpper(item.text);
        std::int64_t value = 0;
        if (key == "MESSAGES") value = counts.messages;
        else if (key == "RECENT") value = 0;
        else if (key == "UIDNEXT") value = mailbox->uidNext;
        else if (key == "UIDVALIDITY") value = mailbox->uidValidity;
        else if (key == "UNSEEN") value = counts.unseen;
        else if (key == "HIGHESTMODSEQ") value = mailbox->highestModSeq;
        else return bad("Unknown STATUS item " + key.substr(0, 40) + ".");
        if (!items.empty())
            items += ' ';
        items += key + ' ' + std::to_string(value);
    }
    m_out += "* STATUS " + wireName(mailbox->name) + " (" + items + ")\r\n";
    return ok("Status completed.");
}

} // namespace cachet::bridge
