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

SequenceSet SequenceSet::fromNumbers(std::vector<std::uint32_t> numbers)
{
    // '*' (0) sorts last, as the largest number.
    std::sort(numbers.begin(), numbers.end(), [](std::uint32_t a, std::uint32_t b) { return a - 1 < b - 1; });
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    SequenceSet set;
    for (std::uint32_t n : numbers) {
        if (!set.m_ranges.empty() && n != 0 && set.m_ranges.back().last != 0 && n == set.m_ranges.back().last + 1)
            set.m_ranges.back().last = n;
        else
            set.m_ranges.push_back({n, n});
    }
    return set;
}

std::string SequenceSet::toString() const
{
    std::string out;
    const auto append = [&out](std::uint32_t n) {
        if (n == 0)
            out += '*';
        else
            out += std::to_string(n);
    };
    for (const Range& r : m_ranges) {
        if (!out.empty())
            out += ',';
        append(r.first);
        if (r.last != r.first) {
            out += ':';
            append(r.last);
        }
    }
    return out;
}

} // namespace cachet::imap
