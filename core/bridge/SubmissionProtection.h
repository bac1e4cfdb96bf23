#pragma once
// The bridge's side of the outgoing OpenPGP pipeline (crypto/OutgoingOpenPgp):
// for a message submitted over SMTP, find the sender's own key, whether it
// answers encrypted mail, and Autocrypt's recommendation, then sign and maybe
// encrypt it. What comes back is what the outbox stores and the relay sends.
//
// gpg runs here, on the bridge's thread, while the SMTP session waits for its
// 250: a few hundred milliseconds per message, during which the bridge's other
// sessions wait too. Moving it to GPGME's worker pool (ARCHITECTURE.md,
// "Threads") needs SmtpSession to answer DATA asynchronously; not done yet.

#include "bridge/BridgeContext.h"

#include <string>
#include <string_view>
#include <vector>

namespace cachet::bridge {

struct ProtectedSubmission {
    bool accepted = false;
    std::string bytes;   // accepted: what to queue
    std::string note;    // accepted: said after "Queued as N" (e.g. why it is not signed)
    std::string reply;   // refused: the whole SMTP reply line
};

ProtectedSubmission protectSubmission(BridgeContext& context, std::string_view data, const std::string& mailFrom,
                                      const std::vector<std::string>& recipients);

} // namespace cachet::bridge
