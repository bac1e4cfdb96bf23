#pragma once
// A profile folder: store.db, gnupg/ (GNUPGHOME, mode 0700) and profile.json
// (ARCHITECTURE.md, "Secrets"). Creating, unlocking and changing the passphrase.

#include "store/ProfileFile.h"
#include "store/Store.h"

#include <QString>

#include <memory>

namespace cachet::store {

class Profile {
public:
    // --profile DIR, else $CACHET_PROFILE, else $XDG_DATA_HOME/cachet/default.
    static QString resolveDirectory(const QString& fromOption);

    // Creates the folder (or uses an empty one) and a new encrypted store.
    // Throws StoreError::Kind::ProfileExists if a profile is already there.
    static Profile create(const QString& dir, std::string_view passphrase, const KdfCost& cost,
                          int schemaVersion = -1);
    // Unlocks an existing profile. A wrong passphrase throws
    // StoreError::Kind::WrongPassphrase and leaves every file as it was.
    static Profile unlock(const QString& dir, std::string_view passphrase, int migrateTo = -1);

    // Re-encrypts the store under a new passphrase. The salt and cost stay, so
    // profile.json is not rewritten and no crash can leave it out of step with the store.
    void changePassphrase(std::string_view newPassphrase);
    // Whether `passphrase` is this profile's (the key derivation again: a second or so).
    bool isPassphrase(std::string_view passphrase) const;

    const QString& directory() const { return m_dir; }
    QString storePath() const;
    QString gnupgHome() const;
    Store& store() { return *m_store; }
    const StoreKey& key() const { return m_key; }

private:
    Profile(QString dir, ProfileFile file, StoreKey key, Store store);

    QString m_dir;
    ProfileFile m_file;
    StoreKey m_key;
    std::unique_ptr<Store> m_store;
};

} // namespace cachet::store
