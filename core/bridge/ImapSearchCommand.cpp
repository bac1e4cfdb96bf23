// SEARCH and UID SEARCH (RFC 3501 §6.4.4, §6.4.8) — selected state — with the
// MODSEQ search key and "(MODSEQ n)" result (RFC 7162 §3.1.5). The grammar is
// imap/SearchKeys; the evaluation over the store is bridge/SearchEvaluator.

#include "bridge/ImapSession.h"
#include "bridge/SearchEvaluator.h"

#include "imap/SearchKeys.h"

namespace cachet::bridge {

ImapSession::Reply ImapSession::search(const Args& args, std::size_t first, bool byUid)
{
    if (args.size() <= first)
        return bad("SEARCH needs search keys.");
    const imap::SearchParse parsed = imap::parseSearchKeys(args, first);
    if (parsed.status == imap::SearchParse::Status::BadCharset)
        return no("[BADCHARSET (UTF-8 US-ASCII)] " + parsed.error);
    if (!parsed.ok())
        return bad("Invalid search: " + parsed.error + ".");
    if (parsed.usesModSeq)
        m_condstore = true; // a CONDSTORE-enabling command (RFC 7162 §3.1)

    // The client's view, messages expunged elsewhere included: its sequence
    // numbers still count them until it is told (RFC 3501 §7.4.1).
    const SelectedMailbox& mb = *m_selected;
    std::vector<SearchMessage> messages;
    messages.reserve(mb.count());
    for (std::uint32_t seq = 1; seq <= mb.count(); ++seq) {
        const ViewEntry& e = mb.entries()[seq - 1];
        messages.push_back(SearchMessage{seq, e.uid, e.servedId, e.flags, e.keywords, e.internalDate, e.modSeq, false});
    }
    const std::vector<std::size_t> matches = SearchEvaluator(m_context.store.db()).matching(parsed.key, messages);
    std::string line = "* SEARCH";
    for (std::size_t i : matches)
        line += ' ' + std::to_string(byUid ? messages[i].uid : messages[i].seq);
    if (parsed.usesModSeq && !matches.empty())
        line += " (MODSEQ " + std::to_string(SearchEvaluator::highestModSeq(matches, messages)) + ")";
    m_out += line + "\r\n";
    return ok("Search completed.");
}

} // namespace cachet::bridge
