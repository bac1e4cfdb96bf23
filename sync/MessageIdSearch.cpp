#include "sync/MessageIdSearch.h"

#include "imap/SearchResponse.h"

namespace cachet::sync {

std::optional<std::vector<std::uint32_t>> uidsWithMessageId(ImapConnection& imap, const std::string& messageId)
{
    imap::ClientCommand search = imap.command("UID SEARCH");
    search.raw("HEADER Message-ID").string("<" + messageId + ">");
    std::vector<std::uint32_t> found;
    const imap::Response done = imap.run(std::move(search), [&](imap::Response& r) {
        if (auto uids = imap::readSearch(r))
            found.insert(found.end(), uids->numbers.begin(), uids->numbers.end());
    });
    if (done.status != imap::Response::Status::Ok)
        return std::nullopt;
    return found;
}

} // namespace cachet::sync
