#include "bridge/Authenticator.h"

#include "text/AsciiText.h"

#include <sodium.h>

#include <array>
#include <cstddef>

namespace cachet::bridge {

namespace {

// More client addresses than loopback can reasonably have at once; beyond it the
// table is being filled on purpose (see remember()).
constexpr std::size_t kMaxClients = 1024;

using Digest = std::array<unsigned char, 32>;

Digest digestOf(std::string_view text)
{
    Digest out{};
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       nullptr, 0);
    return out;
}

// Compares fixed-size digests in constant time, so neither how much of the password
// was right nor how long it is shows in how long the answer takes.
bool samePassword(std::string_view given, std::string_view expected)
{
    const Digest a = digestOf(given);
    const Digest b = digestOf(expected);
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace

Authenticator::Result Authenticator::attempt(const std::string& client, std::string_view username,
                                             std::string_view password)
{
    const auto now = std::chrono::steady_clock::now();
    auto known = m_failures.find(client);
    if (known != m_failures.end() && known->second.count >= kMaxFailures) {
        // Locked: the password is not even looked at, so a right guess teaches nothing.
        if (now < known->second.lockedUntil)
            return Result::LockedOut;
        // The lockout is over: this client starts again with kMaxFailures tries.
        m_failures.erase(known);
        known = m_failures.end();
    }

    if (known == m_failures.end() && m_failures.size() >= kMaxClients) {
        // Forget clients that are not locked out; if every one still is, someone is
        // cycling through addresses to get more tries, and a new address waits too.
        std::erase_if(m_failures, [now](const auto& entry) { return now >= entry.second.lockedUntil; });
        if (m_failures.size() >= kMaxClients)
            return Result::LockedOut;
    }

    // Both checks run whatever the first one says: a wrong username takes as long as
    // a wrong password. An empty stored password would let anyone in; never accept it.
    const bool userMatches = text::equalsIgnoreCase(username, m_identity.username);
    const bool passwordMatches = samePassword(password, m_identity.password);
    if (userMatches && passwordMatches && !m_identity.password.empty()) {
        if (known != m_failures.end())
            m_failures.erase(known);
        return Result::Accepted;
    }

    Failures& failures = m_failures[client];
    if (++failures.count >= kMaxFailures)
        failures.lockedUntil = now + m_lockout;
    return Result::Refused;
}

} // namespace cachet::bridge
