#include "bridge/SearchEvaluator.h"

#include "bridge/MessageSearchText.h"
#include "bridge/SentDay.h"
#include "store/Flags.h"
#include "store/Messages.h"
#include "text/AsciiText.h"
#include "text/SearchFolding.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>

namespace cachet::bridge {

namespace {

using imap::SearchKey;
using Kind = SearchKey::Kind;

// Kleene's three values: Unknown is "needs the message's bytes".
enum class Truth { False, True, Unknown };

Truth truth(bool value)
{
    return value ? Truth::True : Truth::False;
}

// Ids per IN (...) list: well below SQLite's expression depth and length limits.
constexpr std::size_t kIdsPerQuery = 500;

struct MessageColumns {
    std::int64_t size = 0;  // raw bytes; served bytes are between size and 2 * size
    std::int64_t sentDay = 0;
};

bool hasKeyword(std::string_view keywords, std::string_view keyword)
{
    std::size_t pos = 0;
    while (pos <= keywords.size()) {
        std::size_t end = keywords.find(' ', pos);
        if (end == std::string_view::npos)
            end = keywords.size();
        if (end > pos && text::equalsIgnoreCase(keywords.substr(pos, end - pos), keyword))
            return true;
        pos = end + 1;
    }
    return false;
}

bool inRanges(const std::vector<imap::SequenceSet::Range>& ranges, std::uint32_t n)
{
    auto it = std::upper_bound(ranges.begin(), ranges.end(), n,
                               [](std::uint32_t value, const imap::SequenceSet::Range& r) { return value < r.first; });
    return it != ranges.begin() && n <= std::prev(it)->last;
}

class Evaluation {
public:
    Evaluation(store::Database& db, const std::vector<SearchMessage>& messages) : m_db(db), m_messages(messages)
    {
        for (const SearchMessage& m : messages) {
            m_largestSeq = std::max(m_largestSeq, m.seq);
            m_largestUid = std::max(m_largestUid, m.uid);
        }
    }

    std::vector<std::size_t> run(const SearchKey& key)
    {
        prepare(key);
        if (m_needColumns)
            loadColumns();
        std::vector<std::size_t> out;
        for (std::size_t i = 0; i < m_messages.size(); ++i) {
            Truth t = cheap(key, i);
            if (t == Truth::Unknown)
                t = truth(full(key, i));
            if (t == Truth::True)
                out.push_back(i);
        }
        return out;
    }

private:
    // Everything a key needs that does not depend on the message: resolved
    // sets, folded search strings, which columns to load.
    void prepare(const SearchKey& key)
    {
        switch (key.kind) {
        case Kind::SequenceSet:
            m_sets[&key] = key.set ? key.set->resolve(m_largestSeq) : std::vector<imap::SequenceSet::Range>();
            break;
        case Kind::Uid:
            m_sets[&key] = key.set ? key.set->resolve(m_largestUid) : std::vector<imap::SequenceSet::Range>();
            break;
        case Kind::Header:
        case Kind::AddressHeader:
        case Kind::Body:
        case Kind::Text:
            m_needles[&key] = text::foldForSearch(key.text);
            break;
        case Kind::Larger:
        case Kind::Smaller:
            m_needColumns = true;
            break;
        case Kind::SentBefore:
        case Kind::SentOn:
        case Kind::SentSince:
            m_needColumns = true;
            m_needSentDay = true;
            break;
        default:
            break;
        }
        for (const SearchKey& child : key.children)
            prepare(child);
    }

    void loadColumns()
    {
        std::vector<std::int64_t> ids;
        ids.reserve(m_messages.size());
        for (const SearchMessage& m : m_messages)
            ids.push_back(m.messageId);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());

