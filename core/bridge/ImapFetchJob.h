#pragma once
// What a FETCH in progress keeps between the pieces of its answer
// (ImapSession::continueFetch): the items asked for, the messages left, and
// which ones had \Seen set by this FETCH.

#include "bridge/ImapSession.h"
#include "imap/FetchItems.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cachet::bridge {

struct ImapSession::FetchJob {
    std::string tag;
    bool byUid = false;
    std::vector<imap::FetchItem> items;
    std::vector<std::uint32_t> seqs;
    std::vector<char> flagsChanged; // per seqs entry: answer FLAGS even if not asked
    bool wantColumns = false;
    std::size_t next = 0;   // index into seqs of the next message to answer
    bool missing = false;   // some message was expunged elsewhere and collected
};

} // namespace cachet::bridge
