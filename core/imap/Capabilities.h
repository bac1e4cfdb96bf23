#pragma once
// What the server announced it can do (RFC 3501 §7.2.1): read from
// "* CAPABILITY ..." or from the [CAPABILITY ...] code of the greeting or of
// the OK that ends LOGIN or AUTHENTICATE (RFC 3501 §7.1), which saves a round trip.

#include "imap/ResponseReader.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::imap {

class Capabilities {
public:
    Capabilities() = default;
    explicit Capabilities(std::vector<std::string> names);

    // The capabilities a response lists, in its data or in its code; nullopt if it lists none.
    static std::optional<Capabilities> from(const Response& response);

    // `name` ignoring case: has("IDLE"), has("LITERAL+"), has("AUTH=PLAIN").
    bool has(std::string_view name) const;
    // The SASL mechanisms, upper-case, from the AUTH=... entries: {"PLAIN", "XOAUTH2"}.
    std::vector<std::string> authMechanisms() const;
    // As announced, upper-case.
    const std::vector<std::string>& names() const { return m_names; }

    bool operator==(const Capabilities&) const = default;

private:
    std::vector<std::string> m_names;
};

} // namespace cachet::imap
