#include "store/Outbox.h"

#include "text/AsciiText.h"

#include <QDateTime>

#include <sstream>

namespace cachet::store {

std::int64_t Outbox::enqueue(std::int64_t messageId, std::string_view mailFrom, const std::vector<std::string>& recipients)
{
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    Statement st = m_db.prepare(
        "INSERT INTO outbox (message_id, mail_from, recipients, state, next_attempt, created)"
        " VALUES (?, ?, ?, 'queued', ?, ?)");
    st.bind(1, messageId).bind(2, mailFrom).bind(3, text::joined(recipients, ' ')).bind(4, now).bind(5, now);
    st.run();
    return m_db.lastInsertRowId();
}

namespace {

constexpr const char* kItemColumns =
    "id, message_id, mail_from, recipients, state, created, attempts, next_attempt, last_error";

std::vector<OutboxItem> readItems(Statement& st)
{
    std::vector<OutboxItem> out;
    while (st.step()) {
        OutboxItem item;
        item.id = st.columnInt(0);
        item.messageId = st.columnInt(1);
        item.mailFrom = st.columnText(2);
        std::istringstream words(st.columnText(3));
        std::string word;
        while (words >> word)
            item.recipients.push_back(word);
        item.state = st.columnText(4);
        item.created = st.columnInt(5);
        item.attempts = static_cast<int>(st.columnInt(6));
        item.nextAttempt = st.columnInt(7);
        item.lastError = st.columnText(8);
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace

std::vector<OutboxItem> Outbox::all()
{
    Statement st = m_db.prepare(std::string("SELECT ") + kItemColumns + " FROM outbox ORDER BY id");
    return readItems(st);
}

std::optional<OutboxItem> Outbox::byId(std::int64_t id)
{
    Statement st = m_db.prepare(std::string("SELECT ") + kItemColumns + " FROM outbox WHERE id = ?");
    st.bind(1, id);
    auto items = readItems(st);
    if (items.empty())
        return std::nullopt;
    return items.front();
}

std::vector<OutboxItem> Outbox::due(std::int64_t now)
{
    Statement st = m_db.prepare(std::string("SELECT ") + kItemColumns
                                + " FROM outbox WHERE state = 'queued' AND next_attempt <= ? ORDER BY id");
    st.bind(1, now);
    return readItems(st);
}

std::vector<OutboxItem> Outbox::interrupted()
{
    Statement st = m_db.prepare(std::string("SELECT ") + kItemColumns
                                + " FROM outbox WHERE state IN ('sending', 'ending') ORDER BY id");
    return readItems(st);
}

std::int64_t Outbox::pendingCount()
{
    return m_db.queryInt("SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending', 'ending')").value_or(0);
}

std::int64_t Outbox::failedCount()
{
    return m_db.queryInt("SELECT count(*) FROM outbox WHERE state = 'failed'").value_or(0);
}

bool Outbox::markSending(std::int64_t id, std::int64_t now)
{
    Statement st = m_db.prepare(
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, attempt_started = ?"
        " WHERE id = ? AND state = 'queued'");
    st.bind(1, now).bind(2, id);
    st.run();
    return m_db.changes() > 0;
}

void Outbox::markEnding(std::int64_t id)
{
    Statement st = m_db.prepare("UPDATE outbox SET state = 'ending' WHERE id = ?");
    st.bind(1, id);
    st.run();
}

void Outbox::markSent(std::int64_t id)
{
    Statement st = m_db.prepare("UPDATE outbox SET state = 'sent', last_error = '' WHERE id = ?");
    st.bind(1, id);
    st.run();
}

void Outbox::defer(std::int64_t id, std::string_view error, std::int64_t nextAttempt)
{
    Statement st = m_db.prepare("UPDATE outbox SET state = 'queued', last_error = ?, next_attempt = ? WHERE id = ?");
    st.bind(1, error).bind(2, nextAttempt).bind(3, id);
    st.run();
}

void Outbox::fail(std::int64_t id, std::string_view error)
{
    Statement st = m_db.prepare("UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?");
    st.bind(1, error).bind(2, id);
    st.run();
}

int Outbox::retryNow(std::int64_t now, std::optional<std::int64_t> onlyId)
{
    Statement st = m_db.prepare(
        "UPDATE outbox SET state = 'queued', next_attempt = ? WHERE state IN ('queued', 'failed')"
        " AND (? IS NULL OR id = ?)");
    st.bind(1, now).bind(2, onlyId).bind(3, onlyId);
    st.run();
    return m_db.changes();
}

bool Outbox::cancel(std::int64_t id)
{
    Statement st = m_db.prepare("DELETE FROM outbox WHERE id = ? AND state IN ('queued', 'failed')");
    st.bind(1, id);
    st.run();
    return m_db.changes() > 0;
}

} // namespace cachet::store
