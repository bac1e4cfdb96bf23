#include "mime/Decoding.h"

#include "mime/HeaderBlock.h"
#include "text/AsciiText.h"

#include <vmime/charset.hpp>
#include <vmime/charsetConverterOptions.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <exception>
#include <utility>

// What VMime 0.9.2 does here, measured before writing this file, and why most
// of the decoding below is our own:
// - charsets: VMime (on ICU) converts well; we use it for every charset that is
//   not UTF-8, US-ASCII or Latin-1/windows-1252.
// - text::decodeAndUnfold decodes "=?utf-8?q?foo?=.bar" to "foo.bar" (RFC 2047
//   §5 forbids it) and turns raw 8-bit UTF-8 into U+FFFD.
// - the base64 decoder emits garbage bytes when the input has stray characters
//   ("aGVs!!bG8=" gives "hel\xff\xf6\xc6") and stops at the first padding.
// - the quoted-printable decoder drops "=ZZ" and keeps "= \r\n" as text.
// - addressList invents a domain from the local host name for "garbage"
//   ("garbage@<hostname>") and mangles raw 8-bit display names.
// - datetime gives 1970-01-01 for unreadable dates, the same as a real epoch
//   date, and reads neither ISO 8601 nor asctime() dates.
// - parameters: RFC 2231 is decoded, but `filename*` always overrides `filename`
//   and raw 8-bit values come out as U+FFFD.

namespace cachet::mime {

namespace {

// ---------------------------------------------------------------- UTF-8

unsigned char byteAt(std::string_view s, std::size_t i)
{
    return static_cast<unsigned char>(s[i]);
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Length of the well-formed UTF-8 sequence at s[i], or 0 (RFC 3629 §4: no
// overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8SequenceLength(std::string_view s, std::size_t i)
{
    const unsigned char b0 = byteAt(s, i);
    if (b0 < 0x80)
        return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
    } else if (b0 == 0xE0) {
        len = 3;
        lo = 0xA0;
    } else if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) {
        len = 3;
    } else if (b0 == 0xED) {
        len = 3;
        hi = 0x9F;
    } else if (b0 == 0xF0) {
        len = 4;
        lo = 0x90;
    } else if (b0 >= 0xF1 && b0 <= 0xF3) {
        len = 4;
    } else if (b0 == 0xF4) {
        len = 4;
        hi = 0x8F;
    } else {
        return 0;
    }
    if (i + len > s.size())
        return 0;
    const unsigned char b1 = byteAt(s, i + 1);
    if (b1 < lo || b1 > hi)
        return 0;
    for (std::size_t k = 2; k < len; ++k) {
        const unsigned char b = byteAt(s, i + k);
        if (b < 0x80 || b > 0xBF)
            return 0;
    }
    return len;
}

bool isValidUtf8(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = utf8SequenceLength(s, i);
        if (len == 0)
            return false;
        i += len;
    }
    return true;
}

} // namespace

void appendCodePoint(std::string& out, char32_t cp)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

namespace {

// Cuts `s` to at most `maxBytes` without splitting a character.
void truncateUtf8(std::string& s, std::size_t maxBytes)
{
    if (s.size() <= maxBytes)
        return;
    std::size_t cut = maxBytes;
    while (cut > 0 && (byteAt(s, cut) & 0xC0) == 0x80)
        --cut;
    s.resize(cut);
}

// Valid UTF-8 with every ill-formed byte replaced by U+FFFD.
std::string repairUtf8(std::string_view s, std::size_t maxBytes)
{
    std::string out;
    out.reserve(std::min(s.size(), maxBytes));
    for (std::size_t i = 0; i < s.size() && out.size() < maxBytes;) {
        const std::size_t len = utf8SequenceLength(s, i);
        if (len == 0) {
            appendCodePoint(out, 0xFFFD);
            ++i;
        } else {
            out.append(s.substr(i, len));
            i += len;
        }
    }
    truncateUtf8(out, maxBytes);
    return out;
}

// windows-1252 0x80..0x9F; the five unassigned bytes map to the C1 controls,
// as in the WHATWG Encoding Standard.
constexpr std::array<char16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

std::string windows1252ToUtf8(std::string_view s, std::size_t maxBytes)
{
    std::string out;
    out.reserve(std::min(s.size() + s.size() / 4, maxBytes));
    for (std::size_t i = 0; i < s.size() && out.size() < maxBytes; ++i) {
        const unsigned char b = byteAt(s, i);
        if (b < 0x80)
            out.push_back(static_cast<char>(b));
        else if (b < 0xA0)
            appendCodePoint(out, kWindows1252High[b - 0x80]);
        else
            appendCodePoint(out, b);
    }
    truncateUtf8(out, maxBytes);
    return out;
}

// The rule for bytes without a trustworthy label (raw 8-bit headers, US-ASCII
// bodies that are not ASCII): UTF-8 if they are UTF-8, else windows-1252, the
// charset of most unlabelled 8-bit mail.
std::string unlabelledToUtf8(std::string_view s, std::size_t maxBytes)
{
    if (isValidUtf8(s)) {
        std::string out(s.substr(0, maxBytes));
        truncateUtf8(out, maxBytes);
        return out;
    }
    return windows1252ToUtf8(s, maxBytes);
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

bool isOneOf(const std::string& label, std::initializer_list<std::string_view> names)
{
    return std::find(names.begin(), names.end(), label) != names.end();
}

// A label ICU may be asked about: short, and only the characters IANA names use.
bool isPlausibleCharsetLabel(std::string_view label)
{
    if (label.empty() || label.size() > 40)
        return false;
    return std::all_of(label.begin(), label.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':' || c == '+';
    });
}

// Replaces control characters by spaces; a header value is one line.
void flattenControls(std::string& s)
{
    for (char& c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F)
            c = ' ';
    }
}

// ---------------------------------------------------------------- transfer encodings

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

// RFC 2045 §6.8, leniently: characters outside the alphabet are skipped (the
// RFC says to ignore them), and decoding goes on after padding, because some
// mailers concatenate separately encoded blocks.
std::string decodeBase64(std::string_view in, std::size_t maxBytes)
{
    std::string out;
    out.reserve(std::min(in.size() / 4 * 3 + 3, maxBytes));
    std::uint32_t acc = 0;
    int bits = 0;
    for (std::size_t i = 0; i < in.size() && out.size() < maxBytes; ++i) {
        const char c = in[i];
        if (c == '=') {
            acc = 0; // padding ends a quantum; leftover bits are not data
            bits = 0;
            continue;
        }
        const int v = base64Value(c);
        if (v < 0)
            continue;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
            acc &= (1u << bits) - 1;
        }
    }
    if (out.size() > maxBytes)
        out.resize(maxBytes);
    return out;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10; // lower case is not allowed by RFC 2045 §6.7 but is common
    return -1;
}

