#include "sync/MailboxPull.h"

#include "imap/FetchResponse.h"
#include "imap/ResponseCodes.h"
#include "imap/ImapWriter.h"
#include "imap/MailboxNameCodec.h"
#include "imap/SearchResponse.h"
#include "imap/SequenceSet.h"
#include "imap/StatusResponse.h"
#include "imap/VanishedResponse.h"
#include "mime/HeaderBlock.h"
#include "mime/MessageDigest.h"
#include "crypto/IncomingMessage.h"
#include "store/Entries.h"
#include "store/Flags.h"
#include "store/MessageOpenPgp.h"
#include "store/Messages.h"
#include "store/Sha256.h"
#include "store/PreparedMessage.h"

#include <algorithm>
#include <deque>
#include <optional>

namespace cachet::sync {

namespace {

struct RemoteFlags {
    std::uint32_t flags = 0;
    std::string keywords;
};

// The provider's flags as the store keeps them: system flags as bits, keywords
// as text; \Recent and other server-set flags are not kept.
RemoteFlags toStoreFlags(const imap::FetchFlags& imapFlags)
{
    RemoteFlags out;
    for (const std::string& f : imapFlags.system) {
        if (auto bit = store::systemFlagBit(f))
            out.flags |= *bit;
    }
    for (const std::string& k : imapFlags.keywords) {
        if (!out.keywords.empty())
            out.keywords += ' ';
        out.keywords += k;
    }
    return out;
}

// The Message-ID of a fetched "Message-ID: ..." header, as the store keeps it (MessageDigest).
std::string messageIdFromHeader(const std::string& header)
{
    const auto ids = mime::parseMessageIds(mime::HeaderBlock(header).value("Message-ID"));
    return ids.empty() ? std::string() : ids.front();
}

struct Candidate {
    std::uint32_t uid = 0;
    std::uint64_t size = 0;
    std::string messageId;
    RemoteFlags flags;
};

struct SelectState {
    std::uint32_t exists = 0;
    std::uint32_t uidValidity = 0;
    std::uint32_t uidNext = 0;
    std::optional<std::int64_t> highestModSeq;
};

} // namespace

std::unordered_set<std::int64_t> MailboxPull::unchanged(const std::vector<store::MailboxBinding>& bindings)
{
    std::unordered_set<std::int64_t> out;
    if (!m_imap.has("CONDSTORE"))
        return out;
    std::vector<std::pair<std::string, const store::MailboxBinding*>> asked;
    for (const store::MailboxBinding& b : bindings) {
        if (!b.remoteName || !b.remoteUidValidity || !b.remoteUidNext || !b.remoteHighestModSeq)
            continue; // never completely synced: it must be pulled anyway
        std::string command = "STATUS ";
        imap::appendAString(command, imap::encodeMailboxName(*b.remoteName));
        command += " (MESSAGES UIDNEXT UIDVALIDITY HIGHESTMODSEQ)";
        asked.emplace_back(m_imap.start(command), &b);
    }
    store::RemoteBindings remote(m_db);
    for (const auto& [tag, b] : asked) {
        std::optional<imap::StatusData> status;
        m_imap.finish(tag, [&](imap::Response& r) {
            if (auto data = imap::readStatus(r); data && data->name == *b->remoteName)
                status = std::move(data);
        });
        if (status && status->uidValidity == b->remoteUidValidity && status->uidNext == b->remoteUidNext
            && status->highestModSeq == static_cast<std::uint64_t>(*b->remoteHighestModSeq) && status->messages
            && static_cast<std::int64_t>(*status->messages) == remote.boundCount(b->mailboxId))
            out.insert(b->mailboxId);
    }
    return out;
}

PullResult MailboxPull::pull(const store::MailboxBinding& binding, SyncProgress& progress,
                             const ProgressCallback& report, const StopFlag* stop)
{
    PullResult result;
    const std::int64_t mb = binding.mailboxId;
    store::RemoteBindings bindings(m_db);
    store::Entries entries(m_db);
    const bool condstore = m_imap.has("CONDSTORE");

    // With QRESYNC the SELECT itself tells the flags changed and the UIDs
    // expunged since the last complete sync (RFC 7162 §3.2.5); the server
    // ignores the question if UIDVALIDITY changed.
    const bool resync = m_imap.qresync() && binding.remoteUidValidity && binding.remoteUidNext
        && binding.remoteHighestModSeq;
    std::string select = "SELECT ";
    imap::appendAString(select, imap::encodeMailboxName(*binding.remoteName));
    if (resync)
        select += " (QRESYNC (" + std::to_string(*binding.remoteUidValidity) + " "
            + std::to_string(*binding.remoteHighestModSeq) + "))";
    else if (condstore)
        select += " (CONDSTORE)";
    SelectState state;
    std::vector<std::pair<std::uint32_t, imap::FetchFlags>> changedFlags;
    std::vector<imap::SequenceSet> vanished;
    m_imap.run(select, [&](imap::Response& r) {
        if (r.isData("EXISTS") && r.number)
            state.exists = *r.number;
        if (auto v = imap::uidValidityCode(r))
            state.uidValidity = *v;
        if (auto n = imap::uidNextCode(r))
            state.uidNext = *n;
        if (auto m = imap::highestModSeqCode(r))
            state.highestModSeq = static_cast<std::int64_t>(*m);
        if (auto gone = imap::readVanished(r)) {
            vanished.push_back(std::move(gone->uids));
        } else if (r.isData("FETCH")) {
            auto fetch = imap::readFetch(std::move(r));
            if (fetch && fetch->uid && fetch->flags)
                changedFlags.emplace_back(*fetch->uid, std::move(*fetch->flags));
        }
    });

    if (binding.remoteUidValidity != state.uidValidity) {
        // First sync of this mailbox, or the provider renumbered it: old remote
        // UIDs mean nothing now; local entries rebind by content below.
        store::Transaction tx(m_db);
        bindings.resetUidValidity(mb, state.uidValidity);
        tx.commit();
    }
    const bool complete = binding.remoteUidValidity == state.uidValidity && binding.remoteUidNext.has_value();
    std::unordered_map<std::uint32_t, store::BoundEntry> bound = bindings.boundEntries(mb);
    if (complete && condstore && state.highestModSeq && binding.remoteHighestModSeq == state.highestModSeq
        && binding.remoteUidNext == state.uidNext && bound.size() == state.exists)
        return result; // nothing changed since the last complete sync

    const std::unordered_set<std::uint32_t> pendingFlags = bindings.uidsWithPendingFlags(mb);
    // Deleted or moved away here, not yet at the provider (a bridge client acted
    // during this pass): not to be brought back.
    const std::unordered_set<std::uint32_t> pendingRemoval = bindings.remoteUidsPendingRemoval(mb);
    std::optional<std::int64_t> modSeq; // one MODSEQ for all changes of this pass
    auto nextModSeq = [&] {
        if (!modSeq)
            modSeq = entries.nextModSeq(mb);
        return *modSeq;
    };
    auto applyFlags = [&](std::uint32_t remoteUid, const imap::FetchFlags& imapFlags) {
        auto it = bound.find(remoteUid);
        if (it == bound.end() || pendingFlags.count(it->second.uid))
            return; // not ours, or a local change waits to go out: the local value wins
        const RemoteFlags f = toStoreFlags(imapFlags);
        if (f.flags == it->second.flags && f.keywords == it->second.keywords)
            return;
        entries.setFlags(mb, it->second.uid, f.flags, f.keywords, nextModSeq());
        it->second.flags = f.flags;
        it->second.keywords = f.keywords;
        ++result.flagsChanged;
    };

    // 1. What the provider has: flags of known messages, size and Message-ID of new ones.
    std::vector<Candidate> candidates;
    std::unordered_set<std::uint32_t> remoteUids;
    bool haveAllUids = false;
    const char* listing = "(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])";
    auto collect = [&](imap::Response& r) {
        auto fetch = imap::readFetch(std::move(r));
        if (!fetch || !fetch->uid)
            return;
        remoteUids.insert(*fetch->uid);
        if (pendingRemoval.count(*fetch->uid))
            return;
        if (bound.count(*fetch->uid)) {
            if (fetch->flags)
                applyFlags(*fetch->uid, *fetch->flags);
            return;
        }
        Candidate c;
        c.uid = *fetch->uid;
        c.size = fetch->rfc822Size.value_or(0);
        if (fetch->flags)
            c.flags = toStoreFlags(*fetch->flags);
        for (const imap::FetchedSection& s : fetch->sections) {
            if (s.bytes)
                c.messageId = messageIdFromHeader(*s.bytes);
        }
        candidates.push_back(std::move(c));
    };
    {
        store::Transaction tx(m_db);
        if (state.exists == 0) {
            haveAllUids = true;
        } else if (complete && condstore && binding.remoteHighestModSeq) {
            // Flags changed since the last sync (told by SELECT under QRESYNC), then what arrived since.
            if (resync) {
                for (const auto& [uid, flags] : changedFlags)
                    applyFlags(uid, flags);
            } else {
                m_imap.run("UID FETCH 1:* (UID FLAGS) (CHANGEDSINCE "
                               + std::to_string(*binding.remoteHighestModSeq) + ")",
                           [&](imap::Response& r) {
                               auto fetch = imap::readFetch(std::move(r));
                               if (fetch && fetch->uid && fetch->flags)
                                   applyFlags(*fetch->uid, *fetch->flags);
                           });
            }
            if (state.uidNext > *binding.remoteUidNext)
                m_imap.run("UID FETCH " + std::to_string(*binding.remoteUidNext) + ":* " + listing, collect);
            candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                            [&](const Candidate& c) { return c.uid < *binding.remoteUidNext; }),
                             candidates.end());
        } else {
            m_imap.run(std::string("UID FETCH 1:* ") + listing, collect);
            haveAllUids = true;
        }
        tx.commit();
    }

    // 2. Expunged at the provider: bound entries whose remote UID is gone. Under
    // QRESYNC the server said which (VANISHED); otherwise, or if the count still
    // does not add up, the UID sets are compared.
    auto removeBoundWhere = [&](const auto& isGone) {
        store::Transaction tx(m_db);
        for (auto it = bound.begin(); it != bound.end();) {
            if (!isGone(it->first)) {
                ++it;
                continue;
            }
            entries.remove(mb, it->second.uid);
            nextModSeq();
            ++result.expunged;
            it = bound.erase(it);
        }
        tx.commit();
    };
    if (resync && complete && !vanished.empty()) {
        removeBoundWhere([&](std::uint32_t remoteUid) {
            return std::any_of(vanished.begin(), vanished.end(), [&](const imap::SequenceSet& set) {
                return set.contains(remoteUid, state.uidNext);
            });
        });
    }
    if (!haveAllUids && state.exists != bound.size() + candidates.size()) {
        remoteUids.clear();
        m_imap.run("UID SEARCH ALL", [&](imap::Response& r) {
            if (auto found = imap::readSearch(r))
                remoteUids.insert(found->numbers.begin(), found->numbers.end());
        });
        haveAllUids = true;
    }
    if (haveAllUids)
        removeBoundWhere([&](std::uint32_t remoteUid) { return !remoteUids.count(remoteUid); });

    // 3. New at the provider: a local copy (same Message-ID and size) is tied
    // to it; the rest is downloaded, newest first.
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.uid > b.uid; });
    std::vector<Candidate> download;
    {
        store::Transaction tx(m_db);
        for (Candidate& c : candidates) {
            if (auto local = bindings.unboundEntryLike(mb, c.messageId, static_cast<std::int64_t>(c.size))) {
                bindings.setRemoteUid(mb, *local, c.uid);
                entries.setFlags(mb, *local, c.flags.flags, c.flags.keywords, nextModSeq());
                bound[c.uid] = {*local, c.flags.flags, c.flags.keywords};
            } else {
                download.push_back(std::move(c));
            }
        }
        tx.commit();
    }
    for (const Candidate& c : download) {
        progress.messagesTotal += 1;
        progress.bytesTotal += static_cast<std::int64_t>(c.size);
    }
    if (report)
        report(progress);

    // Batches by count and bytes, several in flight; each one transaction.
    std::deque<std::pair<std::string, std::vector<std::uint32_t>>> inFlight;
    std::size_t nextCandidate = 0;
    auto sendBatch = [&] {
        std::vector<std::uint32_t> uids;
        std::uint64_t bytes = 0;
        while (nextCandidate < download.size() && uids.size() < m_limits.batchMessages
               && (uids.empty() || bytes + download[nextCandidate].size <= m_limits.batchBytes)) {
            bytes += download[nextCandidate].size;
            uids.push_back(download[nextCandidate++].uid);
        }
        inFlight.emplace_back(m_imap.start("UID FETCH " + imap::SequenceSet::fromNumbers(uids).toString()
                                           + " (UID FLAGS INTERNALDATE BODY.PEEK[])"),
                              std::move(uids));
    };
    struct Fetched {
        std::uint32_t remoteUid = 0;
        RemoteFlags flags;
        std::int64_t internalDate = 0;
        std::size_t bytes = 0;
        crypto::PreparedIncoming prepared;
    };
    // Received whole first (a batch is bounded by PullLimits), prepared and
    // decrypted outside any transaction, then stored in one.
    std::vector<imap::FetchData> received;
    auto receive = [&](imap::Response& r) {
        auto fetch = imap::readFetch(std::move(r));
        if (!fetch || !fetch->uid || bound.count(*fetch->uid))
            return;
        const imap::FetchedSection* whole = fetch->section("");
        if (!whole || !whole->bytes)
            return; // the provider could not give it now; the next pass asks again
        received.push_back(std::move(*fetch));
    };
    auto prepare = [&](imap::FetchData& fetch) {
        Fetched f;
        f.remoteUid = *fetch.uid;
        f.flags = toStoreFlags(fetch.flags.value_or(imap::FetchFlags{}));
        f.internalDate = fetch.internalDate.value_or(0);
        const std::string& body = *fetch.section("")->bytes;
        f.bytes = body.size();
        // The same bytes stored and looked at before (another mailbox, a
        // UIDVALIDITY change): never decrypted twice.
        const auto known = store::Messages(m_db).findByHash(store::sha256(body));
        const bool processed = known && store::MessageOpenPgp(m_db).processed(*known);
        f.prepared = crypto::prepareIncoming(body, processed ? nullptr : m_openPgp);
        return f;
    };
    auto storeFetched = [&](const Fetched& f) {
        if (bound.count(f.remoteUid))
            return; // the same UID twice in one answer
        const std::int64_t messageId = crypto::storeIncoming(m_db, f.prepared);
        std::uint32_t uid = 0;
        if (auto local = bindings.unboundEntryWith(mb, messageId)) {
            uid = *local; // the same bytes were here already (a re-import, a UIDVALIDITY change)
            entries.setFlags(mb, uid, f.flags.flags, f.flags.keywords, nextModSeq());
        } else {
            uid = entries.add(mb, messageId, f.flags.flags, f.internalDate, f.flags.keywords).uid;
        }
        bindings.setRemoteUid(mb, uid, f.remoteUid);
        bound[f.remoteUid] = {uid, f.flags.flags, f.flags.keywords};
        ++result.added;
        progress.messagesDone += 1;
        progress.bytesDone += static_cast<std::int64_t>(f.bytes);
    };
    while ((nextCandidate < download.size() || !inFlight.empty()) && !(stop && *stop && inFlight.empty())) {
        while (nextCandidate < download.size() && static_cast<int>(inFlight.size()) < m_limits.batchesInFlight
               && !(stop && *stop))
            sendBatch();
        if (inFlight.empty())
            break;
        const std::string tag = inFlight.front().first;
        inFlight.pop_front();
        received.clear();
        m_imap.finish(tag, receive);
        std::vector<Fetched> batch;
        batch.reserve(received.size());
        for (imap::FetchData& fetch : received)
            batch.push_back(prepare(fetch));
        received.clear();
        store::Transaction tx(m_db);
        for (const Fetched& f : batch)
            storeFetched(f);
        tx.commit();
        if (report)
            report(progress);
    }

    // 4. Done: remember where the provider stood, so the next pass asks only what changed.
    if (nextCandidate >= download.size() && !(stop && *stop)) {
        store::Transaction tx(m_db);
        bindings.setSynced(mb, state.uidValidity, state.uidNext, state.highestModSeq);
        tx.commit();
    }
    return result;
}

} // namespace cachet::sync
