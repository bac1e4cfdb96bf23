#include "store/MessageOpenPgp.h"

namespace cachet::store {

namespace {
constexpr const char* kColumns = "message_id, served_id, encryption, failure, signature, signer_fingerprint, signed_at,"
                                 " signer_matches_from";
} // namespace

std::string servedIdSql(const std::string& entryColumn)
{
    return "coalesce((SELECT o.served_id FROM message_openpgp o WHERE o.message_id = " + entryColumn + "), "
        + entryColumn + ")";
}

std::optional<OpenPgpRecord> MessageOpenPgp::find(std::int64_t messageId)
{
    Statement st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM message_openpgp WHERE message_id = ?");
    st.bind(1, messageId);
    if (!st.step())
        return std::nullopt;
    OpenPgpRecord r;
    r.messageId = st.columnInt(0);
    if (!st.isNull(1))
        r.servedId = st.columnInt(1);
    r.encryption = st.columnText(2);
    r.failure = st.columnText(3);
    r.signature = st.columnText(4);
    r.signerFingerprint = st.columnText(5);
    if (!st.isNull(6))
        r.signedAt = st.columnInt(6);
    r.signerMatchesFrom = st.columnInt(7) != 0;
    return r;
}

bool MessageOpenPgp::processed(std::int64_t messageId)
{
    Statement st = m_db.prepare("SELECT 1 FROM message_openpgp WHERE message_id = ?");
    st.bind(1, messageId);
    return st.step();
}

bool MessageOpenPgp::put(const OpenPgpRecord& r)
{
    Statement st = m_db.prepare(std::string("INSERT OR IGNORE INTO message_openpgp (") + kColumns
                                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, r.messageId).bind(2, r.servedId).bind(3, r.encryption).bind(4, r.failure).bind(5, r.signature);
    st.bind(6, r.signerFingerprint).bind(7, r.signedAt).bind(8, r.signerMatchesFrom ? 1 : 0);
    st.run();
    return m_db.changes() > 0;
}

std::int64_t MessageOpenPgp::servedId(std::int64_t messageId)
{
    Statement st = m_db.prepare("SELECT served_id FROM message_openpgp WHERE message_id = ?");
    st.bind(1, messageId);
    if (st.step() && !st.isNull(0))
        return st.columnInt(0);
    return messageId;
}

std::vector<std::int64_t> MessageOpenPgp::unprocessed(std::int64_t limit)
{
    // A served document is never processed itself: it is what processing made.
    Statement st = m_db.prepare(
        "SELECT m.id FROM message m WHERE EXISTS (SELECT 1 FROM entry e WHERE e.message_id = m.id)"
        " AND NOT EXISTS (SELECT 1 FROM message_openpgp o WHERE o.message_id = m.id)"
        " AND NOT EXISTS (SELECT 1 FROM message_openpgp o WHERE o.served_id = m.id)"
        " ORDER BY m.id LIMIT ?");
    st.bind(1, limit);
    std::vector<std::int64_t> ids;
    while (st.step())
        ids.push_back(st.columnInt(0));
    return ids;
}

} // namespace cachet::store
