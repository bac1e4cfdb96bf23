#include "mailfiles/Exporter.h"

#include "store/Entries.h"
#include "store/Flags.h"
#include "store/Mailboxes.h"
#include "store/Messages.h"
#include "store/Sha256.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTimeZone>

namespace cachet::mailfiles {

namespace {

store::Mailbox requireMailbox(store::Database& db, const std::string& name)
{
    store::Mailboxes mailboxes(db);
    auto mb = mailboxes.byName(name);
    if (!mb)
        throw store::StoreError("no mailbox named \"" + name + "\"");
    return *mb;
}

void makeDir(const QString& path)
{
    if (!QDir().mkpath(path))
        throw store::StoreError("cannot create " + path.toStdString());
}

// mboxrd (RFC 4155 and the mboxrd convention): a '>' before any "From " line,
// however many '>' it already has, so reading it back removes exactly one.
void appendMboxrdQuoted(std::string& out, const std::string& raw)
{
    std::size_t pos = 0;
    while (pos < raw.size()) {
        std::size_t eol = raw.find('\n', pos);
        std::size_t next = eol == std::string::npos ? raw.size() : eol + 1;
        std::size_t i = pos;
        while (i < next && raw[i] == '>')
            ++i;
        if (next - i >= 5 && raw.compare(i, 5, "From ") == 0)
            out += '>';
        out.append(raw, pos, next - pos);
        pos = next;
    }
}

std::string asctime(std::int64_t secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc())
        .toString(QLatin1String("ddd MMM d hh:mm:ss yyyy"))
        .toStdString();
}

} // namespace

ExportSummary Exporter::toMaildir(const std::string& mailboxName, const QString& dir)
{
    const store::Mailbox mailbox = requireMailbox(m_db, mailboxName);
    for (const char* sub : {"cur", "new", "tmp"})
        makeDir(dir + "/" + sub);

    store::Entries entries(m_db);
    store::Messages messages(m_db);
    const auto list = entries.inUidOrder(mailbox.id);
    ExportSummary summary;
    for (const store::Entry& e : list) {
        const std::string raw = messages.readRaw(e.messageId);
        // Unique name: INTERNALDATE, UIDVALIDITY and UID make it unique per export.
        const QString unique = QString("%1.U%2V%3.cachet").arg(e.internalDate).arg(e.uid).arg(mailbox.uidValidity);
        const QString tmpPath = dir + "/tmp/" + unique;
        const QString finalPath = dir + "/cur/" + unique + ":2," + QString::fromStdString(store::maildirFlagLetters(e.flags));
        {
            QFile f(tmpPath);
            if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)
                || f.write(raw.data(), static_cast<qint64>(raw.size())) != static_cast<qint64>(raw.size())
                || !f.flush())
                throw store::StoreError("cannot write " + tmpPath.toStdString() + ": " + f.errorString().toStdString());
            f.setFileTime(QDateTime::fromSecsSinceEpoch(e.internalDate), QFileDevice::FileModificationTime);
        }
        // Maildir delivery: write in tmp/, then rename into cur/ (atomic).
        QFile::remove(finalPath);
        if (!QFile::rename(tmpPath, finalPath))
            throw store::StoreError("cannot move " + tmpPath.toStdString() + " into cur/");
        ++summary.messages;
        summary.bytes += static_cast<std::int64_t>(raw.size());
        if (m_progress)
            m_progress(summary.messages, static_cast<std::int64_t>(list.size()));
    }
    return summary;
}

ExportSummary Exporter::toMbox(const std::string& mailboxName, const QString& file)
{
    const store::Mailbox mailbox = requireMailbox(m_db, mailboxName);
    store::Entries entries(m_db);
    store::Messages messages(m_db);
    const auto list = entries.inUidOrder(mailbox.id);

    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        throw store::StoreError("cannot write " + file.toStdString() + ": " + out.errorString().toStdString());
    ExportSummary summary;
    std::string chunk;
    for (const store::Entry& e : list) {
        const std::string raw = messages.readRaw(e.messageId);
        chunk.clear();
        chunk += "From MAILER-DAEMON " + asctime(e.internalDate) + "\n";
        appendMboxrdQuoted(chunk, raw);
        if (!raw.empty() && raw.back() != '\n')
            chunk += '\n';
        chunk += '\n';
        if (out.write(chunk.data(), static_cast<qint64>(chunk.size())) != static_cast<qint64>(chunk.size()))
            throw store::StoreError("cannot write " + file.toStdString() + ": " + out.errorString().toStdString());
        ++summary.messages;
        summary.bytes += static_cast<std::int64_t>(raw.size());
        if (m_progress)
            m_progress(summary.messages, static_cast<std::int64_t>(list.size()));
    }
    if (!out.commit())
        throw store::StoreError("cannot write " + file.toStdString() + ": " + out.errorString().toStdString());
    return summary;
}

} // namespace cachet::mailfiles
