#include "mime/SevenBitTransfer.h"

#include "mime/Decoding.h"
#include "mime/HeaderBlock.h"
#include "text/AsciiText.h"

#include <vmime/utility/encoder/encoderFactory.hpp>
#include <vmime/utility/inputStreamStringAdapter.hpp>
#include <vmime/utility/outputStreamStringAdapter.hpp>

#include <limits>

namespace cachet::mime {

namespace {

constexpr std::size_t kMaxLineOctets = 998; // RFC 5322 §2.1.1, without the CRLF

std::string vmimeEncode(const char* encoding, const std::string& bytes, bool text)
{
    auto encoder = vmime::utility::encoder::encoderFactory::getInstance()->create(encoding);
    encoder->getProperties()["maxlinelength"] = 76;
    encoder->getProperties()["text"] = text;
    vmime::utility::inputStreamStringAdapter in(bytes);
    std::string out;
    vmime::utility::outputStreamStringAdapter sink(out);
    encoder->encode(in, sink);
    return out;
}

// "From " at the start of a line is changed by mbox writers on the way
// (RFC 3156 §3 asks for it to be encoded): "=46" is the same letter in
// quoted-printable.
std::string escapeFromLines(std::string qp)
{
    std::string out;
    out.reserve(qp.size());
    std::size_t pos = 0;
    while (pos < qp.size()) {
        if (qp.compare(pos, 5, "From ") == 0) {
            out += "=46";
            ++pos;
        }
        const std::size_t eol = qp.find('\n', pos);
        const std::size_t next = eol == std::string::npos ? qp.size() : eol + 1;
        out.append(qp, pos, next - pos);
        pos = next;
    }
    return out;
}

std::string reencoded(std::string_view raw, const MimeEntity& leaf, std::string& encoding)
{
    std::string_view body = raw.substr(leaf.bodyBegin, leaf.bodyEnd - leaf.bodyBegin);
    std::string bytes;
    if (leaf.transferEncoding == "base64" || leaf.transferEncoding == "quoted-printable")
        bytes = decodeTransferEncoding(body, leaf.transferEncoding, std::numeric_limits<std::size_t>::max());
    else
        bytes = std::string(body);
    if (leaf.type == "text") {
        encoding = "quoted-printable";
        return encodeQuotedPrintableText(bytes);
    }
    encoding = "base64";
    return encodeBase64(bytes);
}

std::string headerWithEncoding(std::string_view raw, const MimeEntity& entity, const std::string& encoding)
{
    const HeaderBlock header(raw.substr(entity.headerBegin, entity.headerEnd - entity.headerBegin));
    std::string out;
    for (const HeaderField& f : header.fields()) {
        if (text::equalsIgnoreCase(f.name, "Content-Transfer-Encoding"))
            continue;
        out.append(f.name).append(":").append(f.rawValue).append("\r\n");
    }
    return out + "Content-Transfer-Encoding: " + encoding + "\r\n";
}

} // namespace

bool isSevenBitSafe(std::string_view body)
{
    std::size_t lineLength = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const auto c = static_cast<unsigned char>(body[i]);
        if (c >= 0x80 || c == 0)
            return false;
        if (c == '\r') {
            if (i + 1 >= body.size() || body[i + 1] != '\n')
                return false;
            ++i;
            lineLength = 0;
            continue;
        }
        if (c == '\n')
            return false;
        if (++lineLength > kMaxLineOctets)
            return false;
    }
    return true;
}

SevenBitBody sevenBitBody(std::string_view raw, const MimeEntity& entity)
{
    SevenBitBody out;
    if (entity.isLeaf()) {
        const std::string_view body = raw.substr(entity.bodyBegin, entity.bodyEnd - entity.bodyBegin);
        if (isSevenBitSafe(body)) {
            out.body = std::string(body);
            return out;
        }
        std::string encoding;
        out.body = reencoded(raw, entity, encoding);
        out.transferEncoding = encoding;
        return out;
    }
    // Multipart, or message/rfc822 whose one child is the embedded message:
    // the bytes between children (preamble, boundaries, epilogue) stay.
    std::size_t at = entity.bodyBegin;
    for (const MimeEntity& child : entity.children) {
        if (child.headerBegin < at || child.bodyEnd < child.headerBegin)
            continue; // offsets out of order: never the case for the parser's trees
        out.body.append(raw.substr(at, child.headerBegin - at));
        out.body += sevenBitEntity(raw, child);
        at = child.bodyEnd;
    }
    if (entity.bodyEnd > at)
        out.body.append(raw.substr(at, entity.bodyEnd - at));
    return out;
}

std::string sevenBitEntity(std::string_view raw, const MimeEntity& entity)
{
    SevenBitBody body = sevenBitBody(raw, entity);
    if (!body.transferEncoding)
        return std::string(raw.substr(entity.headerBegin, entity.bodyBegin - entity.headerBegin)) + body.body;
    return headerWithEncoding(raw, entity, *body.transferEncoding) + "\r\n" + body.body;
}

std::string encodeQuotedPrintableText(const std::string& text)
{
    // Text line breaks are CRLF in canonical form (RFC 2046 §4.1.1): a bare CR or
    // LF is a line break written wrongly, not data, and VMime's quoted-printable
    // encoder would pass a bare CR through unencoded.
    return escapeFromLines(vmimeEncode("quoted-printable", text::withCrlfLineEnds(text), true));
}

std::string encodeBase64(const std::string& bytes)
{
    return vmimeEncode("base64", bytes, false);
}

} // namespace cachet::mime