// RFC 2045 §6.7. A malformed "=" is kept as it is (the note after rule 5
// suggests exactly this), "=" before a line end (after optional blanks) is a
// soft line break, and blanks at a line end are transport padding (rule 3).
std::string decodeQuotedPrintable(std::string_view in, std::size_t maxBytes)
{
    std::string out;
    out.reserve(std::min(in.size(), maxBytes));
    std::size_t i = 0;
    while (i < in.size() && out.size() < maxBytes) {
        const char c = in[i];
        if (c == '=') {
            if (i + 2 < in.size() && hexValue(in[i + 1]) >= 0 && hexValue(in[i + 2]) >= 0) {
                out.push_back(static_cast<char>(hexValue(in[i + 1]) * 16 + hexValue(in[i + 2])));
                i += 3;
                continue;
            }
            std::size_t j = i + 1;
            while (j < in.size() && (in[j] == ' ' || in[j] == '\t'))
                ++j;
            if (j == in.size()) {
                i = j;
            } else if (in[j] == '\n') {
                i = j + 1;
            } else if (in[j] == '\r') {
                i = j + 1;
                if (i < in.size() && in[i] == '\n')
                    ++i;
            } else {
                out.push_back('=');
                ++i;
            }
        } else if (c == ' ' || c == '\t') {
            std::size_t j = i;
            while (j < in.size() && (in[j] == ' ' || in[j] == '\t'))
                ++j;
            if (j < in.size() && in[j] != '\r' && in[j] != '\n')
                out.append(in.substr(i, j - i));
            i = j;
        } else {
            out.push_back(c);
            ++i;
        }
    }
    if (out.size() > maxBytes)
        out.resize(maxBytes);
    return out;
}

// The "Q" encoding of RFC 2047 §4.2: quoted-printable with "_" for a space.
std::string decodeQEncoding(std::string_view in)
{
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '_') {
            out.push_back(' ');
        } else if (in[i] == '=' && i + 2 < in.size() && hexValue(in[i + 1]) >= 0 && hexValue(in[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hexValue(in[i + 1]) * 16 + hexValue(in[i + 2])));
            i += 2;
        } else {
            out.push_back(in[i]);
        }
    }
    return out;
}

// ---------------------------------------------------------------- RFC 2047 encoded words

// Real encoded words are at most 75 characters (RFC 2047 §2); some mailers
// write longer ones. The bound keeps a header of "=?" from costing n².
constexpr std::size_t kMaxEncodedWordLength = 2048;

struct EncodedWord {
    std::size_t end = 0; // one past the closing "?="
    std::string charset;
    std::string bytes;   // decoded, still in `charset`
};

// "=?charset?B|Q?text?=" at s[pos] (RFC 2047 §2), or nullopt.
std::optional<EncodedWord> parseEncodedWord(std::string_view s, std::size_t pos)
{
    if (pos + 1 >= s.size() || s[pos] != '=' || s[pos + 1] != '?')
        return std::nullopt;
    const std::size_t limit = std::min(s.size(), pos + kMaxEncodedWordLength);
    std::size_t q1 = pos + 2;
    while (q1 < limit && s[q1] != '?' && !isSpace(s[q1]))
        ++q1;
    if (q1 + 2 >= limit || s[q1] != '?' || q1 == pos + 2 || s[q1 + 2] != '?')
        return std::nullopt;
    const char encoding = static_cast<char>(std::tolower(static_cast<unsigned char>(s[q1 + 1])));
    if (encoding != 'b' && encoding != 'q')
        return std::nullopt;
    const std::size_t textBegin = q1 + 3;
    std::size_t textEnd = textBegin;
    while (textEnd + 1 < limit && !(s[textEnd] == '?' && s[textEnd + 1] == '=')) {
        if (isSpace(s[textEnd]))
            return std::nullopt; // encoded-text has no blanks (§2)
        ++textEnd;
    }
    if (textEnd + 1 >= limit)
        return std::nullopt;

    EncodedWord word;
    word.end = textEnd + 2;
    std::string_view charset = s.substr(pos + 2, q1 - pos - 2);
    charset = charset.substr(0, charset.find('*')); // RFC 2231 §5 language suffix
    word.charset = std::string(charset);
    const std::string_view text = s.substr(textBegin, textEnd - textBegin);
    word.bytes = encoding == 'b' ? decodeBase64(text, text.size()) : decodeQEncoding(text);
    return word;
}

// RFC 2047 §5: an encoded word stands alone, next to linear white space; we
// also accept a quote or parenthesis (names and comments) and another encoded
// word (what many mailers write, and what RFC 2231-continued names need).
bool mayStartEncodedWord(std::string_view s, std::size_t pos, std::size_t lastEncodedEnd)
{
    if (pos == 0 || pos == lastEncodedEnd)
        return true;
    const char before = s[pos - 1];
    return isSpace(before) || before == '"' || before == '(';
}

bool mayEndEncodedWord(std::string_view s, std::size_t end)
{
    if (end == s.size())
        return true;
    const char after = s[end];
    if (isSpace(after) || after == '"' || after == ')')
        return true;
    return parseEncodedWord(s, end).has_value();
}

bool sameCharset(std::string_view a, std::string_view b)
{
    return text::equalsIgnoreCase(a, b);
}

// ---------------------------------------------------------------- addresses

enum class AddressTokenKind { Word, Quoted, Comment, Angle, Comma, Colon, Semicolon };

struct AddressToken {
    AddressTokenKind kind;
    std::string text;        // Word: as written; Quoted/Comment: content unescaped; Angle: inside the brackets
    bool spaceBefore = false;
};

bool isAddressSpecial(char c)
{
    return c == '"' || c == '(' || c == '<' || c == ',' || c == ':' || c == ';';
}

// Content of the quoted string at s[pos] (on the opening quote), backslash
// escapes resolved; `pos` ends after the closing quote. Unterminated: to the end.
std::string readQuoted(std::string_view s, std::size_t& pos)
{
    std::string out;
    for (++pos; pos < s.size(); ++pos) {
        if (s[pos] == '"') {
            ++pos;
            break;
        }
        if (s[pos] == '\\' && pos + 1 < s.size())
            ++pos;
        out.push_back(s[pos]);
    }
    return out;
}

// Content of the comment at s[pos] (on the '('), nested comments kept as text
// (RFC 5322 §3.2.2); `pos` ends after the matching ')'. Unterminated: to the end.
std::string readComment(std::string_view s, std::size_t& pos)
{
    std::string out;
    int depth = 0;
    for (; pos < s.size(); ++pos) {
        const char c = s[pos];
        if (c == '\\' && pos + 1 < s.size()) {
            out.push_back(s[++pos]);
            continue;
        }
        if (c == '(' && depth++ == 0)
            continue;
        if (c == ')' && --depth == 0) {
            ++pos;
            break;
        }
        out.push_back(c);
    }
    return out;
}

