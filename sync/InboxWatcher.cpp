#include "sync/InboxWatcher.h"

#include "imap/ResponseCodes.h"

#include <QDeadlineTimer>

#include <thread>

namespace cachet::sync {

namespace {

constexpr std::chrono::seconds kNoopEvery{30};
constexpr std::chrono::milliseconds kWakeUpCheck{250};

} // namespace

ExaminedInbox InboxWatcher::open(const store::Account& account)
{
    m_imap.reset();
    auto imap = std::make_unique<ImapConnection>(account);
    imap->open();
    // EXAMINE, not SELECT: read-only, so watching never takes \Recent from the
    // pass's own connection. IDLE works the same on an examined mailbox.
    ExaminedInbox examined;
    imap->run("EXAMINE INBOX", [&](const imap::Response& r) {
        if (auto v = imap::uidValidityCode(r))
            examined.uidValidity = *v;
        if (auto n = imap::uidNextCode(r))
            examined.uidNext = *n;
        if (auto m = imap::highestModSeqCode(r))
            examined.highestModSeq = static_cast<std::int64_t>(*m);
    });
    m_imap = std::move(imap);
    return examined;
}

bool InboxWatcher::waitForChange(std::chrono::seconds most, const std::function<bool()>& wakeUp)
{
    if (!m_imap)
        throw ProviderError(ProviderError::Stage::Connection, "the INBOX watch is not connected");
    try {
        if (m_imap->has("IDLE"))
            return m_imap->idle(static_cast<int>(most.count()), wakeUp);
        return pollWithNoop(most, wakeUp);
    } catch (const ProviderError&) {
        m_imap.reset();
        throw;
    }
}

bool InboxWatcher::pollWithNoop(std::chrono::seconds most, const std::function<bool()>& wakeUp)
{
    const QDeadlineTimer deadline(most);
    QDeadlineTimer nextNoop(kNoopEvery);
    while (!deadline.hasExpired() && !(wakeUp && wakeUp())) {
        if (nextNoop.hasExpired()) {
            bool changed = false;
            m_imap->run("NOOP", [&](imap::Response& r) {
                if (r.status == imap::Response::Status::None) // EXISTS, EXPUNGE, FETCH
                    changed = true;
            });
            if (changed)
                return true;
            nextNoop.setRemainingTime(kNoopEvery);
        }
        std::this_thread::sleep_for(kWakeUpCheck);
    }
    return false;
}

void InboxWatcher::close(bool politely)
{
    if (m_imap && politely)
        m_imap->logout();
    m_imap.reset();
}

} // namespace cachet::sync
