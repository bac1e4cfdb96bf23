#pragma once
// Peer keys learned outside Autocrypt (schema v6 table peer_key): imported by
// hand, or attached to a message (application/pgp-keys). One row per key and
// address; the key bytes are kept so the store alone can rebuild GNUPGHOME.

#include "store/Sqlite.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cachet::store {

inline constexpr const char* kPeerKeyManual = "manual";
inline constexpr const char* kPeerKeyAttached = "attached";

struct PeerKey {
    std::string fingerprint;  // primary key, upper-case hex
    std::string address;      // lower case
    std::string source;       // kPeerKeyManual or kPeerKeyAttached
    std::string keyData;      // binary OpenPGP public key
    std::int64_t added = 0;
};

class PeerKeys {
public:
    explicit PeerKeys(Database& db) : m_db(db) {}

    // Inserts, or replaces the row of the same key and address. A manual key
    // stays manual when the same key comes again attached to a message.
    void put(const PeerKey& key);
    // Newest first.
    std::vector<PeerKey> byAddress(std::string_view address);
    std::vector<PeerKey> all();

private:
    Database& m_db;
};

} // namespace cachet::store
