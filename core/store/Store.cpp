#include "store/Store.h"

#include "store/Schema.h"

#include <QFile>

#include <sodium.h>

namespace cachet::store {

void Store::applyKey(Database& db, const StoreKey& key)
{
    std::string pragma = "PRAGMA key = \"" + key.pragmaLiteral() + "\"";
    try {
        db.exec(pragma);
    } catch (...) {
        sodium_memzero(pragma.data(), pragma.size());
        throw;
    }
    sodium_memzero(pragma.data(), pragma.size());
    // SQLCipher 3 does not record the page size in the file: every open must set
    // the one the store was created with. 4 KiB (not SQLCipher 3's 1 KiB default)
    // matches the file system page and makes large documents cheaper.
    db.exec("PRAGMA cipher_page_size = 4096");
    // SQLCipher reports a wrong key only at the first read of page 1, so read it
    // now, before anything could be written.
    try {
        db.queryInt("SELECT count(*) FROM sqlite_master");
    } catch (const StoreError& e) {
        if (e.kind() == StoreError::Kind::WrongPassphrase)
            throw StoreError("wrong passphrase for this profile", StoreError::Kind::WrongPassphrase);
        throw;
    }
}

void Store::configure(Database& db)
{
    // Temporary tables and sort spills stay in memory: SQLCipher would encrypt a
    // temp file too, but nothing of a mailbox needs to touch /tmp at all.
    db.exec("PRAGMA temp_store = MEMORY");
    db.exec("PRAGMA journal_mode = WAL");
    // FULL: a commit is on disk before it is reported, so "imported" survives a
    // power cut and not only a crash. Batching keeps the fsyncs few.
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA secure_delete = ON");
}

Store Store::open(const QString& path, const StoreKey& key, int migrateTo)
{
    if (!QFile::exists(path))
        throw StoreError("no store at " + path.toStdString(), StoreError::Kind::NotAProfile);
    Database db(path.toStdString(), Database::Mode::ReadWrite);
    applyKey(db, key);
    configure(db);
    Schema::migrate(db, migrateTo);
    return Store(std::move(db), path);
}

Store Store::create(const QString& path, const StoreKey& key, int schemaVersion)
{
    if (QFile::exists(path))
        throw StoreError("a store already exists at " + path.toStdString(), StoreError::Kind::ProfileExists);
    Database db(path.toStdString(), Database::Mode::ReadWriteCreate);
    applyKey(db, key);
    configure(db);
    Schema::migrate(db, schemaVersion);
    return Store(std::move(db), path);
}

void Store::rekey(const StoreKey& newKey)
{
    // SQLCipher 3.x cannot rekey a database in WAL mode: switch to a rollback
    // journal for the rekey, then back. Each step is atomic on its own.
    m_db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    m_db.exec("PRAGMA journal_mode = DELETE");
    std::string pragma = "PRAGMA rekey = \"" + newKey.pragmaLiteral() + "\"";
    try {
        m_db.exec(pragma);
    } catch (...) {
        sodium_memzero(pragma.data(), pragma.size());
        throw;
    }
    sodium_memzero(pragma.data(), pragma.size());
    m_db.exec("PRAGMA journal_mode = WAL");
}

Database Store::openReader(const StoreKey& key) const
{
    Database db(m_path.toStdString(), Database::Mode::ReadOnly);
    applyKey(db, key);
    db.exec("PRAGMA temp_store = MEMORY");
    return db;
}

} // namespace cachet::store