std::vector<AddressToken> tokenizeAddresses(std::string_view s)
{
    std::vector<AddressToken> tokens;
    bool space = false;
    std::size_t pos = 0;
    while (pos < s.size()) {
        const char c = s[pos];
        if (isSpace(c)) {
            space = true;
            ++pos;
            continue;
        }
        AddressToken t{AddressTokenKind::Word, {}, space};
        space = false;
        if (c == '"') {
            t.kind = AddressTokenKind::Quoted;
            t.text = readQuoted(s, pos);
        } else if (c == '(') {
            t.kind = AddressTokenKind::Comment;
            t.text = readComment(s, pos);
        } else if (c == '<') {
            // Ends at '>'; a ',' or '<' first means the '>' is missing, and
            // the rest of the list must survive that (invalid_email_to.eml).
            t.kind = AddressTokenKind::Angle;
            std::size_t end = ++pos;
            while (end < s.size() && s[end] != '>' && s[end] != ',' && s[end] != '<')
                ++end;
            t.text = std::string(s.substr(pos, end - pos));
            pos = end < s.size() && s[end] == '>' ? end + 1 : end;
        } else if (c == ',' || c == ':' || c == ';') {
            t.kind = c == ',' ? AddressTokenKind::Comma : c == ':' ? AddressTokenKind::Colon : AddressTokenKind::Semicolon;
            ++pos;
        } else if (c == '>' || c == ')') {
            ++pos; // stray closer: ignored
            continue;
        } else {
            std::size_t end = pos;
            while (end < s.size() && !isSpace(s[end]) && !isAddressSpecial(s[end]) && s[end] != '>' && s[end] != ')')
                ++end;
            t.text = std::string(s.substr(pos, end - pos));
            pos = end;
        }
        tokens.push_back(std::move(t));
    }
    return tokens;
}

// The addr-spec inside angle brackets: blanks and an obsolete route
// ("@relay:" RFC 5322 §4.4) removed.
std::string cleanAngleAddress(std::string_view inside)
{
    std::string out;
    for (char c : inside) {
        if (!isSpace(c))
            out.push_back(c);
    }
    if (!out.empty() && out.front() == '@') {
        const std::size_t colon = out.find(':');
        if (colon != std::string::npos)
            out.erase(0, colon + 1);
    }
    return out;
}

std::string wordsToName(const std::vector<AddressToken>& words, std::size_t begin, std::size_t end)
{
    std::string raw;
    for (std::size_t i = begin; i < end; ++i) {
        if (i > begin && words[i].spaceBefore)
            raw.push_back(' ');
        raw += words[i].text;
    }
    return decodeHeaderText(raw);
}

// One mailbox from the tokens between separators.
std::optional<DisplayAddress> makeMailbox(const std::vector<AddressToken>& words, const std::string* angle,
                                          const std::vector<std::string>& comments)
{
    DisplayAddress a;
    if (angle) {
        a.address = cleanAngleAddress(*angle);
        a.name = wordsToName(words, 0, words.size());
    } else if (!words.empty()) {
        // A lone addr-spec; tolerate "Name Name user@host" without brackets.
        std::size_t first = 0;
        if (words.size() > 1 && words.back().spaceBefore && words.back().text.find('@') != std::string::npos) {
            first = words.size() - 1;
            a.name = wordsToName(words, 0, first);
        }
        for (std::size_t i = first; i < words.size(); ++i) {
            if (words[i].kind == AddressTokenKind::Quoted)
                a.address += '"' + words[i].text + '"';
            else
                a.address += words[i].text;
        }
    }
    // "bob@x.org (Bob Smith)"; a comment with no address beside it is no mailbox.
    if (a.name.empty() && !comments.empty() && !a.address.empty())
        a.name = decodeHeaderText(comments.back());
    if (a.address.empty() && a.name.empty())
        return std::nullopt;
    return a;
}

// ---------------------------------------------------------------- dates

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
// (H. Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

unsigned daysInMonth(std::int64_t y, unsigned m)
{
    static constexpr std::array<unsigned, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

struct DateParts {
    std::int64_t year = -1;
    int month = 0, day = 0, hour = 0, minute = 0, second = 0;
    int zoneMinutes = 0;
};

std::optional<std::int64_t> toEpoch(const DateParts& p)
{
    if (p.year < 1000 || p.year > 9999 || p.month < 1 || p.month > 12 || p.day < 1)
        return std::nullopt;
    if (static_cast<unsigned>(p.day) > daysInMonth(p.year, static_cast<unsigned>(p.month)))
        return std::nullopt;
    if (p.hour > 24 || p.minute > 59 || p.second > 60 || p.hour < 0 || p.minute < 0 || p.second < 0)
        return std::nullopt;
    const std::int64_t days = daysFromCivil(p.year, static_cast<unsigned>(p.month), static_cast<unsigned>(p.day));
    return days * 86400 + p.hour * 3600 + p.minute * 60 + p.second - std::int64_t{p.zoneMinutes} * 60;
}

// Reads up to `maxDigits` digits at s[pos]; -1 if none.
int readNumber(std::string_view s, std::size_t& pos, std::size_t maxDigits, std::size_t* count = nullptr)
{
    int value = 0;
    std::size_t n = 0;
    while (pos < s.size() && n < maxDigits && std::isdigit(static_cast<unsigned char>(s[pos]))) {
        value = value * 10 + (s[pos] - '0');
        ++pos;
        ++n;
    }
    if (count)
        *count = n;
    return n == 0 ? -1 : value;
}

// "+hhmm", "+hh:mm" or "+hh" at s[pos] (on the sign); minutes east of UTC.
std::optional<int> readNumericZone(std::string_view s, std::size_t& pos)
{
    const int sign = s[pos] == '-' ? -1 : 1;
    std::size_t p = pos + 1;
    std::size_t digits = 0;
    const int hh = readNumber(s, p, 2, &digits);
    if (digits != 2)
        return std::nullopt;
    int mm = 0;
    if (p < s.size() && s[p] == ':')
        ++p;
    if (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) {
        mm = readNumber(s, p, 2, &digits);
        if (digits != 2)
            return std::nullopt;
    }
    if (hh > 23 || mm > 59)
        return std::nullopt;
    pos = p;
    return sign * (hh * 60 + mm);
}

// ISO 8601 / RFC 3339: "2019-12-07T19:00:27Z", "2019-12-07 19:00:27+01:00".
std::optional<std::int64_t> parseIsoDate(std::string_view s)
{
    std::size_t pos = 0;
    std::size_t digits = 0;
    DateParts p;
    p.year = readNumber(s, pos, 4, &digits);
    if (digits != 4 || pos >= s.size() || s[pos] != '-')
        return std::nullopt;
    ++pos;
    p.month = readNumber(s, pos, 2, &digits);
    if (digits != 2 || pos >= s.size() || s[pos] != '-')
        return std::nullopt;
    ++pos;
    p.day = readNumber(s, pos, 2, &digits);
    if (digits != 2)
        return std::nullopt;
    if (pos < s.size() && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ')) {
        ++pos;
        p.hour = readNumber(s, pos, 2, &digits);
        if (digits != 2 || pos >= s.size() || s[pos] != ':')
            return std::nullopt;
        ++pos;
        p.minute = readNumber(s, pos, 2, &digits);
        if (digits != 2)
            return std::nullopt;
        if (pos < s.size() && s[pos] == ':') {
            ++pos;
            p.second = readNumber(s, pos, 2, &digits);
            if (digits != 2)
                return std::nullopt;
        }
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ','))
            for (++pos; pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]));)
                ++pos;
        while (pos < s.size() && s[pos] == ' ')
            ++pos;
        if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
            ++pos;
        } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
            const std::optional<int> zone = readNumericZone(s, pos);
            if (!zone)
                return std::nullopt;
            p.zoneMinutes = *zone;
        }
    }
    return toEpoch(p);
}

