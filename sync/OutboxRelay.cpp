#include "sync/OutboxRelay.h"

#include "sync/BounceMessage.h"
#include "sync/SmtpSender.h"
#include "sync/SpecialMailboxes.h"

#include "store/Entries.h"
#include "store/Flags.h"
#include "store/Journal.h"
#include "store/Mailboxes.h"
#include "store/Messages.h"
#include "store/PreparedMessage.h"
#include "store/RemoteBindings.h"
#include "store/StoreError.h"

#include <QDateTime>
#include <QJsonObject>

#include <algorithm>

namespace cachet::sync {

std::int64_t OutboxRelay::retryDelay(int attempts) const
{
    std::int64_t delay = kFirstRetrySeconds;
    for (int i = 1; i < attempts && delay < kLongestRetrySeconds; ++i)
        delay *= 2;
    return std::min(delay, kLongestRetrySeconds);
}

namespace {

// OutboxRelay.h's rule for a message the provider may have taken, when its Sent cannot tell.
std::string probablySent(const std::string& what)
{
    return what
           + " while the provider was taking this message, so it was probably sent;"
             " Cachet does not send it again on its own, to never send it twice."
             " Look in the recipients' replies or Sent, and retry it if it did not go out.";
}

} // namespace

bool OutboxRelay::providerSentCanTell(const store::OutboxItem& item)
{
    // A message without a Message-ID cannot be looked for, and an unbound Sent
    // would read as "not there": either way the message would go twice.
    if (m_account.sentCopy || messageIdOf(item).empty())
        return false;
    auto sent = store::Mailboxes(m_db).bySpecialUse("\\Sent");
    auto binding = sent ? store::RemoteBindings(m_db).mailbox(sent->id) : std::nullopt;
    return binding && binding->remoteName;
}

std::vector<store::OutboxItem> OutboxRelay::recoverInterrupted(std::int64_t now)
{
    std::vector<store::OutboxItem> toCheck;
    if (!m_lock.acquire())
        return toCheck;
    store::Outbox outbox(m_db);
    store::Transaction tx(m_db);
    for (const store::OutboxItem& item : outbox.interrupted()) {
        if (item.state == "sending") {
            // Stopped before the provider had the whole message: it cannot have taken it.
            outbox.defer(item.id, "interrupted before the message was handed over; sent again", now);
        } else if (providerSentCanTell(item)) {
            toCheck.push_back(item);
        } else {
            outbox.fail(item.id, probablySent("Cachet was stopped"));
        }
    }
    tx.commit();
    return toCheck;
}

void OutboxRelay::resolveEnding(const store::OutboxItem& item, bool foundAtProvider, std::int64_t now)
{
    store::Transaction tx(m_db);
    if (foundAtProvider)
        store::Outbox(m_db).markSent(item.id); // the provider filed it: no copy of ours
    else
        store::Outbox(m_db).defer(item.id, "interrupted; the provider does not have it, so it is sent again", now);
    tx.commit();
}

std::string OutboxRelay::messageIdOf(const store::OutboxItem& item)
{
    auto summary = store::Messages(m_db).summary(item.messageId);
    return summary ? summary->messageId : std::string();
}

void OutboxRelay::sent(const store::OutboxItem& item)
{
    store::Transaction tx(m_db);
    store::Outbox(m_db).markSent(item.id);
    if (m_account.sentCopy) {
        // The copy in Sent is a local entry and an append in the journal, in the
        // same transaction: it reaches the provider's Sent even after a crash.
        const store::Mailbox sentBox = specialMailbox(m_db, "\\Sent", "Sent");
        store::Entries entries(m_db);
        if (!entries.contains(sentBox.id, item.messageId)) {
            const auto now = QDateTime::currentSecsSinceEpoch();
            const store::Entry entry = entries.add(sentBox.id, item.messageId, store::FlagSeen, now);
            auto summary = store::Messages(m_db).summary(item.messageId);
            store::Journal(m_db).record("append", sentBox.id,
                                        QJsonObject{{"uid", static_cast<qint64>(entry.uid)},
                                                    {"message", QString::fromStdString(summary ? summary->hashHex : "")}});
        }
    }
    tx.commit();
}

void OutboxRelay::giveUp(const store::OutboxItem& item, const std::string& reason)
{
    const auto now = QDateTime::currentSecsSinceEpoch();
    store::Messages messages(m_db);
    std::string original;
    try {
        original = messages.readRaw(item.messageId);
    } catch (const store::StoreError&) {
        original.clear();
    }
    auto summary = messages.summary(item.messageId);
    const std::string bounce = bounceMessage(original, item.mailFrom, item.recipients,
                                             summary ? summary->subject : std::string(), reason, now);
    const store::PreparedMessage prepared = store::prepareMessage(bounce);
    store::Transaction tx(m_db);
    store::Outbox(m_db).fail(item.id, reason);
    // Only in the local INBOX: a notice for the user, not mail to upload.
    const store::Mailbox inbox = store::Mailboxes(m_db).ensure("INBOX");
    const std::int64_t messageId = messages.store(prepared).id;
    store::Entries(m_db).add(inbox.id, messageId, 0, now);
    tx.commit();
}

RelayReport OutboxRelay::relayDue(std::int64_t now, const StopFlag* stop)
{
    RelayReport report;
    if (!m_lock.acquire())
        return report;
    store::Outbox outbox(m_db);
    for (const store::OutboxItem& item : outbox.due(now)) {
        if (stop && *stop)
            break;
        {
            // The list was read before the sends ahead of this one: the user may
            // have cancelled it since, and then it must not go.
            store::Transaction tx(m_db);
            const bool claimed = outbox.markSending(item.id, now);
            tx.commit();
            if (!claimed)
                continue;
        }
        std::string message;
        try {
            message = store::Messages(m_db).readRaw(item.messageId);
        } catch (const store::StoreError& e) {
            giveUp(item, std::string("the message could not be read from the store: ") + e.what());
            ++report.failed;
            continue;
        }
        bool handedOver = false;
        try {
            sendMessage(m_account, {item.mailFrom, item.recipients}, message, [&] {
                store::Transaction tx(m_db);
                outbox.markEnding(item.id);
                tx.commit();
                handedOver = true;
            });
            sent(item);
            ++report.sent;
        } catch (const SendFailure& failure) {
            report.lastError = failure.what();
            const int attempts = item.attempts + 1;
            if (handedOver && !failure.answered()) {
                // The whole message went and no answer came back (a lost
                // connection, a timeout): as after a crash while 'ending'.
                if (providerSentCanTell(item)) {
                    ++report.deferred; // left 'ending': the next sync looks in the provider's Sent
                } else {
                    store::Transaction tx(m_db);
                    outbox.fail(item.id, probablySent(std::string("the connection was lost (") + failure.what() + ")"));
                    tx.commit();
                    ++report.failed;
                }
            } else if (failure.permanent()) {
                giveUp(item, std::string("the provider refused it: ") + failure.what());
                ++report.failed;
            } else if (now - item.created >= kGiveUpAfterSeconds) {
                giveUp(item, std::string("it could not be sent for 5 days; the last error: ") + failure.what());
                ++report.failed;
            } else {
                store::Transaction tx(m_db);
                outbox.defer(item.id, failure.what(), now + retryDelay(attempts));
                tx.commit();
                ++report.deferred;
            }
        }
    }
    return report;
}

} // namespace cachet::sync
