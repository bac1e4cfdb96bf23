#pragma once
// A profile's own GNUPGHOME (profile/gnupg, mode 0700) and the gpg-agent that
// serves it (ARCHITECTURE.md, "Secrets"). Cachet never touches ~/.gnupg: every
// GPGME context it makes is pointed here. The agent is told to accept
// passphrases through loopback pinentry (the own key's passphrase lives in the
// store, no dialog ever asks for it) and is stopped when this object goes.

#include <QString>

namespace cachet::crypto {

class GnupgHome {
public:
    // Creates the folder and its configuration if missing. Throws CryptoError
    // if the folder cannot be made private.
    explicit GnupgHome(QString directory);
    ~GnupgHome();
    GnupgHome(const GnupgHome&) = delete;
    GnupgHome& operator=(const GnupgHome&) = delete;

    const QString& directory() const { return m_directory; }
    // Stops this home's gpg-agent (gpgconf --kill); the next operation starts a new one.
    void stopAgent() const;

private:
    QString m_directory;
};

} // namespace cachet::crypto