int monthFromName(std::string_view word)
{
    static constexpr std::array<std::string_view, 12> months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                                "jul", "aug", "sep", "oct", "nov", "dec"};
    if (word.size() < 3)
        return 0;
    const std::string lower = text::asciiLower(word.substr(0, 3));
    for (std::size_t i = 0; i < months.size(); ++i) {
        if (lower == months[i])
            return static_cast<int>(i) + 1;
    }
    return 0;
}

// Zone names: RFC 5322 §4.3 (US zones; military letters count as -0000),
// plus the European ones seen in the wild.
std::optional<int> zoneFromName(std::string_view word)
{
    static constexpr std::array<std::pair<std::string_view, int>, 16> zones = {{
        {"ut", 0}, {"utc", 0}, {"gmt", 0}, {"z", 0}, {"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300},
        {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420}, {"cet", 60}, {"cest", 120}, {"bst", 60},
        {"eet", 120},
    }};
    const std::string lower = text::asciiLower(word);
    for (const auto& [name, minutes] : zones) {
        if (lower == name)
            return minutes;
    }
    if (lower.size() == 1 && lower[0] >= 'a' && lower[0] <= 'z' && lower[0] != 'j')
        return 0;
    return std::nullopt;
}

// ---------------------------------------------------------------- HTML

struct NamedEntity {
    std::string_view name;
    char32_t codePoint;
};

// The references mail actually uses: XML's five, Latin-1 and typography.
constexpr std::array<NamedEntity, 82> kNamedEntities = {{
    {"amp", '&'},       {"lt", '<'},         {"gt", '>'},        {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},     {"iexcl", 0xA1},     {"cent", 0xA2},     {"pound", 0xA3},    {"curren", 0xA4},
    {"yen", 0xA5},      {"brvbar", 0xA6},    {"sect", 0xA7},     {"uml", 0xA8},      {"copy", 0xA9},
    {"ordf", 0xAA},     {"laquo", 0xAB},     {"not", 0xAC},      {"shy", 0xAD},      {"reg", 0xAE},
    {"macr", 0xAF},     {"deg", 0xB0},       {"plusmn", 0xB1},   {"sup2", 0xB2},     {"sup3", 0xB3},
    {"acute", 0xB4},    {"micro", 0xB5},     {"para", 0xB6},     {"middot", 0xB7},   {"cedil", 0xB8},
    {"sup1", 0xB9},     {"ordm", 0xBA},      {"raquo", 0xBB},    {"frac14", 0xBC},   {"frac12", 0xBD},
    {"frac34", 0xBE},   {"iquest", 0xBF},    {"Agrave", 0xC0},   {"Aacute", 0xC1},   {"Acirc", 0xC2},
    {"Atilde", 0xC3},   {"Auml", 0xC4},      {"Aring", 0xC5},    {"AElig", 0xC6},    {"Ccedil", 0xC7},
    {"Egrave", 0xC8},   {"Eacute", 0xC9},    {"Ouml", 0xD6},     {"times", 0xD7},    {"Uuml", 0xDC},
    {"szlig", 0xDF},    {"agrave", 0xE0},    {"aacute", 0xE1},   {"acirc", 0xE2},    {"auml", 0xE4},
    {"aring", 0xE5},    {"aelig", 0xE6},     {"ccedil", 0xE7},   {"egrave", 0xE8},   {"eacute", 0xE9},
    {"ecirc", 0xEA},    {"euml", 0xEB},      {"iacute", 0xED},   {"ntilde", 0xF1},   {"oacute", 0xF3},
    {"ouml", 0xF6},     {"divide", 0xF7},    {"oslash", 0xF8},   {"uacute", 0xFA},   {"uuml", 0xFC},
    {"ndash", 0x2013},  {"mdash", 0x2014},   {"lsquo", 0x2018},  {"rsquo", 0x2019},  {"sbquo", 0x201A},
    {"ldquo", 0x201C},  {"rdquo", 0x201D},   {"bdquo", 0x201E},  {"bull", 0x2022},   {"hellip", 0x2026},
    {"euro", 0x20AC},   {"trade", 0x2122},
}};

// Elements whose content is never shown.
bool isHiddenElement(std::string_view name)
{
    return name == "script" || name == "style" || name == "title" || name == "template";
}

// How many line breaks an element boundary asks for: 2 for a paragraph-like
// block (an empty line), 1 for other blocks, 0 for inline elements.
int lineBreaksFor(std::string_view name)
{
    static constexpr std::array<std::string_view, 10> paragraphs = {"p", "h1", "h2", "h3", "h4", "h5", "h6",
                                                                    "blockquote", "pre", "table"};
    static constexpr std::array<std::string_view, 22> blocks = {
        "div", "li", "ul", "ol", "tr", "hr", "dl", "dt", "dd", "section", "article", "header", "footer",
        "address", "center", "form", "fieldset", "nav", "aside", "figure", "main", "body"};
    if (std::find(paragraphs.begin(), paragraphs.end(), name) != paragraphs.end())
        return 2;
    if (std::find(blocks.begin(), blocks.end(), name) != blocks.end())
        return 1;
    return 0;
}

// Builds text with HTML's whitespace rules: runs of blanks become one space,
// line breaks requested by elements are merged (at most one empty line).
class TextSink {
public:
    explicit TextSink(std::size_t maxBytes) : m_max(maxBytes) {}

    bool full() const { return m_out.size() >= m_max; }
    void space() { m_pendingSpace = true; }
    void lineBreaks(int n, bool additive)
    {
        m_pendingBreaks = additive ? std::min(m_pendingBreaks + n, 2) : std::max(m_pendingBreaks, n);
    }
    void text(std::string_view t)
    {
        if (m_out.empty()) {
            m_pendingBreaks = 0;
            m_pendingSpace = false;
        }
        if (m_pendingBreaks > 0) {
            while (!m_out.empty() && m_out.back() == ' ')
                m_out.pop_back();
            m_out.append(static_cast<std::size_t>(m_pendingBreaks), '\n');
        } else if (m_pendingSpace && !m_out.empty() && m_out.back() != '\n') {
            m_out.push_back(' ');
        }
        m_pendingBreaks = 0;
        m_pendingSpace = false;
        m_out.append(t);
    }
    void preformatted(char c)
    {
        if (c == '\n') {
            text({});
            m_out.push_back('\n');
        } else {
            text(std::string_view(&c, 1));
        }
    }
    std::string take()
    {
        truncateUtf8(m_out, m_max);
        return std::move(m_out);
    }

private:
    std::string m_out;
    std::size_t m_max;
    bool m_pendingSpace = false;
    int m_pendingBreaks = 0;
};

// A character reference at s[pos] (on the '&'); `pos` moves past it. nullopt
// leaves the '&' as text (HTML5 §13.2.5.72 does the same for unknown names).
std::optional<std::string> readCharacterReference(std::string_view s, std::size_t& pos)
{
    std::size_t p = pos + 1;
    char32_t cp = 0;
    if (p < s.size() && s[p] == '#') {
        ++p;
        const bool hex = p < s.size() && (s[p] == 'x' || s[p] == 'X');
        if (hex)
            ++p;
        const std::size_t digitsBegin = p;
        while (p < s.size() && p - digitsBegin < 8
               && (hex ? std::isxdigit(static_cast<unsigned char>(s[p])) : std::isdigit(static_cast<unsigned char>(s[p]))))
            ++p;
        if (p == digitsBegin)
            return std::nullopt;
        cp = static_cast<char32_t>(std::stoul(std::string(s.substr(digitsBegin, p - digitsBegin)), nullptr, hex ? 16 : 10));
        if (cp == 0)
            cp = 0xFFFD;
        else if (cp >= 0x80 && cp <= 0x9F)
            cp = kWindows1252High[cp - 0x80]; // HTML5 §13.2.5.80: C1 references mean windows-1252
    } else {
        const std::size_t nameBegin = p;
        while (p < s.size() && p - nameBegin < 10 && std::isalnum(static_cast<unsigned char>(s[p])))
            ++p;
        const std::string_view name = s.substr(nameBegin, p - nameBegin);
        const auto it = std::find_if(kNamedEntities.begin(), kNamedEntities.end(),
                                     [&](const NamedEntity& e) { return e.name == name; });
        if (it == kNamedEntities.end())
            return std::nullopt;
        cp = it->codePoint;
    }
    if (p < s.size() && s[p] == ';')
        ++p;
    pos = p;
    std::string out;
    appendCodePoint(out, cp);
    return out;
}

// Position just after the end of the tag starting at s[pos] ('<'), skipping
// quoted attribute values (a '>' inside them does not end the tag).
std::size_t tagEnd(std::string_view s, std::size_t pos)
{
    char quote = 0;
    for (std::size_t i = pos + 1; i < s.size(); ++i) {
        if (quote) {
            if (s[i] == quote)
                quote = 0;
        } else if (s[i] == '"' || s[i] == '\'') {
            // Only a quote that opens an attribute value counts: after '='.
            std::size_t j = i;
            while (j > pos && isSpace(s[j - 1]))
                --j;
            if (j > pos && s[j - 1] == '=')
                quote = s[i];
        } else if (s[i] == '>') {
            return i + 1;
        }
    }
    return s.size();
}

std::size_t findIgnoreCase(std::string_view s, std::string_view needle, std::size_t from)
{
    if (needle.empty() || s.size() < needle.size())
        return std::string_view::npos;
    for (std::size_t i = from; i + needle.size() <= s.size(); ++i) {
        if (text::equalsIgnoreCase(s.substr(i, needle.size()), needle))
            return i;
    }
    return std::string_view::npos;
}

// ---------------------------------------------------------------- parameters

struct RawParameter {
    std::string name;  // lower case, with any RFC 2231 "*n" / "*" suffix
    std::string value; // quotes removed, nothing decoded
};

constexpr std::size_t kMaxParameters = 256;

// The parameters of a Content-Type or Content-Disposition value (RFC 2045
// §5.1), leniently: unquoted values may hold blanks, a missing closing quote
// ends at the end of the field, junk without "=" is skipped.
std::vector<RawParameter> splitParameters(std::string_view rawValue)
{
    const std::string s = HeaderBlock::unfold(rawValue.substr(0, kMaxHeaderTextBytes));
    std::vector<RawParameter> params;
    std::size_t pos = s.find(';');
    while (pos != std::string::npos && pos < s.size() && params.size() < kMaxParameters) {
        while (pos < s.size() && (s[pos] == ';' || isSpace(s[pos])))
            ++pos;
        const std::size_t nameBegin = pos;
        while (pos < s.size() && s[pos] != '=' && s[pos] != ';')
            ++pos;
        if (pos >= s.size() || s[pos] != '=')
            continue;
        RawParameter p;
        p.name = text::asciiLower(trimmed(std::string_view(s).substr(nameBegin, pos - nameBegin)));
        ++pos;
        while (pos < s.size() && isSpace(s[pos]))
            ++pos;
        if (pos < s.size() && s[pos] == '"') {
            for (++pos; pos < s.size() && s[pos] != '"'; ++pos) {
                if (s[pos] == '\\' && pos + 1 < s.size())
                    ++pos;
                p.value.push_back(s[pos]);
            }
            pos = s.find(';', pos);
        } else {
            const std::size_t end = s.find(';', pos);
            p.value = std::string(trimmed(std::string_view(s).substr(pos, end == std::string::npos ? std::string::npos : end - pos)));
            pos = end;
        }
        if (!p.name.empty())
            params.push_back(std::move(p));
    }
    return params;
}

std::string percentDecode(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2])));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

