#include "bridge/SentDay.h"

#include "text/AsciiText.h"

#include <array>
#include <string>
#include <utility>

namespace cachet::bridge {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// "+0100" / "-0530"
std::optional<int> numericZone(std::string_view token)
{
    if (token.size() != 5 || (token[0] != '+' && token[0] != '-'))
        return std::nullopt;
    for (std::size_t i = 1; i < 5; ++i) {
        if (!isDigit(token[i]))
            return std::nullopt;
    }
    const int hours = (token[1] - '0') * 10 + (token[2] - '0');
    const int minutes = (token[3] - '0') * 10 + (token[4] - '0');
    const int offset = hours * 60 + minutes;
    return token[0] == '-' ? -offset : offset;
}

// RFC 5322 §4.3 obs-zone names.
int namedZone(std::string_view token)
{
    static constexpr std::array<std::pair<std::string_view, int>, 8> kZones = {{
        {"est", -5 * 60}, {"edt", -4 * 60}, {"cst", -6 * 60}, {"cdt", -5 * 60},
        {"mst", -7 * 60}, {"mdt", -6 * 60}, {"pst", -8 * 60}, {"pdt", -7 * 60},
    }};
    for (const auto& [name, offset] : kZones) {
        if (text::equalsIgnoreCase(token, name))
            return offset;
    }
    return 0;
}

} // namespace

int zoneOffsetMinutes(std::string_view dateText)
{
    // The zone is the token after the time of day (the token with a ':').
    bool afterTime = false;
    std::size_t pos = 0;
    int commentDepth = 0;
    while (pos < dateText.size()) {
        const char c = dateText[pos];
        if (c == '(') {
            ++commentDepth;
            ++pos;
            continue;
        }
        if (c == ')' && commentDepth > 0) {
            --commentDepth;
            ++pos;
            continue;
        }
        if (commentDepth > 0 || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',') {
            ++pos;
            continue;
        }
        std::size_t end = pos;
        while (end < dateText.size() && dateText[end] != ' ' && dateText[end] != '\t' && dateText[end] != '\r'
               && dateText[end] != '\n' && dateText[end] != '(')
            ++end;
        std::string_view token = dateText.substr(pos, end - pos);
        pos = end;
        if (afterTime) {
            if (auto offset = numericZone(token))
                return *offset;
            return namedZone(token);
        }
        if (token.find(':') != std::string_view::npos) {
            // "10:00:00+0100": a zone glued to the time.
            const std::size_t sign = token.find_first_of("+-");
            if (sign != std::string_view::npos)
                return numericZone(token.substr(sign)).value_or(0);
            afterTime = true;
        }
    }
    return 0;
}

std::string_view envelopeDate(std::string_view envelope)
{
    // env-date = nstring: NIL, a quoted string or a literal {n}CRLF.
    if (envelope.size() < 2 || envelope[0] != '(')
        return {};
    std::string_view rest = envelope.substr(1);
    if (!rest.empty() && rest[0] == '"') {
        // The date text is only scanned for its zone, so escapes may stay in it.
        std::size_t i = 1;
        while (i < rest.size() && rest[i] != '"')
            i += rest[i] == '\\' ? 2 : 1;
        return rest.substr(1, std::min(i, rest.size()) - 1);
    }
    if (!rest.empty() && rest[0] == '{') {
        const std::size_t close = rest.find('}');
        if (close == std::string_view::npos)
            return {};
        std::size_t length = 0;
        for (std::size_t i = 1; i < close && length < rest.size(); ++i) {
            if (!isDigit(rest[i]))
                return {};
            length = length * 10 + static_cast<std::size_t>(rest[i] - '0');
        }
        const std::size_t start = close + 3; // "}\r\n"
        if (start > rest.size())
            return {};
        return rest.substr(start, length);
    }
    return {};
}

std::int64_t dayOf(std::int64_t seconds, int offsetMinutes)
{
    const std::int64_t local = seconds + static_cast<std::int64_t>(offsetMinutes) * 60;
    // Floor division: days before 1970 are negative.
    return local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
}

} // namespace cachet::bridge
