#pragma once
// `account test` and the account dialog's test: log in to the provider's IMAP
// and SMTP servers and say, for each, whether it works or exactly what failed.

#include "store/Accounts.h"

#include <string>

namespace cachet::sync {

struct ServiceCheck {
    std::string service;           // "IMAP" or "SMTP"
    bool ok = false;
    std::string stage;             // where it failed: name lookup, connect, TLS, authentication, capabilities...
    std::string detail;            // what worked (capabilities) or why it failed
    std::string certificateSha256; // the server's certificate, when it was refused (to pin if trusted)
};

struct AccountCheckResult {
    ServiceCheck imap;
    ServiceCheck smtp;
};

AccountCheckResult checkAccount(const store::Account& account);

// The SMTP half alone: connect, TLS, AUTH, QUIT. Throws ProviderError.
void checkSmtpLogin(const store::Account& account);

} // namespace cachet::sync
