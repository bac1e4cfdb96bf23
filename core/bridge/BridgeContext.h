#pragma once
// What every bridge session shares: the store (one writer connection, used from
// the bridge's thread only), who may log in, the IDLE wake-ups, and the
// GNUPGHOME that signs and encrypts what is submitted.

#include "bridge/Authenticator.h"
#include "bridge/BridgeIdentity.h"
#include "bridge/MailboxEvents.h"
#include "crypto/KeyringCache.h"
#include "imap/ImapLimits.h"
#include "store/Store.h"

#include <QString>

#include <chrono>
#include <cstddef>

namespace cachet::bridge {

struct BridgeLimits {
    imap::ImapLimits imap;                  // line, literal (~50 MB) and nesting bounds
    std::size_t maxMessageBytes = 50 * 1024 * 1024; // SMTP SIZE; also APPENDLIMIT
    int maxBadCommandsInARow = 20;          // then BYE
    std::chrono::seconds imapIdle{30 * 60}; // RFC 3501 §5.4: at least 30 minutes
    std::chrono::seconds smtpIdle{5 * 60};  // RFC 5321 §4.5.3.2.7
    int maxConnections = 100;               // per listening port
};

struct BridgeContext {
    store::Store& store;
    const BridgeIdentity& identity;
    Authenticator& authenticator;
    MailboxEvents& events;
    BridgeLimits limits;
    QString gnupgHome;  // the profile's GNUPGHOME (store::Profile::gnupgHome()): outgoing mail is signed there
    crypto::KeyringCache keyring{gnupgHome}; // what every submission asks of it
};

} // namespace cachet::bridge
