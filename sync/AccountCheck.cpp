#include "sync/AccountCheck.h"

#include "sync/ImapConnection.h"
#include "sync/ProviderError.h"
#include "sync/SmtpSender.h"

namespace cachet::sync {

namespace {

ServiceCheck failed(const char* service, const ProviderError& e)
{
    return {service, false, ProviderError::stageName(e.stage()), e.what(), e.certificateSha256()};
}

} // namespace

AccountCheckResult checkAccount(const store::Account& account)
{
    AccountCheckResult result;
    try {
        ImapConnection imap(account, 30000);
        imap.open();
        // The sync needs UIDs that last (IMAP4rev1) and nothing else; say what helps it.
        std::string detail = "logged in";
        for (const char* c : {"IDLE", "CONDSTORE", "QRESYNC", "UIDPLUS", "MOVE", "SPECIAL-USE", "LITERAL+"}) {
            if (imap.has(c))
                detail += std::string(detail == "logged in" ? "; " : " ") + c;
        }
        imap.logout();
        result.imap = {"IMAP", true, {}, detail, {}};
    } catch (const ProviderError& e) {
        result.imap = failed("IMAP", e);
    }
    try {
        checkSmtpLogin(account);
        result.smtp = {"SMTP", true, {}, "logged in", {}};
    } catch (const ProviderError& e) {
        result.smtp = failed("SMTP", e);
    }
    return result;
}

} // namespace cachet::sync
