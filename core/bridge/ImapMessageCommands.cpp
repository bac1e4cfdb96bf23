// IMAP commands on the selected mailbox's messages (RFC 3501 §6.4), valid in
// the selected state: CHECK, CLOSE, UNSELECT, EXPUNGE, STORE, COPY, MOVE and UID.
// FETCH and SEARCH have files of their own. Every change is written with its
// journal record in one transaction, then other sessions are woken.

#include "bridge/FlagArguments.h"
#include "bridge/ImapSession.h"

#include "imap/SequenceSet.h"
#include "store/Entries.h"
#include "store/Flags.h"
#include "store/Journal.h"
#include "store/LocalChanges.h"
#include "text/AsciiText.h"

#include <QJsonArray>

#include <charconv>

namespace cachet::bridge {

namespace {

std::string uidSetText(const std::vector<std::uint32_t>& uids)
{
    // Ranges for runs, as UIDPLUS responses are usually read by people too.
    std::string out;
    for (std::size_t i = 0; i < uids.size();) {
        std::size_t j = i;
        while (j + 1 < uids.size() && uids[j + 1] == uids[j] + 1)
            ++j;
        if (!out.empty())
            out += ',';
        out += std::to_string(uids[i]);
        if (j > i)
            out += ':' + std::to_string(uids[j]);
        i = j + 1;
    }
    return out;
}

std::optional<std::int64_t> parseNumber(const imap::CommandArg& arg)
{
    if (arg.type != imap::CommandArg::Type::Atom)
        return std::nullopt;
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(arg.text.data(), arg.text.data() + arg.text.size(), value);
    if (ec != std::errc() || end != arg.text.data() + arg.text.size() || value < 0)
        return std::nullopt;
    return value;
}

} // namespace

std::optional<std::vector<std::uint32_t>> ImapSession::resolveSet(const imap::CommandArg& arg, bool byUid)
{
    if (arg.type != imap::CommandArg::Type::Atom)
        return std::nullopt;
    auto set = imap::SequenceSet::parse(arg.text);
    if (!set)
        return std::nullopt;
    SelectedMailbox& mb = *m_selected;
    std::vector<std::uint32_t> seqs;
    if (!byUid) {
        // A sequence number beyond the mailbox is an error (RFC 3501 §9 "seq-number");
        // '*' in an empty mailbox names nothing.
        for (const imap::SequenceSet::Range& r : set->ranges()) {
            if (std::max(r.first, r.last) > mb.count())
                return std::nullopt;
        }
        for (const imap::SequenceSet::Range& r : set->resolve(mb.count()))
            for (std::uint32_t s = r.first; s <= r.last && s != 0; ++s)
                seqs.push_back(s);
        return seqs;
    }
    // UIDs: walk the merged ranges and the view (both ascending) together.
    const auto ranges = set->resolve(mb.largestUid());
    const auto& entries = mb.entries();
    std::size_t k = 0;
    for (const imap::SequenceSet::Range& r : ranges) {
        while (k < entries.size() && entries[k].uid < r.first)
            ++k;
        while (k < entries.size() && entries[k].uid <= r.last) {
            seqs.push_back(static_cast<std::uint32_t>(k + 1));
            ++k;
        }
    }
    return seqs;
}

// CHECK (§6.4.1). Every write is already durable when it is answered.
ImapSession::Reply ImapSession::cmdCheck(const imap::Command&)
{
    return ok("Check completed.");
}

// CLOSE (§6.4.2) expunges silently, then deselects; UNSELECT (RFC 3691) only deselects.
ImapSession::Reply ImapSession::cmdClose(const imap::Command& command)
{
    if (!command.args.empty())
        return bad(command.name + " takes no arguments.");
    if (command.name == "CLOSE" && !m_selected->readOnly())
        expunge(nullptr, true);
    m_selected.reset();
    m_state = State::Authenticated;
    return ok(command.name + " completed.");
}

// EXPUNGE (§6.4.3).
ImapSession::Reply ImapSession::cmdExpunge(const imap::Command& command)
{
    if (!command.args.empty())
        return bad("EXPUNGE takes no arguments.");
    return expunge(nullptr, false);
}

ImapSession::Reply ImapSession::expunge(const std::vector<std::uint32_t>* onlySeqs, bool silent)
{
    SelectedMailbox& mb = *m_selected;
    if (mb.readOnly())
        return no("[READ-ONLY] The mailbox is read-only (EXAMINE).");
    std::vector<std::uint32_t> seqs;
    if (onlySeqs) {
        for (std::uint32_t s : *onlySeqs)
            if (mb.at(s).flags & store::FlagDeleted)
                seqs.push_back(s);
    } else {
        for (std::uint32_t s = 1; s <= mb.count(); ++s)
            if (mb.at(s).flags & store::FlagDeleted)
                seqs.push_back(s);
    }
    if (seqs.empty())
        return ok("Expunge completed.");
    store::Database& db = m_context.store.db();
    store::Entries entries(db);
    store::Journal journal(db);
    store::Transaction tx(db);
    const std::int64_t before = store::Mailboxes(db).byId(mb.id())->highestModSeq;
    for (std::uint32_t s : seqs) {
        const ViewEntry& e = mb.at(s);
        if (e.expunged)
            continue;
        journal.record("expunge", mb.id(), store::journalEntryRecord(entries, mb.id(), e.uid));
        entries.remove(mb.id(), e.uid);
    }
    const std::int64_t after = entries.nextModSeq(mb.id());
    tx.commit();
    mb.noteOwnModSeq(before, after);
    // Highest first, so each number is right when the client reads it.
    for (auto it = seqs.rbegin(); it != seqs.rend(); ++it) {
        if (!silent)
            m_out += "* " + std::to_string(*it) + " EXPUNGE\r\n";
        mb.removeOwnExpunged(*it);
    }
    m_context.events.changed(mb.id());
    return ok("Expunge completed.");
}

// UID (§6.4.8): UID COPY, UID MOVE, UID FETCH, UID SEARCH, UID STORE, UID EXPUNGE (RFC 4315).
ImapSession::Reply ImapSession::cmdUid(const imap::Command& command)
{
    if (command.args.empty() || command.args[0].type != imap::CommandArg::Type::Atom)
        return bad("UID needs a command.");
    const std::string sub = text::asciiUpper(command.args[0].text);
    if (sub == "FETCH") return fetch(command.args, 1, true);
    if (sub == "STORE") return storeFlags(command.args, 1, true);
    if (sub == "SEARCH") return search(command.args, 1, true);
    if (sub == "COPY") return copyOrMove(command.args, 1, true, false);
    if (sub == "MOVE") return copyOrMove(command.args, 1, true, true);
    if (sub == "EXPUNGE") {
        if (command.args.size() != 2)
            return bad("UID EXPUNGE takes a UID set.");
        auto seqs = resolveSet(command.args[1], true);
        if (!seqs)
            return bad("Invalid UID set.");
        return expunge(&*seqs, false);
    }
    return bad("Unknown UID command " + sub.substr(0, 40) + ".");
}

ImapSession::Reply ImapSession::cmdFetch(const imap::Command& command)
{
    return fetch(command.args, 0, false);
}

ImapSession::Reply ImapSession::cmdStore(const imap::Command& command)
{
    return storeFlags(command.args, 0, false);
}

ImapSession::Reply ImapSession::cmdSearch(const imap::Command& command)
{
    return search(command.args, 0, false);
}

ImapSession::Reply ImapSession::cmdCopy(const imap::Command& command)
{
    return copyOrMove(command.args, 0, false, command.name == "MOVE");
}

// STORE (§6.4.6) with .SILENT, and UNCHANGEDSINCE (RFC 7162 §3.1.3).
ImapSession::Reply ImapSession::storeFlags(const Args& args, std::size_t first, bool byUid)
{
    if (args.size() < first + 3)
        return bad("STORE takes a message set, an action and flags.");
    auto seqs = resolveSet(args[first], byUid);
    if (!seqs)
        return bad(byUid ? "Invalid UID set." : "Invalid message sequence number.");
    std::size_t at = first + 1;
    std::optional<std::int64_t> unchangedSince;
    if (args[at].type == imap::CommandArg::Type::List) {
        const auto& mods = args[at].items;
        if (mods.size() != 2 || mods[0].type != imap::CommandArg::Type::Atom
            || !text::equalsIgnoreCase(mods[0].text, "UNCHANGEDSINCE") || !parseNumber(mods[1]))
            return bad("Unknown STORE modifier.");
        unchangedSince = parseNumber(mods[1]);
        m_condstore = true;
        ++at;
    }
    if (at + 1 >= args.size() || args[at].type != imap::CommandArg::Type::Atom)
        return bad("STORE needs FLAGS, +FLAGS or -FLAGS and the flags.");
    std::string action = text::asciiUpper(args[at].text);
    const bool silent = action.size() > 7 && action.compare(action.size() - 7, 7, ".SILENT") == 0;
    if (silent)
        action.resize(action.size() - 7);
    if (action != "FLAGS" && action != "+FLAGS" && action != "-FLAGS")
        return bad("STORE needs FLAGS, +FLAGS or -FLAGS.");
    std::string error;
    auto flags = parseFlagArguments(args, at + 1, error);
    if (!flags)
        return bad("Invalid flags: " + error + ".");
    SelectedMailbox& mb = *m_selected;
    if (mb.readOnly())
        return no("[READ-ONLY] The mailbox is read-only (EXAMINE).");

    store::Database& db = m_context.store.db();
    store::Entries entries(db);
    store::Journal journal(db);
    std::vector<std::uint32_t> changed, modified, unchanged;
    store::Transaction tx(db);
    const std::int64_t before = store::Mailboxes(db).byId(mb.id())->highestModSeq;
    std::int64_t modSeq = 0;
    for (std::uint32_t seq : *seqs) {
        ViewEntry& e = mb.at(seq);
        if (e.expunged)
            continue;
        if (unchangedSince && e.modSeq > *unchangedSince) {
            modified.push_back(byUid ? e.uid : seq);
            continue;
        }
        std::uint32_t newFlags = e.flags;
        std::string newKeywords = e.keywords;
        if (action == "FLAGS") {
            newFlags = flags->flags;
            newKeywords = joinKeywords(flags->keywords);
        } else if (action == "+FLAGS") {
            newFlags |= flags->flags;
            newKeywords = addKeywords(e.keywords, flags->keywords);
        } else {
            newFlags &= ~flags->flags;
            newKeywords = removeKeywords(e.keywords, flags->keywords);
        }
        if (newFlags == e.flags && newKeywords == e.keywords) {
            unchanged.push_back(seq);
            continue;
        }
        if (modSeq == 0)
            modSeq = entries.nextModSeq(mb.id());
        entries.setFlags(mb.id(), e.uid, newFlags, newKeywords, modSeq);
        QJsonObject record = store::journalEntryRecord(entries, mb.id(), e.uid);
        record.insert("flags", QString::fromStdString(store::formatFlags(newFlags)));
        record.insert("keywords", QString::fromStdString(newKeywords));
        journal.record("flags", mb.id(), record);
        mb.noteOwnFlags(seq, newFlags, newKeywords, modSeq);
        changed.push_back(seq);
    }
    tx.commit();
    if (modSeq != 0) {
        mb.noteOwnModSeq(before, modSeq);
        m_context.events.changed(mb.id());
    }
    // Unless .SILENT, the new flags of each message named (RFC 3501 §6.4.6);
    // with CONDSTORE also of unchanged ones' MODSEQ (RFC 7162 §3.1.3).
    std::vector<std::uint32_t> report = changed;
    if (!silent)
        report.insert(report.end(), unchanged.begin(), unchanged.end());
    std::sort(report.begin(), report.end());
    for (std::uint32_t seq : report) {
        const ViewEntry& e = mb.at(seq);
        const bool isChanged = std::binary_search(changed.begin(), changed.end(), seq);
        if (silent && !(m_condstore && isChanged))
            continue;
        m_out += "* " + std::to_string(seq) + " FETCH (";
        if (byUid)
            m_out += "UID " + std::to_string(e.uid) + ' ';
        if (!silent)
            m_out += "FLAGS (" + store::formatFlagsAndKeywords(e.flags, e.keywords) + ")";
        if (m_condstore)
            m_out += std::string(silent ? "" : " ") + "MODSEQ (" + std::to_string(e.modSeq) + ")";
        m_out += ")\r\n";
    }
    if (!modified.empty()) {
        std::sort(modified.begin(), modified.end());
        return ok("[MODIFIED " + uidSetText(modified) + "] Conditional STORE failed for some messages.");
    }
    return ok("Store completed.");
}

// COPY (§6.4.7) with COPYUID (RFC 4315 §3), and MOVE (RFC 6851 §3): the copy's
// COPYUID goes out untagged before the EXPUNGEs of the originals.
ImapSession::Reply ImapSession::copyOrMove(const Args& args, std::size_t first, bool byUid, bool move)
{
    const char* name = move ? "MOVE" : "COPY";
    if (args.size() != first + 2)
        return bad(std::string(name) + " takes a message set and a mailbox name.");
    auto seqs = resolveSet(args[first], byUid);
    if (!seqs)
        return bad(byUid ? "Invalid UID set." : "Invalid message sequence number.");
    std::string error;
    auto target = mailboxArg(args[first + 1], error);
    if (!target)
        return bad(error + ".");
    SelectedMailbox& mb = *m_selected;
    if (move && mb.readOnly())
        return no("[READ-ONLY] The mailbox is read-only (EXAMINE).");
    store::Database& db = m_context.store.db();
    store::Mailboxes mailboxes(db);
    auto destination = mailboxes.byName(*target);
    if (!destination || destination->noselect)
        return no("[TRYCREATE] No mailbox " + target->substr(0, 200) + ".");
    if (seqs->empty())
        return ok(std::string(name) + " completed: no messages.");

    store::Entries entries(db);
    store::Journal journal(db);
    std::vector<std::uint32_t> sourceUids, destinationUids, moved;
    store::Transaction tx(db);
    const std::int64_t before = mailboxes.byId(mb.id())->highestModSeq;
    for (std::uint32_t seq : *seqs) {
        const ViewEntry& e = mb.at(seq);
        if (e.expunged)
            continue;
        // A copy keeps flags and INTERNALDATE (RFC 3501 §6.4.7).
        const store::Entry copy = entries.add(destination->id, e.messageId, e.flags, e.internalDate, e.keywords);
        QJsonObject record = store::journalEntryRecord(entries, mb.id(), e.uid);
        record.insert("to_uid", static_cast<qint64>(copy.uid));
        record.insert("to_mailbox", QString::fromStdString(destination->name));
        journal.record(move ? "move" : "copy", mb.id(), record);
        if (move) {
            entries.remove(mb.id(), e.uid);
            moved.push_back(seq);
        }
        sourceUids.push_back(e.uid);
        destinationUids.push_back(copy.uid);
    }
    std::int64_t after = before;
    if (move && !moved.empty())
        after = entries.nextModSeq(mb.id());
    tx.commit();
    if (move)
        mb.noteOwnModSeq(before, after);
    m_context.events.changed(destination->id);
    const std::string copyUid = "[COPYUID " + std::to_string(destination->uidValidity) + ' ' + uidSetText(sourceUids)
        + ' ' + uidSetText(destinationUids) + "]";
    if (!move)
        return ok(copyUid + " Copy completed.");
    m_out += "* OK " + copyUid + " Moved.\r\n";
    for (auto it = moved.rbegin(); it != moved.rend(); ++it) {
        m_out += "* " + std::to_string(*it) + " EXPUNGE\r\n";
        mb.removeOwnExpunged(*it);
    }
    m_context.events.changed(mb.id());
    return ok("Move completed.");
}

} // namespace cachet::bridge
