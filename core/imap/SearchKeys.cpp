#include "imap/SearchKeys.h"

#include "imap/ImapArg.h"
#include "store/Flags.h"
#include "text/AsciiText.h"

#include <array>
#include <chrono>
#include <string_view>

namespace cachet::imap {

namespace {

using Kind = SearchKey::Kind;

// date-text = date-day "-" date-month "-" date-year, e.g. "1-Feb-1994" (RFC 3501 §9),
// as days since 1970-01-01. The month name is case-insensitive, like every literal in the ABNF.
std::optional<std::int64_t> readDate(std::string_view text)
{
    const std::size_t dash1 = text.find('-');
    const std::size_t dash2 = dash1 == std::string_view::npos ? dash1 : text.find('-', dash1 + 1);
    if (dash2 == std::string_view::npos)
        return std::nullopt;
    const std::string_view dayText = text.substr(0, dash1);
    const std::string_view monthText = text.substr(dash1 + 1, dash2 - dash1 - 1);
    const std::string_view yearText = text.substr(dash2 + 1);
    if (dayText.empty() || dayText.size() > 2 || yearText.size() != 4)
        return std::nullopt;
    const auto dayNumber = decimalValue(dayText, 99);
    const auto yearNumber = decimalValue(yearText, 9999);
    if (!dayNumber || !yearNumber)
        return std::nullopt;
    static constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
    unsigned month = 0;
    for (unsigned i = 0; i < kMonths.size(); ++i) {
        if (text::equalsIgnoreCase(monthText, kMonths[i]))
            month = i + 1;
    }
    if (month == 0)
        return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(static_cast<int>(*yearNumber)),
                                           std::chrono::month(month),
                                           std::chrono::day(static_cast<unsigned>(*dayNumber))};
    if (!date.ok()) // "31-Feb-2020"
        return std::nullopt;
    return std::chrono::sys_days(date).time_since_epoch().count();
}

class SearchKeyParser {
public:
    SearchKeyParser(const std::vector<CommandArg>& args, std::size_t pos) : m_args(args), m_pos(pos) {}

    SearchParse run()
    {
        SearchParse result;
        if (atEnd())
            return fail("SEARCH needs a search key");
        if (m_args[m_pos].type == CommandArg::Type::Atom && text::equalsIgnoreCase(m_args[m_pos].text, "CHARSET")) {
            ++m_pos;
            const auto charset = astring();
            if (!charset)
                return fail("CHARSET needs a charset name");
            // The bridge holds text as UTF-8; US-ASCII is a subset of it.
            if (!text::equalsIgnoreCase(*charset, "UTF-8") && !text::equalsIgnoreCase(*charset, "US-ASCII")) {
                result.status = SearchParse::Status::BadCharset;
                result.error = "Unsupported charset " + text::asciiUpper(charset->substr(0, 64));
                return result;
            }
            if (atEnd())
                return fail("SEARCH needs a search key");
        }
        SearchKey all;
        all.kind = Kind::And;
        while (!atEnd()) {
            auto key = searchKey(0);
            if (!key)
                return fail(m_error);
            all.children.push_back(std::move(*key));
        }
        result.status = SearchParse::Status::Ok;
        result.usesModSeq = m_usesModSeq;
        result.key = all.children.size() == 1 ? std::move(all.children.front()) : std::move(all);
        return result;
    }

private:
    bool atEnd() const { return m_pos >= m_args.size(); }

    SearchParse fail(std::string error) const
    {
        SearchParse result;
        result.status = SearchParse::Status::Bad;
        result.error = std::move(error);
        return result;
    }

    std::optional<SearchKey> error(std::string text)
    {
        if (m_error.empty())
            m_error = std::move(text);
        return std::nullopt;
    }

