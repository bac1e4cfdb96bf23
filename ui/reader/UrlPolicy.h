#pragma once
// Which URLs in a received message may stay in what the reader shows. A mail
// is written by a stranger: a remote image is a read receipt and a tracker,
// a javascript: link runs code, a file: image reads the user's disk. So only
// a few schemes survive, and remote ones only when the user allowed them.

#include <string>
#include <string_view>

namespace cachet::ui {

// What a resource URL (an image or a CSS url()) refers to.
enum class ResourceKind {
    Inline,  // cid: (RFC 2392), a part of this message
    Data,    // data:image/..., self-contained
    Remote,  // http, https, ftp or protocol-relative "//host": loading it tells the sender
    Refused, // anything else (file:, javascript:, relative paths, ...)
};

struct ResourceUrl {
    ResourceKind kind = ResourceKind::Refused;
    std::string url; // cleaned: blanks trimmed, tabs and line breaks removed
};

ResourceUrl classifyResourceUrl(std::string_view url);

// The URL to keep for a resource, or empty to remove it. Remote URLs are kept
// only with `allowRemote`, and then only as http or https ("//host" becomes
// https); `sawRemote` is set whenever a remote URL was present.
std::string keptResourceUrl(std::string_view url, bool allowRemote, bool& sawRemote);

// The URL to keep for a link (opened only when clicked): http, https, ftp,
// mailto and in-document "#anchors"; empty for anything else.
std::string keptLinkUrl(std::string_view url);

// The "cid:" URL's Content-ID: percent-decoded (RFC 2392 §2), no angle brackets.
std::string contentIdOfCidUrl(std::string_view url);

} // namespace cachet::ui
