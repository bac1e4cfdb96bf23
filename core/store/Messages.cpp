#include "store/Messages.h"

#include "search/SearchIndex.h"
#include "store/Sha256.h"
#include "text/AsciiText.h"

namespace cachet::store {

std::optional<std::int64_t> Messages::findByHash(std::string_view hash)
{
    Statement st = m_db.prepare("SELECT id FROM message WHERE hash = ?");
    st.bindBlob(1, hash);
    if (!st.step())
        return std::nullopt;
    return st.columnInt(0);
}

std::int64_t Messages::storePart(const PreparedPart& part)
{
    Statement find = m_db.prepare("SELECT id FROM part WHERE hash = ?");
    find.bindBlob(1, part.hash);
    if (find.step())
        return find.columnInt(0);
    Statement ins = m_db.prepare("INSERT INTO part (hash, size, codec, data) VALUES (?, ?, ?, ?)");
    ins.bindBlob(1, part.hash)
        .bind(2, static_cast<std::int64_t>(part.size))
        .bind(3, static_cast<int>(part.encoded.codec))
        .bindBlob(4, part.encoded.bytes);
    ins.run();
    return m_db.lastInsertRowId();
}

StoredMessage Messages::store(const PreparedMessage& pm)
{
    if (auto existing = findByHash(pm.hash))
        return {*existing, false};

    const mime::MessageDigest& d = pm.digest;
    Statement ins = m_db.prepare(
        "INSERT INTO message (hash, size, skeleton, skeleton_size, skeleton_codec, envelope, bodystructure, body,"
        " date, subject, from_text, to_text, cc_text, message_id, in_reply_to, references_ids, preview,"
        " has_attachment, served_size) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    ins.bindBlob(1, pm.hash)
        .bind(2, static_cast<std::int64_t>(pm.size))
        .bindBlob(3, pm.skeleton.bytes)
        .bind(4, static_cast<std::int64_t>(pm.skeletonSize))
        .bind(5, static_cast<int>(pm.skeleton.codec))
        .bind(6, pm.envelope)
        .bind(7, pm.bodyStructure)
        .bind(8, pm.body)
        .bind(9, d.date)
        .bind(10, d.subject)
        .bind(11, d.from)
        .bind(12, d.to)
        .bind(13, d.cc)
        .bind(14, d.messageId)
        .bind(15, d.inReplyTo)
        .bind(16, text::joined(d.references, ' '))
        .bind(17, d.preview)
        .bind(18, d.hasAttachment ? 1 : 0)
        .bind(19, static_cast<std::int64_t>(pm.servedSize));
    ins.run();
    const std::int64_t messageId = m_db.lastInsertRowId();

    Statement link = m_db.prepare("INSERT INTO message_part (message_id, ordinal, offset, part_id) VALUES (?,?,?,?)");
    int ordinal = 0;
    for (const PreparedPart& part : pm.parts) {
        const std::int64_t partId = storePart(part);
        link.bind(1, messageId).bind(2, ordinal++).bind(3, static_cast<std::int64_t>(part.skeletonOffset)).bind(4, partId);
        link.run();
    }
    search::SearchIndex::add(m_db, messageId, d);
    return {messageId, true};
}

std::string Messages::readRaw(std::int64_t messageId)
{
    Statement msg = m_db.prepare("SELECT skeleton, skeleton_size, skeleton_codec, size, hash FROM message WHERE id = ?");
    msg.bind(1, messageId);
    if (!msg.step())
        throw StoreError("no message " + std::to_string(messageId), StoreError::Kind::Corrupt);
    const std::string skeleton = decompressDocument(static_cast<Codec>(msg.columnInt(2)), msg.columnBlobView(0),
                                                    static_cast<std::size_t>(msg.columnInt(1)));
    const auto size = static_cast<std::size_t>(msg.columnInt(3));

    std::string raw;
    raw.reserve(size);
    std::size_t cursor = 0;
    Statement parts = m_db.prepare(
        "SELECT mp.offset, p.codec, p.data, p.size, p.hash FROM message_part mp JOIN part p ON p.id = mp.part_id"
        " WHERE mp.message_id = ? ORDER BY mp.ordinal");
    parts.bind(1, messageId);
    while (parts.step()) {
        const auto offset = static_cast<std::size_t>(parts.columnInt(0));
        if (offset < cursor || offset > skeleton.size())
            throw StoreError("message " + std::to_string(messageId) + " has a part outside its skeleton",
                             StoreError::Kind::Corrupt);
        raw.append(skeleton, cursor, offset - cursor);
        raw += decompressDocument(static_cast<Codec>(parts.columnInt(1)), parts.columnBlobView(2),
                                  static_cast<std::size_t>(parts.columnInt(3)));
        cursor = offset;
    }
    raw.append(skeleton, cursor, std::string::npos);
    if (raw.size() != size)
        throw StoreError("message " + std::to_string(messageId) + " does not reassemble to its size",
                         StoreError::Kind::Corrupt);
    return raw;
}

std::optional<MessageSummary> Messages::summary(std::int64_t messageId)
{
    Statement st = m_db.prepare(
        "SELECT hash, size, date, subject, from_text, to_text, cc_text, message_id, preview, has_attachment"
        " FROM message WHERE id = ?");
    st.bind(1, messageId);
    if (!st.step())
        return std::nullopt;
    MessageSummary s;
    s.id = messageId;
    s.hashHex = toHex(st.columnBlobView(0));
    s.size = st.columnInt(1);
    if (!st.isNull(2))
        s.date = st.columnInt(2);
    s.subject = st.columnText(3);
    s.from = st.columnText(4);
    s.to = st.columnText(5);
    s.cc = st.columnText(6);
    s.messageId = st.columnText(7);
    s.preview = st.columnText(8);
    s.hasAttachment = st.columnInt(9) != 0;
    return s;
}

} // namespace cachet::store
