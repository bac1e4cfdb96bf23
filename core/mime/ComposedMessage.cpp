#include "mime/ComposedMessage.h"

#include "mime/HeaderEncoding.h"
#include "mime/SevenBitTransfer.h"
#include "text/AsciiText.h"

#include <QByteArray>
#include <QDateTime>
#include <QRandomGenerator>

namespace cachet::mime {

namespace {

std::string randomToken(int bytes)
{
    QByteArray random(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32*>(random.data()),
                                         reinterpret_cast<quint32*>(random.data() + bytes));
    return random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals).toStdString();
}

// Header values never carry a line break of their own: a typed newline would start a new field.
std::string oneLine(std::string value)
{
    for (char& c : value)
        if (c == '\r' || c == '\n' || c == '\0')
            c = ' ';
    return value;
}

std::string addressField(const char* name, const std::vector<std::string>& addresses)
{
    if (addresses.empty())
        return {};
    std::string value;
    for (const std::string& a : addresses) {
        if (!value.empty())
            value += ",\r\n ";
        value += oneLine(a);
    }
    if (!isSevenBit(value))
        value = encodeAddressList(value);
    return std::string(name) + ": " + value + "\r\n";
}

// A parameter value as RFC 2045 allows it quoted, or RFC 2231's extended form when it is not ASCII.
std::string fileNameParameter(const char* name, const std::string& fileName)
{
    const std::string value = oneLine(fileName);
    if (isSevenBit(value)) {
        std::string quoted;
        for (char c : value) {
            if (c == '"' || c == '\\')
                quoted += '\\';
            quoted += c;
        }
        return std::string(name) + "=\"" + quoted + "\"";
    }
    std::string encoded = "utf-8''";
    static const char hex[] = "0123456789ABCDEF";
    for (unsigned char c : value) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')
            encoded += static_cast<char>(c);
        else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 15];
        }
    }
    return std::string(name) + "*=" + encoded;
}

std::string textPart(const std::string& body)
{
    return "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        + encodeQuotedPrintableText(body);
}

std::string withFinalCrlf(std::string s)
{
    if (s.size() < 2 || s.compare(s.size() - 2, 2, "\r\n") != 0)
        s += "\r\n";
    return s;
}

} // namespace

std::string bareAddress(const std::string& mailbox)
{
    const std::size_t open = mailbox.rfind('<');
    const std::size_t close = mailbox.rfind('>');
    std::string address = open != std::string::npos && close != std::string::npos && close > open
        ? mailbox.substr(open + 1, close - open - 1)
        : mailbox;
    const std::size_t first = address.find_first_not_of(" \t\r\n");
    const std::size_t last = address.find_last_not_of(" \t\r\n");
    return first == std::string::npos ? std::string() : text::asciiLower(address.substr(first, last - first + 1));
}

std::string newMessageId(const std::string& fromAddress)
{
    const std::string address = bareAddress(fromAddress);
    const std::size_t at = address.rfind('@');
    const std::string domain = at == std::string::npos || at + 1 >= address.size() ? "cachet.invalid" : address.substr(at + 1);
    return randomToken(16) + "@" + domain;
}

std::string buildMessage(const ComposedMessage& m, bool withBcc)
{
    std::string out;
    const QDateTime date = m.date > 0 ? QDateTime::fromSecsSinceEpoch(m.date) : QDateTime::currentDateTime();
    out += "Date: " + date.toString(Qt::RFC2822Date).toStdString() + "\r\n";
    out += addressField("From", {m.from});
    out += addressField("To", m.to);
    out += addressField("Cc", m.cc);
    if (withBcc)
        out += addressField("Bcc", m.bcc);
    const std::string subject = oneLine(m.subject);
    out += "Subject: " + (isSevenBit(subject) ? subject : encodeUnstructured(subject)) + "\r\n";
    out += "Message-ID: <" + (m.messageId.empty() ? newMessageId(m.from) : oneLine(m.messageId)) + ">\r\n";
    if (!m.inReplyTo.empty())
        out += "In-Reply-To: <" + oneLine(m.inReplyTo) + ">\r\n";
    if (!m.references.empty()) {
        std::string refs;
        for (const std::string& id : m.references)
            refs += (refs.empty() ? "<" : "\r\n <") + oneLine(id) + ">";
        out += "References: " + refs + "\r\n";
    }
    if (!m.encrypt.empty())
        out += "X-Cachet-Encrypt: " + oneLine(m.encrypt) + "\r\n";
    out += "User-Agent: Cachet\r\nMIME-Version: 1.0\r\n";

    if (m.attachments.empty() && m.attachedMessages.empty())
        return out + withFinalCrlf(textPart(m.body));

    const std::string boundary = "cachet-" + randomToken(18);
    out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
    out += "This is a multi-part message in MIME format.\r\n";
    out += "--" + boundary + "\r\n" + withFinalCrlf(textPart(m.body));
    for (const ComposedAttachment& a : m.attachments) {
        const std::string type = a.mimeType.empty() || a.mimeType.find('/') == std::string::npos
            ? "application/octet-stream"
            : oneLine(a.mimeType);
        out += "--" + boundary + "\r\n";
        out += "Content-Type: " + type + "; " + fileNameParameter("name", a.fileName) + "\r\n";
        out += "Content-Disposition: attachment; " + fileNameParameter("filename", a.fileName) + "\r\n";
        out += "Content-Transfer-Encoding: base64\r\n\r\n";
        out += withFinalCrlf(encodeBase64(a.bytes));
    }
    for (const std::string& raw : m.attachedMessages) {
        out += "--" + boundary + "\r\n";
        out += "Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"forwarded.eml\"\r\n\r\n";
        out += withFinalCrlf(text::withCrlfLineEnds(raw));
    }
    out += "--" + boundary + "--\r\n";
    return out;
}

} // namespace cachet::mime
