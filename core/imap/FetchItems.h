#pragma once
// FETCH data items (RFC 3501 §6.4.5, §9 "fetch-att"; MODSEQ from RFC 7162):
// what a client asks for, parsed once so that the bridge's FETCH handler and
// the sync client's response reader share one grammar.

#include "imap/CommandReader.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cachet::imap {

// section-spec: part numbers, then what of that part (RFC 3501 §6.4.5).
struct BodySection {
    enum class Text { Whole, Header, HeaderFields, HeaderFieldsNot, Text, Mime };
    std::vector<std::uint32_t> part; // "1.2" is {1, 2}; empty: the whole message
    Text text = Text::Whole;
    std::vector<std::string> fields; // HEADER.FIELDS (.NOT), as the client wrote them
};

struct FetchItem {
    enum class Kind {
        Envelope, Flags, InternalDate, Uid, ModSeq,
        Rfc822, Rfc822Header, Rfc822Size, Rfc822Text,
        Body,          // BODY without a section: the non-extensible BODYSTRUCTURE
        BodyStructure,
        Section,       // BODY[...] and BODY.PEEK[...]
    };
    Kind kind = Kind::Uid;
    bool peek = false;                 // BODY.PEEK: does not set \Seen
    BodySection section;
    std::optional<std::uint32_t> partialOrigin; // <origin.octets>
    std::uint32_t partialOctets = 0;

    // True if serving it sets \Seen (RFC 3501 §6.4.5: BODY[...], RFC822, RFC822.TEXT).
    bool setsSeen() const;
    // The name the response gives it: "BODY[1.HEADER.FIELDS (From)]<0>" (never .PEEK,
    // and only the origin of a partial, RFC 3501 §7.4.2).
    std::string responseName() const;
};

// Parses the argument after the sequence set: a macro (ALL, FAST, FULL), one item,
// or a parenthesised list of items. nullopt with `error` set on anything else.
std::optional<std::vector<FetchItem>> parseFetchItems(const CommandArg& arg, std::string& error);

} // namespace cachet::imap