        std::unordered_map<std::int64_t, MessageColumns> byId;
        std::unordered_map<std::int64_t, std::optional<std::pair<std::int64_t, int>>> sentById;
        for (std::size_t begin = 0; begin < ids.size(); begin += kIdsPerQuery) {
            std::string sql = m_needSentDay ? "SELECT id, size, date, envelope FROM message WHERE id IN ("
                                            : "SELECT id, size FROM message WHERE id IN (";
            const std::size_t end = std::min(ids.size(), begin + kIdsPerQuery);
            for (std::size_t i = begin; i < end; ++i) {
                if (i > begin)
                    sql += ',';
                sql += std::to_string(ids[i]);
            }
            sql += ')';
            store::Statement st = m_db.prepare(sql);
            while (st.step()) {
                const std::int64_t id = st.columnInt(0);
                byId[id].size = st.columnInt(1);
                if (m_needSentDay && !st.isNull(2))
                    sentById[id] = std::make_pair(st.columnInt(2), zoneOffsetMinutes(envelopeDate(st.columnText(3))));
            }
        }
        m_columns.resize(m_messages.size());
        for (std::size_t i = 0; i < m_messages.size(); ++i) {
            const SearchMessage& m = m_messages[i];
            MessageColumns& c = m_columns[i];
            c = byId[m.messageId];
            const auto sent = sentById.find(m.messageId);
            if (sent != sentById.end() && sent->second)
                c.sentDay = dayOf(sent->second->first, sent->second->second);
            else
                c.sentDay = 0; // no readable Date: 1-Jan-1970, as Dovecot 2.3 compares it
        }
    }

    // What can be told without the message's bytes.
    Truth cheap(const SearchKey& key, std::size_t i)
    {
        const SearchMessage& m = m_messages[i];
        switch (key.kind) {
        case Kind::All:
            return Truth::True;
        case Kind::And: {
            Truth result = Truth::True;
            for (const SearchKey& child : key.children) {
                const Truth t = cheap(child, i);
                if (t == Truth::False)
                    return Truth::False;
                if (t == Truth::Unknown)
                    result = Truth::Unknown;
            }
            return result;
        }
        case Kind::Or: {
            Truth result = Truth::False;
            for (const SearchKey& child : key.children) {
                const Truth t = cheap(child, i);
                if (t == Truth::True)
                    return Truth::True;
                if (t == Truth::Unknown)
                    result = Truth::Unknown;
            }
            return result;
        }
        case Kind::Not: {
            const Truth t = key.children.empty() ? Truth::Unknown : cheap(key.children.front(), i);
            return t == Truth::Unknown ? t : truth(t == Truth::False);
        }
        case Kind::SequenceSet:
            return truth(inRanges(m_sets[&key], m.seq));
        case Kind::Uid:
            return truth(inRanges(m_sets[&key], m.uid));
        case Kind::FlagSet:
            return truth((m.flags & key.flag) != 0);
        case Kind::FlagUnset:
            return truth((m.flags & key.flag) == 0);
        case Kind::Keyword:
            return truth(hasKeyword(m.keywords, key.text));
        case Kind::Unkeyword:
            return truth(!hasKeyword(m.keywords, key.text));
        case Kind::Recent:
            return truth(m.recent);
        case Kind::New:
            return truth(m.recent && (m.flags & store::FlagSeen) == 0);
        case Kind::Old:
            return truth(!m.recent);
        case Kind::Before:
            return truth(dayOf(m.internalDate) < key.day);
        case Kind::On:
            return truth(dayOf(m.internalDate) == key.day);
        case Kind::Since:
            return truth(dayOf(m.internalDate) >= key.day);
        case Kind::SentBefore:
            return truth(m_columns[i].sentDay < key.day);
        case Kind::SentOn:
            return truth(m_columns[i].sentDay == key.day);
        case Kind::SentSince:
            return truth(m_columns[i].sentDay >= key.day);
        case Kind::ModSeq:
            return truth(m.modSeq >= 0 && static_cast<std::uint64_t>(m.modSeq) >= key.number);
        case Kind::Larger:
        case Kind::Smaller:
            return sizeTruth(key, i);
        case Kind::Header:
        case Kind::AddressHeader:
        case Kind::Body:
        case Kind::Text:
            return Truth::Unknown;
        }
        return Truth::Unknown;
    }

