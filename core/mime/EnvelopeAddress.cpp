#include "mime/EnvelopeAddress.h"

namespace cachet::mime {

namespace {

// RFC 5322 specials that separate atoms in an address list (but '.' stays in
// atoms: "first.last" and "example.org" are read whole).
bool isSpecial(char c)
{
    switch (c) {
    case '(': case ')': case '<': case '>': case '[': case ']': case ':': case ';':
    case '@': case '\\': case ',': case '"':
        return true;
    default:
        return false;
    }
}

struct Token {
    enum Kind { Atom, Quoted, Comment, DomainLiteral, Special, BrokenQuote } kind;
    std::string text; // atom text, quoted content, comment content, literal with brackets, the special char
};

std::vector<Token> tokenize(std::string_view s)
{
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++i;
        } else if (c == '"') {
            std::string text;
            ++i;
            bool closed = false;
            while (i < s.size()) {
                const char d = s[i++];
                if (d == '"') {
                    closed = true;
                    break;
                }
                if (d == '\\' && i < s.size())
                    text += s[i++];
                else if (d != '\r' && d != '\n')
                    text += d;
            }
            out.push_back({closed ? Token::Quoted : Token::BrokenQuote, std::move(text)});
        } else if (c == '(') {
            std::string text;
            int depth = 0;
            while (i < s.size()) {
                const char d = s[i++];
                if (d == '\\' && i < s.size()) {
                    text += s[i++];
                    continue;
                }
                if (d == '(') {
                    if (depth++ == 0)
                        continue;
                } else if (d == ')') {
                    if (--depth == 0)
                        break;
                }
                text += d;
            }
            out.push_back({Token::Comment, std::move(text)});
        } else if (c == '[') {
            const std::size_t close = s.find(']', i);
            const std::size_t end = close == std::string_view::npos ? s.size() : close + 1;
            out.push_back({Token::DomainLiteral, std::string(s.substr(i, end - i))});
            i = end;
        } else if (isSpecial(c)) {
            out.push_back({Token::Special, std::string(1, c)});
            ++i;
        } else {
            const std::size_t start = i;
            while (i < s.size() && !isSpecial(s[i]) && s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
                ++i;
            out.push_back({Token::Atom, std::string(s.substr(start, i - start))});
        }
    }
    return out;
}

class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}

    std::vector<EnvelopeAddress> parseList()
    {
        std::vector<EnvelopeAddress> out;
        while (!atEnd() && out.size() < kMaxEnvelopeAddresses) {
            if (isGroupStart()) {
                parseGroup(out);
            } else {
                out.push_back(parseMailbox());
            }
            skipComments();
            if (!consumeSpecial(',')) {
                // Junk after an address: skip to the next element.
                while (!atEnd() && !isSpecial(',', m_pos))
                    ++m_pos;
                consumeSpecial(',');
            }
        }
        return out;
    }

