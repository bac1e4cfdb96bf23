#pragma once
// The IMAP and SMTP servers of well-known mail providers, looked up by the
// domain of an address, so that a user who types "someone@gmail.com" does not
// have to know "imap.gmail.com, 993, TLS". For any other domain a guess
// (imap.<domain>:993 and smtp.<domain>:465, both TLS) that the account
// dialog shows as a guess, to be checked with the provider.

#include "store/Accounts.h"

#include <QString>

namespace cachet::ui {

// What the provider wants as the login name.
enum class LoginName {
    Address,   // the full address ("someone@example.org")
    LocalPart, // what comes before the '@' ("someone")
};

struct MailServerSettings {
    QString provider; // "Gmail", ...; empty for a guess
    store::ServerAddress imap;
    store::ServerAddress smtp;
    LoginName loginName = LoginName::Address;
    QString note;                    // what the user must do first (an app password...), translated; may be empty
    bool providerKeepsSentCopy = false; // its SMTP server files sent mail in Sent itself
    bool guessed = false;            // not a provider Cachet knows: imap.<domain> and smtp.<domain>

    // The login name for `address` at this provider.
    QString usernameFor(const QString& address) const;
};

// The domain of an address, lower-case and trimmed ("" without an '@' or after it).
QString mailDomain(const QString& address);

// The settings for `domain` (any case): a well-known provider's, or the guess.
// `domain` must not be empty.
MailServerSettings serverSettingsForDomain(const QString& domain);

} // namespace cachet::ui
