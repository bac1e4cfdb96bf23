#include "crypto/CleartextDocument.h"

#include "text/AsciiText.h"

#include <algorithm>
#include <functional>
#include <set>

namespace cachet::crypto {

namespace {

// The fields a protected header may set (RFC 9788 §4.2 names these as the
// ones readers show; Message-ID and threading fields stay as sent outside).
const std::set<std::string>& protectedFields()
{
    static const std::set<std::string> names = {"subject", "from", "to", "cc", "date", "reply-to"};
    return names;
}

bool isContentField(std::string_view name)
{
    return name.size() >= 8 && text::equalsIgnoreCase(name.substr(0, 8), "content-");
}

// The field name at the start of `line`, or empty if the line is not a field
// (a continuation, an mbox "From " line, garbage).
std::string_view fieldName(std::string_view line)
{
    if (line.empty() || line.front() == ' ' || line.front() == '\t')
        return {};
    std::size_t n = 0;
    while (n < line.size() && line[n] > 32 && line[n] < 127 && line[n] != ':')
        ++n;
    std::size_t colon = n;
    while (colon < line.size() && (line[colon] == ' ' || line[colon] == '\t'))
        ++colon;
    return n > 0 && colon < line.size() && line[colon] == ':' ? line.substr(0, n) : std::string_view();
}

// The header block's lines, each field with its continuation lines, kept
// where `keep(name)` says so; lines that are no field (an mbox "From " line,
// garbage) are kept as they are if `keepOthers`, so that an edit of the
// fields changes nothing else.
std::string filterHeader(std::string_view block, const std::function<bool(std::string_view)>& keep,
                         bool keepOthers = false)
{
    std::string out;
    out.reserve(block.size());
    bool keeping = keepOthers;
    std::size_t pos = 0;
    while (pos < block.size()) {
        std::size_t next = block.find('\n', pos);
        next = next == std::string_view::npos ? block.size() : next + 1;
        const std::string_view line = block.substr(pos, next - pos);
        if (line.front() != ' ' && line.front() != '\t') {
            const std::string_view name = fieldName(line);
            keeping = name.empty() ? keepOthers : keep(name);
        }
        if (keeping)
            out += line;
        pos = next;
    }
    return out;
}

std::set<std::string> namesIn(std::string_view block)
{
    std::set<std::string> names;
    filterHeader(block, [&](std::string_view name) {
        names.insert(text::asciiLower(name));
        return false;
    });
    return names;
}

std::string_view headerOf(std::string_view raw, const mime::MimeEntity& e)
{
    if (e.headerBegin > e.headerEnd || e.headerEnd > raw.size())
        return {};
    return raw.substr(e.headerBegin, e.headerEnd - e.headerBegin);
}

void appendFields(std::string& out, const std::vector<std::string>& fields, std::string_view eol)
{
    for (const std::string& f : fields) {
        out += f;
        out += eol;
    }
}

void endLine(std::string& out, std::string_view eol)
{
    if (!out.empty() && out.back() != '\n')
        out += eol;
}

} // namespace

bool isCachetField(std::string_view name)
{
    return name.size() >= 9 && text::equalsIgnoreCase(name.substr(0, 9), "x-cachet-");
}

std::string_view lineEndingOf(std::string_view raw)
{
    const std::size_t lf = raw.find('\n');
    return lf != std::string_view::npos && lf > 0 && raw[lf - 1] != '\r' ? "\n" : "\r\n";
}

std::string withCachetFields(std::string_view raw, const mime::MimeEntity& root, const std::vector<std::string>& fields)
{
    const std::string_view eol = lineEndingOf(raw);
    const std::size_t headerEnd = std::min(root.headerEnd, raw.size());
    std::string out;
    out.reserve(raw.size() + 256);
    appendFields(out, fields, eol);
    out += filterHeader(raw.substr(0, headerEnd), [](std::string_view name) { return !isCachetField(name); }, true);
    endLine(out, eol);
    out += raw.substr(headerEnd);
    return out;
}

std::string decryptedDocument(std::string_view outerRaw, const mime::MimeEntity& outerRoot, std::string_view inner,
                              const mime::MimeEntity& content, const std::vector<std::string>& fields)
{
    const std::string_view eol = lineEndingOf(outerRaw);
    const std::string_view innerHeader = headerOf(inner, content);
    const std::set<std::string> innerNames = namesIn(innerHeader);
    const std::string_view outerHeader = headerOf(outerRaw, outerRoot);
    const std::set<std::string> outerNames = namesIn(outerHeader);

    std::string out;
    out.reserve(inner.size() + outerHeader.size() + 256);
    out += filterHeader(outerHeader, [&](std::string_view name) {
        const std::string lower = text::asciiLower(name);
        const bool replaced = protectedFields().count(lower) && innerNames.count(lower);
        return !isContentField(name) && !isCachetField(name) && !replaced;
    });
    endLine(out, eol);
    appendFields(out, fields, eol);
    if (innerNames.empty()) {
        // Not a MIME entity (some senders encrypt bare text): it is the text.
        out += "Content-Type: text/plain; charset=utf-8";
        out += eol;
        out += eol;
        out += inner;
        return out;
    }
    out += filterHeader(innerHeader, [&](std::string_view name) {
        const std::string lower = text::asciiLower(name);
        if (isCachetField(name))
            return false;
        return isContentField(name) || protectedFields().count(lower) || !outerNames.count(lower);
    });
    endLine(out, eol);
    out += eol;
    if (content.bodyBegin <= content.bodyEnd && content.bodyEnd <= inner.size())
        out += inner.substr(content.bodyBegin, content.bodyEnd - content.bodyBegin);
    return out;
}

std::string withLeafText(std::string_view raw, const mime::MimeEntity& leaf, std::string_view text)
{
    const std::string_view eol = lineEndingOf(raw);
    const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 128; });
    std::string out;
    out.reserve(raw.size() + text.size());
    out += raw.substr(0, leaf.headerBegin);
    out += filterHeader(
        headerOf(raw, leaf),
        [](std::string_view name) { return !text::equalsIgnoreCase(name, "content-transfer-encoding"); }, true);
    endLine(out, eol);
    out += ascii ? "Content-Transfer-Encoding: 7bit" : "Content-Transfer-Encoding: 8bit";
    out += eol;
    out += eol;
    out += text;
    out += raw.substr(std::min(leaf.bodyEnd, raw.size()));
    return out;
}

std::string withTopField(std::string_view raw, const mime::MimeEntity& root, std::string_view name,
                         const std::string& field)
{
    const std::string_view eol = lineEndingOf(raw);
    const std::size_t headerEnd = std::min(root.headerEnd, raw.size());
    std::string out = field;
    out += eol;
    out += filterHeader(raw.substr(0, headerEnd), [&](std::string_view n) { return !text::equalsIgnoreCase(n, name); },
                        true);
    endLine(out, eol);
    out += raw.substr(headerEnd);
    return out;
}

std::string quotedValue(std::string_view text)
{
    std::string out = "\"";
    for (char c : text) {
        if (c == '\r' || c == '\n' || c == '\t')
            c = ' ';
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

} // namespace cachet::crypto
