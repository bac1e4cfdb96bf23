#include "store/Sqlite.h"

#include <sqlite3.h>

#include <utility>

namespace cachet::store {

Database::Database(const std::string& path, Mode mode)
{
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::ReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    }
    int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw StoreError("cannot open " + path + ": " + msg);
    }
    // A writer that finds the database locked waits a while rather than failing.
    sqlite3_busy_timeout(m_db, 10000);
    sqlite3_extended_result_codes(m_db, 1);
}

Database::~Database()
{
    close();
}

std::string Database::path() const
{
    const char* file = m_db ? sqlite3_db_filename(m_db, "main") : nullptr;
    return file ? std::string(file) : std::string();
}

Database::Database(Database&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

void Database::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

void Database::fail(int rc, std::string_view what) const
{
    std::string msg(what);
    msg += ": ";
    msg += m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    const int primary = rc & 0xff;
    StoreError::Kind kind = StoreError::Kind::Generic;
    if (primary == SQLITE_NOTADB)
        kind = StoreError::Kind::WrongPassphrase;
    else if (primary == SQLITE_CORRUPT)
        kind = StoreError::Kind::Corrupt;
    else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        kind = StoreError::Kind::Busy;
    throw StoreError(msg, kind);
}

void Database::exec(std::string_view sql)
{
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        fail(rc, "SQL failed (" + msg + ")");
    }
}

Statement Database::prepare(std::string_view sql)
{
    return Statement(*this, sql);
}

std::int64_t Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

std::optional<std::int64_t> Database::queryInt(std::string_view sql)
{
    Statement st(*this, sql);
    if (!st.step() || st.isNull(0))
        return std::nullopt;
    return st.columnInt(0);
}

Statement::Statement(Database& db, std::string_view sql) : m_db(&db)
{
    int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        db.fail(rc, "cannot prepare statement");
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(std::exchange(other.m_stmt, nullptr)) {}

Statement& Statement::bind(int index, std::int64_t value)
{
    int rc = sqlite3_bind_int64(m_stmt, index, value);
    if (rc != SQLITE_OK)
        m_db->fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text)
{
    // An empty view may carry a null pointer, which SQLite would store as NULL.
    const char* data = text.data() ? text.data() : "";
    int rc = sqlite3_bind_text64(m_stmt, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK)
        m_db->fail(rc, "bind");
    return *this;
}

Statement& Statement::bindBlob(int index, std::string_view bytes)
{
    // An empty view may carry a null pointer, which SQLite would store as NULL.
    static const char empty = 0;
    const char* data = bytes.data() ? bytes.data() : &empty;
    int rc = sqlite3_bind_blob64(m_stmt, index, data, bytes.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK)
        m_db->fail(rc, "bind");
    return *this;
}

Statement& Statement::bindNull(int index)
{
    int rc = sqlite3_bind_null(m_stmt, index);
    if (rc != SQLITE_OK)
        m_db->fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value)
{
    return value ? bind(index, *value) : bindNull(index);
}

bool Statement::step()
{
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    m_db->fail(rc, "query failed");
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::columnInt(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

std::string Statement::columnText(int column) const
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!text)
        return {};
    return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

std::string Statement::columnBlob(int column) const
{
    return std::string(columnBlobView(column));
}

std::string_view Statement::columnBlobView(int column) const
{
    const auto* data = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    if (!data)
        return {};
    return std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

Transaction::Transaction(Database& db) : m_db(db)
{
    m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
            // Nothing more to do: SQLite rolls back an open transaction when the connection closes.
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

} // namespace cachet::store
