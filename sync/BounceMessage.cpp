#include "sync/BounceMessage.h"

#include <QDateTime>
#include <QLocale>
#include <QUuid>

namespace cachet::sync {

namespace {

// RFC 5322 date-time in UTC, with English names whatever the locale.
std::string rfc5322Date(std::int64_t seconds)
{
    const QDateTime t = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    return QLocale::c().toString(t, "ddd, dd MMM yyyy HH:mm:ss").toStdString() + " +0000";
}

// An 8-bit subject goes in as an RFC 2047 encoded word.
std::string headerText(const std::string& text)
{
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80 || c == '\r' || c == '\n') {
            return "=?UTF-8?B?" + QByteArray::fromStdString(text).toBase64().toStdString() + "?=";
        }
    }
    return text;
}

} // namespace

std::string bounceMessage(const std::string& original, const std::string& sender,
                          const std::vector<std::string>& recipients, const std::string& subject,
                          const std::string& reason, std::int64_t now)
{
    const std::string id = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    const std::string boundary = "cachet-bounce-" + id;
    std::string to;
    for (const std::string& r : recipients)
        to += "  " + r + "\r\n";
    std::string m;
    m += "From: Cachet <mailer-daemon@cachet.invalid>\r\n";
    m += "To: <" + sender + ">\r\n";
    m += "Subject: " + headerText("Undelivered: " + (subject.empty() ? std::string("(no subject)") : subject)) + "\r\n";
    m += "Date: " + rfc5322Date(now) + "\r\n";
    m += "Message-ID: <" + id + "@cachet.invalid>\r\n";
    m += "Auto-Submitted: auto-replied\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
    m += "--" + boundary + "\r\n";
    m += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
    m += "Cachet could not send your message to:\r\n\r\n" + to + "\r\n";
    m += "Why: " + reason + "\r\n\r\n";
    m += "Your message is attached; nothing of it was lost. You can send it again from your mail program.\r\n\r\n";
    m += "--" + boundary + "\r\n";
    m += "Content-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n";
    m += original;
    if (!original.empty() && original.back() != '\n')
        m += "\r\n";
    m += "--" + boundary + "--\r\n";
    return m;
}

} // namespace cachet::sync
