#pragma once
// What arriving mail teaches about peers' keys (ARCHITECTURE.md, "OpenPGP"):
// the sender's Autocrypt header, the Autocrypt-Gossip inside an encrypted
// message, and keys the sender attached (application/pgp-keys). Learned in two
// halves, so a message and what was learned from it are committed in one
// transaction, or neither:
//
//   ArrivalKeyImports   reads the headers and parts and imports their keys
//                       into GNUPGHOME (gpg, no store), outside the writer's
//                       transaction and before the message's signatures are
//                       checked, so a signature by a key that came with the
//                       message verifies;
//   applyArrivalLearning  applies Autocrypt Level 1's rules and records
//                       attached keys (store, no gpg), in the caller's transaction.

#include "crypto/AutocryptLearning.h"
#include "crypto/PeerKeyImport.h"

#include <QString>

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cachet::mime {
struct MimeEntity;
}

namespace cachet::store {
class Database;
}

namespace cachet::crypto {

struct ArrivalLearning {
    std::int64_t arrivedAt = 0;
    SenderAutocrypt sender;
    std::string senderFingerprint; // the sender's Autocrypt key as imported; empty: none usable
    std::string senderUnusable;    // why gpg refused it
    bool encrypted = false;        // gossip is taken only from inside encryption
    std::vector<std::pair<AutocryptHeader, std::string>> gossip; // with the imported fingerprint
    std::vector<AttachedKey> attached;
};

// The gpg half. One per sync pass or import run; safe to share between the
// threads that prepare messages. Key data met before in its lifetime is not
// imported again (a correspondent's every message carries the same key).
class ArrivalKeyImports {
public:
    ArrivalKeyImports(QString gnupgHome, std::vector<std::string> ownAddresses);

    // The outer header: Autocrypt. Starts `learning`.
    ArrivalLearning readSender(const mime::HeaderBlock& outerHeader, std::int64_t now);
    // The decrypted entity's header block: gossip for the outer To and Cc.
    void readGossip(ArrivalLearning& learning, const mime::HeaderBlock& outerHeader, std::string_view innerHeaderBlock);
    // application/pgp-keys parts of what the reader sees (`document`, parsed as `root`).
    void readAttachedKeys(ArrivalLearning& learning, std::string_view document, const mime::MimeEntity& root);

private:
    struct Imported {
        std::string fingerprint;
        std::string error;
    };
    Imported importAutocrypt(const std::string& keyData);
    bool isOwn(const std::string& address) const;

    QString m_home;
    std::vector<std::string> m_own;
    std::mutex m_mutex;
    std::map<std::string, Imported> m_imported; // key data → result
};

// The store half, inside the caller's transaction.
void applyArrivalLearning(store::Database& db, const ArrivalLearning& learning);

} // namespace cachet::crypto
