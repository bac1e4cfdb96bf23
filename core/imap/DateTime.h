#pragma once
// IMAP date-time (RFC 3501 §9 "date-time"): "17-Jul-1996 02:44:25 -0700",
// the day possibly space-padded. Used for INTERNALDATE and APPEND.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cachet::imap {

// Seconds since the epoch, or nullopt if `text` is not a valid date-time.
std::optional<std::int64_t> parseDateTime(std::string_view text);
// In UTC ("+0000"), the day padded with a space as RFC 3501 writes it.
std::string formatDateTime(std::int64_t epochSeconds);

} // namespace cachet::imap
