#include "reader/UrlPolicy.h"

#include "text/AsciiText.h"

namespace cachet::ui {

namespace {

// A data: image larger than this is dropped: it is inline bytes in the HTML,
// and the body's own size cap already holds far more than any real one.
constexpr std::size_t kMaxDataUrlBytes = 1024 * 1024;

// URL parsers (WHATWG URL §4.4) drop tabs and line breaks anywhere and
// blanks at both ends, so "java\tscript:" is javascript: to a browser.
std::string cleaned(std::string_view url)
{
    std::size_t begin = 0;
    std::size_t end = url.size();
    while (begin < end && static_cast<unsigned char>(url[begin]) <= 0x20)
        ++begin;
    while (end > begin && static_cast<unsigned char>(url[end - 1]) <= 0x20)
        --end;
    std::string out;
    out.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i) {
        const char c = url[i];
        if (c != '\t' && c != '\n' && c != '\r')
            out.push_back(c);
    }
    return out;
}

bool isSchemeChar(char c, bool first)
{
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return alpha || (!first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
}

// The lower-case scheme before the first ':', or empty for a relative URL.
std::string schemeOf(std::string_view url)
{
    for (std::size_t i = 0; i < url.size(); ++i) {
        if (url[i] == ':')
            return i == 0 ? std::string() : text::asciiLower(url.substr(0, i));
        if (!isSchemeChar(url[i], i == 0))
            return {};
    }
    return {};
}

bool startsWithIgnoreCase(std::string_view s, std::string_view prefix)
{
    return s.size() >= prefix.size() && text::equalsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

// Raster formats only: an SVG image is a document that may refer to others.
bool isDataImage(std::string_view url)
{
    for (std::string_view type : {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/jpg",
                                  "data:image/webp", "data:image/bmp"}) {
        if (startsWithIgnoreCase(url, type)) {
            const char next = url.size() > type.size() ? url[type.size()] : '\0';
            return next == ';' || next == ',';
        }
    }
    return false;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

ResourceUrl classifyResourceUrl(std::string_view url)
{
    ResourceUrl r{ResourceKind::Refused, cleaned(url)};
    if (r.url.size() >= 2 && r.url[0] == '/' && r.url[1] == '/') {
        r.kind = ResourceKind::Remote;
        return r;
    }
    const std::string scheme = schemeOf(r.url);
    if (scheme == "cid")
        r.kind = ResourceKind::Inline;
    else if (scheme == "data" && isDataImage(r.url) && r.url.size() <= kMaxDataUrlBytes)
        r.kind = ResourceKind::Data;
    else if (scheme == "http" || scheme == "https" || scheme == "ftp")
        r.kind = ResourceKind::Remote;
    return r;
}

std::string keptResourceUrl(std::string_view url, bool allowRemote, bool& sawRemote)
{
    ResourceUrl r = classifyResourceUrl(url);
    switch (r.kind) {
    case ResourceKind::Inline:
    case ResourceKind::Data:
        return r.url;
    case ResourceKind::Remote: {
        sawRemote = true;
        if (!allowRemote)
            return {};
        if (r.url.rfind("//", 0) == 0)
            return "https:" + r.url;
        const std::string scheme = schemeOf(r.url);
        return scheme == "http" || scheme == "https" ? r.url : std::string();
    }
    case ResourceKind::Refused:
        break;
    }
    return {};
}

std::string keptLinkUrl(std::string_view url)
{
    std::string u = cleaned(url);
    if (u.empty())
        return {};
    if (u[0] == '#')
        return u;
    if (u.size() >= 2 && u[0] == '/' && u[1] == '/')
        return "https:" + u;
    const std::string scheme = schemeOf(u);
    if (scheme == "http" || scheme == "https" || scheme == "ftp" || scheme == "mailto")
        return u;
    return {};
}

std::string contentIdOfCidUrl(std::string_view url)
{
    std::string u = cleaned(url);
    if (startsWithIgnoreCase(u, "cid:"))
        u.erase(0, 4);
    std::string out;
    out.reserve(u.size());
    for (std::size_t i = 0; i < u.size(); ++i) {
        if (u[i] == '%' && i + 2 < u.size() && hexValue(u[i + 1]) >= 0 && hexValue(u[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hexValue(u[i + 1]) * 16 + hexValue(u[i + 2])));
            i += 2;
        } else {
            out.push_back(u[i]);
        }
    }
    if (out.size() >= 2 && out.front() == '<' && out.back() == '>')
        out = out.substr(1, out.size() - 2);
    return out;
}

} // namespace cachet::ui
