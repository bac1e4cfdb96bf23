#include "crypto/ProtectedHeaders.h"

#include "mime/ContentFields.h"
#include "mime/Decoding.h"
#include "mime/HeaderEncoding.h"
#include "text/AsciiText.h"

#include <array>

namespace cachet::crypto {

namespace {

constexpr std::array<std::string_view, 9> kProtected = {"Subject", "From", "To", "Cc", "Date", "Message-ID",
                                                        "Reply-To", "In-Reply-To", "References"};

// Fields the submission carries for Cachet or for the mail program itself:
// never sent. Bcc is the point of Bcc; an Autocrypt header the mail program
// wrote is replaced by ours.
constexpr std::array<std::string_view, 5> kDropped = {"Bcc", "X-Cachet-Encrypt", "Autocrypt-Draft-State", "Autocrypt",
                                                      "MIME-Version"};

bool isOneOf(std::string_view name, const auto& names)
{
    for (std::string_view n : names)
        if (text::equalsIgnoreCase(name, n))
            return true;
    return false;
}

bool isMimeField(std::string_view name)
{
    return name.size() > 8 && text::equalsIgnoreCase(name.substr(0, 8), "Content-");
}

std::string field(std::string_view name, std::string_view rawValue)
{
    return std::string(name) + ":" + std::string(rawValue) + "\r\n";
}

// A protected header copied into the signed part must be 7-bit (mime/HeaderEncoding.h).
std::string innerCopy(const mime::HeaderField& f)
{
    if (mime::isSevenBit(f.rawValue))
        return field(f.name, f.rawValue);
    static constexpr std::array<std::string_view, 4> kAddressFields = {"From", "To", "Cc", "Reply-To"};
    if (isOneOf(f.name, kAddressFields))
        return field(f.name, " " + mime::encodeAddressList(f.rawValue));
    return field(f.name, " " + mime::encodeUnstructured(mime::decodeHeaderText(f.rawValue)));
}

std::string innerContentType(const mime::HeaderField* submitted, bool eightBitBody)
{
    std::string value;
    if (submitted) {
        value = mime::HeaderBlock::unfold(submitted->rawValue);
        const auto parsed = mime::parseContentType(submitted->rawValue);
        bool marked = false;
        if (parsed)
            for (const mime::MimeParameter& p : parsed->params)
                marked = marked || text::equalsIgnoreCase(p.name, "protected-headers");
        if (marked)
            return field("Content-Type", " " + value);
        while (!value.empty() && (value.back() == ';' || value.back() == ' '))
            value.pop_back();
    } else {
        // RFC 2045 §5.2's default, said out loud, since a parameter follows.
        value = eightBitBody ? "text/plain; charset=\"utf-8\"" : "text/plain; charset=\"us-ascii\"";
    }
    return field("Content-Type", " " + value + ";\r\n protected-headers=\"v1\"");
}

} // namespace

bool isProtectedHeader(std::string_view name)
{
    return isOneOf(name, kProtected);
}

SplitHeader splitHeader(const mime::HeaderBlock& submitted, const SplitOptions& options)
{
    SplitHeader out;
    out.inner = innerContentType(submitted.find("Content-Type"), options.eightBitBody);
    std::string mimeFields;
    for (const mime::HeaderField& f : submitted.fields()) {
        if (isOneOf(f.name, kDropped))
            continue;
        if (isMimeField(f.name)) {
            if (text::equalsIgnoreCase(f.name, "Content-Type"))
                continue; // written above
            if (text::equalsIgnoreCase(f.name, "Content-Transfer-Encoding") && options.transferEncoding)
                continue; // written below
            mimeFields += field(f.name, f.rawValue);
            continue;
        }
        if (isProtectedHeader(f.name)) {
            out.inner += innerCopy(f);
            if (options.encrypting && text::equalsIgnoreCase(f.name, "Subject")) {
                out.outer += "Subject: ...\r\n";
                continue;
            }
        }
        out.outer += field(f.name, f.rawValue);
    }
    if (options.transferEncoding)
        mimeFields += "Content-Transfer-Encoding: " + *options.transferEncoding + "\r\n";
    out.inner += mimeFields;
    return out;
}

} // namespace cachet::crypto
