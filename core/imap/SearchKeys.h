#pragma once
// The arguments of SEARCH / UID SEARCH (RFC 3501 §6.4.4, grammar in §9 "search"
// and "search-key", plus RFC 7162 §3.1.5 MODSEQ) read from a command's argument
// tree into a tree of search keys. Evaluating the tree is the bridge's job
// (bridge/SearchEvaluator.h); this file only knows the grammar.

#include "imap/CommandReader.h"
#include "imap/SequenceSet.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cachet::imap {

struct SearchKey {
    enum class Kind {
        All,
        And,          // parenthesised list, and the top-level key list: every child matches
        Or,           // exactly two children
        Not,          // exactly one child
        SequenceSet,  // bare sequence-set: message sequence numbers
        Uid,          // UID sequence-set
        FlagSet,      // ANSWERED, DELETED, DRAFT, FLAGGED, SEEN: `flag` is set
        FlagUnset,    // UNANSWERED ... UNSEEN
        Keyword,      // KEYWORD `text`
        Unkeyword,    // UNKEYWORD `text`
        Recent,
        New,          // RECENT and UNSEEN (§6.4.4)
        Old,          // NOT RECENT
        Before,       // INTERNALDATE's date earlier than `day`
        On,
        Since,        // on or after `day`
        SentBefore,   // the same on the Date: header
        SentOn,
        SentSince,
        Larger,       // RFC822.SIZE > `number`
        Smaller,      // RFC822.SIZE < `number`
        Header,       // a `field` of the message's header contains `text` (SUBJECT, HEADER)
        AddressHeader, // FROM, TO, CC, BCC: the same, on the field's addresses
        Body,         // the body contains `text`
        Text,         // the header or the body contains `text`
        ModSeq,       // MODSEQ >= `number` (RFC 7162 §3.1.5)
    };

    Kind kind = Kind::All;
    std::vector<SearchKey> children; // And, Or, Not
    std::optional<SequenceSet> set;  // SequenceSet, Uid
    std::uint32_t flag = 0;          // FlagSet, FlagUnset: a store/Flags.h bit
    std::string field;               // Header, AddressHeader: the field name as the client wrote it
    std::string text;                // Header, AddressHeader, Body, Text: UTF-8; Keyword, Unkeyword: the keyword
    std::uint64_t number = 0;        // Larger, Smaller, ModSeq
    std::int64_t day = 0;            // date keys: days since 1970-01-01
};

struct SearchParse {
    enum class Status {
        Ok,          // `key` holds the tree
        Bad,         // answer "tag BAD <error>"
        BadCharset,  // answer "tag NO [BADCHARSET (UTF-8 US-ASCII)] <error>" (RFC 3501 §6.4.4)
    };
    Status status = Status::Bad;
    SearchKey key;          // Ok: the AND of the top-level keys (a single key stays itself)
    std::string error;      // Bad, BadCharset: a short text for the response
    bool usesModSeq = false; // the response must end with "(MODSEQ n)" (RFC 7162 §3.1.5)

    bool ok() const { return status == Status::Ok; }
};

// NOT and OR chains are flat arguments, so the command reader's list-depth cap
// does not bound them; deeper nesting than this is answered BAD.
inline constexpr std::size_t kMaxSearchKeyDepth = 64;

// Reads "[CHARSET astring SP] search-key *(SP search-key)" from `args[first]` to
// the end. Never throws; garbage gives Status::Bad.
SearchParse parseSearchKeys(const std::vector<CommandArg>& args, std::size_t first = 0);

} // namespace cachet::imap
