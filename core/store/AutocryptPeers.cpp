#include "store/AutocryptPeers.h"

#include "text/AsciiText.h"

namespace cachet::store {

namespace {

constexpr const char* kColumns = "address, last_seen, autocrypt_timestamp, public_key, public_key_fpr, prefer_encrypt,"
                                 " gossip_timestamp, gossip_key, gossip_key_fpr";

AutocryptPeer read(Statement& st)
{
    AutocryptPeer p;
    p.address = st.columnText(0);
    p.lastSeen = st.columnInt(1);
    p.autocryptTimestamp = st.columnInt(2);
    p.publicKey = st.isNull(3) ? std::string() : st.columnBlob(3);
    p.publicKeyFingerprint = st.isNull(4) ? std::string() : st.columnText(4);
    p.preferEncrypt = st.columnText(5);
    p.gossipTimestamp = st.columnInt(6);
    p.gossipKey = st.isNull(7) ? std::string() : st.columnBlob(7);
    p.gossipKeyFingerprint = st.isNull(8) ? std::string() : st.columnText(8);
    return p;
}

// An absent key is NULL, not an empty blob: "has a key" is one test in SQL.
void bindKey(Statement& st, int index, const std::string& bytes, bool blob)
{
    if (bytes.empty())
        st.bindNull(index);
    else if (blob)
        st.bindBlob(index, bytes);
    else
        st.bind(index, bytes);
}

} // namespace

std::optional<AutocryptPeer> AutocryptPeers::byAddress(std::string_view address)
{
    Statement st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM autocrypt_peer WHERE address = ?");
    st.bind(1, text::asciiLower(address));
    if (!st.step())
        return std::nullopt;
    return read(st);
}

void AutocryptPeers::put(const AutocryptPeer& peer)
{
    Statement st = m_db.prepare(std::string("INSERT OR REPLACE INTO autocrypt_peer (") + kColumns
                                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, text::asciiLower(peer.address)).bind(2, peer.lastSeen).bind(3, peer.autocryptTimestamp);
    bindKey(st, 4, peer.publicKey, true);
    bindKey(st, 5, peer.publicKeyFingerprint, false);
    st.bind(6, peer.preferEncrypt).bind(7, peer.gossipTimestamp);
    bindKey(st, 8, peer.gossipKey, true);
    bindKey(st, 9, peer.gossipKeyFingerprint, false);
    st.run();
}

std::vector<AutocryptPeer> AutocryptPeers::all()
{
    Statement st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM autocrypt_peer ORDER BY address");
    std::vector<AutocryptPeer> peers;
    while (st.step())
        peers.push_back(read(st));
    return peers;
}

bool AutocryptPeers::remove(std::string_view address)
{
    Statement st = m_db.prepare("DELETE FROM autocrypt_peer WHERE address = ?");
    st.bind(1, text::asciiLower(address));
    st.run();
    return m_db.changes() > 0;
}

} // namespace cachet::store
