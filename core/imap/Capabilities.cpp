#include "imap/Capabilities.h"

#include "text/AsciiText.h"

#include <algorithm>

namespace cachet::imap {

namespace {
constexpr std::string_view kAuthPrefix = "AUTH=";

std::optional<Capabilities> fromAtoms(const std::vector<ImapArg>& args)
{
    std::vector<std::string> names;
    for (const ImapArg& arg : args) {
        if (arg.type != ImapArg::Type::Atom) // capability = ("AUTH=" auth-type) / atom
            return std::nullopt;
        names.push_back(text::asciiUpper(arg.text));
    }
    return Capabilities(std::move(names));
}
} // namespace

Capabilities::Capabilities(std::vector<std::string> names) : m_names(std::move(names)) {}

std::optional<Capabilities> Capabilities::from(const Response& response)
{
    if (response.isData("CAPABILITY"))
        return fromAtoms(response.args);
    if (response.hasCode("CAPABILITY"))
        return fromAtoms(response.code->args);
    return std::nullopt;
}

bool Capabilities::has(std::string_view name) const
{
    return std::any_of(m_names.begin(), m_names.end(),
                       [&](const std::string& n) { return text::equalsIgnoreCase(n, name); });
}

std::vector<std::string> Capabilities::authMechanisms() const
{
    std::vector<std::string> out;
    for (const std::string& n : m_names) {
        if (n.size() > kAuthPrefix.size() && std::string_view(n).starts_with(kAuthPrefix))
            out.push_back(n.substr(kAuthPrefix.size()));
    }
    return out;
}

} // namespace cachet::imap
