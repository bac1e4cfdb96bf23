#include "mailfiles/MboxReader.h"

#include <QDateTime>
#include <QTimeZone>
#include <QString>

namespace cachet::mailfiles {

namespace {
// A separator line; RFC 4155 §2: "From " at the start of a line.
bool isFromLine(std::string_view line)
{
    return line.size() >= 5 && line.substr(0, 5) == "From ";
}

// mboxrd: ">From ", ">>From ", ... lose one '>'.
bool isQuotedFromLine(std::string_view line)
{
    std::size_t i = 0;
    while (i < line.size() && line[i] == '>')
        ++i;
    return i > 0 && line.substr(i, 5) == "From ";
}
} // namespace

std::int64_t parseMboxFromLineDate(std::string_view fromLine)
{
    // "From <sender> <asctime date>": the date is the last 24 characters or so;
    // try the common asctime layout on the text after the sender.
    std::string_view rest = fromLine.substr(5);
    const std::size_t space = rest.find(' ');
    if (space == std::string_view::npos)
        return 0;
    QString date = QString::fromLatin1(rest.substr(space + 1).data(), static_cast<qsizetype>(rest.size() - space - 1))
                       .simplified();
    for (const char* format : {"ddd MMM d hh:mm:ss yyyy", "ddd MMM dd hh:mm:ss yyyy"}) {
        QDateTime dt = QDateTime::fromString(date, QLatin1String(format));
        if (dt.isValid()) {
            dt.setTimeZone(QTimeZone::utc());
            return dt.toSecsSinceEpoch();
        }
    }
    return 0;
}

MboxReader::MboxReader(const QString& path, std::string mailbox) : m_file(path), m_mailbox(std::move(mailbox)) {}

bool MboxReader::open(QString* error)
{
    if (!m_file.open(QIODevice::ReadOnly)) {
        *error = m_file.errorString();
        return false;
    }
    return true;
}

bool MboxReader::looksLikeMbox(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = f.read(5);
    return head == "From ";
}

bool MboxReader::readLine(std::string& line)
{
    line.clear();
    if (m_havePending) {
        line.swap(m_pending);
        m_havePending = false;
        return true;
    }
    char buf[65536];
    while (true) {
        const qint64 n = m_file.readLine(buf, sizeof buf);
        if (n <= 0)
            return !line.empty();
        line.append(buf, static_cast<std::size_t>(n));
        if (line.back() == '\n')
            return true;
    }
}

std::optional<MailItem> MboxReader::next()
{
    std::string line;
    // Skip to the next separator (text before the first one is not a message).
    std::string fromLine;
    while (readLine(line)) {
        if (isFromLine(line)) {
            fromLine = line;
            break;
        }
    }
    if (fromLine.empty())
        return std::nullopt;

    MailItem item;
    item.mailbox = m_mailbox;
    item.origin = m_file.fileName().toStdString() + "#" + std::to_string(++m_index);
    item.internalDate = parseMboxFromLineDate(fromLine);
    bool tooLarge = false;
    while (readLine(line)) {
        if (isFromLine(line)) {
            m_pending.swap(line);
            m_havePending = true;
            break;
        }
        if (tooLarge)
            continue;
        if (isQuotedFromLine(line))
            item.raw.append(line, 1, std::string::npos);
        else
            item.raw += line;
        if (item.raw.size() > kMaxMessageSize) {
            tooLarge = true;
            item.raw.clear();
            item.raw.shrink_to_fit();
        }
    }
    if (tooLarge) {
        item.refusal = "larger than " + std::to_string(kMaxMessageSize >> 20) + " MB";
        return item;
    }
    // The empty line that separates messages belongs to the mbox, not the message.
    if (item.raw.size() >= 2 && item.raw.compare(item.raw.size() - 2, 2, "\n\n") == 0)
        item.raw.pop_back();
    else if (item.raw.size() >= 4 && item.raw.compare(item.raw.size() - 4, 4, "\r\n\r\n") == 0)
        item.raw.resize(item.raw.size() - 2);
    return item;
}

} // namespace cachet::mailfiles
