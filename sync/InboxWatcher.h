#pragma once
// Watches the provider's INBOX so new mail starts a sync within seconds: a
// second IMAP connection, kept open between passes with INBOX examined, that
// waits in IDLE (RFC 2177) or, where the server has no IDLE, sends NOOP every
// 30 seconds (RFC 3501 §6.1.2: NOOP is the way to poll for new mail).
//
// Kept open through a pass, the server holds back what changes meanwhile and
// reports it as soon as the next IDLE starts. A connection opened afresh tells
// what EXAMINE said, for the caller to compare with what the pass saw.

#include "sync/ImapConnection.h"

#include "store/Accounts.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace cachet::sync {

// INBOX as EXAMINE reports it (RFC 3501 §6.3.2; HIGHESTMODSEQ by RFC 7162 §3.1.2.1).
struct ExaminedInbox {
    std::uint32_t uidValidity = 0;
    std::uint32_t uidNext = 0;
    std::optional<std::int64_t> highestModSeq;
};

class InboxWatcher {
public:
    // Connects, logs in and EXAMINEs INBOX. Throws ProviderError.
    ExaminedInbox open(const store::Account& account);
    bool isOpen() const { return m_imap != nullptr; }

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
