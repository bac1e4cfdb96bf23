#include "store/ReplyToEncrypted.h"

namespace cachet::store {

bool answersDecryptedMessage(Database& db, const std::vector<std::string>& inReplyTo)
{
    // One In-Reply-To names one message; more ids are unusual, and a few are plenty.
    constexpr std::size_t kMaxIds = 10;
    Statement st = db.prepare(
        "SELECT 1 FROM message m JOIN message_openpgp o ON o.message_id = m.id OR o.served_id = m.id"
        " WHERE m.message_id = ? AND o.encryption = 'decrypted' LIMIT 1");
    for (std::size_t i = 0; i < inReplyTo.size() && i < kMaxIds; ++i) {
        if (inReplyTo[i].empty())
            continue;
        st.reset();
        st.bind(1, inReplyTo[i]);
        if (st.step())
            return true;
    }
    return false;
}

} // namespace cachet::store
