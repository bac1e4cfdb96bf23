#pragma once
// "* LIST" and "* LSUB" responses (RFC 3501 §7.2.2-3, §9 "mailbox-list"), with
// LIST-EXTENDED's extended data (RFC 5258 §9) and SPECIAL-USE attributes
// (RFC 6154), read into what the sync engine keeps of a mailbox.

#include "imap/ResponseReader.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cachet::imap {

struct ListData {
    std::string name;      // UTF-8 (see mailboxNameFromServer); "INBOX" in upper case
    std::string wireName;  // as the server wrote it: what commands must name the mailbox by
    std::optional<char> delimiter;  // nullopt for NIL: a flat name space
    // As written, in RFC case for the known ones whatever case the server used:
    // "\Noselect", "\HasNoChildren", "\Subscribed", "\Sent"...
    std::vector<std::string> attributes;
    // LIST-EXTENDED data by upper-case tag: ("CHILDINFO" ("SUBSCRIBED")), ("OLDNAME" ("Old")).
    std::vector<std::pair<std::string, ImapArg>> extended;
    bool lsub = false;  // it came as LSUB

    // `attribute` ignoring case: hasAttribute("\\Noselect").
    bool hasAttribute(std::string_view attribute) const;
    // The special use (RFC 6154 §2, \Important from RFC 8457): "\Sent", "\Trash"...; empty if none.
    std::string specialUse() const;

    bool operator==(const ListData&) const = default;
};

// nullopt if the response is not LIST or LSUB, or is malformed. `utf8Accepted`:
// the client enabled UTF8=ACCEPT, so names are UTF-8, not modified UTF-7.
std::optional<ListData> readList(const Response& response, bool utf8Accepted = false);

} // namespace cachet::imap
