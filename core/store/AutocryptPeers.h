#pragma once
// The Autocrypt Level 1 peer state (autocrypt.org/level1.html, "Peer state";
// schema v6 table autocrypt_peer): per address what its Autocrypt header last
// said and when, and the key others last gossiped for it. The update rules are
// crypto/AutocryptLearning's; this class only reads and writes rows.

#include "store/Sqlite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cachet::store {

struct AutocryptPeer {
    std::string address;                 // lower case
    std::int64_t lastSeen = 0;           // effective date of the newest message seen from it
    std::int64_t autocryptTimestamp = 0; // effective date of the newest message with its Autocrypt header
    std::string publicKey;               // binary OpenPGP key from that header; empty if none
    std::string publicKeyFingerprint;
    std::string preferEncrypt = "nopreference";
    std::int64_t gossipTimestamp = 0;
    std::string gossipKey;               // binary OpenPGP key from the newest gossip; empty if none
    std::string gossipKeyFingerprint;
};

class AutocryptPeers {
public:
    explicit AutocryptPeers(Database& db) : m_db(db) {}

    std::optional<AutocryptPeer> byAddress(std::string_view address);
    // Inserts or replaces the row of peer.address.
    void put(const AutocryptPeer& peer);
    std::vector<AutocryptPeer> all();
    bool remove(std::string_view address);

private:
    Database& m_db;
};

} // namespace cachet::store
