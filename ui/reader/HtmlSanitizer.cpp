// A small tokenizer after the HTML Living Standard §13.2.5 (tags, attributes,
// comments, raw-text elements), enough to find every tag the way a browser
// would; there is no tree builder beyond a stack of the open elements, which
// closes what HTML closes implicitly (<p>, <li>, table cells) and everything
// at the end.

#include "reader/HtmlSanitizer.h"

#include "reader/BreakOpportunities.h"
#include "reader/CssSanitizer.h"
#include "reader/HtmlCharacterReferences.h"
#include "reader/HtmlEscape.h"
#include "reader/UrlPolicy.h"
#include "text/AsciiText.h"

#include <algorithm>

namespace cachet::ui {

namespace {

// More attributes on one tag than this are ignored (real mail has a handful).
constexpr std::size_t kMaxAttributes = 64;

bool isOneOf(std::string_view name, std::initializer_list<std::string_view> names)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool isAsciiLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Elements written out again, with their allowed attributes.
bool isKeptElement(std::string_view n)
{
    return isOneOf(n, {"a", "abbr", "acronym", "address", "article", "aside", "b", "big", "blockquote", "body",
                       "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "dfn", "div", "dl",
                       "dt", "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
                       "header", "hr", "i", "img", "ins", "kbd", "li", "main", "mark", "nav", "nobr", "ol", "p", "pre",
                       "q", "s", "samp", "section", "small", "span", "strike", "strong", "sub", "sup", "table",
                       "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "wbr"});
}

bool isVoidElement(std::string_view n)
{
    return isOneOf(n, {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
                       "source", "track", "wbr", "frame", "basefont", "bgsound", "image"});
}

// Their content is text up to the matching end tag, not markup.
bool isRawTextElement(std::string_view n)
{
    return isOneOf(n, {"script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes"});
}

// Dropped with everything inside: active content, forms' controls, embedded
// documents in other languages.
bool isDroppedWithContent(std::string_view n)
{
    return isOneOf(n, {"object", "applet", "svg", "math", "select", "template", "audio", "video", "canvas", "map",
                       "button", "datalist", "frameset"});
}

// Starting one of these closes an open <p> (HTML §13.2.6.4.7, "in body").
bool closesParagraph(std::string_view n)
{
    return isOneOf(n, {"address", "article", "aside", "blockquote", "center", "div", "dl", "figure", "footer",
                       "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section",
                       "table", "ul"});
}

bool isAllowedAttribute(std::string_view element, std::string_view a)
{
    if (isOneOf(a, {"align", "valign", "bgcolor", "color", "face", "size", "width", "height", "border",
                    "cellpadding", "cellspacing", "colspan", "rowspan", "nowrap", "dir", "lang", "title", "alt",
                    "class", "id", "start", "type", "value", "span", "hspace", "vspace", "noshade", "clear", "text",
                    "summary", "style"}))
        return true;
    if (a == "href" || a == "name")
        return element == "a";
    if (a == "src")
        return element == "img";
    if (a == "background")
        return isOneOf(element, {"body", "table", "td", "th", "tr"});
    return false;
}

// Table spans above this are cut to it: QTextDocument makes a cell for every
// column a span covers, and HTML itself stops at 1000.
constexpr int kMaxSpan = 100;

// A size such as "600", "100%" or "12px" that QTextDocument can lay out
// without allocating for it: at most four digits.
bool isModestSize(std::string_view value)
{
    while (!value.empty() && isOneOf(value.substr(0, 1), {" ", "+", "-"}))
        value.remove_prefix(1);
    std::size_t digits = 0;
    while (digits < value.size() && value[digits] >= '0' && value[digits] <= '9')
        ++digits;
    if (digits == 0 || digits > 4)
        return false;
    std::string_view rest = value.substr(digits);
    if (!rest.empty() && rest.front() == '.') {
        rest.remove_prefix(1);
        while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9')
            rest.remove_prefix(1);
    }
    while (!rest.empty() && rest.back() == ' ')
        rest.remove_suffix(1);
    return rest.empty() || rest == "%" || rest == "px";
}

// colspan and rowspan: a small positive number, or nothing.
std::string boundedSpan(std::string_view value)
{
    int n = 0;
    std::size_t digits = 0;
    for (char c : value) {
        if (c < '0' || c > '9')
            break;
        n = std::min(n * 10 + (c - '0'), kMaxSpan);
        ++digits;
    }
    return digits == 0 || n == 0 ? std::string() : std::to_string(n);
}

struct Attribute {
    std::string name;  // lower case
    std::string value; // character references decoded
    bool hasValue = false;
};

void appendEscaped(std::string& out, std::string_view s)
{
    for (char c : s)
        appendHtmlEscaped(out, c);
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}


class Sanitizer {
public:
    Sanitizer(std::string_view in, bool allowRemote) : m_in(in), m_allowRemote(allowRemote) {}

    SanitizedHtml run()
    {
        m_result.html.reserve(m_in.size() + m_in.size() / 8);
        while (m_pos < m_in.size()) {
            if (m_in[m_pos] == '<')
                markup();
            else
                text();
        }
        while (!m_open.empty())
            closeTop();
        return std::move(m_result);
    }

private:
    void text()
    {
        const std::size_t end = std::min(m_in.find('<', m_pos), m_in.size());
        if (m_skipDepth == 0)
            appendText(m_in.substr(m_pos, end - m_pos));
        m_pos = end;
    }

    // Text is written as it came, except what could start markup; a
    // character reference is left for QTextDocument to resolve.
    void appendText(std::string_view s)
    {
        std::string& out = m_result.html;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const char c = s[i];
            m_breaker.before(out, c);
            if (c == '<') {
                out += "&lt;";
            } else if (c == '>') {
                out += "&gt;";
            } else if (c == '&') {
                // A reference goes out whole: no break opportunity inside "&eacute;".
                const std::size_t length = referenceLength(s.substr(i));
                if (length == 0)
                    out += "&amp;";
                else
                    out.append(s.substr(i, length));
                i += length > 0 ? length - 1 : 0;
            } else if (c != '\0') {
                out.push_back(c);
            }
        }
    }

    void markup()
    {
        const std::string_view rest = m_in.substr(m_pos);
        if (rest.substr(0, 4) == "<!--") {
            const std::size_t close = m_in.find("-->", m_pos + 4);
            m_pos = close == std::string_view::npos ? m_in.size() : close + 3;
            return;
        }
        if (rest.size() >= 2 && (rest[1] == '!' || rest[1] == '?')) {
            // <!DOCTYPE>, <![CDATA[...]]>, <?xml?>: nothing to show.
            const std::size_t close = m_in.find('>', m_pos);
            m_pos = close == std::string_view::npos ? m_in.size() : close + 1;
            return;
        }
        if (rest.size() >= 3 && rest[1] == '/' && isAsciiLetter(rest[2])) {
            endTag();
            return;
        }
        if (rest.size() >= 2 && isAsciiLetter(rest[1])) {
            startTag();
            return;
        }
        if (m_skipDepth == 0)
            m_result.html += "&lt;";
        ++m_pos;
    }

    std::string readName()
    {
        const std::size_t start = m_pos;
        while (m_pos < m_in.size() && !isBlank(m_in[m_pos]) && m_in[m_pos] != '/' && m_in[m_pos] != '>')
            ++m_pos;
        return text::asciiLower(m_in.substr(start, m_pos - start));
    }

    // Attributes up to the tag's '>'; false when the input ends inside the
    // tag (HTML then drops the tag).
    bool readAttributes(std::vector<Attribute>& attributes)
    {
        while (true) {
            while (m_pos < m_in.size() && (isBlank(m_in[m_pos]) || m_in[m_pos] == '/'))
                ++m_pos;
            if (m_pos >= m_in.size())
                return false;
            if (m_in[m_pos] == '>') {
                ++m_pos;
                return true;
            }
            const std::size_t nameStart = m_pos++;
            while (m_pos < m_in.size() && !isBlank(m_in[m_pos]) && m_in[m_pos] != '/' && m_in[m_pos] != '>'
                   && m_in[m_pos] != '=')
                ++m_pos;
            Attribute a;
            a.name = text::asciiLower(m_in.substr(nameStart, m_pos - nameStart));
            while (m_pos < m_in.size() && isBlank(m_in[m_pos]))
                ++m_pos;
            if (m_pos < m_in.size() && m_in[m_pos] == '=') {
                ++m_pos;
                while (m_pos < m_in.size() && isBlank(m_in[m_pos]))
                    ++m_pos;
                if (m_pos >= m_in.size())
                    return false;
                std::size_t valueStart = m_pos;
                std::size_t valueEnd = 0;
                if (m_in[m_pos] == '"' || m_in[m_pos] == '\'') {
                    const std::size_t close = m_in.find(m_in[m_pos], m_pos + 1);
                    if (close == std::string_view::npos)
                        return false;
                    valueStart = m_pos + 1;
                    valueEnd = close;
                    m_pos = close + 1;
                } else {
                    while (m_pos < m_in.size() && !isBlank(m_in[m_pos]) && m_in[m_pos] != '>')
                        ++m_pos;
                    valueEnd = m_pos;
                }
                a.value = decodeReferences(m_in.substr(valueStart, valueEnd - valueStart));
                a.hasValue = true;
            }
            if (attributes.size() < kMaxAttributes && std::none_of(attributes.begin(), attributes.end(), [&](const Attribute& b) {
                    return b.name == a.name;
                }))
                attributes.push_back(std::move(a));
        }
    }

    void startTag()
    {
        ++m_pos; // '<'
        const std::string name = readName();
        std::vector<Attribute> attributes;
        if (!readAttributes(attributes)) {
            m_pos = m_in.size();
            return;
        }
        if (isRawTextElement(name)) {
            rawText(name);
            return;
        }
        if (m_skipDepth > 0) {
            if (name == m_skipName && !isVoidElement(name))
                ++m_skipDepth;
            return;
        }
        if (isDroppedWithContent(name)) {
            m_skipName = name;
            m_skipDepth = 1;
            return;
        }
        if (!isKeptElement(name))
            return; // unknown or refused tag (form, input, meta, link, base, html, head, ...): its text stays
        if (name == "body") {
            if (m_bodySeen)
                return;
            m_bodySeen = true;
        }
        writeStartTag(name, attributes);
    }

    void endTag()
    {
        m_pos += 2; // "</"
        const std::string name = readName();
        const std::size_t close = m_in.find('>', m_pos);
        m_pos = close == std::string_view::npos ? m_in.size() : close + 1;
        if (m_skipDepth > 0) {
            if (name == m_skipName)
                --m_skipDepth;
            return;
        }
        if (name == "br") {
            m_result.html += "<br>"; // </br> is a line break to HTML (§13.2.6.4.7)
            return;
        }
        if (!isKeptElement(name) || name == "body")
            return; // body stays open to the end, whatever follows it
        const auto it = std::find(m_open.rbegin(), m_open.rend(), name);
        if (it == m_open.rend())
            return;
        const std::size_t keep = static_cast<std::size_t>(m_open.rend() - it) - 1;
        while (m_open.size() > keep)
            closeTop();
    }

    // The content of <script>, <style>, ... up to "</name": only a style
    // sheet is kept, sanitized; <xmp> is shown as preformatted text.
    void rawText(const std::string& name)
    {
        std::size_t end = m_in.size();   // of the content
        std::size_t after = m_in.size(); // past the end tag
        for (std::size_t p = m_in.find("</", m_pos); p != std::string_view::npos; p = m_in.find("</", p + 2)) {
            const std::size_t nameEnd = p + 2 + name.size();
            if (nameEnd <= m_in.size() && text::equalsIgnoreCase(m_in.substr(p + 2, name.size()), name)
                && (nameEnd == m_in.size() || isBlank(m_in[nameEnd]) || m_in[nameEnd] == '>' || m_in[nameEnd] == '/')) {
                end = p;
                const std::size_t close = m_in.find('>', nameEnd);
                after = close == std::string_view::npos ? m_in.size() : close + 1;
                break;
            }
        }
        const std::string_view content = m_in.substr(m_pos, end - m_pos);
        m_pos = after;
        if (m_skipDepth > 0)
            return;
        if (name == "style") {
            std::string css = sanitizeStyleSheet(content, m_allowRemote, m_result.hasRemoteContent);
            std::replace(css.begin(), css.end(), '<', ' ');
            if (!css.empty())
                m_result.html += "<style>" + css + "</style>";
        } else if (name == "xmp" && m_open.size() < kMaxHtmlNesting) {
            m_result.html += "<pre>";
            appendEscaped(m_result.html, content);
            m_result.html += "</pre>";
        }
    }

    void writeStartTag(const std::string& name, const std::vector<Attribute>& attributes)
    {
        closeImplied(name);
        if (!isVoidElement(name) && m_open.size() >= kMaxHtmlNesting)
            return;
        std::string tag = "<" + name;
        bool hasSource = false;
        std::string alt;
        for (const Attribute& a : attributes) {
            if (!isAllowedAttribute(name, a.name))
                continue;
            std::string value = a.value;
            if (a.name == "style") {
                value = sanitizeCssDeclarations(value, m_allowRemote, m_result.hasRemoteContent);
                if (value.empty())
                    continue;
            } else if (a.name == "href") {
                value = keptLinkUrl(value);
                if (value.empty())
                    continue;
            } else if (a.name == "src" || a.name == "background") {
                const bool inlineImage = classifyResourceUrl(value).kind == ResourceKind::Inline;
                value = keptResourceUrl(value, m_allowRemote, m_result.hasRemoteContent);
                if (value.empty())
                    continue;
                if (inlineImage)
                    m_result.contentIds.push_back(contentIdOfCidUrl(value));
                hasSource = hasSource || a.name == "src";
            } else if (a.name == "dir" && !isOneOf(text::asciiLower(value), {"ltr", "rtl", "auto"})) {
                continue;
            } else if (a.name == "colspan" || a.name == "rowspan") {
                value = boundedSpan(value);
                if (value.empty())
                    continue;
            } else if (isOneOf(a.name, {"width", "height", "border", "cellpadding", "cellspacing", "hspace", "vspace",
                                        "size"})
                       && !isModestSize(value)) {
                continue;
            }
            if (a.name == "alt")
                alt = value;
            tag += ' ' + a.name;
            if (a.hasValue) {
                tag += "=\"";
                appendEscaped(tag, value);
                tag += '"';
            }
        }
        if (name == "img" && !hasSource) {
            // A blocked or refused image: its words, not a broken-image icon.
            appendEscaped(m_result.html, alt);
            return;
        }
        m_result.html += tag + '>';
        if (!isVoidElement(name))
            m_open.push_back(name);
    }

    // What HTML closes by itself before `name` opens (§13.2.6.4.7, simplified):
    // a paragraph before a block, a list item before the next, a cell before
    // the next cell, a row before the next row.
    void closeImplied(const std::string& name)
    {
        if (closesParagraph(name) && !m_open.empty() && m_open.back() == "p")
            closeTop();
        if (name == "li")
            closeOpen({"li"}, {"ul", "ol", "table"});
        else if (name == "dt" || name == "dd")
            closeOpen({"dt", "dd"}, {"dl", "table"});
        else if (name == "td" || name == "th")
            closeOpen({"td", "th"}, {"tr", "table"});
        else if (name == "tr")
            closeOpen({"tr"}, {"table"});
        else if (name == "thead" || name == "tbody" || name == "tfoot")
            closeOpen({"thead", "tbody", "tfoot"}, {"table"});
    }

    // Closes up to and including the innermost open element named one of
    // `names`, unless one of `boundaries` is opened inside it.
    void closeOpen(std::initializer_list<std::string_view> names, std::initializer_list<std::string_view> boundaries)
    {
        for (std::size_t i = m_open.size(); i-- > 0;) {
            if (isOneOf(m_open[i], boundaries))
                return;
            if (isOneOf(m_open[i], names)) {
                while (m_open.size() > i)
                    closeTop();
                return;
            }
        }
    }

    void closeTop()
    {
        m_result.html += "</" + m_open.back() + '>';
        m_open.pop_back();
    }

    std::string_view m_in;
    std::size_t m_pos = 0;
    bool m_allowRemote = false;
    SanitizedHtml m_result;
    std::vector<std::string> m_open; // written and not yet closed, outermost first
    std::string m_skipName;          // inside a dropped element: its name and depth
    std::size_t m_skipDepth = 0;
    bool m_bodySeen = false;
    RunBreaker m_breaker;
};

} // namespace

SanitizedHtml sanitizeHtml(std::string_view html, bool allowRemote)
{
    return Sanitizer(html, allowRemote).run();
}

} // namespace cachet::ui