    // The served size lies between the raw size and twice it (every byte a bare LF),
    // so most sizes are decided without reading the message.
    Truth sizeTruth(const SearchKey& key, std::size_t i)
    {
        std::uint64_t low = 0;
        std::uint64_t high = 0;
        if (m_servedSize.size() > i && m_servedSize[i]) {
            low = high = *m_servedSize[i];
        } else {
            low = static_cast<std::uint64_t>(std::max<std::int64_t>(m_columns[i].size, 0));
            high = low * 2;
        }
        if (key.kind == Kind::Larger)
            return low > key.number ? Truth::True : high <= key.number ? Truth::False : Truth::Unknown;
        return high < key.number ? Truth::True : low >= key.number ? Truth::False : Truth::Unknown;
    }

    // Decides with the message's bytes where needed: known children first, so
    // an AND whose flag test already failed never reads the message.
    bool full(const SearchKey& key, std::size_t i)
    {
        const Truth known = cheap(key, i);
        if (known != Truth::Unknown)
            return known == Truth::True;
        switch (key.kind) {
        case Kind::And:
            for (const SearchKey& child : key.children) {
                if (cheap(child, i) == Truth::Unknown && !full(child, i))
                    return false;
            }
            return true;
        case Kind::Or:
            for (const SearchKey& child : key.children) {
                if (cheap(child, i) == Truth::Unknown && full(child, i))
                    return true;
            }
            return false;
        case Kind::Not:
            return !full(key.children.front(), i);
        case Kind::Larger:
        case Kind::Smaller:
            if (m_servedSize.size() <= i)
                m_servedSize.resize(m_messages.size());
            m_servedSize[i] = content(i).servedSize();
            return sizeTruth(key, i) == Truth::True;
        case Kind::Header:
            return content(i).headerContains(key.field, false, m_needles[&key]);
        case Kind::AddressHeader:
            return content(i).headerContains(key.field, true, m_needles[&key]);
        case Kind::Body:
            return content(i).bodyContains(m_needles[&key]);
        case Kind::Text:
            return content(i).textContains(m_needles[&key]);
        default:
            return false;
        }
    }

    // The message being decided; the previous one is dropped, so a search
    // holds one message in memory at a time.
    MessageSearchText& content(std::size_t i)
    {
        if (!m_content || m_contentIndex != i) {
            m_content = std::make_unique<MessageSearchText>(store::Messages(m_db).readRaw(m_messages[i].messageId));
            m_contentIndex = i;
        }
        return *m_content;
    }

    store::Database& m_db;
    const std::vector<SearchMessage>& m_messages;
    std::uint32_t m_largestSeq = 0;
    std::uint32_t m_largestUid = 0;
    bool m_needColumns = false;
    bool m_needSentDay = false;
    std::unordered_map<const SearchKey*, std::vector<imap::SequenceSet::Range>> m_sets;
    std::unordered_map<const SearchKey*, std::string> m_needles;
    std::vector<MessageColumns> m_columns;
    std::vector<std::optional<std::size_t>> m_servedSize;
    std::unique_ptr<MessageSearchText> m_content;
    std::size_t m_contentIndex = 0;
};

} // namespace

std::vector<std::size_t> SearchEvaluator::matching(const SearchKey& key, const std::vector<SearchMessage>& messages)
{
    return Evaluation(m_db, messages).run(key);
}

std::int64_t SearchEvaluator::highestModSeq(const std::vector<std::size_t>& matches,
                                            const std::vector<SearchMessage>& messages)
{
    std::int64_t highest = 0;
    for (std::size_t i : matches) {
        if (i < messages.size())
            highest = std::max(highest, messages[i].modSeq);
    }
    return highest;
}

} // namespace cachet::bridge
