#include "reader/HtmlCharacterReferences.h"

#include "mime/Decoding.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace cachet::ui {

namespace {

bool isAsciiLetterOrDigit(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

struct NamedReference {
    std::string_view name;
    std::uint32_t codePoint;
};

// The references attribute values in mail use; an unknown one stays as text.
constexpr std::array<NamedReference, 20> kNamedReferences = {{
    {"amp", '&'},       {"lt", '<'},         {"gt", '>'},         {"quot", '"'},       {"apos", '\''},
    {"nbsp", 0xA0},     {"copy", 0xA9},      {"reg", 0xAE},       {"trade", 0x2122},   {"hellip", 0x2026},
    {"mdash", 0x2014},  {"ndash", 0x2013},   {"lsquo", 0x2018},   {"rsquo", 0x2019},   {"ldquo", 0x201C},
    {"rdquo", 0x201D},  {"bull", 0x2022},    {"middot", 0xB7},    {"euro", 0x20AC},    {"colon", ':'},
}};

} // namespace

std::string decodeReferences(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    std::size_t pos = 0;
    while (pos < s.size()) {
        if (s[pos] != '&') {
            out.push_back(s[pos++]);
            continue;
        }
        std::size_t p = pos + 1;
        if (p < s.size() && s[p] == '#') {
            ++p;
            const bool hex = p < s.size() && (s[p] == 'x' || s[p] == 'X');
            if (hex)
                ++p;
            std::uint32_t cp = 0;
            const std::size_t digitsStart = p;
            while (p < s.size()) {
                const char c = s[p];
                int d = -1;
                if (c >= '0' && c <= '9')
                    d = c - '0';
                else if (hex && c >= 'a' && c <= 'f')
                    d = c - 'a' + 10;
                else if (hex && c >= 'A' && c <= 'F')
                    d = c - 'A' + 10;
                if (d < 0)
                    break;
                cp = std::min<std::uint32_t>(cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d), 0x110000);
                ++p;
            }
            if (p == digitsStart) {
                out.push_back(s[pos++]);
                continue;
            }
            if (p < s.size() && s[p] == ';')
                ++p;
            mime::appendCodePoint(out, cp == 0 ? 0xFFFD : cp);
            pos = p;
            continue;
        }
        std::size_t nameEnd = p;
        while (nameEnd < s.size() && nameEnd - p < 10
               && ((s[nameEnd] >= 'a' && s[nameEnd] <= 'z') || (s[nameEnd] >= 'A' && s[nameEnd] <= 'Z')))
            ++nameEnd;
        const std::string_view name = s.substr(p, nameEnd - p);
        const auto found = std::find_if(kNamedReferences.begin(), kNamedReferences.end(),
                                        [&](const NamedReference& r) { return r.name == name; });
        if (found == kNamedReferences.end()) {
            out.push_back(s[pos++]);
            continue;
        }
        mime::appendCodePoint(out, found->codePoint);
        pos = nameEnd < s.size() && s[nameEnd] == ';' ? nameEnd + 1 : nameEnd;
    }
    return out;
}

std::size_t referenceLength(std::string_view s)
{
    std::size_t i = 1;
    if (i < s.size() && s[i] == '#')
        ++i;
    const std::size_t start = i;
    while (i < s.size() && i < 40 && isAsciiLetterOrDigit(s[i]))
        ++i;
    if (i == start || i >= s.size() || s[i] != ';')
        return 0;
    return i + 1;
}

} // namespace cachet::ui
