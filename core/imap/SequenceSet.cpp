#include "imap/SequenceSet.h"

#include <algorithm>

namespace cachet::imap {

namespace {

// seq-number = nz-number / "*"; nz-number = digit-nz *DIGIT, at most 2^32-1 (RFC 3501 §9)
std::optional<std::uint32_t> readNumber(std::string_view text, std::size_t& pos)
{
    if (pos < text.size() && text[pos] == '*') {
        ++pos;
        return 0u;
    }
    if (pos >= text.size() || text[pos] < '1' || text[pos] > '9')
        return std::nullopt;
    std::uint64_t value = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        value = value * 10 + static_cast<std::uint64_t>(text[pos] - '0');
        if (value > 0xffffffffu)
            return std::nullopt;
        ++pos;
    }
    return static_cast<std::uint32_t>(value);
}

} // namespace

std::optional<SequenceSet> SequenceSet::parse(std::string_view text, std::size_t maxRanges)
{
    SequenceSet set;
    std::size_t pos = 0;
    for (;;) {
        const auto first = readNumber(text, pos);
        if (!first)
            return std::nullopt;
        Range r{*first, *first};
        if (pos < text.size() && text[pos] == ':') {
            ++pos;
            const auto last = readNumber(text, pos);
            if (!last)
                return std::nullopt;
            r.last = *last;
        }
        if (set.m_ranges.size() >= maxRanges)
            return std::nullopt;
        set.m_ranges.push_back(r);
        if (pos == text.size())
            return set;
        if (text[pos] != ',')
            return std::nullopt;
        ++pos;
    }
}

std::vector<SequenceSet::Range> SequenceSet::resolve(std::uint32_t largest) const
{
    std::vector<Range> out;
    if (largest == 0)
        return out;
    out.reserve(m_ranges.size());
    for (Range r : m_ranges) {
        if (r.first == 0)
            r.first = largest;
        if (r.last == 0)
            r.last = largest;
        if (r.first > r.last) // "5:2" is the same as "2:5" (RFC 3501 §9)
            std::swap(r.first, r.last);
        if (r.first > largest)
            continue;
        r.last = std::min(r.last, largest);
        out.push_back(r);
    }
    std::sort(out.begin(), out.end(), [](const Range& a, const Range& b) { return a.first < b.first; });
    std::vector<Range> merged;
    for (const Range& r : out) {
        if (!merged.empty() && r.first <= merged.back().last + 1ull)
            merged.back().last = std::max(merged.back().last, r.last);
        else
            merged.push_back(r);
    }
    return merged;
}

bool SequenceSet::contains(std::uint32_t n, std::uint32_t largest) const
{
    for (Range r : m_ranges) {
        const std::uint32_t a = r.first == 0 ? largest : r.first;
        const std::uint32_t b = r.last == 0 ? largest : r.last;
        if (n >= std::min(a, b) && n <= std::max(a, b))
            return true;
    }
    return false;
}

} // namespace cachet::imap
