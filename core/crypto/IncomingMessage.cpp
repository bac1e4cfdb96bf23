#include "crypto/IncomingMessage.h"

#include "crypto/CryptoError.h"
#include "store/MessageOpenPgp.h"
#include "store/Messages.h"
#include "store/Sqlite.h"

#include <algorithm>
#include <exception>
#include <vector>

namespace cachet::crypto {

namespace {

// Messages decrypted between two commits of the sweep: few, so a long run
// of gpg never holds the writer for long and a crash loses little work.
constexpr std::size_t kSweepBatch = 20;

std::optional<store::PreparedMessage> prepareServed(const IncomingOutcome& outcome)
{
    if (!outcome.served)
        return std::nullopt;
    return store::prepareMessage(*outcome.served);
}

void record(store::Database& db, std::int64_t messageId, const IncomingOutcome& outcome,
            const std::optional<store::PreparedMessage>& served)
{
    store::MessageOpenPgp table(db);
    if (table.processed(messageId))
        return;
    store::OpenPgpRecord r = outcome.record;
    r.messageId = messageId;
    if (served)
        r.servedId = store::Messages(db).store(*served).id;
    table.put(r);
    // What the message taught is committed with it, once: a message stored
    // twice (the same bytes in two mailboxes) teaches once.
    applyArrivalLearning(db, outcome.learning);
}

} // namespace

PreparedIncoming prepareIncoming(std::string_view raw, const IncomingOpenPgp* openPgp)
{
    PreparedIncoming p;
    p.original = store::prepareMessage(raw);
    if (!openPgp)
        return p;
    try {
        p.openPgp = openPgp->process(raw);
    } catch (const CryptoError&) {
        return p; // gpg cannot run now: the message is stored, and swept later
    }
    p.served = prepareServed(*p.openPgp);
    return p;
}

std::int64_t storeIncoming(store::Database& db, const PreparedIncoming& prepared)
{
    const std::int64_t id = store::Messages(db).store(prepared.original).id;
    if (prepared.openPgp)
        record(db, id, *prepared.openPgp, prepared.served);
    return id;
}

std::int64_t processUnprocessed(store::Database& db, const IncomingOpenPgp& openPgp, std::int64_t limit)
{
    std::int64_t done = 0;
    store::MessageOpenPgp table(db);
    store::Messages messages(db);
    while (done < limit) {
        const std::vector<std::int64_t> ids = table.unprocessed(std::min<std::int64_t>(kSweepBatch, limit - done));
        if (ids.empty())
            break;
        struct Result {
            std::int64_t id;
            IncomingOutcome outcome;
            std::optional<store::PreparedMessage> served;
        };
        std::vector<Result> results;
        for (std::int64_t id : ids) {
            IncomingOutcome outcome;
            try {
                outcome = openPgp.process(messages.readRaw(id));
            } catch (const std::exception&) {
                // A message that cannot be read back (the integrity check
                // reports it) is marked looked at, as it is: nothing decrypted.
            }
            std::optional<store::PreparedMessage> served = prepareServed(outcome);
            results.push_back({id, std::move(outcome), std::move(served)});
        }
        store::Transaction tx(db);
        for (const Result& r : results)
            record(db, r.id, r.outcome, r.served);
        tx.commit();
        done += static_cast<std::int64_t>(ids.size());
    }
    return done;
}

} // namespace cachet::crypto