// Splits "charset'language'text" (RFC 2231 §4); nullopt without both apostrophes.
std::optional<std::pair<std::string, std::string_view>> splitExtendedValue(std::string_view value)
{
    const std::size_t a = value.find('\'');
    if (a == std::string_view::npos)
        return std::nullopt;
    const std::size_t b = value.find('\'', a + 1);
    if (b == std::string_view::npos)
        return std::nullopt;
    return std::make_pair(std::string(value.substr(0, a)), value.substr(b + 1));
}

// Whether a plain value is really an RFC 2231 extended value that a parser
// joined without decoding: "utf-8''Ma%C3%9F...", charset a bare token.
bool looksExtended(std::string_view value)
{
    const auto parts = splitExtendedValue(value);
    if (!parts || !isPlausibleCharsetLabel(parts->first))
        return false;
    const std::string_view language = value.substr(parts->first.size() + 1,
                                                   value.size() - parts->second.size() - parts->first.size() - 2);
    return std::all_of(language.begin(), language.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
}

// An extended value ("charset'lang'%XX..."). Without the apostrophes it is
// taken as an RFC 2047 value, as Thunderbird and Delta Chat do
// (attach_filename_apostrophed_invalid.eml).
std::string decodeExtendedValue(std::string_view value)
{
    const auto parts = splitExtendedValue(value);
    if (!parts)
        return decodeHeaderText(value);
    return toUtf8(percentDecode(parts->second), parts->first, kMaxHeaderTextBytes);
}

// "name*3*" -> {3, true}; "name*3" -> {3, false}; nullopt if not a continuation of `base`.
std::optional<std::pair<int, bool>> continuationIndex(std::string_view name, std::string_view base)
{
    if (name.size() <= base.size() + 1 || name.substr(0, base.size()) != base || name[base.size()] != '*')
        return std::nullopt;
    std::string_view rest = name.substr(base.size() + 1);
    const bool extended = !rest.empty() && rest.back() == '*';
    if (extended)
        rest.remove_suffix(1);
    if (rest.empty() || rest.size() > 3 || !std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::make_pair(std::stoi(std::string(rest)), extended);
}

// RFC 2231 §3-4: joins name*0, name*1... in order (stopping at a gap),
// decoding the "*" sections with the charset of section 0.
std::string joinContinuations(const std::vector<RawParameter>& params, std::string_view base)
{
    constexpr int kMaxSections = 1000;
    std::vector<const RawParameter*> sections;
    std::vector<bool> extended;
    for (const RawParameter& p : params) {
        const auto index = continuationIndex(p.name, base);
        if (!index || index->first >= kMaxSections)
            continue;
        const auto i = static_cast<std::size_t>(index->first);
        if (sections.size() <= i) {
            sections.resize(i + 1, nullptr);
            extended.resize(i + 1, false);
        }
        if (!sections[i]) {
            sections[i] = &p;
            extended[i] = index->second;
        }
    }
    std::string bytes;
    std::string charset;
    bool anyExtended = false;
    for (std::size_t i = 0; i < sections.size() && sections[i] && bytes.size() < kMaxHeaderTextBytes; ++i) {
        std::string_view value = sections[i]->value;
        if (extended[i]) {
            anyExtended = true;
            if (i == 0) {
                if (const auto parts = splitExtendedValue(value)) {
                    charset = parts->first;
                    value = parts->second;
                }
            }
            bytes += percentDecode(value);
        } else {
            bytes += value;
        }
    }
    if (anyExtended)
        return toUtf8(bytes, charset, kMaxHeaderTextBytes);
    // Plain sections may hold RFC 2047 words split across sections
    // (attach_filename_encoded_words_cont.eml).
    return decodeHeaderText(bytes);
}

// The value of parameter `base` in any of its forms. The plain form wins over
// the RFC 2231 forms (attach_filename_combined.eml defines it so). With
// `guessExtended`, a plain value that looks like "charset''%XX" is decoded as
// RFC 2231: a parser that joined continuations may hand them over that way.
std::string resolveParameter(const std::vector<RawParameter>& params, std::string_view base, bool guessExtended)
{
    for (const RawParameter& p : params) {
        if (p.name == base && !p.value.empty())
            return guessExtended && looksExtended(p.value) ? decodeExtendedValue(p.value) : decodeHeaderText(p.value);
    }
    const std::string extendedName = std::string(base) + '*';
    for (const RawParameter& p : params) {
        if (p.name == extendedName && !p.value.empty())
            return decodeExtendedValue(p.value);
    }
    return joinContinuations(params, base);
}

std::vector<RawParameter> toRawParameters(const std::vector<MimeParameter>& params)
{
    std::vector<RawParameter> out;
    out.reserve(std::min(params.size(), kMaxParameters));
    for (const MimeParameter& p : params) {
        if (out.size() >= kMaxParameters)
            break;
        out.push_back({text::asciiLower(p.name), p.value});
    }
    return out;
}

std::string fileNameFrom(const std::vector<RawParameter>& disposition, const std::vector<RawParameter>& contentType,
                         bool guessExtended)
{
    std::string name = resolveParameter(disposition, "filename", guessExtended);
    if (name.empty())
        name = resolveParameter(contentType, "name", guessExtended);
    flattenControls(name);
    return name;
}

} // namespace

// ---------------------------------------------------------------- public API

std::string toUtf8(std::string_view bytes, std::string_view charset, std::size_t maxBytes)
{
    const std::string label = text::asciiLower(trimmed(charset).substr(0, 64));
    try {
        if (isOneOf(label, {"", "us-ascii", "ascii", "us", "ansi_x3.4-1968", "iso646-us", "csascii", "646",
                            "unknown-8bit", "unknown", "x-unknown", "default"}))
            return unlabelledToUtf8(bytes, maxBytes);
        if (isOneOf(label, {"utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8"}))
            return repairUtf8(bytes, maxBytes);
        if (isOneOf(label, {"iso-8859-1", "iso8859-1", "iso_8859-1", "iso_8859-1:1987", "latin1", "latin-1", "l1",
                            "cp819", "ibm819", "iso-ir-100", "windows-1252", "cp1252", "x-cp1252", "ansi"}))
            return windows1252ToUtf8(bytes, maxBytes);
        if (isPlausibleCharsetLabel(label)) {
            // Conversion never shrinks below a third and never needs more input
            // than twice the output cap: bound the work for huge bodies.
            const std::string input(bytes.substr(0, maxBytes * 2 + 16));
            std::string converted;
            vmime::charsetConverterOptions options;
            options.silentlyReplaceInvalidSequences = true;
            options.invalidSequence = "\xEF\xBF\xBD"; // U+FFFD
            vmime::charset::convert(input, converted, vmime::charset(label), vmime::charset("utf-8"), options);
            return repairUtf8(converted, maxBytes);
        }
    } catch (const std::exception&) {
        // Unknown to ICU (e.g. "x-user-defined"): best effort below.
    } catch (...) {
    }
    return unlabelledToUtf8(bytes, maxBytes);
}

std::string decodeHeaderText(std::string_view rawValue)
{
    const std::string s = HeaderBlock::unfold(rawValue.substr(0, kMaxHeaderTextBytes * 4));
    std::string out;
    std::string literal;     // raw bytes not yet converted
    std::string heldSpace;   // blanks after an encoded word: dropped if another one follows (§6.2)
    std::string wordCharset; // pending encoded-word bytes, joined per charset so that a
    std::string wordBytes;   // character split across two words comes out whole
    bool haveWord = false;
    std::size_t lastEncodedEnd = std::string::npos;

    auto flushLiteral = [&] {
        out += unlabelledToUtf8(literal, kMaxHeaderTextBytes);
        literal.clear();
    };
    auto flushWord = [&] {
        if (haveWord)
            out += toUtf8(wordBytes, wordCharset, kMaxHeaderTextBytes);
        haveWord = false;
        wordBytes.clear();
    };

    std::size_t i = 0;
    while (i < s.size() && out.size() < kMaxHeaderTextBytes) {
        if (s[i] == '=' && mayStartEncodedWord(s, i, lastEncodedEnd)) {
            std::optional<EncodedWord> word = parseEncodedWord(s, i);
            if (word && mayEndEncodedWord(s, word->end)) {
                flushLiteral();
                heldSpace.clear();
                if (!haveWord || !sameCharset(wordCharset, word->charset)) {
                    flushWord();
                    wordCharset = word->charset;
                    haveWord = true;
                }
                wordBytes += word->bytes;
                lastEncodedEnd = word->end;
                i = word->end;
                continue;
            }
        }
        const char c = s[i];
        if (haveWord) {
            if (isSpace(c)) {
                heldSpace.push_back(c);
                ++i;
                continue;
            }
            flushWord();
            literal += heldSpace;
            heldSpace.clear();
        }
        literal.push_back(c);
        ++i;
    }
    flushWord();
    literal += heldSpace;
    flushLiteral();
    flattenControls(out);
    truncateUtf8(out, kMaxHeaderTextBytes);
    return out;
}

std::vector<DisplayAddress> parseAddressList(std::string_view rawValue)
{
    std::vector<DisplayAddress> result;
    try {
        const std::string s = HeaderBlock::unfold(rawValue.substr(0, kMaxHeaderTextBytes * 4));
        const std::vector<AddressToken> tokens = tokenizeAddresses(s);
        std::vector<AddressToken> words;
        std::vector<std::string> comments;
        std::optional<std::string> angle;
        auto finish = [&] {
            if (result.size() < kMaxAddressesPerField) {
                if (auto mailbox = makeMailbox(words, angle ? &*angle : nullptr, comments))
                    result.push_back(std::move(*mailbox));
            }
            words.clear();
            comments.clear();
            angle.reset();
        };
        for (const AddressToken& t : tokens) {
            switch (t.kind) {
            case AddressTokenKind::Word:
            case AddressTokenKind::Quoted:
                if (!angle)
                    words.push_back(t);
                break;
            case AddressTokenKind::Comment:
                comments.push_back(t.text);
                break;
            case AddressTokenKind::Angle:
                if (angle)
                    finish(); // "<a@b> <c@d>": two mailboxes missing their comma
                angle = t.text;
                break;
            case AddressTokenKind::Colon:
                if (!angle) { // group display name (RFC 5322 §3.4): flattened away
                    words.clear();
                    comments.clear();
                }
                break;
            case AddressTokenKind::Comma:
            case AddressTokenKind::Semicolon:
                finish();
                break;
            }
            if (result.size() >= kMaxAddressesPerField)
                break;
        }
        finish();
    } catch (...) {
        // Only allocation can throw here; what was parsed so far is kept.
    }
    return result;
}

std::vector<std::string> addressesIn(const HeaderBlock& header, std::initializer_list<std::string_view> fieldNames)
{
    std::vector<std::string> out;
    for (const HeaderField& field : header.fields()) {
        if (std::none_of(fieldNames.begin(), fieldNames.end(),
                         [&](std::string_view name) { return text::equalsIgnoreCase(field.name, name); }))
            continue;
        for (const DisplayAddress& a : parseAddressList(field.rawValue)) {
            std::string address = text::asciiLower(a.address);
            if (std::find(out.begin(), out.end(), address) == out.end())
                out.push_back(std::move(address));
        }
    }
    return out;
}

std::string formatAddressList(const std::vector<DisplayAddress>& addresses)
{
    std::string out;
    for (const DisplayAddress& a : addresses) {
        if (!out.empty())
            out += ", ";
        std::string name = a.name;
        if (name.find_first_of(",;<>\"") != std::string::npos) {
            std::string quoted = "\"";
            for (char c : name) {
                if (c == '"' || c == '\\')
                    quoted.push_back('\\');
                quoted.push_back(c);
            }
            name = quoted + '"';
        }
        if (name.empty())
            out += a.address;
        else if (a.address.empty())
            out += name;
        else
            out += name + " <" + a.address + '>';
    }
    return out;
}

std::optional<std::int64_t> parseDate(std::string_view rawValue)
{
    std::string s = HeaderBlock::unfold(rawValue.substr(0, 1024));
    if (auto iso = parseIsoDate(s))
        return iso;

    // Comments ("(CET)") carry nothing we trust: blank them out.
    std::string text;
    int depth = 0;
    for (char c : s) {
        if (c == '(')
            ++depth;
        else if (c == ')' && depth > 0)
            --depth;
        else
            text.push_back(depth > 0 ? ' ' : c);
    }

    DateParts p;
    std::vector<std::pair<int, std::size_t>> numbers; // value, digit count
    bool haveTime = false;
    std::optional<int> numericZone;
    std::optional<int> namedZone;
    bool pm = false;
    bool am = false;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char c = text[pos];
        if (std::isalpha(static_cast<unsigned char>(c))) {
            const std::size_t begin = pos;
            while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos])))
                ++pos;
            const std::string_view word = std::string_view(text).substr(begin, pos - begin);
            if (const int month = monthFromName(word); month && p.month == 0 && word.size() <= 9)
                p.month = month;
            else if (text::equalsIgnoreCase(word, "pm"))
                pm = true;
            else if (text::equalsIgnoreCase(word, "am"))
                am = true;
            else if (const auto zone = zoneFromName(word); zone && haveTime && !namedZone)
                namedZone = zone;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            std::size_t digits = 0;
            const int value = readNumber(text, pos, 9, &digits);
            while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])))
                ++pos; // absurdly long numbers: the rest is ignored
            if (pos < text.size() && text[pos] == ':' && !haveTime && digits <= 2) {
                p.hour = value;
                ++pos;
                p.minute = readNumber(text, pos, 2, &digits);
                if (digits == 0)
                    return std::nullopt;
                if (pos < text.size() && text[pos] == ':') {
                    ++pos;
                    p.second = readNumber(text, pos, 2, &digits);
                    if (digits == 0)
                        return std::nullopt;
                }
                haveTime = true;
            } else if (numbers.size() < 4) {
                numbers.emplace_back(value, digits);
            }
        } else if ((c == '+' || c == '-') && haveTime && !numericZone && pos + 1 < text.size()
                   && std::isdigit(static_cast<unsigned char>(text[pos + 1]))) {
            numericZone = readNumericZone(text, pos);
            if (!numericZone)
                ++pos;
        } else {
            ++pos;
        }
    }
    if (p.month == 0 || numbers.size() < 2)
        return std::nullopt;
    // "7 Dec 2019", "Dec 7 2019" (asctime puts the year after the time), "2019 Dec 7".
    std::pair<int, std::size_t> day = numbers[0];
    std::pair<int, std::size_t> year = numbers[1];
    if (day.second >= 3)
        std::swap(day, year);
    if (day.second > 2)
        return std::nullopt;
    p.day = day.first;
    p.year = year.first;
    if (year.second <= 2) // RFC 5322 §4.3
        p.year += p.year < 50 ? 2000 : 1900;
    else if (year.second == 3)
        p.year += 1900;
    if (pm && p.hour < 12)
        p.hour += 12;
    else if (am && p.hour == 12)
        p.hour = 0;
    p.zoneMinutes = numericZone ? *numericZone : namedZone.value_or(0);
    return toEpoch(p);
}

