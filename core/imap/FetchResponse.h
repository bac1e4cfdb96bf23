#pragma once
// One "* n FETCH (...)" response (RFC 3501 §7.4.2, §9 "msg-att"; MODSEQ from
// RFC 7162 §3.1.4; BINARY from RFC 3516) read into what the sync engine keeps.

#include "imap/ResponseReader.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cachet::imap {

// BODY[section]<origin> and its bytes. RFC822, RFC822.HEADER and RFC822.TEXT
// are the sections "", "HEADER" and "TEXT" (RFC 3501 §6.4.5 says they are the same).
struct FetchedSection {
    std::string section;                  // between the brackets, as the server wrote it: "", "1.2", "HEADER.FIELDS (FROM)"
    std::optional<std::uint32_t> origin;  // <origin> of a partial fetch
    std::optional<std::string> bytes;     // nullopt for NIL: the message has no such part
    bool binary = false;                  // BINARY[...]: the part's content, transfer encoding undone

    bool operator==(const FetchedSection&) const = default;
};

struct FetchFlags {
    // System flags: "\Seen", "\Answered", "\Flagged", "\Deleted", "\Draft",
    // "\Recent" in that case whatever case the server wrote (flags are
    // case-insensitive), and any other "\" flag as written.
    std::vector<std::string> system;
    // Keywords as written: "$Forwarded", "$Junk", "NonJunk".
    std::vector<std::string> keywords;

    bool operator==(const FetchFlags&) const = default;
};

struct FetchData {
    std::uint32_t sequenceNumber = 0;
    std::optional<std::uint32_t> uid;
    std::optional<FetchFlags> flags;
    std::optional<std::int64_t> internalDate;  // seconds since the epoch
    std::optional<std::uint64_t> rfc822Size;
    std::optional<std::uint64_t> modSeq;
    std::vector<FetchedSection> sections;
    std::optional<ImapArg> envelope;       // the ENVELOPE list as sent
    std::optional<ImapArg> bodyStructure;  // BODYSTRUCTURE, or BODY (its non-extensible form), as sent
    // Items not read here, by upper-case name: X-GM-MSGID, X-GM-LABELS, PREVIEW, BINARY.SIZE[1]...
    std::vector<std::pair<std::string, ImapArg>> other;

    // The first section called `name` (between the brackets), or null.
    const FetchedSection* section(std::string_view name) const;

    bool operator==(const FetchData&) const = default;
};

// nullopt if the response is not a FETCH or a known item is malformed. Takes the
// response by value so that a message's bytes are moved, not copied.
std::optional<FetchData> readFetch(Response response);

} // namespace cachet::imap
