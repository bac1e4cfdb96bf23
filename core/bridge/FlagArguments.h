#pragma once
// Flags as clients send them to STORE and APPEND (RFC 3501 §9 "flag-list"):
// system flags become bits of store/Flags.h, anything else is a keyword.
// Keywords compare case-insensitively (RFC 3501 §2.3.2) and keep the spelling
// first stored.

#include "imap/CommandReader.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cachet::bridge {

struct FlagArguments {
    std::uint32_t flags = 0;
    std::vector<std::string> keywords;
};

// A parenthesised list, or (for STORE) a bare flag or several bare flags.
// nullopt with `error` on anything that is not a flag (\Recent is accepted and
// ignored: the server sets it, RFC 3501 §2.3.2).
std::optional<FlagArguments> parseFlagArguments(const std::vector<imap::CommandArg>& args, std::size_t first,
                                                std::string& error);

// Keyword sets as the store keeps them (space separated).
std::string addKeywords(const std::string& current, const std::vector<std::string>& add);
std::string removeKeywords(const std::string& current, const std::vector<std::string>& remove);
std::string joinKeywords(const std::vector<std::string>& keywords);

} // namespace cachet::bridge