std::string decodeTransferEncoding(std::string_view rawBody, std::string_view transferEncoding, std::size_t maxBytes)
{
    try {
        const std::string encoding = text::asciiLower(trimmed(transferEncoding).substr(0, 64));
        if (encoding == "base64")
            return decodeBase64(rawBody, maxBytes);
        if (encoding == "quoted-printable")
            return decodeQuotedPrintable(rawBody, maxBytes);
        return std::string(rawBody.substr(0, maxBytes));
    } catch (...) {
        return {};
    }
}

std::string decodeBody(std::string_view rawBody, std::string_view transferEncoding, std::string_view charset,
                       std::size_t maxBytes)
{
    try {
        const std::string bytes = decodeTransferEncoding(rawBody, transferEncoding, maxBytes);
        const std::string text = toUtf8(bytes, charset, maxBytes);
        std::string out;
        out.reserve(text.size());
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\r') {
                out.push_back('\n');
                if (i + 1 < text.size() && text[i + 1] == '\n')
                    ++i;
            } else if (text[i] != '\0') {
                out.push_back(text[i]);
            }
        }
        return out;
    } catch (...) {
        return {};
    }
}

std::string htmlToText(std::string_view html, std::size_t maxBytes)
{
    try {
        TextSink sink(maxBytes);
        bool inPre = false;
        std::size_t pos = 0;
        while (pos < html.size() && !sink.full()) {
            const char c = html[pos];
            if (c == '<') {
                if (html.substr(pos, 4) == "<!--") {
                    const std::size_t end = html.find("-->", pos + 4);
                    pos = end == std::string_view::npos ? html.size() : end + 3;
                    continue;
                }
                const bool closing = pos + 1 < html.size() && html[pos + 1] == '/';
                std::size_t nameBegin = pos + (closing ? 2 : 1);
                if (nameBegin < html.size() && (html[nameBegin] == '!' || html[nameBegin] == '?')) {
                    if (html.substr(nameBegin, 8) == "![CDATA[") {
                        const std::size_t end = html.find("]]>", nameBegin);
                        const std::size_t textEnd = end == std::string_view::npos ? html.size() : end;
                        sink.text(html.substr(nameBegin + 8, textEnd - nameBegin - 8));
                        pos = end == std::string_view::npos ? html.size() : end + 3;
                    } else {
                        pos = tagEnd(html, pos); // <!DOCTYPE>, <?xml?>
                    }
                    continue;
                }
                if (nameBegin >= html.size() || !std::isalpha(static_cast<unsigned char>(html[nameBegin]))) {
                    sink.text("<"); // a lone '<' in text
                    ++pos;
                    continue;
                }
                std::size_t nameEnd = nameBegin;
                while (nameEnd < html.size() && std::isalnum(static_cast<unsigned char>(html[nameEnd])))
                    ++nameEnd;
                const std::string name = text::asciiLower(html.substr(nameBegin, nameEnd - nameBegin));
                pos = tagEnd(html, pos);
                if (!closing && isHiddenElement(name)) {
                    const std::size_t end = findIgnoreCase(html, "</" + name, pos);
                    pos = end == std::string_view::npos ? html.size() : tagEnd(html, end);
                    continue;
                }
                if (name == "br") {
                    sink.lineBreaks(1, true);
                } else if (name == "td" || name == "th") {
                    sink.space();
                } else if (const int breaks = lineBreaksFor(name)) {
                    sink.lineBreaks(breaks, false);
                }
                if (name == "pre")
                    inPre = !closing;
                continue;
            }
            if (c == '&') {
                std::size_t p = pos;
                if (const auto decoded = readCharacterReference(html, p)) {
                    if (*decoded == "\xC2\xA0")
                        sink.space(); // &nbsp; is spacing, and spacing is collapsed
                    else
                        sink.text(*decoded);
                    pos = p;
                    continue;
                }
                sink.text("&"); // not a reference: a plain ampersand ("AT&T")
                ++pos;
                continue;
            }
            if (isSpace(c) || c == '\f') {
                if (inPre && (c == '\n' || c == ' ' || c == '\t'))
                    sink.preformatted(c == '\t' ? ' ' : c);
                else
                    sink.space();
                ++pos;
                continue;
            }
            std::size_t end = pos;
            while (end < html.size() && html[end] != '<' && html[end] != '&' && !isSpace(html[end]) && html[end] != '\f')
                ++end;
            sink.text(html.substr(pos, end - pos));
            pos = end;
        }
        return sink.take();
    } catch (...) {
        return {};
    }
}

std::string attachmentFileName(const MimeEntity& entity)
{
    try {
        return fileNameFrom(toRawParameters(entity.dispositionParams), toRawParameters(entity.params), true);
    } catch (...) {
        return {};
    }
}

std::string attachmentFileName(std::string_view raw, const MimeEntity& entity)
{
    try {
        if (entity.headerBegin > entity.headerEnd || entity.headerEnd > raw.size())
            return attachmentFileName(entity);
        const HeaderBlock header(raw.substr(entity.headerBegin, entity.headerEnd - entity.headerBegin));
        const HeaderField* disposition = header.find("Content-Disposition");
        const HeaderField* contentType = header.find("Content-Type");
        if (!disposition && !contentType)
            return attachmentFileName(entity);
        return fileNameFrom(splitParameters(disposition ? disposition->rawValue : std::string_view()),
                            splitParameters(contentType ? contentType->rawValue : std::string_view()), false);
    } catch (...) {
        return {};
    }
}

} // namespace cachet::mime
