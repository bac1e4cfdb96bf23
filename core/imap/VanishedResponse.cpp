#include "imap/VanishedResponse.h"

namespace cachet::imap {

std::optional<VanishedData> readVanished(const Response& response)
{
    // expunged-resp = "VANISHED" [SP "(EARLIER)"] SP known-uids
    if (!response.isData("VANISHED") || response.args.empty() || response.args.size() > 2)
        return std::nullopt;
    VanishedData data;
    if (response.args.size() == 2) {
        const ImapArg& earlier = response.args[0];
        if (earlier.type != ImapArg::Type::List || earlier.items.size() != 1 || !earlier.items[0].isAtom("EARLIER"))
            return std::nullopt;
        data.earlier = true;
    }
    const ImapArg& uids = response.args.back();
    if (uids.type != ImapArg::Type::Atom)
        return std::nullopt;
    auto set = SequenceSet::parse(uids.text, uids.text.size());
    if (!set)
        return std::nullopt;
    for (const SequenceSet::Range& r : set->ranges()) {
        if (r.first == 0 || r.last == 0) // UIDs, never "*"
            return std::nullopt;
    }
    data.uids = std::move(*set);
    return data;
}

} // namespace cachet::imap
