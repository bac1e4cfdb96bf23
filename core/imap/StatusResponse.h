#pragma once
// "* STATUS mailbox (...)" (RFC 3501 §7.2.4; HIGHESTMODSEQ from RFC 7162 §3.1.9;
// SIZE and DELETED from RFC 8438 and RFC 9051): a mailbox's counters without
// selecting it, which tell the sync engine whether it changed.

#include "imap/ResponseReader.h"

#include <cstdint>
#include <optional>
#include <string>

namespace cachet::imap {

struct StatusData {
    std::string name;      // UTF-8 (see mailboxNameFromServer)
    std::string wireName;  // as the server wrote it
    std::optional<std::uint32_t> messages;
    std::optional<std::uint32_t> recent;
    std::optional<std::uint32_t> uidNext;
    std::optional<std::uint32_t> uidValidity;
    std::optional<std::uint32_t> unseen;
    std::optional<std::uint32_t> deleted;
    std::optional<std::uint64_t> highestModSeq;
    std::optional<std::uint64_t> size;

    bool operator==(const StatusData&) const = default;
};

// nullopt if the response is not STATUS or a known item is malformed; items not
// known here are passed over.
std::optional<StatusData> readStatus(const Response& response, bool utf8Accepted = false);

} // namespace cachet::imap
