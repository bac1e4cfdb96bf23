#include "reader/CssSanitizer.h"

#include "reader/UrlPolicy.h"
#include "text/AsciiText.h"

#include <algorithm>
#include <array>

namespace cachet::ui {

namespace {

// @media inside @media inside ...: real mail nests one level; more is an attack on the stack.
constexpr int kMaxBlockNesting = 4;

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && isBlank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isBlank(s.back()))
        s.remove_suffix(1);
    return s;
}

// Comments removed (an unterminated one runs to the end, as in CSS).
std::string withoutComments(std::string_view css)
{
    std::string out;
    out.reserve(css.size());
    std::size_t pos = 0;
    while (pos < css.size()) {
        const std::size_t open = css.find("/*", pos);
        if (open == std::string_view::npos) {
            out.append(css.substr(pos));
            break;
        }
        out.append(css.substr(pos, open - pos));
        out.push_back(' ');
        const std::size_t close = css.find("*/", open + 2);
        pos = close == std::string_view::npos ? css.size() : close + 2;
    }
    return out;
}

// Where the string starting at s[pos] (on its quote) ends: one past the closing quote.
std::size_t skipString(std::string_view s, std::size_t pos)
{
    const char quote = s[pos++];
    while (pos < s.size() && s[pos] != quote && s[pos] != '\n')
        ++pos;
    return pos < s.size() ? pos + 1 : pos;
}

// Splits at `separator` where it is outside strings and parentheses.
template <typename Visit>
void splitTopLevel(std::string_view s, char separator, Visit visit)
{
    std::size_t start = 0;
    int parens = 0;
    std::size_t pos = 0;
    while (pos < s.size()) {
        const char c = s[pos];
        if (c == '"' || c == '\'') {
            pos = skipString(s, pos);
            continue;
        }
        if (c == '(')
            ++parens;
        else if (c == ')' && parens > 0)
            --parens;
        else if (c == separator && parens == 0) {
            visit(s.substr(start, pos - start));
            start = pos + 1;
        }
        ++pos;
    }
    visit(s.substr(start));
}

bool allowedFunction(std::string_view lowerName)
{
    static constexpr std::array<std::string_view, 13> kAllowed = {
        "rgb", "rgba", "hsl", "hsla", "calc", "min", "max", "clamp", "var",
        "linear-gradient", "radial-gradient", "repeating-linear-gradient", "repeating-radial-gradient"};
    for (std::string_view name : kAllowed)
        if (lowerName == name)
            return true;
    return false;
}

// A number of five digits or more ("width: 99999999px", "font-size: 50000px"):
// no layout needs it, and QTextDocument would allocate for it. Digits in a
// hex colour or a name ("#336699", "h1") are not numbers.
bool hasHugeNumber(std::string_view value)
{
    std::size_t pos = 0;
    while (pos < value.size()) {
        const char before = pos == 0 ? ' ' : value[pos - 1];
        const bool startsNumber = value[pos] >= '0' && value[pos] <= '9'
            && !(isNameChar(before) && before != '-') && before != '#' && before != '.';
        std::size_t end = pos;
        while (end < value.size() && value[end] >= '0' && value[end] <= '9')
            ++end;
        if (startsNumber && end - pos > 4)
            return true;
        pos = std::max(end, pos + 1);
    }
    return false;
}

// Appends the value with every url() checked to `out`; false when the whole
// declaration has to go.
bool sanitizeValue(std::string_view value, bool allowRemote, bool& sawRemote, std::string& out)
{
    for (char c : value) {
        // Escapes can spell any name; '<' could end the <style> element; '@'
        // has no place in a value; '{' '}' would leave the declaration block.
        if (c == '\\' || c == '<' || c == '>' || c == '@' || c == '{' || c == '}' || c == '\0')
            return false;
    }
    if (hasHugeNumber(value))
        return false;
    std::size_t pos = 0;
    while (pos < value.size()) {
        const char c = value[pos];
        if (c == '"' || c == '\'') {
            const std::size_t end = skipString(value, pos);
            out.append(value.substr(pos, end - pos));
            pos = end;
            continue;
        }
        if (!isNameChar(c)) {
            out.push_back(c);
            ++pos;
            continue;
        }
        std::size_t nameEnd = pos;
        while (nameEnd < value.size() && isNameChar(value[nameEnd]))
            ++nameEnd;
        const std::string name = text::asciiLower(value.substr(pos, nameEnd - pos));
        if (nameEnd >= value.size() || value[nameEnd] != '(') {
            out.append(value.substr(pos, nameEnd - pos));
            pos = nameEnd;
            continue;
        }
        if (name == "url") {
            const std::size_t close = value.find(')', nameEnd + 1);
            if (close == std::string_view::npos)
                return false;
            std::string_view arg = trimmed(value.substr(nameEnd + 1, close - nameEnd - 1));
            if (arg.size() >= 2 && (arg.front() == '"' || arg.front() == '\'') && arg.back() == arg.front())
                arg = arg.substr(1, arg.size() - 2);
            const std::string kept = keptResourceUrl(arg, allowRemote, sawRemote);
            if (kept.empty() || kept.find_first_of("\"'()") != std::string::npos)
                return false;
            // Single quotes: the value may end up in a double-quoted style attribute.
            out += "url('" + kept + "')";
            pos = close + 1;
            continue;
        }
        if (!allowedFunction(name))
            return false;
        out.append(value.substr(pos, nameEnd - pos));
        pos = nameEnd;
    }
    return true;
}

