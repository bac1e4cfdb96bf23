#pragma once
// Checks bridge logins (IMAP LOGIN/AUTHENTICATE, SMTP AUTH) against the identity:
// the username case-insensitively, the password in constant time. After
// kMaxFailures wrong tries from one client address, that address is refused
// for kLockout, even with the right password, so a local program cannot guess
// the password by trying (ARCHITECTURE.md, "The bridge").

#include "bridge/BridgeIdentity.h"

#include <chrono>
#include <map>
#include <string>
#include <string_view>

namespace cachet::bridge {

class Authenticator {
public:
    enum class Result { Accepted, Refused, LockedOut };
    static constexpr int kMaxFailures = 5;
    static constexpr std::chrono::seconds kLockout{60};

    explicit Authenticator(const BridgeIdentity& identity) : m_identity(identity) {}

    // `client` is the peer's address (BridgeConnection gives all loopback peers one: the
    // lockout is then for every client, which is what a guessing attack needs).
    Result attempt(const std::string& client, std::string_view username, std::string_view password);

    // Tests shorten the lockout; the bridge never changes it.
    void setLockoutForTesting(std::chrono::milliseconds lockout) { m_lockout = lockout; }

private:
    struct Failures {
        int count = 0;
        std::chrono::steady_clock::time_point lockedUntil;
    };
    const BridgeIdentity& m_identity;
    std::map<std::string, Failures> m_failures;
    std::chrono::milliseconds m_lockout = kLockout;
};

} // namespace cachet::bridge
