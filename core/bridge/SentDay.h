#pragma once
// The day a message was sent, as SENTBEFORE, SENTON and SENTSINCE compare it
// (RFC 3501 §6.4.4: "disregarding time and timezone"). Like Dovecot, the day is
// the one written in the Date: header, in the sender's own zone, not the UTC
// day; the store keeps the Date: as UTC seconds, and the zone is read back from
// the date text in the served ENVELOPE.

#include <cstdint>
#include <optional>
#include <string_view>

namespace cachet::bridge {

// The zone of a Date: header value (RFC 5322 §3.3, obsolete names of §4.3) in
// minutes east of UTC; 0 when there is none or it is unknown (§4.3: military
// zones mean nothing, so they count as +0000).
int zoneOffsetMinutes(std::string_view dateText);

// The date text of an ENVELOPE (its first item, RFC 3501 §7.4.2), or empty for NIL.
std::string_view envelopeDate(std::string_view envelope);

// Days since 1970-01-01 of `seconds` shifted by `offsetMinutes`.
std::int64_t dayOf(std::int64_t seconds, int offsetMinutes = 0);

} // namespace cachet::bridge
