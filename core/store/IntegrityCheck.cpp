#include "store/IntegrityCheck.h"

#include "store/Messages.h"
#include "store/Sha256.h"
#include "store/Sqlite.h"

namespace cachet::store {

namespace {
constexpr std::size_t kMaxProblemsListed = 50;

void countQuery(Database& db, IntegrityReport& report, const char* sql, const std::string& what)
{
    const std::int64_t n = db.queryInt(sql).value_or(0);
    if (n > 0)
        report.problems.push_back(std::to_string(n) + " " + what);
}
} // namespace

IntegrityReport IntegrityCheck::run(Database& db, const std::function<void(std::int64_t, std::int64_t)>& progress)
{
    IntegrityReport report;
    {
        Statement st = db.prepare("PRAGMA integrity_check");
        while (st.step()) {
            const std::string line = st.columnText(0);
            if (line != "ok" && report.problems.size() < kMaxProblemsListed)
                report.problems.push_back("database: " + line);
        }
    }
    countQuery(db, report, "SELECT count(*) FROM entry e WHERE NOT EXISTS (SELECT 1 FROM message m WHERE m.id = e.message_id)",
               "entries point to a missing message");
    countQuery(db, report, "SELECT count(*) FROM entry e WHERE NOT EXISTS (SELECT 1 FROM mailbox b WHERE b.id = e.mailbox_id)",
               "entries point to a missing mailbox");
    countQuery(db, report, "SELECT count(*) FROM entry e JOIN mailbox b ON b.id = e.mailbox_id WHERE e.uid >= b.uidnext",
               "entries have a UID not below their mailbox's UIDNEXT");
    countQuery(db, report, "SELECT count(*) FROM message_part mp WHERE NOT EXISTS (SELECT 1 FROM part p WHERE p.id = mp.part_id)",
               "message parts point to a missing part");
    // Documents shown in place of an OpenPGP original are messages like any
    // other (indexed, reassembled below); only their links are checked here.
    countQuery(db, report, "SELECT count(*) FROM message_openpgp p WHERE NOT EXISTS (SELECT 1 FROM message m WHERE m.id = p.message_id)"
               " OR (p.served_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM message m WHERE m.id = p.served_id))",
               "OpenPGP results point to a missing message");
    countQuery(db, report, "SELECT count(*) FROM message m WHERE NOT EXISTS (SELECT 1 FROM message_text t WHERE t.docid = m.id)",
               "messages are missing from the search index");
    countQuery(db, report, "SELECT count(*) FROM message_text t WHERE NOT EXISTS (SELECT 1 FROM message m WHERE m.id = t.docid)",
               "search index rows have no message");

    const std::int64_t total = db.queryInt("SELECT count(*) FROM message").value_or(0);
    Messages messages(db);
    Statement st = db.prepare("SELECT id, hash FROM message ORDER BY id");
    while (st.step()) {
        const std::int64_t id = st.columnInt(0);
        const std::string hash = st.columnBlob(1);
        try {
            if (sha256(messages.readRaw(id)) != hash && report.problems.size() < kMaxProblemsListed)
                report.problems.push_back("message " + std::to_string(id) + " does not reassemble to its original bytes");
        } catch (const StoreError& e) {
            if (report.problems.size() < kMaxProblemsListed)
                report.problems.push_back(e.what());
        }
        ++report.messagesChecked;
        if (progress)
            progress(report.messagesChecked, total);
    }
    return report;
}

} // namespace cachet::store
