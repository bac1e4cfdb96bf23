#include "search/SearchQuery.h"

#include "store/Flags.h"
#include "store/Mailboxes.h"
#include "store/MessageOpenPgp.h"
#include "store/Sqlite.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

#include <cctype>
#include <stdexcept>

namespace cachet::search {

namespace {

constexpr std::size_t kMaxQueryLength = 4096;
constexpr std::size_t kMaxTerms = 64;

struct Term {
    bool negated = false;
    std::string key;   // empty for a free word or phrase
    std::string value;
    bool quoted = false;
};

// Splits on whitespace, keeping "quoted phrases" (also after key:) together.
std::vector<Term> tokenize(std::string_view text)
{
    std::vector<Term> terms;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        if (i >= text.size())
            break;
        Term t;
        if (text[i] == '-') {
            t.negated = true;
            ++i;
        }
        std::size_t start = i;
        // key: a run of letters followed by ':'
        while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])))
            ++i;
        if (i < text.size() && text[i] == ':' && i > start) {
            t.key = std::string(text.substr(start, i - start));
            for (char& c : t.key)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            ++i;
        } else {
            i = start;
        }
        if (i < text.size() && text[i] == '"') {
            std::size_t close = text.find('"', i + 1);
            if (close == std::string_view::npos)
                close = text.size();
            t.value = std::string(text.substr(i + 1, close - i - 1));
            t.quoted = true;
            i = close == text.size() ? close : close + 1;
        } else {
            std::size_t end = i;
            while (end < text.size() && text[end] != ' ' && text[end] != '\t')
                ++end;
            t.value = std::string(text.substr(i, end - i));
            i = end;
        }
        if (!t.value.empty() || !t.key.empty())
            terms.push_back(std::move(t));
    }
    return terms;
}

// An FTS4 MATCH expression for one word or phrase: always a quoted phrase, with
// FTS syntax characters removed, so user text can never be a syntax error; a
// trailing '*' is kept as a prefix search.
std::string ftsPhrase(const std::string& value)
{
    std::string clean;
    const bool prefix = !value.empty() && value.back() == '*';
    for (char c : value) {
        if (c == '"' || c == '*')
            clean += ' ';
        else
            clean += c;
    }
    while (!clean.empty() && clean.back() == ' ')
        clean.pop_back();
    // FTS4 takes the prefix mark inside the quotes: "gard*" (not "gard"*).
    return '"' + clean + (prefix && !clean.empty() ? "*" : "") + '"';
}

std::int64_t parseDay(const std::string& key, const std::string& value)
{
    const QDate day = QDate::fromString(QString::fromStdString(value), Qt::ISODate);
    if (!day.isValid())
        throw std::invalid_argument(key + ": needs a date as YYYY-MM-DD, not \"" + value + "\"");
    return QDateTime(day, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
}

std::string likePattern(const std::string& value)
{
    std::string out = "%";
    for (char c : value) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "%";
}

} // namespace

void SearchQuery::addCondition(std::string sql, std::vector<std::string> bindings)
{
    if (!m_where.empty())
        m_where += " AND ";
    m_where += "(" + sql + ")";
    for (auto& b : bindings)
        m_bindings.push_back(std::move(b));
}

SearchQuery SearchQuery::parse(std::string_view text)
{
    if (text.size() > kMaxQueryLength)
        throw std::invalid_argument("the query is too long");
    SearchQuery q;
    const std::vector<Term> terms = tokenize(text);
    if (terms.size() > kMaxTerms)
        throw std::invalid_argument("the query has too many terms");

    const std::string dateExpr = "coalesce(m.date, e.internaldate)";
    for (const Term& t : terms) {
        const std::string neg = t.negated ? "NOT " : "";
        // FTS4's "column:" prefix does not apply to a quoted phrase; naming the
        // column on the left of MATCH restricts the whole expression to it.
        auto fts = [&](const char* column) {
            q.addCondition(neg + "m.id IN (SELECT docid FROM message_text WHERE " + column + " MATCH ?)",
                           {ftsPhrase(t.value)});
        };
        if (t.key.empty()) {
            fts("message_text");
        } else if (t.key == "subject") {
            fts("subject");
        } else if (t.key == "body") {
            fts("body");
        } else if (t.key == "from") {
            q.addCondition(neg + "m.from_text LIKE ? ESCAPE '\\'", {likePattern(t.value)});
        } else if (t.key == "to") {
            q.addCondition(neg + "(m.to_text LIKE ? ESCAPE '\\' OR m.cc_text LIKE ? ESCAPE '\\')",
                           {likePattern(t.value), likePattern(t.value)});
        } else if (t.key == "in") {
            q.addCondition(neg + "b.name = ?", {store::Mailboxes::canonicalName(t.value)});
        } else if (t.key == "has" && t.value == "attachment") {
            q.addCondition(neg + "m.has_attachment = 1");
        } else if (t.key == "is") {
            const std::pair<const char*, std::string> states[] = {
                {"unread", "(e.flags & " + std::to_string(store::FlagSeen) + ") = 0"},
                {"read", "(e.flags & " + std::to_string(store::FlagSeen) + ") <> 0"},
                {"flagged", "(e.flags & " + std::to_string(store::FlagFlagged) + ") <> 0"},
                {"answered", "(e.flags & " + std::to_string(store::FlagAnswered) + ") <> 0"},
                {"draft", "(e.flags & " + std::to_string(store::FlagDraft) + ") <> 0"},
                {"deleted", "(e.flags & " + std::to_string(store::FlagDeleted) + ") <> 0"},
            };
            bool known = false;
            for (const auto& [name, sql] : states) {
                if (t.value == name) {
                    q.addCondition(neg + sql);
                    known = true;
                }
            }
            if (!known)
                throw std::invalid_argument("is: takes unread, read, flagged, answered, draft or deleted, not \"" + t.value + "\"");
        } else if (t.key == "before") {
            q.addCondition(neg + dateExpr + " < " + std::to_string(parseDay(t.key, t.value)));
        } else if (t.key == "after") {
            q.addCondition(neg + dateExpr + " >= " + std::to_string(parseDay(t.key, t.value) + 86400));
        } else {
            throw std::invalid_argument("unknown search term \"" + t.key + ":" + t.value
                                        + "\" (known: from: to: subject: body: in: has:attachment is: before: after:)");
        }
    }
    if (q.m_where.empty())
        throw std::invalid_argument("the query is empty");
    return q;
}

std::vector<SearchHit> runSearch(store::Database& db, const SearchQuery& query, std::int64_t limit)
{
    store::Statement st = db.prepare(
        "SELECT b.name, e.uid, e.message_id, e.flags, e.internaldate FROM entry e"
        " JOIN message m ON m.id = " + store::servedIdSql("e.message_id")
        + " JOIN mailbox b ON b.id = e.mailbox_id WHERE "
        + query.where() + " ORDER BY coalesce(m.date, e.internaldate) DESC, e.uid DESC LIMIT ?");
    int index = 1;
    for (const std::string& value : query.textBindings())
        st.bind(index++, value);
    st.bind(index, limit);
    std::vector<SearchHit> hits;
    while (st.step()) {
        SearchHit h;
        h.mailbox = st.columnText(0);
        h.uid = static_cast<std::uint32_t>(st.columnInt(1));
        h.messageId = st.columnInt(2);
        h.flags = static_cast<std::uint32_t>(st.columnInt(3));
        h.internalDate = st.columnInt(4);
        hits.push_back(std::move(h));
    }
    return hits;
}

} // namespace cachet::search
