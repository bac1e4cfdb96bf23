#include "sync/JournalReplay.h"

#include "sync/MailboxListSync.h"
#include "sync/MessageIdSearch.h"

#include "imap/ListResponse.h"
#include "imap/ResponseCodes.h"
#include "imap/SequenceSet.h"
#include "store/Entries.h"
#include "store/Flags.h"
#include "store/Mailboxes.h"
#include "store/Messages.h"
#include "store/RemoteBindings.h"

#include <map>
#include <unordered_map>

namespace cachet::sync {

namespace {

using Status = imap::Response::Status;

constexpr std::size_t kRecordsPerRead = 500;
constexpr std::size_t kRecordsPerRun = 1000;

std::uint32_t uidIn(const store::JournalRecord& record, const char* key)
{
    return static_cast<std::uint32_t>(record.payload.value(key).toInteger());
}

std::optional<std::uint32_t> remoteUidIn(const store::JournalRecord& record)
{
    if (!record.payload.contains("remote_uid"))
        return std::nullopt;
    return uidIn(record, "remote_uid");
}

std::string textIn(const store::JournalRecord& record, const char* key)
{
    return record.payload.value(key).toString().toStdString();
}

// Records replayed together: the same operation on the same mailbox (and, for
// a copy, the same destination), none tried before (those go one by one, as
// each first looks whether its earlier try reached the provider).
bool sameRun(const store::JournalRecord& first, const store::JournalRecord& next)
{
    const std::string& op = first.operation;
    if (op != next.operation || first.mailboxId != next.mailboxId || first.attempts > 0 || next.attempts > 0)
        return false;
    if (op == "flags" || op == "expunge")
        return true;
    if (op == "copy" || op == "move")
        return textIn(first, "to_mailbox") == textIn(next, "to_mailbox");
    return false;
}

// A refusal that may pass if tried later (RFC 5530): the server is busy,
// broken for now, or the account is over quota until the user makes room.
bool mayPass(const imap::Response& r)
{
    return r.hasCode("UNAVAILABLE") || r.hasCode("INUSE") || r.hasCode("LIMIT") || r.hasCode("SERVERBUG")
        || r.hasCode("OVERQUOTA");
}

bool ok(const imap::Response& r)
{
    return r.status == Status::Ok;
}

} // namespace

ReplayReport JournalReplay::run(const StopFlag* stop)
{
    ReplayReport report;
    store::Journal journal(m_db);
    m_selected.reset();
    for (;;) {
        const Records chunk = journal.pending(static_cast<std::int64_t>(kRecordsPerRead));
        if (chunk.empty() || (stop && *stop))
            break;
        for (std::size_t i = 0; i < chunk.size();) {
            if (stop && *stop)
                return report;
            std::size_t end = i + 1;
            while (end < chunk.size() && end - i < kRecordsPerRun && sameRun(chunk[i], chunk[end]))
                ++end;
            const Records run(chunk.begin() + static_cast<std::ptrdiff_t>(i),
                              chunk.begin() + static_cast<std::ptrdiff_t>(end));
            const std::string& op = run.front().operation;
            m_currentAttempts = run.front().attempts;
            m_attemptNoted = false;
            Result result;
            if (op == "flags")
                result = replayFlags(run);
            else if (op == "expunge")
                result = replayExpunge(run);
            else if (op == "copy" || op == "move")
                result = replayCopy(run, op == "move");
            else if (op == "append")
                result = replayAppend(run.front());
            else if (op == "create")
                result = replayCreate(run.front());
            else if (op == "rename")
                result = replayRename(run.front());
            else if (op == "delete")
                result = replayDelete(run.front());
            else if (op == "subscribe")
                result = replaySubscribe(run.front());
            // Anything else was written by a newer Cachet: nothing to send, so it goes.

            store::Transaction tx(m_db);
            if (result.outcome == Outcome::Wait) {
                // Order matters (a flag change after a move), so the rest waits too.
                // One attempt per pass, whether or not it was counted before sending.
                if (m_attemptNoted)
                    journal.noteError(run.front().id, result.error);
                else
                    journal.noteAttempt(run.front().id, result.error);
                tx.commit();
                report.waiting = static_cast<int>(journal.count());
                report.lastRefusal = result.error;
                return report;
            }
            for (const store::JournalRecord& record : run)
                journal.remove(record.id);
            if (result.outcome == Outcome::Refused) {
                report.refused += static_cast<int>(run.size());
                report.lastRefusal = result.error;
                if (result.resyncMailbox)
                    store::RemoteBindings(m_db).forgetSyncState(*result.resyncMailbox);
            } else {
                report.applied += static_cast<int>(run.size());
            }
            tx.commit();
            i = end;
        }
    }
    return report;
}

JournalReplay::Result JournalReplay::refusal(const imap::Response& response, const std::string& what,
                                             std::optional<std::int64_t> resyncMailbox)
{
    Result r;
    r.error = what + ": the provider answered " + (response.status == Status::No ? "NO " : "BAD ") + response.text;
    r.outcome = mayPass(response) && m_currentAttempts + 1 < kMaxAttempts ? Outcome::Wait : Outcome::Refused;
    r.resyncMailbox = resyncMailbox;
    return r;
}

JournalReplay::Result JournalReplay::unopenable(std::int64_t mailboxId)
{
    Result r;
    r.outcome = Outcome::Refused;
    r.error = "the provider would not open a mailbox a change was for";
    r.resyncMailbox = mailboxId;
    return r;
}

std::string JournalReplay::remoteNameOf(std::int64_t mailboxId, const std::string& localName)
{
    if (auto binding = store::RemoteBindings(m_db).mailbox(mailboxId); binding && binding->remoteName)
        return *binding->remoteName;
    return remoteName(localName, m_imap.delimiter());
}

std::optional<std::uint32_t> JournalReplay::select(const std::string& remoteName)
{
    if (m_selected == remoteName)
        return m_selectedUidValidity;
    m_selected.reset();
    std::uint32_t uidValidity = 0;
    const imap::Response r = m_imap.run(m_imap.command("SELECT").mailbox(remoteName), [&](imap::Response& u) {
        if (auto v = imap::uidValidityCode(u))
            uidValidity = *v;
    });
    if (!ok(r))
        return std::nullopt;
    m_selected = remoteName;
    m_selectedUidValidity = uidValidity;
    return uidValidity;
}

bool JournalReplay::remoteUidsValid(std::int64_t mailboxId)
{
    auto binding = store::RemoteBindings(m_db).mailbox(mailboxId);
    if (!binding || !binding->remoteName || !binding->remoteUidValidity)
        return false;
    const auto uidValidity = select(*binding->remoteName);
    // A new UIDVALIDITY: the recorded UIDs may name other messages now. The
    // pull rebinds by content; sending them would change the wrong messages.
    return uidValidity && *uidValidity == *binding->remoteUidValidity;
}

// Flags: the state each message should have, grouped by that state, one
// UID STORE FLAGS.SILENT per group, all pipelined.
JournalReplay::Result JournalReplay::replayFlags(const Records& run)
{
    const std::int64_t mailboxId = run.front().mailboxId.value_or(0);
    if (!remoteUidsValid(mailboxId))
        return {}; // not at the provider (yet): the APPEND or COPY that puts it there carries its flags
    store::Entries entries(m_db);
    std::unordered_map<std::uint32_t, std::string> wanted; // remote UID -> flag list, the last change wins
    for (const store::JournalRecord& record : run) {
        // None: expunged since (its expunge follows), or not at the provider yet.
        auto remote = entries.remoteUid(mailboxId, uidIn(record, "uid"));
        if (!remote)
            continue;
        std::uint32_t flags = 0;
        for (const QString& name : record.payload.value("flags").toString().split(' ', Qt::SkipEmptyParts)) {
            if (auto bit = store::systemFlagBit(name.toStdString()))
                flags |= *bit;
        }
        wanted[*remote] = "(" + store::formatFlagsAndKeywords(flags, textIn(record, "keywords")) + ")";
    }
    std::map<std::string, std::vector<std::uint32_t>> byFlags;
    for (const auto& [remote, list] : wanted)
        byFlags[list].push_back(remote);
    std::vector<std::string> tags;
    for (auto& [list, uids] : byFlags)
        tags.push_back(m_imap.start("UID STORE " + imap::SequenceSet::fromNumbers(std::move(uids)).toString()
                                    + " FLAGS.SILENT " + list));
    std::optional<imap::Response> refused;
    for (const std::string& tag : tags) {
        imap::Response r = m_imap.finish(tag);
        if (!ok(r) && !refused)
            refused = std::move(r);
    }
    if (refused)
        return refusal(*refused, "changing flags", mailboxId);
    return {};
}

// Expunges: the recorded UIDs removed at the provider.
JournalReplay::Result JournalReplay::replayExpunge(const Records& run)
{
    const std::int64_t mailboxId = run.front().mailboxId.value_or(0);
    std::vector<std::uint32_t> remote;
    for (const store::JournalRecord& record : run) {
        if (auto uid = remoteUidIn(record))
            remote.push_back(*uid);
    }
    if (remote.empty() || !remoteUidsValid(mailboxId))
        return {}; // never reached the provider, or renumbered there: nothing to remove
    return removeAtProvider(std::move(remote), mailboxId, "deleting messages");
}

// \Deleted on the UIDs, then UID EXPUNGE of just those (UIDPLUS); without
// UIDPLUS a plain EXPUNGE, which also removes whatever else is marked \Deleted
// there, as every IMAP client's expunge does. The mailbox is selected.
JournalReplay::Result JournalReplay::removeAtProvider(std::vector<std::uint32_t> uids, std::int64_t mailboxId,
                                                      const std::string& what)
{
    const std::string set = imap::SequenceSet::fromNumbers(std::move(uids)).toString();
    const std::string storeTag = m_imap.start("UID STORE " + set + " +FLAGS.SILENT (\\Deleted)");
    const std::string expungeTag = m_imap.start(m_imap.has("UIDPLUS") ? "UID EXPUNGE " + set : std::string("EXPUNGE"));
    const imap::Response stored = m_imap.finish(storeTag);
    const imap::Response expunged = m_imap.finish(expungeTag);
    if (!ok(stored))
        return refusal(stored, what, mailboxId);
    if (!ok(expunged))
        return refusal(expunged, what, mailboxId);
    return {};
}

JournalReplay::Result JournalReplay::replayCopy(const Records& run, bool move)
{
    const std::int64_t sourceId = run.front().mailboxId.value_or(0);
    const std::string destinationName = textIn(run.front(), "to_mailbox");
    store::Mailboxes mailboxes(m_db);
    store::Entries entries(m_db);
    store::RemoteBindings bindings(m_db);
    const auto destination = mailboxes.byName(destinationName);
    const std::string destinationRemote = destination ? remoteNameOf(destination->id, destination->name)
                                                      : remoteName(destinationName, m_imap.delimiter());
    const bool sourceValid = remoteUidsValid(sourceId);

    std::vector<std::pair<std::uint32_t, std::uint32_t>> atProvider; // source remote UID, destination local UID
    std::vector<std::uint32_t> removeFromSource; // a move whose copy is already there (or deleted since)
    std::vector<std::uint32_t> toAppend;          // destination local UIDs the provider does not have
    for (const store::JournalRecord& record : run) {
        const std::uint32_t toUid = uidIn(record, "to_uid");
        const bool copyExists = destination && entries.byUid(destination->id, toUid).has_value();
        if (copyExists && entries.remoteUid(destination->id, toUid))
            continue; // done before a crash took the answer's record with it
        std::optional<std::uint32_t> remote = remoteUidIn(record);
        if (!remote && !move)
            remote = entries.remoteUid(sourceId, uidIn(record, "uid"));
        if (sourceValid && remote) {
            if (copyExists)
                atProvider.emplace_back(*remote, toUid);
            else if (move)
                removeFromSource.push_back(*remote); // moved, then deleted: gone at the provider too
        } else if (copyExists) {
            toAppend.push_back(toUid);
        }
    }

    // Tried before without an answer: the copy may already be there.
    if (m_currentAttempts > 0 && destination) {
        for (auto it = atProvider.begin(); it != atProvider.end();) {
            if (bindExistingCopy(destination->id, it->second, destinationRemote)) {
                if (move)
                    removeFromSource.push_back(it->first);
                it = atProvider.erase(it);
            } else {
                ++it;
            }
        }
    }

    if (!atProvider.empty() || !toAppend.empty())
        noteAttempts(run);
    if (!atProvider.empty()) {
        std::vector<std::uint32_t> sourceUids;
        for (const auto& pair : atProvider)
            sourceUids.push_back(pair.first);
        const std::string set = imap::SequenceSet::fromNumbers(sourceUids).toString();
        const bool serverMoves = move && m_imap.has("MOVE");
        std::optional<imap::CopyUid> copyUid;
        if (!select(*bindings.mailbox(sourceId)->remoteName))
            return unopenable(sourceId);
        const imap::Response r = runCreatingDestination(
            [&] {
                imap::ClientCommand command = m_imap.command(serverMoves ? "UID MOVE" : "UID COPY");
                command.raw(set).mailbox(destinationRemote);
                return command;
            },
            destinationRemote, destination ? std::optional(destination->id) : std::nullopt,
            [&](imap::Response& u) {
                if (auto code = imap::copyUidCode(u))
                    copyUid = code; // MOVE sends it untagged before the expunges (RFC 6851 §4.3)
            });
        if (!ok(r))
            return refusal(r, move ? "moving messages" : "copying messages", destination ? destination->id : sourceId);
        if (auto code = imap::copyUidCode(r))
            copyUid = code;
        if (copyUid && destination) {
            auto destinationBinding = bindings.mailbox(destination->id);
            if (destinationBinding && destinationBinding->remoteUidValidity == copyUid->uidValidity) {
                const auto pairs = copyUid->pairs();
                const std::unordered_map<std::uint32_t, std::uint32_t> copied(pairs.begin(), pairs.end());
                store::Transaction tx(m_db);
                for (const auto& [remote, toUid] : atProvider) {
                    if (auto it = copied.find(remote); it != copied.end())
                        bindings.setRemoteUid(destination->id, toUid, it->second);
                }
                tx.commit();
            }
            // Otherwise the pull binds the copies by content.
        }
        if (move && !serverMoves)
            removeFromSource.insert(removeFromSource.end(), sourceUids.begin(), sourceUids.end());
    }

    if (!removeFromSource.empty()) {
        if (!select(*bindings.mailbox(sourceId)->remoteName))
            return unopenable(sourceId);
        Result removed = removeAtProvider(std::move(removeFromSource), sourceId, "moving messages");
        if (removed.outcome != Outcome::Done)
            return removed;
    }

    for (std::uint32_t toUid : toAppend) {
        Result appended = appendEntry(destination->id, toUid, m_currentAttempts > 0);
        if (appended.outcome != Outcome::Done)
            return appended; // those appended so far are bound: a retry skips them
    }
    return {};
}

JournalReplay::Result JournalReplay::replayAppend(const store::JournalRecord& record)
{
    if (!record.mailboxId)
        return {};
    noteAttempts({record});
    return appendEntry(*record.mailboxId, uidIn(record, "uid"), record.attempts > 0);
}

imap::Response JournalReplay::runCreatingDestination(const std::function<imap::ClientCommand()>& build,
                                                    const std::string& remote, std::optional<std::int64_t> mailboxId,
                                                    const ImapConnection::Untagged& untagged)
{
    imap::Response r = m_imap.run(build(), untagged);
    if (ok(r) || !r.hasCode("TRYCREATE"))
        return r;
    // The destination is not at the provider yet (created locally, its CREATE
    // refused or lost): create it, then try once more.
    if (!ok(m_imap.run(m_imap.command("CREATE").mailbox(remote))))
        return r;
    store::RemoteBindings bindings(m_db);
    if (mailboxId && !bindings.mailbox(*mailboxId)->remoteName)
        bindings.bind(*mailboxId, remote, m_imap.delimiter());
    return m_imap.run(build(), untagged);
}

void JournalReplay::noteAttempts(const Records& run)
{
    // Committed before anything goes: if the answer is lost, the next try looks first.
    store::Journal journal(m_db);
    store::Transaction tx(m_db);
    for (const store::JournalRecord& record : run)
        journal.noteAttempt(record.id);
    tx.commit();
    m_attemptNoted = true;
}

JournalReplay::Result JournalReplay::appendEntry(std::int64_t mailboxId, std::uint32_t uid, bool triedBefore)
{
    store::Entries entries(m_db);
    store::RemoteBindings bindings(m_db);
    const auto entry = entries.byUid(mailboxId, uid);
    const auto mailbox = store::Mailboxes(m_db).byId(mailboxId);
    if (!entry || !mailbox || entries.remoteUid(mailboxId, uid))
        return {}; // deleted since, or already at the provider
    const std::string remote = remoteNameOf(mailboxId, mailbox->name);
    if (triedBefore && bindExistingCopy(mailboxId, uid, remote))
        return {};

    const std::string bytes = store::Messages(m_db).readRaw(entry->messageId);
    const imap::Response r = runCreatingDestination(
        [&] {
            imap::ClientCommand command = m_imap.command("APPEND");
            command.mailbox(remote).raw("(" + store::formatFlagsAndKeywords(entry->flags, entry->keywords) + ")");
            if (entry->internalDate > 0)
                command.dateTime(entry->internalDate);
            command.literal(bytes);
            return command;
        },
        remote, mailboxId);
    if (!ok(r))
        return refusal(r, "storing a message in " + mailbox->name, std::nullopt);
    if (auto code = imap::appendUidCode(r)) {
        auto binding = bindings.mailbox(mailboxId);
        const auto ranges = code->uids.ranges();
        if (binding && binding->remoteUidValidity == code->uidValidity && !ranges.empty()) {
            store::Transaction tx(m_db);
            bindings.setRemoteUid(mailboxId, uid, ranges.front().first);
            tx.commit();
        }
    }
    if (m_selected == remote)
        m_selected.reset(); // its EXISTS moved; a later SELECT reads it fresh
    return {};
}

bool JournalReplay::bindExistingCopy(std::int64_t mailboxId, std::uint32_t uid, const std::string& remoteMailbox)
{
    store::Entries entries(m_db);
    store::RemoteBindings bindings(m_db);
    const auto entry = entries.byUid(mailboxId, uid);
    if (!entry)
        return false;
    const auto summary = store::Messages(m_db).summary(entry->messageId);
    if (!summary || summary->messageId.empty())
        return false;
    const auto uidValidity = select(remoteMailbox);
    if (!uidValidity)
        return false;
    const auto found = uidsWithMessageId(m_imap, summary->messageId);
    if (!found)
        return false;
    const auto bound = bindings.boundEntries(mailboxId);
    for (std::uint32_t remote : *found) {
        if (bound.count(remote))
            continue;
        // It is there. Bound now if the mailbox's UIDs are known to mean what
        // they say, else by the pull, which ties it by Message-ID and size.
        const auto binding = bindings.mailbox(mailboxId);
        if (binding && binding->remoteUidValidity == *uidValidity) {
            store::Transaction tx(m_db);
            bindings.setRemoteUid(mailboxId, uid, remote);
            tx.commit();
        }
        return true;
    }
    return false;
}

JournalReplay::Result JournalReplay::replayCreate(const store::JournalRecord& record)
{
    store::RemoteBindings bindings(m_db);
    const auto mailbox = record.mailboxId ? store::Mailboxes(m_db).byId(*record.mailboxId) : std::nullopt;
    if (!mailbox)
        return {}; // deleted since
    if (auto binding = bindings.mailbox(mailbox->id); binding && binding->remoteName)
        return {};
    const std::string remote = remoteName(textIn(record, "name"), m_imap.delimiter());
    const imap::Response r = m_imap.run(m_imap.command("CREATE").mailbox(remote));
    if (!ok(r) && !r.hasCode("ALREADYEXISTS"))
        return refusal(r, "creating " + mailbox->name, std::nullopt);
    store::Transaction tx(m_db);
    bindings.bind(mailbox->id, remote, m_imap.delimiter());
    tx.commit();
    return {};
}

JournalReplay::Result JournalReplay::replayRename(const store::JournalRecord& record)
{
    store::RemoteBindings bindings(m_db);
    const char delimiter = m_imap.delimiter();
    const auto binding = record.mailboxId ? bindings.mailbox(*record.mailboxId) : std::nullopt;
    if (!binding || !binding->remoteName)
        return {}; // never at the provider: nothing to rename there
    const std::string from = *binding->remoteName;
    const std::string toLocal = textIn(record, "to");
    const std::string to = remoteName(toLocal, delimiter);
    if (from == to)
        return {};
    m_selected.reset();
    const imap::Response r = m_imap.run(m_imap.command("RENAME").mailbox(from).mailbox(to));
    if (!ok(r)) {
        // A rename done before a crash lost its record: `to` is there, `from` is not.
        bool toExists = false, fromExists = false;
        m_imap.run(m_imap.command("LIST").string("").mailbox(to), [&](imap::Response& u) {
            if (imap::readList(u))
                toExists = true;
        });
        m_imap.run(m_imap.command("LIST").string("").mailbox(from), [&](imap::Response& u) {
            if (imap::readList(u))
                fromExists = true;
        });
        if (!toExists || fromExists)
            return refusal(r, "renaming " + textIn(record, "from"), std::nullopt);
    }
    store::Transaction tx(m_db);
    if (store::Mailboxes::canonicalName(from) == "INBOX") {
        // Renaming INBOX moves its messages to a new mailbox and leaves INBOX
        // empty (RFC 3501 §6.3.5), locally as at the provider.
        if (auto moved = store::Mailboxes(m_db).byName(toLocal))
            bindings.bind(moved->id, to, delimiter);
    } else {
        bindings.renameRemote(from, to, delimiter);
    }
    tx.commit();
    return {};
}

JournalReplay::Result JournalReplay::replayDelete(const store::JournalRecord& record)
{
    const std::string remote = remoteName(textIn(record, "name"), m_imap.delimiter());
    if (m_selected == remote)
        m_selected.reset();
    const imap::Response r = m_imap.run(m_imap.command("DELETE").mailbox(remote));
    if (!ok(r) && !r.hasCode("NONEXISTENT"))
        return refusal(r, "deleting " + textIn(record, "name"), std::nullopt);
    return {};
}

JournalReplay::Result JournalReplay::replaySubscribe(const store::JournalRecord& record)
{
    const bool subscribe = record.payload.value("subscribed").toBool();
    const auto mailbox = record.mailboxId ? store::Mailboxes(m_db).byId(*record.mailboxId) : std::nullopt;
    const std::string remote = mailbox ? remoteNameOf(mailbox->id, mailbox->name)
                                       : remoteName(textIn(record, "name"), m_imap.delimiter());
    const imap::Response r = m_imap.run(m_imap.command(subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE").mailbox(remote));
    if (!ok(r))
        return refusal(r, (subscribe ? "subscribing to " : "unsubscribing from ") + textIn(record, "name"),
                       std::nullopt);
    return {};
}

} // namespace cachet::sync
