#pragma once
// CSS from a received HTML message, cut down to what can only change how the
// message looks: no url() that loads from the network unless allowed, no
// @import or @font-face, no function outside a short list (image-set(),
// expression() and their kind load or run things), no escapes (CSS escapes can
// spell "url" without the letters). Whatever is doubtful is dropped, a whole
// declaration or rule at a time; the rest stays.

#include <string>
#include <string_view>

namespace cachet::ui {

// A style attribute's value: "color: red; background: url(...)".
std::string sanitizeCssDeclarations(std::string_view css, bool allowRemote, bool& sawRemote);

// The content of a <style> element: rules, and @media / @supports blocks.
std::string sanitizeStyleSheet(std::string_view css, bool allowRemote, bool& sawRemote);

} // namespace cachet::ui
