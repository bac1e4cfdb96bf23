#pragma once
// The message Cachet puts in INBOX when it gives up sending one: why, to whom,
// and the original attached, so nothing the user wrote is lost. A plain
// multipart/mixed (not an RFC 3464 report): it is read by a person, in any
// mail program, and is never sent anywhere.

#include <cstdint>
#include <string>
#include <vector>

namespace cachet::sync {

std::string bounceMessage(const std::string& original, const std::string& sender,
                          const std::vector<std::string>& recipients, const std::string& subject,
                          const std::string& reason, std::int64_t now);

} // namespace cachet::sync
