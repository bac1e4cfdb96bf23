#pragma once
// What decrypting and verifying a message gave (schema v6 table
// message_openpgp), and which document is shown and served in its place
// (ARCHITECTURE.md, "The store"). The original, as at the provider, is what
// the entry points to; a row means the message has been looked at once, so no
// decryption is ever done twice. A message without OpenPGP gets a row too
// (encryption and signature "none", no served document).

#include "store/Sqlite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cachet::store {

struct OpenPgpRecord {
    std::int64_t messageId = 0;             // the original document
    std::optional<std::int64_t> servedId;   // shown in its place; none: the original itself
    std::string encryption = "none";        // none, decrypted, failed
    std::string failure;                    // why, when failed
    std::string signature = "none";         // crypto::statusName: none, valid, bad, unknown-key, ...
    std::string signerFingerprint;
    std::optional<std::int64_t> signedAt;
    bool signerMatchesFrom = false;
};

// The id of the document shown for entry column `entryColumn` (e.g.
// "e.message_id"), for joins: the served document where there is one.
std::string servedIdSql(const std::string& entryColumn);

class MessageOpenPgp {
public:
    explicit MessageOpenPgp(Database& db) : m_db(db) {}

    std::optional<OpenPgpRecord> find(std::int64_t messageId);
    bool processed(std::int64_t messageId);
    // Records the result; false (and nothing written) if the message already
    // has one. Inside the transaction that stored the served document.
    bool put(const OpenPgpRecord& record);
    // The document to show for `messageId`: its served document, or itself.
    std::int64_t servedId(std::int64_t messageId);
    // Messages in some mailbox never looked at (stored before OpenPGP, or
    // left by a crash between storing and processing), oldest first.
    std::vector<std::int64_t> unprocessed(std::int64_t limit);

private:
    Database& m_db;
};

} // namespace cachet::store
