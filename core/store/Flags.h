#pragma once
// IMAP system flags (RFC 3501 §2.3.2) as bits of entry.flags; keywords are kept
// as text beside them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cachet::store {

enum Flag : std::uint32_t {
    FlagSeen = 1u << 0,
    FlagAnswered = 1u << 1,
    FlagFlagged = 1u << 2,
    FlagDeleted = 1u << 3,
    FlagDraft = 1u << 4,
};

// The bit of a system flag ("\\Seen", any case); 0 for \\Recent, which is the
// server's own and never stored; nullopt for anything else (a keyword).
std::optional<std::uint32_t> systemFlagBit(std::string_view name);

// "\Seen \Flagged" style, in a fixed order.
std::string formatFlags(std::uint32_t flags);
// The same, then the keywords: "\Seen \Flagged $Label1", as IMAP lists flags (never
// \Recent: Cachet keeps none, as IMAP4rev2 allows and Gmail does).
std::string formatFlagsAndKeywords(std::uint32_t flags, const std::string& keywords);
// Maildir info letters (":2,DFRST"), in the alphabetical order Maildir requires.
std::string maildirFlagLetters(std::uint32_t flags);
std::uint32_t flagsFromMaildirLetters(std::string_view letters);

} // namespace cachet::store
