#include "store/PeerKeys.h"

#include "text/AsciiText.h"

namespace cachet::store {

namespace {

constexpr const char* kColumns = "fingerprint, address, source, key_data, added";

PeerKey read(Statement& st)
{
    PeerKey k;
    k.fingerprint = st.columnText(0);
    k.address = st.columnText(1);
    k.source = st.columnText(2);
    k.keyData = st.columnBlob(3);
    k.added = st.columnInt(4);
    return k;
}

} // namespace

void PeerKeys::put(const PeerKey& key)
{
    const std::string address = text::asciiLower(key.address);
    // The user's own choice outranks what a message brought. (SQLCipher's
    // SQLite 3.15 has no upsert: read, then replace.)
    Statement existing = m_db.prepare("SELECT source FROM peer_key WHERE fingerprint = ? AND address = ?");
    existing.bind(1, key.fingerprint).bind(2, address);
    const bool keepManual = existing.step() && existing.columnText(0) == kPeerKeyManual;
    Statement st = m_db.prepare(std::string("INSERT OR REPLACE INTO peer_key (") + kColumns + ") VALUES (?, ?, ?, ?, ?)");
    st.bind(1, key.fingerprint).bind(2, address).bind(3, keepManual ? std::string(kPeerKeyManual) : key.source);
    st.bindBlob(4, key.keyData).bind(5, key.added);
    st.run();
}

std::vector<PeerKey> PeerKeys::byAddress(std::string_view address)
{
    Statement st = m_db.prepare(std::string("SELECT ") + kColumns
                                + " FROM peer_key WHERE address = ? ORDER BY added DESC, fingerprint");
    st.bind(1, text::asciiLower(address));
    std::vector<PeerKey> keys;
    while (st.step())
        keys.push_back(read(st));
    return keys;
}

std::vector<PeerKey> PeerKeys::all()
{
    Statement st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM peer_key ORDER BY address, added DESC");
    std::vector<PeerKey> keys;
    while (st.step())
        keys.push_back(read(st));
    return keys;
}

} // namespace cachet::store