bool refusedProperty(std::string_view lowerName)
{
    // behavior and -moz-binding load code in old engines; position:fixed and
    // friends let a message draw over the reader's own interface.
    return lowerName == "behavior" || lowerName == "-moz-binding" || lowerName == "position"
        || lowerName == "z-index";
}

// One "{ ... }" block: the index one past its closing brace (or the end).
std::size_t blockEnd(std::string_view s, std::size_t open)
{
    int depth = 0;
    std::size_t pos = open;
    while (pos < s.size()) {
        const char c = s[pos];
        if (c == '"' || c == '\'') {
            pos = skipString(s, pos);
            continue;
        }
        if (c == '{')
            ++depth;
        else if (c == '}' && --depth == 0)
            return pos + 1;
        ++pos;
    }
    return s.size();
}

std::string sanitizeRules(std::string_view css, bool allowRemote, bool& sawRemote, int nesting)
{
    std::string out;
    std::size_t pos = 0;
    while (pos < css.size()) {
        while (pos < css.size() && (isBlank(css[pos]) || css[pos] == ';' || css[pos] == '}'))
            ++pos;
        if (pos >= css.size())
            break;
        // The first '{' or ';' decides: a block follows, or a statement ends
        // (found once per rule, so the scan stays linear).
        const std::size_t open = css.find_first_of("{;", pos);
        if (open == std::string_view::npos)
            break; // trailing text without a block: not a rule
        if (css[open] == ';') {
            // @import, @charset, @namespace, or a stray statement: dropped.
            pos = open + 1;
            continue;
        }
        if (css[pos] == '@') {
            const std::size_t end = blockEnd(css, open);
            const std::string_view prelude = trimmed(css.substr(pos, open - pos));
            const std::string lower = text::asciiLower(prelude);
            const bool grouping = lower.rfind("@media", 0) == 0 || lower.rfind("@supports", 0) == 0;
            if (grouping && nesting < kMaxBlockNesting && prelude.find_first_of("\\<>\"'(") == std::string_view::npos) {
                const std::size_t innerEnd = end > open + 1 && css[end - 1] == '}' ? end - 1 : end;
                const std::string inner = sanitizeRules(css.substr(open + 1, innerEnd - open - 1), allowRemote,
                                                        sawRemote, nesting + 1);
                if (!inner.empty())
                    out += std::string(prelude) + " {\n" + inner + "}\n";
            }
            // Anything else (@font-face loads fonts; @keyframes, @page and
            // deeper nesting are not worth the risk) is dropped whole.
            pos = end;
            continue;
        }
        const std::size_t end = blockEnd(css, open);
        const std::string_view selector = trimmed(css.substr(pos, open - pos));
        const std::size_t innerEnd = end > open + 1 && css[end - 1] == '}' ? end - 1 : end;
        const std::string declarations =
            sanitizeCssDeclarations(css.substr(open + 1, innerEnd - open - 1), allowRemote, sawRemote);
        const bool plainSelector = !selector.empty() && selector.find_first_of("\\<>@{}") == std::string_view::npos;
        if (plainSelector && !declarations.empty())
            out += std::string(selector) + " { " + declarations + " }\n";
        pos = end;
    }
    return out;
}

} // namespace

std::string sanitizeCssDeclarations(std::string_view css, bool allowRemote, bool& sawRemote)
{
    const std::string text = withoutComments(css);
    std::string out;
    splitTopLevel(text, ';', [&](std::string_view declaration) {
        const std::size_t colon = declaration.find(':');
        if (colon == std::string_view::npos)
            return;
        const std::string_view name = trimmed(declaration.substr(0, colon));
        if (name.empty())
            return;
        for (char c : name)
            if (!isNameChar(c))
                return;
        if (refusedProperty(text::asciiLower(name)))
            return;
        std::string value;
        if (!sanitizeValue(trimmed(declaration.substr(colon + 1)), allowRemote, sawRemote, value) || value.empty())
            return;
        if (!out.empty())
            out += ' ';
        out += std::string(name) + ": " + value + ';';
    });
    return out;
}

std::string sanitizeStyleSheet(std::string_view css, bool allowRemote, bool& sawRemote)
{
    return sanitizeRules(withoutComments(css), allowRemote, sawRemote, 0);
}

} // namespace cachet::ui
