#pragma once
// The store's schema and its versioned migrations. PRAGMA user_version holds
// the version; each migration runs in its own transaction, so a crash during an
// upgrade leaves the database at the previous version, ready to try again.

namespace cachet::store {

class Database;

class Schema {
public:
    static int currentVersion();
    // Brings the database from its version up to `target` (default: current).
    // Throws StoreError if the database is newer than this program knows.
    static void migrate(Database& db, int target = -1);
    static int versionOf(Database& db);
};

} // namespace cachet::store
