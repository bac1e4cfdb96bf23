#include "reader/PlainTextHtml.h"

#include "reader/BreakOpportunities.h"
#include "reader/HtmlEscape.h"
#include "reader/UrlPolicy.h"
#include "text/AsciiText.h"

#include <algorithm>
#include <array>
#include <vector>

namespace cachet::ui {

namespace {

// Thunderbird's idea: each level its own colour, so a reader sees who said
// what. Cycles after the last.
// See plainTextToHtml.
constexpr int kMaxLinesPerQuoteTable = 200;

constexpr std::array<const char*, 5> kQuoteColours = {"#2a5db0", "#2e7d32", "#b45309", "#7b1fa2", "#00838f"};

struct Line {
    int level = 0;
    std::string text;
    bool soft = false; // format=flowed: continues on the next line
};

// Quote markers at the start of `line`: ">" repeated, in plain text also
// "> > " (what many mailers write); the space after the last one is dropped.
int takeQuoteLevel(std::string_view& line, bool flowed)
{
    int level = 0;
    std::size_t pos = 0;
    while (pos < line.size() && line[pos] == '>') {
        ++level;
        ++pos;
        if (!flowed && pos + 1 < line.size() && line[pos] == ' ' && line[pos + 1] == '>')
            ++pos;
    }
    line.remove_prefix(pos);
    if (level > 0 && !line.empty() && line.front() == ' ')
        line.remove_prefix(1);
    return level;
}

std::vector<Line> readLines(std::string_view text, const PlainTextFormat& format)
{
    std::vector<Line> lines;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view raw = text.substr(pos, end - pos);
        pos = end + 1;
        if (end == text.size() && raw.empty() && !lines.empty())
            break; // the final line break ends the last line; it opens no new one
        Line line;
        line.level = takeQuoteLevel(raw, format.flowed);
        if (format.flowed) {
            if (line.level == 0 && !raw.empty() && raw.front() == ' ')
                raw.remove_prefix(1); // space-stuffing (RFC 3676 §4.4)
            // A trailing space marks a soft break, except in the signature separator (§4.3).
            line.soft = !raw.empty() && raw.back() == ' ' && raw != "-- ";
            if (line.soft && format.delSp)
                raw.remove_suffix(1);
        }
        line.text = std::string(raw);
        // Joins a flowed paragraph back into one line (§4.2): a soft line
        // continues on the next line of the same quote level.
        if (!lines.empty() && lines.back().soft && lines.back().level == line.level) {
            lines.back().text += line.text;
            lines.back().soft = line.soft;
        } else {
            lines.push_back(std::move(line));
        }
        if (end == text.size())
            break;
    }
    return lines;
}

void appendEscaped(std::string& out, std::string_view s, RunBreaker* breaker = nullptr)
{
    for (char c : s) {
        if (breaker)
            breaker->before(out, c);
        appendHtmlEscaped(out, c);
    }
}

bool isWordChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
        || c == '.' || c == '/' || c == '@';
}

bool endsUrl(char c)
{
    return static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' || c == '"' || c == '`' || c == 0x7f;
}

// Length of the link at s[pos] ("https://...", "www...."), or 0.
std::size_t linkLength(std::string_view s, std::size_t pos, std::string& href)
{
    if (pos > 0 && isWordChar(s[pos - 1]))
        return 0;
    static constexpr std::array<std::string_view, 5> kStarts = {"https://", "http://", "ftp://", "mailto:", "www."};
    std::string_view start;
    for (std::string_view candidate : kStarts) {
        if (s.size() - pos > candidate.size() && text::equalsIgnoreCase(s.substr(pos, candidate.size()), candidate)) {
            start = candidate;
            break;
        }
    }
    if (start.empty())
        return 0;
    std::size_t end = pos;
    while (end < s.size() && !endsUrl(s[end]))
        ++end;
    // Punctuation after a link is the sentence's, and a closing bracket is
    // the text's unless the link opened one ("(see https://x.org/a_(b))").
    const std::string_view found = s.substr(pos, end - pos);
    auto opened = std::count(found.begin(), found.end(), '(');
    auto closed = std::count(found.begin(), found.end(), ')');
    auto openedSquare = std::count(found.begin(), found.end(), '[');
    auto closedSquare = std::count(found.begin(), found.end(), ']');
    while (end > pos + start.size()) {
        const char c = s[end - 1];
        if (std::string_view(".,;:!?'*").find(c) != std::string_view::npos) {
            --end;
        } else if (c == ')' && opened < closed) {
            --closed;
            --end;
        } else if (c == ']' && openedSquare < closedSquare) {
            --closedSquare;
            --end;
        } else {
            break;
        }
    }
    if (end <= pos + start.size())
        return 0;
    const std::string_view url = s.substr(pos, end - pos);
    href = keptLinkUrl(start == "www." ? "https://" + std::string(url) : std::string(url));
    return href.empty() ? 0 : end - pos;
}

