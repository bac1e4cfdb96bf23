#pragma once
// A thin RAII layer over SQLCipher's C API. Qt SQL's QSQLITE driver links the
// system SQLite, whose symbols clash with SQLCipher's (ARCHITECTURE.md), so the
// store talks to sqlite3.h directly.

#include "store/StoreError.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace cachet::store {

class Statement;

class Database {
public:
    enum class Mode { ReadWrite, ReadWriteCreate, ReadOnly };
    Database() = default;
    Database(const std::string& path, Mode mode);
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    bool isOpen() const { return m_db != nullptr; }
    void close();

    // Runs one or more statements that return no rows.
    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);

    std::int64_t lastInsertRowId() const;
    int changes() const;
    // Single integer result of a query, or nullopt when it returns no row.
    std::optional<std::int64_t> queryInt(std::string_view sql);

    sqlite3* handle() const { return m_db; }
    // The file of the main database; empty for an in-memory one.
    std::string path() const;
    [[noreturn]] void fail(int rc, std::string_view what) const;

private:
    sqlite3* m_db = nullptr;
};

class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Binding is 1-based, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, std::string_view text);          // TEXT
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bindBlob(int index, std::string_view bytes);     // BLOB
    Statement& bindNull(int index);
    Statement& bind(int index, const std::optional<std::int64_t>& value);

    // True while a row is available.
    bool step();
    // Runs a statement that returns no rows.
    void run();
    void reset();

    bool isNull(int column) const;
    std::int64_t columnInt(int column) const;
    std::string columnText(int column) const;
    std::string columnBlob(int column) const;
    std::string_view columnBlobView(int column) const; // valid until the next step/reset

private:
    Database* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolled back if destroyed uncommitted (an exception
// left the block). IMMEDIATE takes the write lock at once, so two writers never
// deadlock half-way through.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

} // namespace cachet::store
