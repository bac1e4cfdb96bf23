#pragma once
// Reads an mbox file one message at a time (RFC 4155). "From " lines separate
// messages; ">From " quoting is undone the mboxrd way (one '>' removed from any
// ">...>From " line), which also reads mboxo files whose bodies had no quoting.

#include "mailfiles/MailItem.h"

#include <QFile>

#include <optional>

namespace cachet::mailfiles {

class MboxReader {
public:
    MboxReader(const QString& path, std::string mailbox);
    bool open(QString* error);
    // The next message, or nullopt at the end of the file.
    std::optional<MailItem> next();
    qint64 position() const { return m_file.pos() - static_cast<qint64>(m_pending.size()); }
    static bool looksLikeMbox(const QString& path);

private:
    bool readLine(std::string& line);
    QFile m_file;
    std::string m_mailbox;
    std::string m_pending;        // a line read ahead (the next "From " line)
    bool m_havePending = false;
    int m_index = 0;
};

// "From sender Tue Jan  3 10:00:00 2023" -> seconds since epoch, or 0.
std::int64_t parseMboxFromLineDate(std::string_view fromLine);

} // namespace cachet::mailfiles
