#include "crypto/KeyringCache.h"

#include "crypto/AutocryptRecommendation.h"
#include "crypto/Keyring.h"

#include <QFileInfo>

namespace cachet::crypto {

namespace {

constexpr std::chrono::seconds kMaxAge{60};

} // namespace

KeyringCache::KeyringCache(QString gnupgHome) : m_home(std::move(gnupgHome)) {}

void KeyringCache::refresh()
{
    // gpg 2.2 keeps public keys in pubring.kbx (keybox) and rewrites it on every change.
    const QFileInfo keyring(m_home + "/pubring.kbx");
    const QDateTime modified = keyring.exists() ? keyring.lastModified() : QDateTime();
    const qint64 size = keyring.exists() ? keyring.size() : -1;
    const auto now = std::chrono::steady_clock::now();
    if (modified == m_keyringModified && size == m_keyringSize && now - m_loadedAt < kMaxAge)
        return;
    m_keyringModified = modified;
    m_keyringSize = size;
    m_loadedAt = now;
    m_haveEncryptable = false;
    m_encryptable.clear();
    m_ownPublicKeys.clear();
}

const std::set<std::string>& KeyringCache::encryptable()
{
    refresh();
    if (!m_haveEncryptable) {
        m_encryptable = keysGpgCanEncryptTo(m_home);
        m_haveEncryptable = true;
    }
    return m_encryptable;
}

const std::string& KeyringCache::ownPublicKey(const std::string& fingerprint)
{
    refresh();
    auto it = m_ownPublicKeys.find(fingerprint);
    if (it == m_ownPublicKeys.end())
        it = m_ownPublicKeys.emplace(fingerprint, Keyring(m_home).exportPublic(fingerprint, true, false)).first;
    return it->second;
}

} // namespace cachet::crypto
