#include "mime/ContentFields.h"

#include "text/AsciiText.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace cachet::mime {

namespace {

// tspecials (RFC 2045 §5.1) end a token.
bool isTSpecial(char c)
{
    switch (c) {
    case '(': case ')': case '<': case '>': case '@': case ',': case ';': case ':':
    case '\\': case '"': case '/': case '[': case ']': case '?': case '=':
        return true;
    default:
        return false;
    }
}

bool isTokenChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u != 0x7f && !isTSpecial(c);
}

class Tokenizer {
public:
    explicit Tokenizer(std::string_view text) : m_text(text) {}

    // Skips whitespace, folding and (nested) comments.
    void skipCfws()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                ++m_pos;
            } else if (c == '(') {
                int depth = 0;
                while (m_pos < m_text.size()) {
                    const char d = m_text[m_pos++];
                    if (d == '\\' && m_pos < m_text.size())
                        ++m_pos;
                    else if (d == '(')
                        ++depth;
                    else if (d == ')' && --depth == 0)
                        break;
                }
            } else {
                return;
            }
        }
    }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    bool consume(char c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    std::string token()
    {
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && isTokenChar(m_text[m_pos]))
            ++m_pos;
        return std::string(m_text.substr(start, m_pos - start));
    }
    // quoted-string without its quotes and escapes; nullopt if unterminated.
    std::optional<std::string> quoted()
    {
        std::string out;
        ++m_pos; // opening quote
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == '"')
                return out;
            if (c == '\\' && m_pos < m_text.size())
                out += m_text[m_pos++];
            else if (c != '\r' && c != '\n')
                out += c;
        }
        return std::nullopt;
    }
    void skipPast(char c)
    {
        while (m_pos < m_text.size() && m_text[m_pos] != c)
            ++m_pos;
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

// Parameters after the type: *(";" attribute "=" value).
std::vector<MimeParameter> parseParams(Tokenizer& t)
{
    std::vector<MimeParameter> params;
    while (true) {
        t.skipCfws();
        if (t.atEnd())
            break;
        if (!t.consume(';')) {
            t.skipPast(';');
            continue;
        }
        t.skipCfws();
        std::string name = t.token();
        t.skipCfws();
        // A parameter without "=" ends the list, as in Dovecot: what follows it
        // (even a boundary) is not read.
        if (name.empty() || !t.consume('='))
            break;
        t.skipCfws();
        std::optional<std::string> value;
        if (t.peek() == '"')
            value = t.quoted();
        else
            value = t.token();
        if (!value)
            break;
        params.push_back({std::move(name), std::move(*value)});
    }
    return params;
}

// RFC 2231 §3-4: "name*0*", "name*1", ... joined in index order into "name*"
// (if any segment is charset-encoded) or "name"; "name*" alone stays. Dovecot
// lists all of these after the plain parameters.
std::vector<MimeParameter> applyRfc2231(std::vector<MimeParameter> params)
{
    std::vector<MimeParameter> plain;
    struct Joined {
        std::string baseName;
        bool extended = false;
        std::map<unsigned, std::string> segments;
        std::size_t order = 0;
    };
    std::vector<Joined> joined;
    std::vector<std::pair<std::size_t, MimeParameter>> starred; // (order, param) for "name*"
    std::size_t order = 0;
    for (auto& p : params) {
        const std::size_t star = p.name.find('*');
        if (star == std::string::npos) {
            plain.push_back(std::move(p));
            continue;
        }
        const std::string base = p.name.substr(0, star);
        std::string rest = p.name.substr(star + 1);
        if (rest.empty()) {
            starred.emplace_back(order++, std::move(p));
            continue;
        }
        bool extended = false;
        if (rest.back() == '*') {
            extended = true;
            rest.pop_back();
        }
        const bool numeric = !rest.empty() && rest.size() < 6
            && std::all_of(rest.begin(), rest.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
        if (!numeric) {
            starred.emplace_back(order++, std::move(p));
            continue;
        }
        auto it = std::find_if(joined.begin(), joined.end(),
                               [&](const Joined& j) { return text::asciiLower(j.baseName) == text::asciiLower(base); });
        if (it == joined.end()) {
            joined.push_back({base, false, {}, order++});
            it = joined.end() - 1;
        }
        it->extended = it->extended || extended;
        it->segments[static_cast<unsigned>(std::stoul(rest))] = std::move(p.value);
    }
    std::vector<std::pair<std::size_t, MimeParameter>> tail = std::move(starred);
    for (auto& j : joined) {
        std::string value;
        for (auto& [index, segment] : j.segments)
            value += segment;
        tail.emplace_back(j.order, MimeParameter{j.baseName + (j.extended ? "*" : ""), std::move(value)});
    }
    std::sort(tail.begin(), tail.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [o, p] : tail)
        plain.push_back(std::move(p));
    return plain;
}

} // namespace

std::optional<ContentType> parseContentType(std::string_view rawValue)
{
    Tokenizer t(rawValue);
    t.skipCfws();
    ContentType ct;
    ct.type = t.token();
    if (ct.type.empty())
        return std::nullopt;
    t.skipCfws();
    if (t.consume('/')) {
        t.skipCfws();
        ct.subtype = t.token();
        if (ct.subtype.empty())
            return std::nullopt;
        t.skipCfws();
    }
    if (!t.atEnd() && t.peek() != ';')
        return std::nullopt;
    ct.params = applyRfc2231(parseParams(t));
    return ct;
}

std::optional<ContentDisposition> parseContentDisposition(std::string_view rawValue)
{
    Tokenizer t(rawValue);
    t.skipCfws();
    ContentDisposition cd;
    cd.type = t.token();
    if (cd.type.empty())
        return std::nullopt;
    cd.params = applyRfc2231(parseParams(t));
    return cd;
}

std::string parseMimeToken(std::string_view rawValue)
{
    Tokenizer t(rawValue);
    t.skipCfws();
    return t.token();
}

std::vector<std::string> parseLanguageList(std::string_view rawValue)
{
    std::vector<std::string> out;
    Tokenizer t(rawValue);
    while (true) {
        t.skipCfws();
        if (t.atEnd())
            break;
        std::string tag = t.token();
        if (!tag.empty())
            out.push_back(std::move(tag));
        t.skipCfws();
        if (!t.consume(','))
            t.skipPast(',');
        t.consume(',');
    }
    return out;
}

} // namespace cachet::mime
