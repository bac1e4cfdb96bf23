#pragma once
// Watches the provider's INBOX so new mail starts a sync within seconds: a
// second IMAP connection, kept open between passes with INBOX examined, that
// waits in IDLE (RFC 2177) or, where the server has no IDLE, sends NOOP every
// 30 seconds (RFC 3501 §6.1.2: NOOP is the way to poll for new mail).
//
// The caller opens it before a pass: mail that lands during the pass is then
// held back by the server and reported as soon as the next IDLE starts, so
// nothing slips between the pass reading INBOX and the watch beginning.

#include "sync/ImapConnection.h"

#include "store/Accounts.h"

#include <chrono>
#include <functional>
#include <memory>

namespace cachet::sync {

class InboxWatcher {
public:
    // Connects, logs in and EXAMINEs INBOX, unless already open. Throws ProviderError.
    void ensureOpen(const store::Account& account);
    bool isOpen() const { return m_imap && m_imap->isOpen(); }

    // Waits at most `most` for INBOX to change (true), or until `wakeUp`
    // returns true (false); `wakeUp` is asked about once a second. A failure
    // closes the connection and throws ProviderError.
    bool waitForChange(std::chrono::seconds most, const std::function<bool()>& wakeUp);

    // LOGOUT when the server is there to hear it (stopping); drop otherwise.
    void close(bool politely);

private:
    bool pollWithNoop(std::chrono::seconds most, const std::function<bool()>& wakeUp);

    std::unique_ptr<ImapConnection> m_imap;
};

} // namespace cachet::sync
