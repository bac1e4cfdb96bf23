#include "sync/SyncPass.h"

#include "sync/ImapConnection.h"
#include "sync/MailboxListSync.h"
#include "sync/ProviderError.h"

#include "imap/ImapWriter.h"
#include "imap/MailboxNameCodec.h"
#include "imap/SearchResponse.h"
#include "store/Mailboxes.h"

#include <QDateTime>

#include <algorithm>
#include <optional>

namespace cachet::sync {

namespace {

// Sends the provider files itself: is an interrupted one in its Sent? (OutboxRelay.h)
bool inProviderSent(ImapConnection& imap, const std::vector<store::MailboxBinding>& bound, store::Database& db,
                    const std::string& messageId)
{
    if (messageId.empty())
        return false;
    for (const store::MailboxBinding& b : bound) {
        auto mailbox = store::Mailboxes(db).byId(b.mailboxId);
        if (!mailbox || mailbox->specialUse != "\\Sent")
            continue;
        std::string examine = "EXAMINE ";
        imap::appendAString(examine, imap::encodeMailboxName(*b.remoteName));
        imap.run(examine);
        bool found = false;
        std::string search = "UID SEARCH HEADER Message-ID ";
        imap::appendAString(search, "<" + messageId + ">");
        imap.run(search, [&](imap::Response& r) {
            if (auto uids = imap::readSearch(r); uids && !uids->numbers.empty())
                found = true;
        });
        return found;
    }
    return false;
}

} // namespace

SyncPassResult SyncPass::run(const ProgressCallback& report, const bool* stop)
{
    SyncPassResult result;
    store::Accounts accounts(m_db);
    const std::int64_t started = QDateTime::currentSecsSinceEpoch();
    OutboxRelay relay(m_db, m_account);
    std::optional<ProviderError> imapError;
    try {
        ImapConnection imap(m_account);
        imap.open();

        const ListSyncResult list = syncMailboxList(m_db, imap);
        std::vector<store::MailboxBinding> bound = list.bound;
        std::stable_sort(bound.begin(), bound.end(), [](const store::MailboxBinding& a, const store::MailboxBinding& b) {
            return (a.localName == "INBOX") > (b.localName == "INBOX");
        });

        for (const store::OutboxItem& item : relay.recoverInterrupted(started))
            relay.resolveEnding(item, inProviderSent(imap, bound, m_db, relay.messageIdOf(item)), started);

        SyncProgress progress;
        progress.mailboxesTotal = static_cast<int>(bound.size());
        MailboxPull pull(m_db, imap, m_limits);
        for (const store::MailboxBinding& b : bound) {
            if (stop && *stop)
                break;
            progress.mailbox = b.localName;
            if (report)
                report(progress);
            const PullResult r = pull.pull(b, progress, report, stop);
            result.pulled.added += r.added;
            result.pulled.expunged += r.expunged;
            result.pulled.flagsChanged += r.flagsChanged;
            ++progress.mailboxesDone;
            ++result.mailboxes;
        }
        if (report)
            report(progress);
        imap.logout();
    } catch (const ProviderError& e) {
        imapError = e;
    }

    // Sending does not wait for IMAP: a provider whose IMAP is down may still take mail.
    result.relayed = relay.relayDue(QDateTime::currentSecsSinceEpoch(), stop);

    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    store::Transaction tx(m_db);
    if (imapError)
        accounts.noteError(m_account.id,
                           std::string("IMAP ") + ProviderError::stageName(imapError->stage()) + ": " + imapError->what(),
                           now);
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
