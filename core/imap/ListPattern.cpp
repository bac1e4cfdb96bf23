#include "imap/ListPattern.h"

#include "text/AsciiText.h"

#include <algorithm>
#include <vector>

namespace cachet::imap {

namespace {

// Runs the pattern as an automaton over the name, keeping the set of pattern
// positions reached: O(pattern * name) whatever the wildcards, so a pattern of
// many '*' and '%' cannot make it explode.
bool wildcardMatch(std::string_view pattern, std::string_view name, char delimiter)
{
    const std::size_t size = pattern.size();
    std::vector<char> current(size + 1, 0), next(size + 1, 0);
    auto close = [&](std::vector<char>& states) {
        for (std::size_t i = 0; i < size; ++i) {
            if (states[i] && (pattern[i] == '*' || pattern[i] == '%'))
                states[i + 1] = 1; // a wildcard may match nothing
        }
    };
    current[0] = 1;
    close(current);
    for (char c : name) {
        std::fill(next.begin(), next.end(), 0);
        bool any = false;
        for (std::size_t i = 0; i < size; ++i) {
            if (!current[i])
                continue;
            if (pattern[i] == '*' || (pattern[i] == '%' && c != delimiter)) {
                next[i] = 1;
                any = true;
            } else if (pattern[i] == c) {
                next[i + 1] = 1;
                any = true;
            }
        }
        if (!any)
            return false;
        close(next);
        current.swap(next);
    }
    return current[size] != 0;
}

std::string canonicalInbox(std::string_view name, char delimiter)
{
    if (name.size() >= 5 && text::equalsIgnoreCase(name.substr(0, 5), "INBOX")
        && (name.size() == 5 || name[5] == delimiter))
        return "INBOX" + std::string(name.substr(5));
    return std::string(name);
}

} // namespace

ListPattern::ListPattern(std::string_view reference, std::string_view pattern, char delimiter)
    : m_delimiter(delimiter)
{
    std::string joined(reference);
    if (!joined.empty() && joined.back() != delimiter && !pattern.empty() && pattern.front() != delimiter)
        joined += delimiter;
    if (!pattern.empty() && pattern.front() == delimiter && !reference.empty() && reference.back() == delimiter)
        pattern.remove_prefix(1);
    joined += pattern;
    if (reference.empty() && !pattern.empty() && pattern.front() == delimiter)
        joined = std::string(pattern);
    m_pattern = canonicalInbox(joined, delimiter);
}

bool ListPattern::matches(std::string_view name) const
{
    return wildcardMatch(m_pattern, name, m_delimiter);
}

bool ListPattern::matchesChildOf(std::string_view name) const
{
    return wildcardMatch(m_pattern, std::string(name) + m_delimiter + "x", m_delimiter)
        || wildcardMatch(m_pattern, std::string(name) + m_delimiter, m_delimiter);
}

} // namespace cachet::imap
