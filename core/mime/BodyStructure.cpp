#include "mime/BodyStructure.h"

#include "imap/ImapWriter.h"
#include "mime/ContentFields.h"
#include "mime/Envelope.h"
#include "mime/HeaderBlock.h"

#include <algorithm>

namespace cachet::mime {

namespace {

std::string trimmedValue(std::string_view raw)
{
    return HeaderBlock::unfold(raw);
}

void appendOptionalField(std::string& out, const HeaderBlock& header, std::string_view name)
{
    if (const HeaderField* f = header.find(name))
        imap::appendString(out, trimmedValue(f->rawValue));
    else
        imap::appendNil(out);
}

void appendParams(std::string& out, const std::vector<MimeParameter>& params)
{
    if (params.empty()) {
        imap::appendNil(out);
        return;
    }
    out += '(';
    bool first = true;
    for (const MimeParameter& p : params) {
        if (!first)
            out += ' ';
        first = false;
        imap::appendString(out, p.name);
        out += ' ';
        imap::appendString(out, p.value);
    }
    out += ')';
}

// body-ext-1part / body-ext-mpart after the MD5: disposition, language, location.
void appendDispositionLanguageLocation(std::string& out, const MimeEntity& e, const HeaderBlock& header)
{
    if (e.rawDisposition.empty()) {
        imap::appendNil(out);
    } else {
        out += '(';
        imap::appendString(out, e.rawDisposition);
        out += ' ';
        appendParams(out, e.dispositionParams);
        out += ')';
    }
    out += ' ';
    const HeaderField* lang = header.find("Content-Language");
    const std::vector<std::string> tags = lang ? parseLanguageList(lang->rawValue) : std::vector<std::string>{};
    if (tags.empty()) {
        imap::appendNil(out);
    } else {
        out += '(';
        for (std::size_t i = 0; i < tags.size(); ++i) {
            if (i)
                out += ' ';
            imap::appendString(out, tags[i]);
        }
        out += ')';
    }
    out += ' ';
    appendOptionalField(out, header, "Content-Location");
}

std::size_t lineCount(std::string_view raw, std::size_t begin, std::size_t end)
{
    return static_cast<std::size_t>(std::count(raw.begin() + static_cast<std::ptrdiff_t>(begin),
                                               raw.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
}

} // namespace

std::size_t crlfSize(std::string_view raw, std::size_t begin, std::size_t end)
{
    std::size_t size = end - begin;
    // find() is memchr: this runs over every message stored and every leaf of every BODYSTRUCTURE.
    for (std::size_t i = raw.find('\n', begin); i < end; i = raw.find('\n', i + 1)) {
        if (i == begin || raw[i - 1] != '\r')
            ++size;
    }
    return size;
}

void appendBodyStructure(std::string& out, std::string_view raw, const MimeEntity& e, bool extended)
{
    const HeaderBlock header(raw.substr(e.headerBegin, e.headerEnd - e.headerBegin));
    if (e.isMultipart() && !e.children.empty()) {
        out += '(';
        for (const MimeEntity& child : e.children)
            appendBodyStructure(out, raw, child, extended);
        out += ' ';
        imap::appendString(out, e.rawSubtype);
        if (extended) {
            out += ' ';
            appendParams(out, e.params);
            out += ' ';
            appendDispositionLanguageLocation(out, e, header);
        }
        out += ')';
        return;
    }

    // A multipart or message/rfc822 left unopened (nesting or part limit) is
    // described as opaque data, as Dovecot does past its own limit.
    const bool opaque = e.children.empty() && (e.isMultipart() || e.isEmbeddedMessage());
    const bool isText = !opaque && e.type == "text";
    out += '(';
    imap::appendString(out, opaque ? std::string("application") : e.rawType);
    out += ' ';
    imap::appendString(out, opaque ? std::string("octet-stream") : e.rawSubtype);
    out += ' ';
    std::vector<MimeParameter> params = e.params;
    if (isText && !e.param("charset"))
        params.push_back({"charset", "us-ascii"});
    appendParams(out, params);
    out += ' ';
    appendOptionalField(out, header, "Content-ID");
    out += ' ';
    appendOptionalField(out, header, "Content-Description");
    out += ' ';
    imap::appendString(out, e.rawTransferEncoding);
    out += ' ';
    out += std::to_string(crlfSize(raw, e.bodyBegin, e.bodyEnd));
    if (isText) {
        out += ' ';
        out += std::to_string(lineCount(raw, e.bodyBegin, e.bodyEnd));
    } else if (e.isEmbeddedMessage() && !opaque) {
        const MimeEntity& inner = e.children.front();
        out += ' ';
        appendEnvelope(out, HeaderBlock(raw.substr(inner.headerBegin, inner.headerEnd - inner.headerBegin)));
        out += ' ';
        appendBodyStructure(out, raw, inner, extended);
        out += ' ';
        out += std::to_string(lineCount(raw, e.bodyBegin, e.bodyEnd));
    }
    if (extended) {
        out += ' ';
        appendOptionalField(out, header, "Content-MD5");
        out += ' ';
        appendDispositionLanguageLocation(out, e, header);
    }
    out += ')';
}

} // namespace cachet::mime
