#include "sync/SyncPass.h"

#include "sync/ImapConnection.h"
#include "sync/MailboxListSync.h"
#include "sync/MessageIdSearch.h"
#include "sync/ProviderError.h"

#include "crypto/IncomingMessage.h"
#include "store/Mailboxes.h"
#include "store/RemoteBindings.h"

#include <QDateTime>

#include <algorithm>
#include <optional>
#include <unordered_set>

namespace cachet::sync {

namespace {

// Messages never decrypted (stored before OpenPGP came, or by a bridge
// APPEND) processed per pass: enough to catch up, bounded so a large old
// store does not hold one pass for long.
constexpr std::int64_t kSweepPerPass = 2000;

// Sends the provider files itself: is an interrupted one in its Sent?
// (OutboxRelay.h) nullopt when it could not look: the item stays 'ending'
// for the next pass, since "not found" would send it again.
std::optional<bool> inProviderSent(ImapConnection& imap, store::Database& db, const std::string& messageId)
{
    if (messageId.empty())
        return std::nullopt;
    auto sent = store::Mailboxes(db).bySpecialUse("\\Sent");
    auto binding = sent ? store::RemoteBindings(db).mailbox(sent->id) : std::nullopt;
    if (!binding || !binding->remoteName)
        return std::nullopt;
    if (imap.run(imap.command("EXAMINE").mailbox(*binding->remoteName)).status != imap::Response::Status::Ok)
        return std::nullopt;
    const auto found = uidsWithMessageId(imap, messageId);
    if (!found)
        return std::nullopt;
    return !found->empty();
}

void addReplay(ReplayReport& total, const ReplayReport& more)
{
    total.applied += more.applied;
    total.refused += more.refused;
    total.waiting = more.waiting;
    if (!more.lastRefusal.empty())
        total.lastRefusal = more.lastRefusal;
}

} // namespace

SyncPassResult SyncPass::run(const ProgressCallback& report, const StopFlag* stop)
{
    SyncPassResult result;
    store::Accounts accounts(m_db);
    const std::int64_t started = QDateTime::currentSecsSinceEpoch();
    OutboxRelay relay(m_db, m_account);
    std::optional<ProviderError> imapError;
    std::optional<ImapConnection> imap;
    std::vector<store::MailboxBinding> bound;
    // Sends cut short are settled first, IMAP or not: one stopped before the
    // end of its data goes again; one stopped after it is looked for in the
    // provider's Sent once IMAP is up.
    const std::vector<store::OutboxItem> toCheck = relay.recoverInterrupted(started);
    try {
        imap.emplace(m_account);
        imap->open();
        addReplay(result.replayed, JournalReplay(m_db, *imap).run(stop));
        const ListSyncResult list = syncMailboxList(m_db, *imap);
        bound = list.bound;
        std::stable_sort(bound.begin(), bound.end(), [](const store::MailboxBinding& a, const store::MailboxBinding& b) {
            return (a.localName == "INBOX") > (b.localName == "INBOX");
        });
        for (const store::OutboxItem& item : toCheck) {
            if (auto found = inProviderSent(*imap, m_db, relay.messageIdOf(item)))
                relay.resolveEnding(item, *found, started);
        }
    } catch (const ProviderError& e) {
        imapError = e;
        imap.reset();
    }

    result.relayed = relay.relayDue(QDateTime::currentSecsSinceEpoch(), stop);

    if (imap) {
        try {
            if (result.relayed.sent > 0)
                addReplay(result.replayed, JournalReplay(m_db, *imap).run(stop)); // the Sent copies
            SyncProgress progress;
            progress.mailboxesTotal = static_cast<int>(bound.size());
            std::optional<crypto::IncomingOpenPgp> openPgp;
            if (!m_gnupgHome.isEmpty())
                openPgp.emplace(m_gnupgHome, m_db);
            MailboxPull pull(m_db, *imap, m_limits, openPgp ? &*openPgp : nullptr);
            const std::unordered_set<std::int64_t> unchanged = pull.unchanged(bound);
            for (const store::MailboxBinding& b : bound) {
                if (stop && *stop)
                    break;
                if (unchanged.count(b.mailboxId)) {
                    ++progress.mailboxesDone;
                    ++result.mailboxes;
                    continue;
                }
                // Bindings may have changed since the list was read (a Sent copy created Sent).
                auto current = store::RemoteBindings(m_db).mailbox(b.mailboxId);
                if (!current || !current->remoteName)
                    continue;
                progress.mailbox = current->localName;
                if (report)
                    report(progress);
                const PullResult r = pull.pull(*current, progress, report, stop);
                result.pulled.added += r.added;
                result.pulled.expunged += r.expunged;
                result.pulled.flagsChanged += r.flagsChanged;
                ++progress.mailboxesDone;
                ++result.mailboxes;
            }
            if (report)
                report(progress);
            imap->logout();
            if (openPgp && !(stop && *stop))
                crypto::processUnprocessed(m_db, *openPgp, kSweepPerPass);
        } catch (const ProviderError& e) {
            imapError = e;
        }
    }

    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    store::Transaction tx(m_db);
    if (imapError)
        accounts.noteError(m_account.id,
                           std::string("IMAP ") + ProviderError::stageName(imapError->stage()) + ": " + imapError->what(),
                           now);
    else if (result.replayed.waiting > 0)
        accounts.noteError(m_account.id, "local changes waiting: " + result.replayed.lastRefusal, now);
    else if (!result.relayed.lastError.empty())
        accounts.noteError(m_account.id, "sending: " + result.relayed.lastError, now);
    else
        accounts.noteSynced(m_account.id, now);
    tx.commit();
    if (imapError)
        throw *imapError;
    return result;
}

} // namespace cachet::sync
