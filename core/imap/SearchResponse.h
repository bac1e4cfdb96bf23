#pragma once
// The answers to SEARCH: "* SEARCH 2 3 6" (RFC 3501 §7.2.5, with CONDSTORE's
// "(MODSEQ n)", RFC 7162 §3.1.5) and "* ESEARCH ..." (RFC 4731 §3.1), whose ALL
// is a sequence set, so a million UIDs take a few bytes when they are ranges.

#include "imap/ResponseReader.h"
#include "imap/SequenceSet.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cachet::imap {

struct SearchData {
    std::vector<std::uint32_t> numbers;  // sequence numbers or UIDs, as the command asked
    std::optional<std::uint64_t> modSeq; // the highest mod-sequence of the messages found

    bool operator==(const SearchData&) const = default;
};

// nullopt if the response is not SEARCH or is malformed.
std::optional<SearchData> readSearch(const Response& response);

struct ESearchData {
    std::string tag;  // the command it answers (the search-correlator); empty if none was given
    bool uid = false; // the numbers are UIDs
    std::optional<std::uint32_t> min;
    std::optional<std::uint32_t> max;
    std::optional<std::uint32_t> count;
    std::optional<SequenceSet> all;
    std::optional<std::uint64_t> modSeq;
    // Return data not read here, by upper-case name (PARTIAL, RELEVANCY...).
    std::vector<std::pair<std::string, ImapArg>> other;
};

// nullopt if the response is not ESEARCH or a known item is malformed.
std::optional<ESearchData> readESearch(const Response& response);

} // namespace cachet::imap