void appendLinkified(std::string& out, std::string_view s, RunBreaker& breaker)
{
    std::size_t plainStart = 0;
    std::size_t pos = 0;
    std::string href;
    while (pos < s.size()) {
        const char c = s[pos];
        const bool mayStart = c == 'h' || c == 'H' || c == 'f' || c == 'F' || c == 'm' || c == 'M' || c == 'w' || c == 'W';
        const std::size_t length = mayStart ? linkLength(s, pos, href) : 0;
        if (length == 0) {
            ++pos;
            continue;
        }
        appendEscaped(out, s.substr(plainStart, pos - plainStart), &breaker);
        out += "<a href=\"";
        appendEscaped(out, href);
        out += "\">";
        appendEscaped(out, s.substr(pos, length), &breaker);
        out += "</a>";
        pos += length;
        plainStart = pos;
    }
    appendEscaped(out, s.substr(plainStart), &breaker);
}

void openQuote(std::string& out, int level)
{
    const char* colour = quoteColour(level);
    // A one-pixel-wide coloured cell is the bar: QTextDocument draws no
    // border-left on blocks, but it does fill table cells.
    out += "<table class=\"quote quote-level-" + std::to_string(level)
        + "\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\">"
          "<tr><td width=\"3\" bgcolor=\"" + colour + "\"></td>"
          "<td style=\"padding-left: 8px; color: " + colour + "; white-space: pre-wrap;\">";
}

void closeQuote(std::string& out)
{
    out += "</td></tr></table>";
}

} // namespace

const char* quoteColour(int level)
{
    return kQuoteColours[static_cast<std::size_t>(std::max(level, 1) - 1) % kQuoteColours.size()];
}

std::string plainTextToHtml(std::string_view text, const PlainTextFormat& format)
{
    const std::vector<Line> lines = readLines(text, format);
    std::string out = "<div class=\"plain-text\" style=\"white-space: pre-wrap;\">";
    out.reserve(text.size() + text.size() / 4 + 64);
    int open = 0;
    RunBreaker breaker;
    bool lineOpen = false; // a line was written at this level and needs a break before the next
    int linesInQuote = 0;  // since the quote tables were (re)opened
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& line = lines[i];
        const int level = std::min(line.level, kMaxQuoteLevels);
        if (open > 0 && level > 0 && ++linesInQuote > kMaxLinesPerQuoteTable) {
            // QTextDocument lays out a table cell in one go (2 MB of quote
            // took seconds): a long quote is a column of tables instead.
            for (int l = open; l > 0; --l)
                closeQuote(out);
            for (int l = 1; l <= open; ++l)
                openQuote(out, l);
            linesInQuote = 1;
            lineOpen = false;
        }
        if (level != open) {
            if (open == 0)
                linesInQuote = 1;
            while (open > level) {
                closeQuote(out);
                --open;
            }
            while (open < level)
                openQuote(out, ++open);
            lineOpen = false;
        }
        if (lineOpen) {
            // In pre-wrap a line break is a new block (QTextDocument lays out
            // blocks one by one), but an empty block just before a table or
            // at the end is dropped: an empty last line is a <br> instead.
            const bool lastOfGroup = i + 1 == lines.size() || std::min(lines[i + 1].level, kMaxQuoteLevels) != level;
            out += line.text.empty() && lastOfGroup ? "<br>" : "\n";
        }
        appendLinkified(out, line.text, breaker);
        lineOpen = true;
    }
    while (open > 0) {
        closeQuote(out);
        --open;
    }
    out += "</div>";
    return out;
}

} // namespace cachet::ui
