#pragma once
// The setting table: small named values (the account address, the bridge's
// password, certificate and key) that live inside the encrypted store.

#include "store/Sqlite.h"

#include <optional>
#include <string>
#include <string_view>

namespace cachet::store {

class Settings {
public:
    explicit Settings(Database& db) : m_db(db) {}

    std::optional<std::string> get(std::string_view key);
    // Inserts or replaces the value. Stored as a BLOB: values may be any bytes.
    void set(std::string_view key, std::string_view value);

private:
    Database& m_db;
};

} // namespace cachet::store
