#include "crypto/PgpMimeLocator.h"

#include "crypto/CleartextDocument.h"
#include "mime/Decoding.h"
#include "mime/HeaderBlock.h"
#include "text/AsciiText.h"

#include <vector>

namespace cachet::crypto {

namespace {

bool is(const mime::MimeEntity& e, std::string_view type, std::string_view subtype)
{
    return e.type == type && e.subtype == subtype;
}

bool protocolIs(const mime::MimeEntity& e, std::string_view protocol)
{
    const std::string* p = e.param("protocol");
    return p && text::equalsIgnoreCase(*p, protocol);
}

std::string_view bodyOf(std::string_view raw, const mime::MimeEntity& e)
{
    if (e.bodyBegin > e.bodyEnd || e.bodyEnd > raw.size())
        return {};
    return raw.substr(e.bodyBegin, e.bodyEnd - e.bodyBegin);
}

// The first line starting with `marker` at or after `from`, at a line start.
std::size_t findLine(std::string_view text, std::string_view marker, std::size_t from)
{
    for (std::size_t at = text.find(marker, from); at != std::string_view::npos; at = text.find(marker, at + 1)) {
        if (at == 0 || text[at - 1] == '\n')
            return at;
    }
    return std::string_view::npos;
}

// The armored block from `begin` to the end of its `end` line, if both are there.
bool findBlock(const std::string& text, std::string_view begin, std::string_view end, PgpLocation& out)
{
    const std::size_t b = findLine(text, begin, 0);
    if (b == std::string::npos)
        return false;
    std::size_t e = findLine(text, end, b);
    if (e == std::string::npos)
        return false;
    e = text.find('\n', e);
    e = e == std::string::npos ? text.size() : e + 1;
    out.blockBegin = b;
    out.blockEnd = e;
    out.openPgpData = text.substr(b, e - b);
    return true;
}

// Inline PGP in a text/plain leaf: the root itself, or the first text/plain
// part of a top-level multipart (where mailing lists put the body before a footer).
const mime::MimeEntity* inlineCandidate(const mime::MimeEntity& root)
{
    if (root.isLeaf())
        return is(root, "text", "plain") ? &root : nullptr;
    if (!root.isMultipart() || is(root, "multipart", "signed") || is(root, "multipart", "encrypted"))
        return nullptr;
    for (const mime::MimeEntity& child : root.children) {
        if (child.isLeaf() && is(child, "text", "plain"))
            return &child;
    }
    return nullptr;
}

// The value split at the semicolons outside quotes.
std::vector<std::string> splitParameters(std::string_view value)
{
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '\\' && quoted && i + 1 < value.size()) {
            out.back() += c;
            out.back() += value[++i];
            continue;
        }
        if (c == '"')
            quoted = !quoted;
        if (c == ';' && !quoted)
            out.emplace_back();
        else
            out.back() += c;
    }
    return out;
}

} // namespace

std::optional<std::string> withLenientContentType(std::string_view raw, const mime::MimeEntity& root)
{
    if (root.headerEnd > raw.size())
        return std::nullopt;
    const mime::HeaderBlock header(raw.substr(0, root.headerEnd));
    const std::string value = mime::HeaderBlock::unfold(header.value("Content-Type"));
    if (text::asciiLower(value).find("application/pgp-") == std::string::npos)
        return std::nullopt; // only OpenPGP is worth a second reading
    const std::vector<std::string> segments = splitParameters(value);
    std::string kept = segments.front();
    for (std::size_t i = 1; i < segments.size(); ++i) {
        if (segments[i].find('=') != std::string::npos)
            kept += ";" + segments[i];
    }
    if (kept == value || segments.size() < 2)
        return std::nullopt;
    return withTopField(raw, root, "Content-Type", "Content-Type: " + kept);
}

bool isPgpSigned(const mime::MimeEntity& e)
{
    return is(e, "multipart", "signed") && protocolIs(e, "application/pgp-signature") && e.children.size() == 2
        && is(e.children[1], "application", "pgp-signature");
}

PgpLocation locateOpenPgp(std::string_view raw, const mime::MimeEntity& root)
{
    PgpLocation out;
    if (is(root, "multipart", "encrypted") && protocolIs(root, "application/pgp-encrypted")
        && root.children.size() >= 2 && is(root.children[0], "application", "pgp-encrypted")) {
        const mime::MimeEntity& part = root.children[1];
        const std::string_view body = bodyOf(raw, part);
        if (body.size() <= kMaxOpenPgpDataBytes) {
            out.kind = PgpLocation::Kind::Encrypted;
            out.openPgpData = mime::decodeTransferEncoding(body, part.transferEncoding, kMaxOpenPgpDataBytes);
        }
        return out;
    }
    if (isPgpSigned(root)) {
        const mime::MimeEntity& content = root.children[0];
        const mime::MimeEntity& sig = root.children[1];
        if (content.bodyEnd < content.headerBegin || content.bodyEnd > raw.size()
            || content.bodyEnd - content.headerBegin > kMaxOpenPgpDataBytes)
            return out;
        out.kind = PgpLocation::Kind::Signed;
        out.signedBytes = text::withCrlfLineEnds(raw.substr(content.headerBegin, content.bodyEnd - content.headerBegin));
        out.signature = mime::decodeTransferEncoding(bodyOf(raw, sig), sig.transferEncoding, 1024 * 1024);
        return out;
    }
    const mime::MimeEntity* leaf = inlineCandidate(root);
    if (!leaf)
        return out;
    const std::string_view body = bodyOf(raw, *leaf);
    if (body.size() > kMaxOpenPgpDataBytes || body.find("-----BEGIN PGP ") == std::string_view::npos)
        return out;
    // Transfer-decoded only: the armor is ASCII whatever the charset says.
    out.leafText = mime::decodeTransferEncoding(body, leaf->transferEncoding, kMaxOpenPgpDataBytes);
    if (findBlock(out.leafText, "-----BEGIN PGP MESSAGE-----", "-----END PGP MESSAGE-----", out))
        out.kind = PgpLocation::Kind::InlineEncrypted;
    else if (findBlock(out.leafText, "-----BEGIN PGP SIGNED MESSAGE-----", "-----END PGP SIGNATURE-----", out))
        out.kind = PgpLocation::Kind::InlineSigned;
    else
        return PgpLocation{};
    out.leaf = *leaf;
    out.leaf.children.clear();
    return out;
}

} // namespace cachet::crypto
