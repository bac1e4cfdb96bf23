#pragma once
// The HTML of a received message rebuilt from an allow-list, for QTextBrowser:
// only presentational elements and attributes survive, every tag is written
// anew from what was parsed (so nothing the parser misread slips through),
// text is escaped, elements are closed and nest at most kMaxHtmlNesting deep.
//
// Gone: <script>, <style>'s dangerous parts (CssSanitizer), <iframe>,
// <object>, <embed>, <form> and its controls, <link>, <meta>, <base>, event
// handler attributes, every URL outside UrlPolicy. Remote images and CSS
// url()s are removed unless allowed; cid: images stay for the view to serve.

#include <string>
#include <string_view>
#include <vector>

namespace cachet::ui {

// Deeper elements lose their tags (their text stays): QTextDocument lays out
// nested blocks and tables recursively.
inline constexpr std::size_t kMaxHtmlNesting = 64;

struct SanitizedHtml {
    std::string html;                     // UTF-8
    bool hasRemoteContent = false;        // remote images or styles were there (kept or not)
    std::vector<std::string> contentIds;  // the cid: images it shows (RFC 2392, decoded)
};

SanitizedHtml sanitizeHtml(std::string_view html, bool allowRemote);

} // namespace cachet::ui
