#pragma once
// One IMAP value (RFC 3501 §4, §9) as both readers hand it out, like Dovecot's
// imap_arg: the command reader (the bridge's commands) and the response reader
// (the provider's responses) build the same tree, and each handler reads its
// own grammar from it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::imap {

struct ImapArg {
    enum class Type {
        Atom,    // also numbers, sequence sets, flags, and FETCH items with their [section]<partial>
        String,  // quoted string or literal, content only
        List,    // ( ... )
        Nil,     // NIL
    };
    Type type = Type::Atom;
    std::string text;            // Atom, String
    std::vector<ImapArg> items;  // List
    bool literal = false;        // String: it came as a literal (APPEND data, 8-bit text, message bytes)

    bool operator==(const ImapArg&) const = default;

    // An atom equal to `name`, ignoring ASCII case (keywords are case-insensitive).
    bool isAtom(std::string_view name) const;
    // astring = atom / string (RFC 3501 §9): mailbox names, header names.
    bool isAString() const { return type == Type::Atom || type == Type::String; }
};

// number = 1*DIGIT, at most 2^32-1 (RFC 3501 §9); nullopt for anything else.
// 1*DIGIT no larger than `max` (and at most 20 digits); nullopt for anything else.
std::optional<std::uint64_t> decimalValue(std::string_view digits, std::uint64_t max);

std::optional<std::uint32_t> numberOf(const ImapArg& arg);
// mod-sequence-value = 1*DIGIT, at most 2^63-1 (RFC 7162 §7); RFC822.SIZE is
// read with it too, since a server may count beyond 4 GB.
std::optional<std::uint64_t> number64Of(const ImapArg& arg);

} // namespace cachet::imap
