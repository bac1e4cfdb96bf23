#pragma once
// One character as HTML text or attribute value (inside double quotes): what the
// sanitizer and the plain-text renderer both write. NUL is dropped.

#include <string>

namespace cachet::ui {

inline void appendHtmlEscaped(std::string& out, char c)
{
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\0': break;
    default: out.push_back(c);
    }
}

} // namespace cachet::ui
