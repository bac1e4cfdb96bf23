#include "store/Journal.h"

#include <QDateTime>
#include <QJsonDocument>

namespace cachet::store {

void Journal::record(std::string_view operation, std::optional<std::int64_t> mailboxId, const QJsonObject& payload)
{
    const QByteArray json = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    Statement st = m_db.prepare("INSERT INTO journal (created, operation, mailbox_id, payload) VALUES (?, ?, ?, ?)");
    st.bind(1, static_cast<std::int64_t>(QDateTime::currentSecsSinceEpoch())).bind(2, operation).bind(3, mailboxId);
    st.bind(4, std::string_view(json.constData(), static_cast<std::size_t>(json.size())));
    st.run();
}

std::vector<JournalRecord> Journal::pending(std::int64_t limit)
{
    Statement st = m_db.prepare("SELECT id, operation, mailbox_id, payload, attempts, last_error FROM journal ORDER BY id LIMIT ?");
    st.bind(1, limit);
    std::vector<JournalRecord> out;
    while (st.step()) {
        JournalRecord r;
        r.id = st.columnInt(0);
        r.operation = st.columnText(1);
        if (!st.isNull(2))
            r.mailboxId = st.columnInt(2);
        r.payload = QJsonDocument::fromJson(QByteArray::fromStdString(st.columnText(3))).object();
        r.attempts = static_cast<int>(st.columnInt(4));
        r.lastError = st.columnText(5);
        out.push_back(std::move(r));
    }
    return out;
}

std::int64_t Journal::count()
{
    return m_db.queryInt("SELECT count(*) FROM journal").value_or(0);
}

void Journal::remove(std::int64_t id)
{
    Statement st = m_db.prepare("DELETE FROM journal WHERE id = ?");
    st.bind(1, id);
    st.run();
}

void Journal::noteAttempt(std::int64_t id, std::string_view error)
{
    Statement st = m_db.prepare("UPDATE journal SET attempts = attempts + 1, last_error = ? WHERE id = ?");
    st.bind(1, error).bind(2, id);
    st.run();
}

void Journal::noteError(std::int64_t id, std::string_view error)
{
    Statement st = m_db.prepare("UPDATE journal SET last_error = ? WHERE id = ?");
    st.bind(1, error).bind(2, id);
    st.run();
}

} // namespace cachet::store
