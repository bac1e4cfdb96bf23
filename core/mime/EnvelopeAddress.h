#pragma once
// RFC 5322 §3.4 address lists as IMAP ENVELOPE wants them (RFC 3501 §7.4.2):
// raw phrases (encoded words left as they are), group start and end markers,
// and Dovecot's placeholders where a part is missing, so that the bridge gives
// the same ENVELOPE as Dovecot for the same bytes.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::mime {

struct EnvelopeAddress {
    std::optional<std::string> name;    // NIL when absent or empty
    std::optional<std::string> route;   // "@a,@b" (obsolete source route)
    std::optional<std::string> mailbox; // group start: the group name; group end: NIL
    std::optional<std::string> host;    // NIL for group markers
};

// Dovecot's words for what is missing.
inline constexpr const char* kMissingMailbox = "MISSING_MAILBOX";
inline constexpr const char* kMissingDomain = "MISSING_DOMAIN";
inline constexpr const char* kSyntaxError = "SYNTAX_ERROR";

// Bounded: at most this many addresses are returned from one field.
inline constexpr std::size_t kMaxEnvelopeAddresses = 1000;

std::vector<EnvelopeAddress> parseEnvelopeAddresses(std::string_view rawValue);

} // namespace cachet::mime
