#include "imap/ListResponse.h"

#include "imap/MailboxNameCodec.h"
#include "text/AsciiText.h"

namespace cachet::imap {

namespace {

// RFC 3501 §7.2.2, CHILDREN (RFC 3348), LIST-EXTENDED (RFC 5258 §3.4).
constexpr const char* kListAttributes[] = {"\\Noinferiors", "\\Noselect",   "\\Marked",        "\\Unmarked",
                                           "\\NonExistent", "\\Subscribed", "\\Remote",        "\\HasChildren",
                                           "\\HasNoChildren"};
// RFC 6154 §2, RFC 8457 §3.
constexpr const char* kSpecialUses[] = {"\\All",  "\\Archive", "\\Drafts", "\\Flagged",
                                        "\\Junk", "\\Sent",    "\\Trash",  "\\Important"};

std::string canonicalAttribute(const std::string& written)
{
    for (const char* known : kListAttributes) {
        if (text::equalsIgnoreCase(written, known))
            return known;
    }
    for (const char* known : kSpecialUses) {
        if (text::equalsIgnoreCase(written, known))
            return known;
    }
    return written;
}

// mbox-list-extended = "(" [mbox-list-extended-item *(SP mbox-list-extended-item)] ")";
// mbox-list-extended-item = mbox-list-extended-item-tag SP tagged-ext-val
bool readExtended(const ImapArg& list, std::vector<std::pair<std::string, ImapArg>>& out)
{
    if (list.type != ImapArg::Type::List || list.items.size() % 2 != 0)
        return false;
    for (std::size_t i = 0; i < list.items.size(); i += 2) {
        if (!list.items[i].isAString())
            return false;
        out.emplace_back(text::asciiUpper(list.items[i].text), list.items[i + 1]);
    }
    return true;
}

} // namespace

bool ListData::hasAttribute(std::string_view attribute) const
{
    for (const std::string& a : attributes) {
        if (text::equalsIgnoreCase(a, attribute))
            return true;
    }
    return false;
}

std::string ListData::specialUse() const
{
    for (const std::string& a : attributes) {
        for (const char* use : kSpecialUses) {
            if (a == use)
                return a;
        }
    }
    return {};
}

std::optional<ListData> readList(const Response& response, bool utf8Accepted)
{
    // mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox
    //                [SP mbox-list-extended]
    const bool lsub = response.isData("LSUB");
    if ((!lsub && !response.isData("LIST")) || response.args.size() < 3 || response.args.size() > 4)
        return std::nullopt;
    const ImapArg& flags = response.args[0];
    const ImapArg& delimiter = response.args[1];
    const ImapArg& mailbox = response.args[2];
    if (flags.type != ImapArg::Type::List || !mailbox.isAString())
        return std::nullopt;
    ListData data;
    data.lsub = lsub;
    for (const ImapArg& flag : flags.items) {
        if (flag.type != ImapArg::Type::Atom)
            return std::nullopt;
        data.attributes.push_back(canonicalAttribute(flag.text));
    }
    if (delimiter.isAString() && delimiter.text.size() == 1) // some servers send it as an atom
        data.delimiter = delimiter.text[0];
    else if (delimiter.type != ImapArg::Type::Nil)
        return std::nullopt;
    data.wireName = mailbox.text;
    data.name = mailboxNameFromServer(mailbox.text, utf8Accepted);
    if (response.args.size() == 4 && !readExtended(response.args[3], data.extended))
        return std::nullopt;
    return data;
}

} // namespace cachet::imap
