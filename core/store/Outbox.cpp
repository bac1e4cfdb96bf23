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

std::vector<OutboxItem> Outbox::all()
{
    Statement st = m_db.prepare("SELECT id, message_id, mail_from, recipients, state, created FROM outbox ORDER BY id");
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
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace cachet::store
