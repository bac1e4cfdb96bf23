#pragma once
// sequence-set (RFC 3501 §9): "1:4,7,10:*". Numbers are message sequence numbers
// or UIDs, whichever the command says; '*' is the largest one in use, so a set
// is resolved against the mailbox before use.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::imap {

class SequenceSet {
public:
    struct Range {
        std::uint32_t first = 0; // 0 stands for '*' until resolved
        std::uint32_t last = 0;
    };

    // nullopt on anything that is not a sequence-set, or on more than `maxRanges` ranges.
    static std::optional<SequenceSet> parse(std::string_view text, std::size_t maxRanges = 100000);
    // The set of `numbers` (any order, repeats allowed; 0 is taken for '*') in as
    // few ranges as can be, for the client's UID FETCH and QRESYNC's known UIDs.
    static SequenceSet fromNumbers(std::vector<std::uint32_t> numbers);

    // As IMAP writes it: "1:4,7,10:*". Empty for an empty set (not valid IMAP).
    std::string toString() const;

    // '*' replaced by `largest`; ranges ordered low to high, merged, and clipped
    // to 1..largest (UID sets may name UIDs that do not exist: RFC 3501 §6.4.8).
    // Empty when the mailbox is.
    std::vector<Range> resolve(std::uint32_t largest) const;
    // Note: "*" in a UID set names the largest UID even if it is below the range's
    // other end ("UID FETCH 100:*" with UIDs up to 50 gives UID 50, RFC 3501 §6.4.8).
    bool contains(std::uint32_t n, std::uint32_t largest) const;

    const std::vector<Range>& ranges() const { return m_ranges; }

private:
    std::vector<Range> m_ranges;
};

} // namespace cachet::imap
