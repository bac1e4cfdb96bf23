#pragma once
// An open, unlocked store: one SQLCipher database per profile (ARCHITECTURE.md,
// "The store"). This object owns the writer connection; every write goes
// through it, batched into transactions by the caller (see WriteBatch).

#include "store/Sqlite.h"
#include "store/StoreKey.h"

#include <QString>

namespace cachet::store {

class Store {
public:
    // Opens an existing store with `key`. A wrong key is reported as
    // StoreError::Kind::WrongPassphrase before anything is written.
    // `migrateTo` < 0 means the current schema (tests open older versions).
    static Store open(const QString& path, const StoreKey& key, int migrateTo = -1);
    // Creates a new, empty store at the given schema version (default current).
    static Store create(const QString& path, const StoreKey& key, int schemaVersion = -1);

    Database& db() { return m_db; }
    const QString& path() const { return m_path; }

    // Re-encrypts the whole database with a new key (PRAGMA rekey).
    void rekey(const StoreKey& newKey);
    // Opens a second, read-only connection for a reader thread.
    Database openReader(const StoreKey& key) const;

private:
    Store(Database db, QString path) : m_db(std::move(db)), m_path(std::move(path)) {}
    static void applyKey(Database& db, const StoreKey& key);
    static void configure(Database& db);

    Database m_db;
    QString m_path;
};

} // namespace cachet::store
