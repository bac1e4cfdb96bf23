#pragma once
// Whether a message being sent answers one that came encrypted: Autocrypt
// Level 1 then recommends encrypting the reply. Found by In-Reply-To's
// Message-ID (message.message_id) and the incoming side's record of it
// (message_openpgp, encryption 'decrypted'), for the ciphertext original or
// the decrypted message served in its place.

#include "store/Sqlite.h"

#include <string>
#include <vector>

namespace cachet::store {

// `inReplyTo`: message ids without angle brackets.
bool answersDecryptedMessage(Database& db, const std::vector<std::string>& inReplyTo);

} // namespace cachet::store