    // astring: an atom, a quoted string or a literal. NIL is the atom "NIL" here.
    std::optional<std::string> astring()
    {
        if (atEnd())
            return std::nullopt;
        const CommandArg& arg = m_args[m_pos];
        switch (arg.type) {
        case CommandArg::Type::Atom:
        case CommandArg::Type::String:
            ++m_pos;
            return arg.text;
        case CommandArg::Type::Nil:
            ++m_pos;
            return std::string("NIL");
        case CommandArg::Type::List:
            break;
        }
        return std::nullopt;
    }

    std::optional<SearchKey> withText(Kind kind, const char* keyName, std::string field = {})
    {
        auto value = astring();
        if (!value)
            return error(std::string(keyName) + " needs a string");
        SearchKey key;
        key.kind = kind;
        key.field = std::move(field);
        key.text = std::move(*value);
        return key;
    }

    std::optional<SearchKey> withDate(Kind kind, const char* keyName)
    {
        const auto value = astring();
        const auto day = value ? readDate(*value) : std::nullopt;
        if (!day)
            return error(std::string(keyName) + " needs a date like 1-Feb-1994");
        SearchKey key;
        key.kind = kind;
        key.day = *day;
        return key;
    }

    std::optional<SearchKey> withNumber(Kind kind, const char* keyName, std::uint64_t max)
    {
        const auto value = astring();
        const auto number = value ? decimalValue(*value, max) : std::nullopt;
        if (!number)
            return error(std::string(keyName) + " needs a number");
        SearchKey key;
        key.kind = kind;
        key.number = *number;
        return key;
    }

    std::optional<SearchKey> withSet(Kind kind, const std::string& text)
    {
        auto set = SequenceSet::parse(text);
        if (!set)
            return error("Invalid sequence set");
        SearchKey key;
        key.kind = kind;
        key.set = std::move(set);
        return key;
    }

    std::optional<SearchKey> withChildren(Kind kind, std::size_t count, std::size_t depth)
    {
        SearchKey key;
        key.kind = kind;
        for (std::size_t i = 0; i < count; ++i) {
            if (atEnd())
                return error(kind == Kind::Or ? "OR needs two search keys" : "NOT needs a search key");
            auto child = searchKey(depth + 1);
            if (!child)
                return std::nullopt;
            key.children.push_back(std::move(*child));
        }
        return key;
    }

    static SearchKey simple(Kind kind, std::uint32_t flag = 0)
    {
        SearchKey key;
        key.kind = kind;
        key.flag = flag;
        return key;
    }

