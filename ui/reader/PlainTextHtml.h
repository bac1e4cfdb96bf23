#pragma once
// A text/plain body as HTML for QTextBrowser, the way mail programs show it:
// quoted lines (">", "> >", ">>") nested in coloured bars, one colour per
// level; format=flowed (RFC 3676) lines joined back into paragraphs; web and
// mailto addresses made into links. Everything else is the text, escaped.

#include <string>
#include <string_view>

namespace cachet::ui {

// Deeper quotes are shown at this level: each level is a nested table.
inline constexpr int kMaxQuoteLevels = 12;

struct PlainTextFormat {
    bool flowed = false; // Content-Type format=flowed (RFC 3676 §4)
    bool delSp = false;  // delsp=yes (§4.2): the space before a soft line break is not text
};

// `text` is UTF-8 with "\n" line ends (mime::decodeBody's output).
std::string plainTextToHtml(std::string_view text, const PlainTextFormat& format = {});

// The colour of quote level `level` (1: quoted once, "> "), as "#rrggbb".
const char* quoteColour(int level);

} // namespace cachet::ui
