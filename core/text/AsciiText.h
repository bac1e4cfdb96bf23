#pragma once
// ASCII-only text helpers for protocol and header work. Deliberately not
// std::tolower: QCoreApplication sets the C locale from the environment, and
// protocol keywords ("INBOX", "BODY.PEEK", "Content-Type") must not fold by it.

#include <string>
#include <string_view>
#include <vector>

namespace cachet::text {

std::string asciiLower(std::string_view s);
std::string asciiUpper(std::string_view s);
bool equalsIgnoreCase(std::string_view a, std::string_view b);
// Every bare LF and lone CR made CRLF: canonical line ends (RFC 2046 §4.1.1),
// what signatures are computed over (RFC 3156 §5) and encoders must see.
std::string withCrlfLineEnds(std::string_view text);
// The items with `separator` between them.
std::string joined(const std::vector<std::string>& items, char separator);

} // namespace cachet::text
