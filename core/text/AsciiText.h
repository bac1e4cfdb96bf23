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
// The items with `separator` between them.
std::string joined(const std::vector<std::string>& items, char separator);

} // namespace cachet::text
