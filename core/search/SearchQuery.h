#pragma once
// The query language shared by `cachet-cli search` and the GUI's search field:
//   from:ADDR  to:ADDR  subject:WORD  has:attachment  is:unread|read|flagged|answered
//   before:YYYY-MM-DD  after:YYYY-MM-DD  in:MAILBOX  free words  "a phrase"  -excluded  prefix*
// Terms are ANDed. Free words and phrases are matched in the full-text index
// (subject, addresses, body, attachment names); the rest are SQL conditions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::store {
class Database;
}

namespace cachet::search {

class SearchQuery {
public:
    // Throws QueryError (std::invalid_argument) with a message naming the bad term.
    static SearchQuery parse(std::string_view text);

    // The WHERE clause over `entry e JOIN message m ON m.id = <the document
    // shown for e.message_id> JOIN mailbox b ON b.id = e.mailbox_id` (the
    // decrypted one where there is one, store/MessageOpenPgp.h), and the
    // values to bind in order.
    const std::string& where() const { return m_where; }
    const std::vector<std::string>& textBindings() const { return m_bindings; }

private:
    void addCondition(std::string sql, std::vector<std::string> bindings = {});
    std::string m_where;
    std::vector<std::string> m_bindings;
};

struct SearchHit {
    std::string mailbox;
    std::uint32_t uid = 0;
    std::int64_t messageId = 0; // the entry's (the original)
    std::uint32_t flags = 0;
    std::int64_t internalDate = 0;
};

// Newest first; `limit` < 0 for all.
std::vector<SearchHit> runSearch(store::Database& db, const SearchQuery& query, std::int64_t limit);

} // namespace cachet::search
