#pragma once
// The user's own OpenPGP keys (schema v6 table own_key): which key in GNUPGHOME
// belongs to which address, and the random passphrase that protects it there.

#include "store/Sqlite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cachet::store {

struct OwnKey {
    std::string address;      // lower case
    std::string fingerprint;  // upper-case hex
    std::string passphrase;
    std::string preferEncrypt = "mutual"; // Autocrypt: mutual or nopreference
    std::int64_t created = 0;
};

class OwnKeys {
public:
    explicit OwnKeys(Database& db) : m_db(db) {}

    // Inserts or replaces the key of key.address.
    void put(const OwnKey& key);
    std::optional<OwnKey> byAddress(std::string_view address);
    std::optional<OwnKey> byFingerprint(std::string_view fingerprint);
    std::vector<OwnKey> all();
    bool remove(std::string_view address);

private:
    Database& m_db;
};

} // namespace cachet::store
