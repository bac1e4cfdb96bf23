// FETCH and UID FETCH (RFC 3501 §6.4.5, §6.4.8) — selected state — with
// CHANGEDSINCE and MODSEQ (RFC 7162 §3.1.4). ENVELOPE and BODYSTRUCTURE were
// computed once when the message was stored; bodies are reassembled from the
// store and served with CRLF line ends, so sizes count what is sent.

#include "bridge/ImapSession.h"
#include "bridge/ImapFetchJob.h"

#include "imap/DateTime.h"
#include "imap/FetchItems.h"
#include "imap/ImapWriter.h"
#include "imap/SectionReader.h"
#include "mime/BodyStructure.h"
#include "mime/MimeParser.h"
#include "store/Entries.h"
#include "store/Flags.h"
#include "store/Journal.h"
#include "store/LocalChanges.h"
#include "store/Messages.h"
#include "store/PreparedMessage.h"
#include "text/AsciiText.h"

#include <charconv>

namespace cachet::bridge {

namespace {

// What FETCH needs of one message document, read with one prepared statement.
struct MessageColumns {
    std::int64_t servedSize = -1;
    std::string envelope, bodyStructure, body;
};

// The raw message and its MIME tree, read once per message and only if an item needs them.
struct LoadedBody {
    std::string raw;
    std::optional<mime::MimeEntity> tree;
};

bool needsColumns(const std::vector<imap::FetchItem>& items)
{
    for (const imap::FetchItem& item : items) {
        switch (item.kind) {
        case imap::FetchItem::Kind::Envelope:
        case imap::FetchItem::Kind::Body:
        case imap::FetchItem::Kind::BodyStructure:
        case imap::FetchItem::Kind::Rfc822Size: return true;
        default: break;
        }
    }
    return false;
}

void appendPartial(std::string& out, const imap::FetchItem& item, const std::string& bytes)
{
    if (!item.partialOrigin) {
        imap::appendLiteral(out, bytes);
        return;
    }
    const std::size_t origin = *item.partialOrigin;
    if (origin >= bytes.size()) {
        out += "\"\"";
        return;
    }
    imap::appendLiteral(out, std::string_view(bytes).substr(origin, item.partialOctets));
}

} // namespace

ImapSession::Reply ImapSession::fetch(const Args& args, std::size_t first, bool byUid)
{
    if (args.size() < first + 2 || args.size() > first + 3)
        return bad("FETCH takes a message set and data items.");
    auto seqs = resolveSet(args[first], byUid);
    if (!seqs)
        return bad(byUid ? "Invalid UID set." : "Invalid message sequence number.");
    std::string error;
    auto parsedItems = imap::parseFetchItems(args[first + 1], error);
    if (!parsedItems)
        return bad("Invalid FETCH items: " + error + ".");
    std::vector<imap::FetchItem> items = std::move(*parsedItems);
    std::optional<std::int64_t> changedSince;
    if (args.size() == first + 3) {
        const imap::CommandArg& mods = args[first + 2];
        std::int64_t value = 0;
        if (mods.type != imap::CommandArg::Type::List || mods.items.size() != 2
            || mods.items[0].type != imap::CommandArg::Type::Atom
            || !text::equalsIgnoreCase(mods.items[0].text, "CHANGEDSINCE")
            || std::from_chars(mods.items[1].text.data(), mods.items[1].text.data() + mods.items[1].text.size(), value).ec
                != std::errc())
            return bad("Unknown FETCH modifier.");
        changedSince = value;
    }
    auto has = [&](imap::FetchItem::Kind kind) {
        return std::any_of(items.begin(), items.end(), [&](const imap::FetchItem& i) { return i.kind == kind; });
    };
    // UID FETCH always answers UID (§6.4.8); CHANGEDSINCE always answers MODSEQ.
    auto itemOf = [](imap::FetchItem::Kind kind) {
        imap::FetchItem item;
        item.kind = kind;
        return item;
    };
    if (byUid && !has(imap::FetchItem::Kind::Uid))
        items.insert(items.begin(), itemOf(imap::FetchItem::Kind::Uid));
    if (changedSince || has(imap::FetchItem::Kind::ModSeq)) {
        m_condstore = true; // a CONDSTORE-enabling command (RFC 7162 §3.1)
        if (!has(imap::FetchItem::Kind::ModSeq))
            items.push_back(itemOf(imap::FetchItem::Kind::ModSeq));
    }
    SelectedMailbox& mb = *m_selected;
    if (changedSince) {
        std::erase_if(*seqs, [&](std::uint32_t s) { return mb.at(s).modSeq <= *changedSince; });
    }

    store::Database& db = m_context.store.db();
    // Serving a body sets \Seen (§6.4.5): all at once, before answering, so each
    // response carries the new flags.
    const bool setsSeen = !mb.readOnly()
        && std::any_of(items.begin(), items.end(), [](const imap::FetchItem& i) { return i.setsSeen(); });
    std::vector<char> flagsChanged(seqs->size(), 0);
    if (setsSeen) {
        store::Entries entries(db);
        store::Journal journal(db);
        store::Transaction tx(db);
        const std::int64_t before = store::Mailboxes(db).byId(mb.id())->highestModSeq;
        std::int64_t modSeq = 0;
        for (std::size_t i = 0; i < seqs->size(); ++i) {
            ViewEntry& e = mb.at((*seqs)[i]);
            if (e.expunged || (e.flags & store::FlagSeen))
                continue;
            if (modSeq == 0)
                modSeq = entries.nextModSeq(mb.id());
            const std::uint32_t flags = e.flags | store::FlagSeen;
            entries.setFlags(mb.id(), e.uid, flags, e.keywords, modSeq);
            QJsonObject record = store::journalEntryRecord(entries, mb.id(), e.uid);
            record.insert("flags", QString::fromStdString(store::formatFlags(flags)));
            record.insert("keywords", QString::fromStdString(e.keywords));
            journal.record("flags", mb.id(), record);
            mb.noteOwnFlags((*seqs)[i], flags, e.keywords, modSeq);
            flagsChanged[i] = 1;
        }
        tx.commit();
        if (modSeq != 0) {
            mb.noteOwnModSeq(before, modSeq);
            m_context.events.changed(mb.id());
        }
    }

    auto job = std::make_unique<FetchJob>();
    job->tag = m_commandTag;
    job->byUid = byUid;
    job->wantColumns = needsColumns(items);
    job->items = std::move(items);
    job->seqs = std::move(*seqs);
    job->flagsChanged = std::move(flagsChanged);
    m_fetchJob = std::move(job);
    return continueFetch();
}

ImapSession::Reply ImapSession::continueFetch()
{
    // Each pause waits for the client to read what was sent; 4 MB out is plenty to keep a fast one busy.
    constexpr std::size_t kPauseAbove = 4 * 1024 * 1024;
    FetchJob& job = *m_fetchJob;
    const std::vector<imap::FetchItem>& items = job.items;
    SelectedMailbox& mb = *m_selected;
    store::Database& db = m_context.store.db();
    store::Statement columns = db.prepare("SELECT served_size, envelope, bodystructure, body FROM message WHERE id = ?");
    store::Messages messages(db);
    const bool wantColumns = job.wantColumns;
    bool& missing = job.missing;
    for (; job.next < job.seqs.size(); ++job.next) {
        if (m_out.size() > 256 * 1024) {
            flush();
            if (m_transport.pendingBytes() > kPauseAbove)
                return pending();
        }
        const std::size_t i = job.next;
        const std::uint32_t seq = job.seqs[i];
        const ViewEntry& e = mb.at(seq);
        MessageColumns col;
        if (wantColumns) {
            columns.reset();
            columns.bind(1, e.servedId);
            if (!columns.step()) {
                missing = true; // expunged elsewhere and collected since
                continue;
            }
            col.servedSize = columns.isNull(0) ? -1 : columns.columnInt(0);
            col.envelope = columns.columnText(1);
            col.bodyStructure = columns.columnText(2);
            col.body = columns.columnText(3);
        }
        LoadedBody body;
        bool bodyLoaded = false;
        auto loadBody = [&]() -> LoadedBody& {
            if (!bodyLoaded) {
                body.raw = messages.readRaw(e.servedId);
                bodyLoaded = true;
            }
            return body;
        };
        auto tree = [&]() -> const mime::MimeEntity& {
            LoadedBody& b = loadBody();
            if (!b.tree)
                b.tree = mime::parseMimeTree(b.raw);
            return *b.tree;
        };

        std::string line = "* " + std::to_string(seq) + " FETCH (";
        bool firstItem = true;
        bool flagsSent = false;
        try {
            for (const imap::FetchItem& item : items) {
                if (!firstItem)
                    line += ' ';
                firstItem = false;
                line += item.responseName();
                line += ' ';
                using Kind = imap::FetchItem::Kind;
                switch (item.kind) {
                case Kind::Uid: line += std::to_string(e.uid); break;
                case Kind::Flags:
                    line += "(" + store::formatFlagsAndKeywords(e.flags, e.keywords) + ")";
                    flagsSent = true;
                    break;
                case Kind::InternalDate: imap::appendQuoted(line, imap::formatDateTime(e.internalDate)); break;
                case Kind::ModSeq: line += "(" + std::to_string(e.modSeq) + ")"; break;
                case Kind::Envelope: line += col.envelope; break;
                case Kind::BodyStructure: line += col.bodyStructure; break;
                case Kind::Body: line += col.body; break;
                case Kind::Rfc822Size:
                    if (col.servedSize < 0) // stored before schema v4
                        col.servedSize = static_cast<std::int64_t>(mime::crlfSize(loadBody().raw));
                    line += std::to_string(col.servedSize);
                    break;
                case Kind::Rfc822: imap::appendLiteral(line, imap::withCrlf(loadBody().raw)); break;
                case Kind::Rfc822Header:
                case Kind::Rfc822Text: {
                    imap::BodySection section;
                    section.text = item.kind == Kind::Rfc822Header ? imap::BodySection::Text::Header
                                                                    : imap::BodySection::Text::Text;
                    auto bytes = imap::sectionBytes(loadBody().raw, tree(), section);
                    imap::appendLiteral(line, bytes ? *bytes : std::string());
                    break;
                }
                case Kind::Section: {
                    auto bytes = imap::sectionBytes(loadBody().raw, tree, item.section);
                    if (bytes)
                        appendPartial(line, item, *bytes);
                    else
                        imap::appendNil(line); // a part the message does not have, as Dovecot answers
                    break;
                }
                }
            }
        } catch (const store::StoreError&) {
            missing = true;
            continue;
        }
        if (job.flagsChanged[i] && !flagsSent)
            line += " FLAGS (" + store::formatFlagsAndKeywords(e.flags, e.keywords) + ")";
        line += ")\r\n";
        m_out += line;
    }
    const bool someMissing = missing;
    m_fetchJob.reset();
    if (someMissing)
        return no("Some messages were expunged by another client and are gone.");
    return ok("Fetch completed.");
}

void ImapSession::drained()
{
    if (!m_fetchJob || m_processing || m_state == State::Logout)
        return;
    const std::string tag = m_fetchJob->tag;
    const bool allowExpunge = m_fetchJob->byUid; // UID FETCH may carry EXPUNGE (RFC 3501 §7.4.1)
    Reply reply;
    try {
        reply = continueFetch();
    } catch (const std::exception& e) {
        m_fetchJob.reset();
        reply = no(std::string("[SERVERBUG] ") + e.what());
    }
    if (reply.status == Reply::Status::None) {
        flush();
        return;
    }
    finishCommand(tag, allowExpunge, reply);
    processInput(); // the commands the client sent meanwhile; flushes
}

} // namespace cachet::bridge
