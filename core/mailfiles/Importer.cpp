#include "mailfiles/Importer.h"

#include "crypto/IncomingMessage.h"
#include "mailfiles/MboxReader.h"
#include "mime/MimeParser.h"
#include "store/Entries.h"
#include "store/Mailboxes.h"
#include "store/Messages.h"
#include "store/Sha256.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <deque>
#include <future>
#include <map>
#include <memory>

namespace cachet::mailfiles {

namespace {

// A batch is committed at whichever comes first. Larger batches mean fewer
// fsyncs; the time bound keeps what a crash can lose to a second of work.
constexpr std::int64_t kBatchMessages = 1000;
constexpr qint64 kBatchBytes = 64ll << 20;
constexpr qint64 kBatchMillis = 1000;
// Messages prepared (parsed, hashed, compressed) ahead of the writer, bounded
// by count and by bytes. Preparing takes very different times (a 5 MB
// attachment against a short note): a window of 4 left a core idle half the
// time, 16 kept both busy (3000 messages, 173 MB: 6.2 s -> 3.8 s).
constexpr std::size_t kPrepareAhead = 16;
constexpr std::size_t kPrepareAheadBytes = 64u << 20;

// The pending work for one message: either already known (duplicate content),
// or being prepared on another thread.
struct Pending {
    MailItem item;                            // raw moved out into `raw`
    std::shared_ptr<const std::string> raw;   // shared with the preparing thread
    std::optional<std::int64_t> existingMessage;
    std::future<crypto::PreparedIncoming> prepared;
};

std::optional<MailItem> readMessageFile(const ImportSource& source)
{
    MailItem item;
    item.origin = source.path.toStdString();
    item.mailbox = source.mailbox;
    item.flags = source.flags;
    QFile f(source.path);
    if (static_cast<std::uint64_t>(source.size) > kMaxMessageSize) {
        item.refusal = "larger than " + std::to_string(kMaxMessageSize >> 20) + " MB";
        return item;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        item.refusal = "cannot read: " + f.errorString().toStdString();
        return item;
    }
    const QByteArray bytes = f.readAll();
    item.raw.assign(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    const QDateTime mtime = QFileInfo(f).lastModified();
    item.internalDate = mtime.isValid() ? mtime.toSecsSinceEpoch() : QDateTime::currentSecsSinceEpoch();
    return item;
}

} // namespace

ImportSummary Importer::run(const ImportPlan& plan)
{
    ImportSummary summary;
    for (const auto& [path, reason] : plan.unreadable)
        summary.refused.emplace_back(path, reason);

    store::Mailboxes mailboxes(m_db);
    store::Messages messages(m_db);
    // Decrypting runs on the preparing threads, beside the parsing.
    std::optional<crypto::IncomingOpenPgp> openPgp;
    if (!m_gnupgHome.isEmpty())
        openPgp.emplace(m_gnupgHome, m_db);
    store::Entries entries(m_db);
    std::map<std::string, std::int64_t> mailboxIds;

    ImportProgress progress;
    progress.totalBytes = plan.totalBytes;
    std::int64_t batchMessages = 0;
    qint64 batchBytes = 0;
    QElapsedTimer batchTimer;
    std::unique_ptr<store::Transaction> tx;
    ImportSummary batch; // counts of the open transaction, moved into summary at commit

    auto commit = [&] {
        if (!tx)
            return;
        tx->commit();
        tx.reset();
        summary.imported += batch.imported;
        summary.duplicates += batch.duplicates;
        summary.bytes += batch.bytes;
        progress.committed += batch.imported + batch.duplicates;
        batch = ImportSummary{};
        batchMessages = 0;
        batchBytes = 0;
        if (m_progress)
            m_progress(progress);
    };

    auto store = [&](Pending& p) {
        if (!tx) {
            tx = std::make_unique<store::Transaction>(m_db);
            batchTimer.start();
        }
        std::int64_t messageId = 0;
        if (p.existingMessage) {
            messageId = *p.existingMessage;
        } else {
            std::optional<crypto::PreparedIncoming> prepared;
            try {
                prepared = p.prepared.get();
            } catch (const std::exception& e) {
                // The MIME layer does not throw on garbage; this is running out of memory or worse.
                summary.refused.emplace_back(p.item.origin, std::string("cannot be parsed: ") + e.what());
                return;
            }
            messageId = crypto::storeIncoming(m_db, *prepared);
        }
        auto mb = mailboxIds.find(p.item.mailbox);
        if (mb == mailboxIds.end())
            mb = mailboxIds.emplace(p.item.mailbox, mailboxes.ensure(p.item.mailbox).id).first;
        if (entries.contains(mb->second, messageId)) {
            ++batch.duplicates;
        } else {
            entries.add(mb->second, messageId, p.item.flags, p.item.internalDate);
            ++batch.imported;
            batch.bytes += static_cast<qint64>(p.raw->size());
        }
        ++batchMessages;
        batchBytes += static_cast<qint64>(p.raw->size());
        if (batchMessages >= kBatchMessages || batchBytes >= kBatchBytes || batchTimer.elapsed() >= kBatchMillis)
            commit();
    };

    std::deque<Pending> window;
    std::size_t windowBytes = 0;
    auto drainOne = [&] {
        // A StoreError here propagates: the open batch rolls back with its
        // transaction, and everything committed before it stays.
        Pending p = std::move(window.front());
        window.pop_front();
        windowBytes -= p.raw->size();
        store(p);
    };

    auto submit = [&](MailItem item) {
        ++progress.seen;
        if (item.refusal) {
            summary.refused.emplace_back(item.origin, *item.refusal);
            return;
        }
        if (item.raw.empty()) {
            summary.refused.emplace_back(item.origin, "empty file");
            return;
        }
        if (auto reason = mime::notAMessageReason(item.raw)) {
            summary.refused.emplace_back(item.origin, *reason);
            return;
        }
        Pending p;
        p.existingMessage = messages.findByHash(store::sha256(item.raw));
        p.raw = std::make_shared<const std::string>(std::move(item.raw));
        p.item = std::move(item);
        if (!p.existingMessage) {
            p.prepared = std::async(std::launch::async, [raw = p.raw, pgp = openPgp ? &*openPgp : nullptr] {
                return crypto::prepareIncoming(*raw, pgp);
            });
        }
        windowBytes += p.raw->size();
        window.push_back(std::move(p));
        while (window.size() > kPrepareAhead || (window.size() > 1 && windowBytes > kPrepareAheadBytes))
            drainOne();
    };

    for (const ImportSource& source : plan.sources) {
        if (source.kind == ImportSource::Kind::Mbox) {
            MboxReader reader(source.path, source.mailbox);
            QString error;
            if (!reader.open(&error)) {
                summary.refused.emplace_back(source.path.toStdString(), "cannot read: " + error.toStdString());
                continue;
            }
            qint64 before = progress.bytesRead;
            while (auto item = reader.next()) {
                progress.bytesRead = before + reader.position();
                submit(std::move(*item));
            }
            progress.bytesRead = before + source.size;
        } else {
            progress.bytesRead += source.size;
            if (auto item = readMessageFile(source))
                submit(std::move(*item));
        }
    }
    while (!window.empty())
        drainOne();
    commit();
    // Messages already stored before (found again here) but never looked at.
    if (openPgp)
        crypto::processUnprocessed(m_db, *openPgp);
    if (m_progress)
        m_progress(progress);
    return summary;
}

} // namespace cachet::mailfiles
