#include "mime/Envelope.h"

#include "imap/ImapWriter.h"
#include "mime/EnvelopeAddress.h"
#include "mime/HeaderBlock.h"

namespace cachet::mime {

namespace {

// Date, In-Reply-To, Message-ID: the value with the whitespace after the colon
// dropped and CR/LF of folding removed; nothing else touched (Dovecot keeps
// trailing blanks and the blank that started a continuation line).
std::string plainValue(std::string_view raw)
{
    std::size_t i = 0;
    while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t'))
        ++i;
    std::string out;
    for (; i < raw.size(); ++i) {
        if (raw[i] != '\r' && raw[i] != '\n')
            out += raw[i];
    }
    return out;
}

// Subject: "for humans", as Dovecot writes it: folding removed, tabs made
// spaces, runs of blanks made one, no blanks at either end.
std::string subjectValue(std::string_view raw)
{
    std::string out;
    bool blank = false;
    for (char c : raw) {
        if (c == '\r' || c == '\n')
            continue;
        if (c == ' ' || c == '\t') {
            blank = true;
            continue;
        }
        if (blank && !out.empty())
            out += ' ';
        blank = false;
        out += c;
    }
    return out;
}

void appendNString(std::string& out, const std::optional<std::string>& value)
{
    if (value)
        imap::appendString(out, *value);
    else
        imap::appendNil(out);
}

void appendTextField(std::string& out, const HeaderBlock& header, std::string_view name, bool subject)
{
    const HeaderField* f = header.find(name);
    if (!f) {
        imap::appendNil(out);
        return;
    }
    imap::appendString(out, subject ? subjectValue(f->rawValue) : plainValue(f->rawValue));
}

// An address field, or NIL when the field is absent or has no address.
// Returns false when it wrote NIL.
bool appendAddresses(std::string& out, const HeaderField* field)
{
    if (!field) {
        imap::appendNil(out);
        return false;
    }
    const std::vector<EnvelopeAddress> list = parseEnvelopeAddresses(field->rawValue);
    if (list.empty()) {
        imap::appendNil(out);
        return false;
    }
    out += '(';
    for (const EnvelopeAddress& a : list) {
        out += '(';
        appendNString(out, a.name);
        out += ' ';
        appendNString(out, a.route);
        out += ' ';
        appendNString(out, a.mailbox);
        out += ' ';
        appendNString(out, a.host);
        out += ')';
    }
    out += ')';
    return true;
}

} // namespace

void appendEnvelope(std::string& out, const HeaderBlock& header)
{
    out += '(';
    appendTextField(out, header, "Date", false);
    out += ' ';
    appendTextField(out, header, "Subject", true);
    out += ' ';
    const HeaderField* from = header.find("From");
    std::string fromText;
    appendAddresses(fromText, from);
    out += fromText;
    // Sender and Reply-To default to From (RFC 3501 §7.4.2).
    for (const char* name : {"Sender", "Reply-To"}) {
        out += ' ';
        std::string field;
        if (appendAddresses(field, header.find(name)))
            out += field;
        else
            out += fromText;
    }
    for (const char* name : {"To", "Cc", "Bcc"}) {
        out += ' ';
        appendAddresses(out, header.find(name));
    }
    out += ' ';
    appendTextField(out, header, "In-Reply-To", false);
    out += ' ';
    appendTextField(out, header, "Message-ID", false);
    out += ')';
}

} // namespace cachet::mime
