#include "store/GarbageCollector.h"

#include "search/SearchIndex.h"
#include "store/Sqlite.h"

#include <vector>

namespace cachet::store {

CollectedGarbage GarbageCollector::collect(Database& db)
{
    CollectedGarbage result;
    Transaction tx(db);
    // An original no entry or outbox item needs loses its OpenPGP result; the
    // document shown in its place then goes with it, unless something else
    // still holds that (the same bytes appended as a message of their own).
    db.exec("DELETE FROM message_openpgp WHERE NOT EXISTS (SELECT 1 FROM entry e WHERE e.message_id = message_openpgp.message_id)"
            " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = message_openpgp.message_id)");
    std::vector<std::int64_t> orphans;
    {
        Statement st = db.prepare(
            "SELECT id FROM message m WHERE NOT EXISTS (SELECT 1 FROM entry e WHERE e.message_id = m.id)"
            " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id)"
            " AND NOT EXISTS (SELECT 1 FROM message_openpgp p WHERE p.served_id = m.id)");
        while (st.step())
            orphans.push_back(st.columnInt(0));
    }
    Statement unlink = db.prepare("DELETE FROM message_part WHERE message_id = ?");
    Statement drop = db.prepare("DELETE FROM message WHERE id = ?");
    for (std::int64_t id : orphans) {
        search::SearchIndex::remove(db, id);
        unlink.bind(1, id);
        unlink.run();
        drop.bind(1, id);
        drop.run();
    }
    result.messages = static_cast<std::int64_t>(orphans.size());
    db.exec("DELETE FROM part WHERE NOT EXISTS (SELECT 1 FROM message_part mp WHERE mp.part_id = part.id)");
    result.parts = db.changes();
    tx.commit();
    return result;
}

} // namespace cachet::store
