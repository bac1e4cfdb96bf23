#pragma once
// HTML character references (HTML Living Standard §13.2.5.72): decoded where
// the sanitizer has to judge a value ("&#106;avascript:" is javascript:),
// recognised where it passes text through for QTextDocument to decode.

#include <cstddef>
#include <string>
#include <string_view>

namespace cachet::ui {

// `s` with numeric references and the common named ones decoded; an unknown
// name stays as written, an invalid code point becomes U+FFFD.
std::string decodeReferences(std::string_view s);

// Length of the well-formed reference at the start of `s` ("&eacute;",
// "&#233;", "&#xE9;"), or 0.
std::size_t referenceLength(std::string_view s);

} // namespace cachet::ui
