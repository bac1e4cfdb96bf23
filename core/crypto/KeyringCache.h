#pragma once
// Answers about GNUPGHOME that every outgoing message asks and that rarely
// change: which keys gpg can encrypt to, and the own key's minimal public
// export for the Autocrypt header. Each is a gpg run of its own (about as long
// as signing a 10 KB message: openpgp_bench measured a submission at three gpg
// runs), so they are kept until the public keyring file changes (a key was
// imported or removed, by this process or another) or a minute has passed
// (a key may expire meanwhile).

#include <QDateTime>
#include <QString>

#include <chrono>
#include <map>
#include <set>
#include <string>

namespace cachet::crypto {

class KeyringCache {
public:
    explicit KeyringCache(QString gnupgHome);

    // keysGpgCanEncryptTo(gnupgHome), as of at most a minute ago.
    const std::set<std::string>& encryptable();
    // Keyring::exportPublic(fingerprint, minimal, binary).
    const std::string& ownPublicKey(const std::string& fingerprint);

    const QString& gnupgHome() const { return m_home; }

private:
    // Forgets everything when the keyring file or the minute says so.
    void refresh();

    QString m_home;
    QDateTime m_keyringModified;
    qint64 m_keyringSize = -1;
    std::chrono::steady_clock::time_point m_loadedAt;
    bool m_haveEncryptable = false;
    std::set<std::string> m_encryptable;
    std::map<std::string, std::string> m_ownPublicKeys;
};

} // namespace cachet::crypto
