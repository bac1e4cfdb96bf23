#include "search/SearchIndex.h"

#include "mime/MessageDigest.h"
#include "mime/MimeParser.h"
#include "store/Messages.h"
#include "store/Sqlite.h"
#include "text/AsciiText.h"

#include <vector>

namespace cachet::search {

void SearchIndex::create(store::Database& db)
{
    // unicode61 folds case and diacritics, so "cafe" finds "Café".
    db.exec("CREATE VIRTUAL TABLE message_text USING fts4("
            "subject, addresses, body, attachments, tokenize=unicode61 \"remove_diacritics=1\")");
}

void SearchIndex::add(store::Database& db, std::int64_t messageId, const mime::MessageDigest& d)
{
    std::string addresses = d.from;
    for (const std::string* field : {&d.to, &d.cc, &d.bcc, &d.replyTo}) {
        if (!field->empty()) {
            addresses += '\n';
            addresses += *field;
        }
    }
    store::Statement st = db.prepare(
        "INSERT INTO message_text (docid, subject, addresses, body, attachments) VALUES (?, ?, ?, ?, ?)");
    st.bind(1, messageId).bind(2, d.subject).bind(3, addresses).bind(4, d.bodyText);
    st.bind(5, text::joined(d.attachmentNames, '\n'));
    st.run();
}

void SearchIndex::remove(store::Database& db, std::int64_t messageId)
{
    store::Statement st = db.prepare("DELETE FROM message_text WHERE docid = ?");
    st.bind(1, messageId);
    st.run();
}

void SearchIndex::rebuild(store::Database& db)
{
    db.exec("DELETE FROM message_text");
    std::vector<std::int64_t> ids;
    {
        store::Statement st = db.prepare("SELECT id FROM message ORDER BY id");
        while (st.step())
            ids.push_back(st.columnInt(0));
    }
    store::Messages messages(db);
    for (std::int64_t id : ids) {
        const std::string raw = messages.readRaw(id);
        add(db, id, mime::digestMessage(raw, mime::parseMimeTree(raw)));
    }
}

} // namespace cachet::search
