#pragma once
// Hands one message to the provider's SMTP server (submission with STARTTLS or
// TLS, and AUTH), with VMime's SMTP transport: one message per connection, so
// nothing of one send can leak into the next, and the outbox is small.

#include "store/Accounts.h"

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cachet::sync {

// Why a send failed. `permanent`: the provider refused the message itself
// (5xx), so trying again gives the same answer; anything else (no network,
// 4xx, TLS trouble, a login refused) may go away, and the message is kept.
// `answered`: the failure is the provider's own SMTP reply. Once the whole
// message was handed over, only such a reply says the provider did not take
// it; a lost connection or a timeout leaves that unknown.
class SendFailure : public std::runtime_error {
public:
    SendFailure(const std::string& what, bool permanent, bool answered = false)
        : std::runtime_error(what), m_permanent(permanent), m_answered(answered)
    {
    }
    bool permanent() const { return m_permanent; }
    bool answered() const { return m_answered; }

private:
    bool m_permanent;
    bool m_answered;
};

struct Envelope {
    std::string mailFrom;
    std::vector<std::string> recipients;
};

// Sends `message` (the bytes as stored) or throws SendFailure. `lastBytesTaken`
// is called when VMime has read the whole message and is about to end DATA:
// from then on the provider may have it, even if no 250 arrives.
void sendMessage(const store::Account& account, const Envelope& envelope, const std::string& message,
                 const std::function<void()>& lastBytesTaken);

// Connects, secures and logs in, then quits: what `account test` checks.
// Throws ProviderError naming the step that failed.
void checkSmtpLogin(const store::Account& account);

} // namespace cachet::sync
