#pragma once
#include <stdexcept>
#include <string>

namespace cachet::cli {

// A failure to report as one line on standard error. Usage errors exit 2, others 1.
class CliError : public std::runtime_error {
public:
    explicit CliError(const std::string& message, int exitCode = 1)
        : std::runtime_error(message), m_exitCode(exitCode) {}
    int exitCode() const { return m_exitCode; }

private:
    int m_exitCode;
};

inline CliError usageError(const std::string& message)
{
    return CliError(message + " (see `cachet-cli help`)", 2);
}

} // namespace cachet::cli
