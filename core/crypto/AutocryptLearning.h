#pragma once
// Learning from incoming mail what Autocrypt Level 1 says to learn
// (autocrypt.org/level1.html, "Updating Autocrypt Peer State" and "Key
// Gossip"): the sender's key and preference from the Autocrypt header of the
// outer header block, and keys of fellow recipients from the Autocrypt-Gossip
// headers of a decrypted message's inner header block. Keys go into the
// profile's GNUPGHOME and, with their fingerprints, into the store
// (store/AutocryptPeers.h). The profile's own addresses are never learned.
//
// Every function here takes untrusted mail: none throws for what a message
// holds (gpg refusing a key means the header is ignored).

#include "crypto/AutocryptHeader.h"
#include "mime/HeaderBlock.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::store {
class Database;
}

namespace cachet::crypto {

struct AutocryptUpdate {
    enum class Outcome {
        KeyLearned, // the sender's Autocrypt state now holds the header's key and preference
        SeenOnly,   // a known peer's last_seen moved forward; no usable header
        Ignored,    // nothing changed; `reason` says why
    };
    Outcome outcome = Outcome::Ignored;
    std::string address;     // the From address, lower case; empty when there is none
    std::string fingerprint; // KeyLearned: the key now in the peer state
    std::string reason;      // for logs: never message content beyond the address
};

struct GossipUpdate {
    std::string address;     // lower case
    std::string fingerprint; // the gossip key now kept for it
};

// Level 1's effective date: the Date header, or `now` when it is missing,
// unreadable or in the future.
std::int64_t effectiveDate(const mime::HeaderBlock& header, std::int64_t now);

// The To and Cc addresses of an outer header block, lower case: the only
// addresses gossip may be learned for.
std::vector<std::string> gossipRecipients(const mime::HeaderBlock& outerHeader);

// Learning comes in two halves, so arriving mail and what was learned from it
// are committed in one transaction (crypto/ArrivalLearning): reading the
// headers and importing their keys into GNUPGHOME (gpg, no store), then
// applying Level 1's rules to the store (no gpg, inside the caller's transaction).

// What an outer header block says about its sender, read with these rules:
// multipart/report messages (bounces) are ignored; From must hold one address,
// and an Autocrypt header counts only if its addr equals it; with more than one
// such header the message changes nothing.
struct SenderAutocrypt {
    std::string address;                   // the From address, lower case; empty when there is none
    std::optional<AutocryptHeader> header; // the sender's one valid Autocrypt header
    std::int64_t date = 0;                 // the effective date
    std::string ignored;                   // not empty: the message updates nothing, and why
};
SenderAutocrypt readSenderAutocrypt(const mime::HeaderBlock& outerHeader, std::int64_t now);

// The Autocrypt-Gossip headers of an inner (decrypted) header block that name
// one of `recipients` (gossipRecipients of the outer header); at most a hundred.
std::vector<AutocryptHeader> readGossip(const mime::HeaderBlock& innerHeader, const std::vector<std::string>& recipients);

// Level 1's update of the sender's peer state, inside the caller's transaction.
// `keyFingerprint`: the header's key as imported into GNUPGHOME; empty when gpg
// refused it (`unusable` says why), and then it is as if there were no header.
// A message older than the peer's autocrypt_timestamp changes nothing; last_seen
// only moves forward; a message without a header moves last_seen of a peer
// already known, and creates none. Own addresses are never learned.
AutocryptUpdate applySenderAutocrypt(store::Database& db, const SenderAutocrypt& sender,
                                     const std::string& keyFingerprint, const std::string& unusable);

// A gossip key (imported as `keyFingerprint`) kept for its address when
// `effectiveDate` (of the outer message) is newer than the gossip kept; inside
// the caller's transaction. Call it only for mail that was encrypted: Level 1
// takes no gossip from cleartext.
std::optional<GossipUpdate> applyGossip(store::Database& db, const AutocryptHeader& gossip,
                                        const std::string& keyFingerprint, std::int64_t effectiveDate);

// Both halves for one message at once, each update in its own transaction:
// for a message met outside arrival (a tool, a test).
AutocryptUpdate learnFromHeader(const QString& gnupgHome, store::Database& db, const mime::HeaderBlock& outerHeader,
                                std::int64_t now);
// The same from a whole raw message (only its header block is read).
AutocryptUpdate learnFromMessage(const QString& gnupgHome, store::Database& db, std::string_view rawMessage,
                                 std::int64_t now);
std::vector<GossipUpdate> learnGossip(const QString& gnupgHome, store::Database& db,
                                      const mime::HeaderBlock& innerHeader,
                                      const std::vector<std::string>& recipients, std::int64_t effectiveDate);

// The header block of a raw message: everything before the first empty line.
std::string_view headerBlockOf(std::string_view rawMessage);

} // namespace cachet::crypto