    // search-key (RFC 3501 §9, RFC 7162 §7 search-modsequence).
    std::optional<SearchKey> searchKey(std::size_t depth)
    {
        if (depth >= kMaxSearchKeyDepth)
            return error("Search keys nested too deeply");
        const CommandArg& arg = m_args[m_pos++];
        if (arg.type == CommandArg::Type::List) {
            if (arg.items.empty())
                return error("Empty search key list");
            SearchKeyParser inner(arg.items, 0);
            inner.m_usesModSeq = m_usesModSeq;
            SearchKey key;
            key.kind = Kind::And;
            while (!inner.atEnd()) {
                auto child = inner.searchKey(depth + 1);
                if (!child)
                    return error(inner.m_error);
                key.children.push_back(std::move(*child));
            }
            m_usesModSeq = inner.m_usesModSeq;
            return key;
        }
        if (arg.type != CommandArg::Type::Atom || arg.text.empty())
            return error("Invalid search key");
        const char c = arg.text.front();
        if ((c >= '0' && c <= '9') || c == '*')
            return withSet(Kind::SequenceSet, arg.text);

        const std::string name = text::asciiUpper(arg.text);
        using namespace store;
        if (name == "ALL") return simple(Kind::All);
        if (name == "ANSWERED") return simple(Kind::FlagSet, FlagAnswered);
        if (name == "DELETED") return simple(Kind::FlagSet, FlagDeleted);
        if (name == "DRAFT") return simple(Kind::FlagSet, FlagDraft);
        if (name == "FLAGGED") return simple(Kind::FlagSet, FlagFlagged);
        if (name == "SEEN") return simple(Kind::FlagSet, FlagSeen);
        if (name == "UNANSWERED") return simple(Kind::FlagUnset, FlagAnswered);
        if (name == "UNDELETED") return simple(Kind::FlagUnset, FlagDeleted);
        if (name == "UNDRAFT") return simple(Kind::FlagUnset, FlagDraft);
        if (name == "UNFLAGGED") return simple(Kind::FlagUnset, FlagFlagged);
        if (name == "UNSEEN") return simple(Kind::FlagUnset, FlagSeen);
        if (name == "RECENT") return simple(Kind::Recent);
        if (name == "NEW") return simple(Kind::New);
        if (name == "OLD") return simple(Kind::Old);
        if (name == "KEYWORD") return withText(Kind::Keyword, "KEYWORD");
        if (name == "UNKEYWORD") return withText(Kind::Unkeyword, "UNKEYWORD");
        if (name == "BEFORE") return withDate(Kind::Before, "BEFORE");
        if (name == "ON") return withDate(Kind::On, "ON");
        if (name == "SINCE") return withDate(Kind::Since, "SINCE");
        if (name == "SENTBEFORE") return withDate(Kind::SentBefore, "SENTBEFORE");
        if (name == "SENTON") return withDate(Kind::SentOn, "SENTON");
        if (name == "SENTSINCE") return withDate(Kind::SentSince, "SENTSINCE");
        if (name == "LARGER") return withNumber(Kind::Larger, "LARGER", 0xffffffffu);
        if (name == "SMALLER") return withNumber(Kind::Smaller, "SMALLER", 0xffffffffu);
        if (name == "BODY") return withText(Kind::Body, "BODY");
        if (name == "TEXT") return withText(Kind::Text, "TEXT");
        if (name == "FROM") return withText(Kind::AddressHeader, "FROM", "From");
        if (name == "TO") return withText(Kind::AddressHeader, "TO", "To");
        if (name == "CC") return withText(Kind::AddressHeader, "CC", "Cc");
        if (name == "BCC") return withText(Kind::AddressHeader, "BCC", "Bcc");
        if (name == "SUBJECT") return withText(Kind::Header, "SUBJECT", "Subject");
        if (name == "HEADER") {
            auto field = astring();
            if (!field || field->empty())
                return error("HEADER needs a field name and a string");
            return withText(Kind::Header, "HEADER", std::move(*field));
        }
        if (name == "UID") {
            const auto set = astring();
            if (!set)
                return error("UID needs a sequence set");
            return withSet(Kind::Uid, *set);
        }
        if (name == "NOT") return withChildren(Kind::Not, 1, depth);
        if (name == "OR") return withChildren(Kind::Or, 2, depth);
        if (name == "MODSEQ") return modSeq();
        return error("Unknown search key " + name.substr(0, 64));
    }

    // "MODSEQ" [SP entry-name SP entry-type-req] SP mod-sequence-valzer (RFC 7162 §3.1.5).
    // The bridge keeps one MODSEQ per message, so the metadata item is read and not used:
    // the message's MODSEQ is at least that of any of its flags (§3.1.5 allows this).
    std::optional<SearchKey> modSeq()
    {
        if (m_pos + 2 < m_args.size() && m_args[m_pos].type == CommandArg::Type::String) {
            const std::string type = text::asciiLower(m_args[m_pos + 1].text);
            if (m_args[m_pos + 1].type != CommandArg::Type::Atom
                || (type != "priv" && type != "shared" && type != "all"))
                return error("MODSEQ entry type must be priv, shared or all");
            m_pos += 2;
        }
        m_usesModSeq = true;
        return withNumber(Kind::ModSeq, "MODSEQ", 0x7fffffffffffffffull);
    }

    const std::vector<CommandArg>& m_args;
    std::size_t m_pos = 0;
    std::string m_error;
    bool m_usesModSeq = false;
};

} // namespace

SearchParse parseSearchKeys(const std::vector<CommandArg>& args, std::size_t first)
{
    return SearchKeyParser(args, first).run();
}

} // namespace cachet::imap
