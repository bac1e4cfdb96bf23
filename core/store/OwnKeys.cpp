#include "store/OwnKeys.h"

#include "text/AsciiText.h"

namespace cachet::store {

namespace {
constexpr const char* kColumns = "address, fingerprint, passphrase, prefer_encrypt, created";

OwnKey read(Statement& st)
{
    OwnKey k;
    k.address = st.columnText(0);
    k.fingerprint = st.columnText(1);
    k.passphrase = st.columnText(2);
    k.preferEncrypt = st.columnText(3);
    k.created = st.columnInt(4);
    return k;
}
} // namespace

void OwnKeys::put(const OwnKey& key)
{
    Statement st = m_db.prepare(std::string("INSERT OR REPLACE INTO own_key (") + kColumns + ") VALUES (?, ?, ?, ?, ?)");
    st.bind(1, text::asciiLower(key.address)).bind(2, key.fingerprint).bind(3, key.passphrase);
    st.bind(4, key.preferEncrypt).bind(5, key.created);
    st.run();
}

std::optional<OwnKey> OwnKeys::byAddress(std::string_view address)
{
    Statement st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM own_key WHERE address = ?");
    st.bind(1, text::asciiLower(address));
    if (!st.step())
        return std::nullopt;
    return read(st);
}

std::optional<OwnKey> OwnKeys::byFingerprint(std::string_view fingerprint)
{
    Statement st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM own_key WHERE fingerprint = ?");
    st.bind(1, fingerprint);
    if (!st.step())
        return std::nullopt;
    return read(st);
}

std::vector<OwnKey> OwnKeys::all()
{
    Statement st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM own_key ORDER BY address");
    std::vector<OwnKey> keys;
    while (st.step())
        keys.push_back(read(st));
    return keys;
}

bool OwnKeys::remove(std::string_view address)
{
    Statement st = m_db.prepare("DELETE FROM own_key WHERE address = ?");
    st.bind(1, text::asciiLower(address));
    st.run();
    return m_db.changes() > 0;
}

} // namespace cachet::store