private:
    bool atEnd() const { return m_pos >= m_tokens.size(); }
    bool isSpecial(char c, std::size_t at) const
    {
        return at < m_tokens.size() && m_tokens[at].kind == Token::Special && m_tokens[at].text[0] == c;
    }
    bool consumeSpecial(char c)
    {
        if (!isSpecial(c, m_pos))
            return false;
        ++m_pos;
        return true;
    }
    void skipComments()
    {
        while (!atEnd() && m_tokens[m_pos].kind == Token::Comment)
            ++m_pos;
    }
    bool isWord(std::size_t at) const
    {
        return at < m_tokens.size() && (m_tokens[at].kind == Token::Atom || m_tokens[at].kind == Token::Quoted);
    }

    // display-name ":" before any '<' or '@' at this level.
    bool isGroupStart() const
    {
        for (std::size_t i = m_pos; i < m_tokens.size(); ++i) {
            const Token& t = m_tokens[i];
            if (t.kind == Token::Special)
                return t.text[0] == ':';
            if (t.kind == Token::BrokenQuote)
                return false;
        }
        return false;
    }

    // phrase: words joined by one space; comments skipped.
    std::string phrase()
    {
        std::string out;
        while (!atEnd()) {
            const Token& t = m_tokens[m_pos];
            if (t.kind == Token::Comment) {
                ++m_pos;
                continue;
            }
            if (t.kind != Token::Atom && t.kind != Token::Quoted)
                break;
            if (!out.empty())
                out += ' ';
            out += t.text;
            ++m_pos;
        }
        return out;
    }

    void parseGroup(std::vector<EnvelopeAddress>& out)
    {
        const std::string name = phrase();
        consumeSpecial(':');
        out.push_back({std::nullopt, std::nullopt, name, std::nullopt});
        while (!atEnd() && out.size() < kMaxEnvelopeAddresses) {
            skipComments();
            if (consumeSpecial(';'))
                break;
            if (consumeSpecial(','))
                continue;
            out.push_back(parseMailbox());
        }
        out.push_back({std::nullopt, std::nullopt, std::nullopt, std::nullopt});
    }

    // local-part ["@" domain]: words joined by '.', as written.
    bool addrSpec(std::string& mailbox, std::optional<std::string>& host)
    {
        skipComments();
        if (!isWord(m_pos))
            return false;
        mailbox = m_tokens[m_pos++].text;
        // A quoted word followed by ".atom" continues the local part.
        while (!atEnd() && m_tokens[m_pos].kind == Token::Atom && !m_tokens[m_pos].text.empty()
               && m_tokens[m_pos].text[0] == '.') {
            mailbox += m_tokens[m_pos++].text;
        }
        skipComments();
        if (consumeSpecial('@')) {
            skipComments();
            if (atEnd() || (m_tokens[m_pos].kind != Token::Atom && m_tokens[m_pos].kind != Token::DomainLiteral)) {
                host = std::nullopt;
                return true;
            }
            host = m_tokens[m_pos++].text;
        } else {
            host = std::nullopt;
        }
        return true;
    }

    EnvelopeAddress missing(std::optional<std::string> name = std::nullopt)
    {
        return {std::move(name), std::nullopt, kMissingMailbox, kMissingDomain};
    }

    EnvelopeAddress parseMailbox()
    {
        const std::size_t start = m_pos;
        // Find where this element ends and whether it has an angle address.
        std::size_t angle = SIZE_MAX;
        for (std::size_t i = m_pos; i < m_tokens.size(); ++i) {
            const Token& t = m_tokens[i];
            if (t.kind == Token::BrokenQuote) {
                m_pos = m_tokens.size();
                return missing();
            }
            if (t.kind == Token::Special && (t.text[0] == ',' || t.text[0] == ';'))
                break;
            if (t.kind == Token::Special && t.text[0] == '<') {
                angle = i;
                break;
            }
        }
        if (angle != SIZE_MAX)
            return nameAddr();

        // addr-spec, optionally followed by a comment that names it.
        std::string mailbox;
        std::optional<std::string> host;
        if (addrSpec(mailbox, host)) {
            std::optional<std::string> comment;
            while (!atEnd() && m_tokens[m_pos].kind == Token::Comment) {
                if (!comment)
                    comment = m_tokens[m_pos].text;
                ++m_pos;
            }
            const bool clean = atEnd() || isSpecial(',', m_pos) || isSpecial(';', m_pos);
            if (clean || comment) {
                if (comment && comment->empty())
                    comment.reset();
                return {comment, std::nullopt, mailbox.empty() ? kMissingMailbox : mailbox,
                        host ? *host : std::string(kMissingDomain)};
            }
        }
        // Not an address: the words are a name without an address.
        m_pos = start;
        std::string name = phrase();
        while (!atEnd() && !isSpecial(',', m_pos) && !isSpecial(';', m_pos))
            ++m_pos;
        return missing(name.empty() ? std::nullopt : std::optional<std::string>(name));
    }

    // [phrase] "<" [route ":"] addr-spec ">"
    EnvelopeAddress nameAddr()
    {
        std::string name = phrase();
        consumeSpecial('<');
        std::optional<std::string> route;
        if (isSpecial('@', m_pos)) {
            std::string r;
            while (!atEnd() && !isSpecial(':', m_pos) && !isSpecial('>', m_pos)) {
                r += m_tokens[m_pos].text;
                ++m_pos;
            }
            if (consumeSpecial(':'))
                route = r;
        }
        std::optional<std::string> optName = name.empty() ? std::nullopt : std::optional<std::string>(name);
        std::string mailbox;
        std::optional<std::string> host;
        if (!addrSpec(mailbox, host)) {
            skipToElementEnd();
            return missing(optName);
        }
        skipComments();
        if (!consumeSpecial('>')) {
            // Unterminated angle address: Dovecot keeps the mailbox, says the host
            // is broken, and reads no further addresses of the field.
            m_pos = m_tokens.size();
            return {optName, route, mailbox, std::string(kSyntaxError)};
        }
        skipToElementEnd();
        return {optName, route, mailbox, host ? *host : std::string(kMissingDomain)};
    }

    void skipToElementEnd()
    {
        while (!atEnd() && !isSpecial(',', m_pos) && !isSpecial(';', m_pos))
            ++m_pos;
    }

    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
};

} // namespace

std::vector<EnvelopeAddress> parseEnvelopeAddresses(std::string_view rawValue)
{
    return Parser(tokenize(rawValue)).parseList();
}

} // namespace cachet::mime
