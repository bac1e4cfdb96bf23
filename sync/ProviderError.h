#pragma once
// What went wrong talking to the provider, and at which step, so `account
// test`, `status` and the GUI can say exactly what failed ("name lookup",
// "connect", "TLS", "authentication", "capabilities") and the sync knows
// whether to retry later (the network) or to stop and wait for the user
// (a refused password, a certificate that does not verify).

#include <stdexcept>
#include <string>

namespace cachet::sync {

class ProviderError : public std::runtime_error {
public:
    enum class Stage {
        NameLookup,
        Connect,
        Tls,
        Greeting,
        Authentication,
        Capabilities,
        Protocol,   // the server answered something unexpected, or NO/BAD to a command
        Connection, // the connection dropped or timed out after it was set up
    };

    ProviderError(Stage stage, const std::string& what, std::string certificateSha256 = {})
        : std::runtime_error(what), m_stage(stage), m_certificateSha256(std::move(certificateSha256))
    {
    }

    Stage stage() const { return m_stage; }
    // Set when a certificate was refused: what to pin if the user trusts it.
    const std::string& certificateSha256() const { return m_certificateSha256; }
    // Trying again later may help (the network, a server restart); otherwise
    // the user must act first (password, certificate, a missing capability).
    bool transient() const
    {
        return m_stage == Stage::NameLookup || m_stage == Stage::Connect || m_stage == Stage::Greeting
            || m_stage == Stage::Connection || m_stage == Stage::Protocol;
    }

    static const char* stageName(Stage stage)
    {
        switch (stage) {
        case Stage::NameLookup: return "name lookup";
        case Stage::Connect: return "connect";
        case Stage::Tls: return "TLS";
        case Stage::Greeting: return "greeting";
        case Stage::Authentication: return "authentication";
        case Stage::Capabilities: return "capabilities";
        case Stage::Protocol: return "protocol";
        case Stage::Connection: return "connection";
        }
        return "connection";
    }

private:
    Stage m_stage;
    std::string m_certificateSha256;
};

} // namespace cachet::sync
