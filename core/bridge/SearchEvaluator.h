#pragma once
// Evaluates a SEARCH key tree (imap/SearchKeys.h) over the messages of the
// selected mailbox, for SEARCH and UID SEARCH (RFC 3501 §6.4.4, §6.4.8).
//
// Cheap keys go first: flags, sequence numbers, UIDs, dates, MODSEQ and sizes
// are decided from the entries and one batch query over the message table;
// only messages those leave undecided are read and parsed for the text keys
// (bridge/MessageSearchText.h), one at a time.
//
// Dates: BEFORE, ON and SINCE compare the UTC day of INTERNALDATE (the store
// keeps it as epoch seconds with no zone; Dovecot uses its server's local
// zone, which is UTC on the bridge's machine only by chance). SENTBEFORE,
// SENTON and SENTSINCE compare the day written in the Date: header, in the
// sender's zone, as Dovecot does; a message without a readable Date: counts
// as sent on 1-Jan-1970, as in Dovecot 2.3 (the oracle test found it so; the
// RFC says nothing).

#include "imap/SearchKeys.h"
#include "store/Sqlite.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cachet::bridge {

struct SearchMessage {
    std::uint32_t seq = 0;
    std::uint32_t uid = 0;
    std::int64_t messageId = 0;  // message.id in the store
    std::uint32_t flags = 0;     // store/Flags.h bits
    std::string keywords;        // space separated
    std::int64_t internalDate = 0; // seconds since the epoch
    std::int64_t modSeq = 0;
    bool recent = false;
};

class SearchEvaluator {
public:
    explicit SearchEvaluator(store::Database& db) : m_db(db) {}

    // Indexes into `messages` of the ones that match, in order. `messages` is
    // the whole selected mailbox in sequence order: '*' in a sequence set is
    // the last message's number or UID. Throws StoreError if a message that
    // must be read cannot be.
    std::vector<std::size_t> matching(const imap::SearchKey& key, const std::vector<SearchMessage>& messages);

    // The highest MODSEQ among `matches`, for "(MODSEQ n)" (RFC 7162 §3.1.5); 0 if none.
    static std::int64_t highestModSeq(const std::vector<std::size_t>& matches,
                                      const std::vector<SearchMessage>& messages);

private:
    store::Database& m_db;
};

} // namespace cachet::bridge
