#pragma once
// LIST and LSUB patterns (RFC 3501 §6.3.8): '*' matches anything, '%' anything
// but the hierarchy delimiter. INBOX matches case-insensitively.

#include <string>
#include <string_view>

namespace cachet::imap {

class ListPattern {
public:
    // `reference` is prepended to `pattern` as the RFC describes.
    ListPattern(std::string_view reference, std::string_view pattern, char delimiter);
    bool matches(std::string_view name) const;
    // True if a name below `name` could match (for \Noselect parents with "%").
    bool matchesChildOf(std::string_view name) const;

private:
    std::string m_pattern;
    char m_delimiter;
};

} // namespace cachet::imap
