#pragma once
// Where a passphrase comes from (ARCHITECTURE.md, "Command line"): a file
// descriptor (--passphrase-fd N), the environment (CACHET_PASSPHRASE, for
// scripts and tests) or a prompt on the terminal with echo off.

#include <optional>
#include <string>

namespace cachet::cli {

class Passphrase {
public:
    // The passphrase string is wiped when the object goes.
    explicit Passphrase(std::string value) : m_value(std::move(value)) {}
    ~Passphrase();
    Passphrase(Passphrase&& other) noexcept : m_value(std::move(other.m_value)) {}
    Passphrase(const Passphrase&) = delete;
    Passphrase& operator=(const Passphrase&) = delete;
    const std::string& value() const { return m_value; }

private:
    std::string m_value;
};

struct PassphraseSource {
    std::optional<int> fd;     // --passphrase-fd
    const char* envName;       // CACHET_PASSPHRASE
    const char* prompt;        // shown on the terminal
    bool confirm = false;      // ask twice on a terminal (new passphrases)
};

// Throws CliError when no source gives one (no terminal, nothing set).
Passphrase readPassphrase(const PassphraseSource& source);

} // namespace cachet::cli
