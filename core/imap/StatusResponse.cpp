#include "imap/StatusResponse.h"

#include "imap/MailboxNameCodec.h"
#include "text/AsciiText.h"

namespace cachet::imap {

std::optional<StatusData> readStatus(const Response& response, bool utf8Accepted)
{
    // mailbox-data =/ "STATUS" SP mailbox SP "(" [status-att-list] ")"
    if (!response.isData("STATUS") || response.args.size() != 2 || !response.args[0].isAString()
        || response.args[1].type != ImapArg::Type::List || response.args[1].items.size() % 2 != 0)
        return std::nullopt;
    StatusData data;
    data.wireName = response.args[0].text;
    data.name = mailboxNameFromServer(data.wireName, utf8Accepted);
    const std::vector<ImapArg>& items = response.args[1].items;
    for (std::size_t i = 0; i < items.size(); i += 2) {
        if (items[i].type != ImapArg::Type::Atom)
            return std::nullopt;
        const std::string name = text::asciiUpper(items[i].text);
        const ImapArg& value = items[i + 1];
        std::optional<std::uint32_t>* counter = nullptr;
        if (name == "MESSAGES")
            counter = &data.messages;
        else if (name == "RECENT")
            counter = &data.recent;
        else if (name == "UIDNEXT")
            counter = &data.uidNext;
        else if (name == "UIDVALIDITY")
            counter = &data.uidValidity;
        else if (name == "UNSEEN")
            counter = &data.unseen;
        else if (name == "DELETED")
            counter = &data.deleted;
        if (counter) {
            *counter = numberOf(value);
            if (!*counter)
                return std::nullopt;
        } else if (name == "HIGHESTMODSEQ" || name == "SIZE") {
            auto& wide = name == "SIZE" ? data.size : data.highestModSeq;
            wide = number64Of(value);
            if (!wide)
                return std::nullopt;
        }
    }
    return data;
}

} // namespace cachet::imap
