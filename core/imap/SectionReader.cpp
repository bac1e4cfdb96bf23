#include "imap/SectionReader.h"

#include "text/AsciiText.h"

#include <algorithm>
#include <cstring>

namespace cachet::imap {

namespace {

using mime::MimeEntity;

std::string_view slice(std::string_view raw, std::size_t begin, std::size_t end)
{
    return raw.substr(begin, end - begin);
}

// Part numbers (RFC 3501 §6.4.5): the parts of a multipart are 1..n; a message
// that is not multipart has its body as part 1; below a message/rfc822 part the
// numbers go on in the embedded message.
const MimeEntity* findPart(const MimeEntity& message, const std::vector<std::uint32_t>& path)
{
    const MimeEntity* container = &message; // the entity whose parts the next number counts
    const MimeEntity* part = nullptr;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (i > 0) {
            if (part->isEmbeddedMessage() && !part->children.empty())
                container = &part->children.front();
            else if (part->isMultipart())
                container = part;
            else
                return nullptr; // a leaf has no sub-parts
        }
        const std::uint32_t n = path[i];
        if (container->isMultipart()) {
            if (n == 0 || n > container->children.size())
                return nullptr;
            part = &container->children[n - 1];
        } else {
            if (n != 1)
                return nullptr;
            part = container;
        }
    }
    return part;
}

// The fields of `header` whose names are (or, with `exclude`, are not) in
// `fields`, each as written (a listed field's missing line end added); the
// caller adds the empty line.
std::string filterFields(std::string_view header, const std::vector<std::string>& fields, bool exclude)
{
    // Line by line rather than through HeaderBlock: a line that is no valid
    // field (an mbox "From " line) must still pass HEADER.FIELDS.NOT, as it
    // does at Dovecot. A field's name is what stands before its colon.
    std::string out;
    bool keep = false;
    std::size_t pos = 0;
    while (pos < header.size()) {
        std::size_t next = header.find('\n', pos);
        next = next == std::string_view::npos ? header.size() : next + 1;
        const std::string_view line = header.substr(pos, next - pos);
        if (line == "\r\n" || line == "\n")
            break; // the empty line: the caller adds it
        if (line.front() != ' ' && line.front() != '\t') { // a new field
            std::string_view name = line.substr(0, line.find(':'));
            while (!name.empty() && std::string_view(" \t\r\n").find(name.back()) != std::string_view::npos)
                name.remove_suffix(1);
            const bool listed = std::any_of(fields.begin(), fields.end(),
                                            [&](const std::string& f) { return text::equalsIgnoreCase(f, name); });
            keep = listed != exclude;
        }
        if (keep) {
            out.append(line);
            if (!exclude && next == header.size() && line.back() != '\n')
                out += "\r\n";
        }
        pos = next;
    }
    return out;
}

// Where a header section stops. Normally after its empty line; but when a
// boundary follows the header at once, that line break belongs to the boundary
// (RFC 2046 §5.1.1) and the header ends before it, as Dovecot serves it.
std::size_t headerSectionEnd(std::string_view raw, const MimeEntity& e)
{
    if (e.bodyBegin == e.bodyEnd && raw.substr(e.bodyBegin, 2) == "--")
        return e.headerEnd;
    return e.bodyBegin;
}

} // namespace

std::string withCrlf(std::string_view bytes)
{
    // Copied a line at a time (memchr), not a byte at a time: this runs over every body served.
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 32);
    std::size_t from = 0;
    while (from < bytes.size()) {
        const void* hit = std::memchr(bytes.data() + from, '\n', bytes.size() - from);
        if (!hit) {
            out.append(bytes.substr(from));
            break;
        }
        const auto nl = static_cast<std::size_t>(static_cast<const char*>(hit) - bytes.data());
        out.append(bytes.substr(from, nl - from));
        if (nl == 0 || bytes[nl - 1] != '\r')
            out += '\r';
        out += '\n';
        from = nl + 1;
    }
    return out;
}

std::optional<std::string> sectionBytes(std::string_view raw, const std::function<const MimeEntity&()>& tree,
                                        const BodySection& section)
{
    if (section.part.empty() && section.text == BodySection::Text::Whole)
        return withCrlf(raw);
    return sectionBytes(raw, tree(), section);
}

std::optional<std::string> sectionBytes(std::string_view raw, const MimeEntity& root, const BodySection& section)
{
    using Text = BodySection::Text;
    const MimeEntity* part = section.part.empty() ? &root : findPart(root, section.part);
    if (!part)
        return std::nullopt;
    if (section.text == Text::Mime) // the part's own MIME header
        return withCrlf(slice(raw, part->headerBegin, headerSectionEnd(raw, *part)));
    if (section.text == Text::Whole)
        return withCrlf(section.part.empty() ? raw : slice(raw, part->bodyBegin, part->bodyEnd));

    // HEADER, HEADER.FIELDS, TEXT: of the message itself, or of the message a part embeds.
    const MimeEntity* message = part;
    if (!section.part.empty()) {
        if (!part->isEmbeddedMessage() || part->children.empty())
            return std::nullopt;
        message = &part->children.front();
    }
    const std::string_view header = slice(raw, message->headerBegin, headerSectionEnd(raw, *message));
    switch (section.text) {
    case Text::Header:
        return withCrlf(header);
    case Text::HeaderFields:
    case Text::HeaderFieldsNot:
        // Dovecot's two filters end differently: HEADER.FIELDS always with a
        // line end and the empty line, HEADER.FIELDS.NOT with what the header had.
        if (section.text == Text::HeaderFields)
            return withCrlf(filterFields(header, section.fields, false) + "\r\n");
        return withCrlf(filterFields(header, section.fields, true)
                        + std::string(slice(raw, message->headerEnd, headerSectionEnd(raw, *message))));
    case Text::Text:
        return withCrlf(slice(raw, message->bodyBegin, message->bodyEnd));
    case Text::Whole:
    case Text::Mime:
        break;
    }
    return std::nullopt;
}

} // namespace cachet::imap
