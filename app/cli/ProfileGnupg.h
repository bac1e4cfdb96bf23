#pragma once
// The profile's GNUPGHOME, open for one command: its configuration made if
// missing, its agent stopped when this goes, and an own-key export cut short
// by a crash (crypto/SecretKeyExport.h) repaired before the own key is used.

#include "crypto/GnupgHome.h"

#include <QString>

namespace cachet::store {
class Profile;
}

namespace cachet::cli {

class ProfileGnupg {
public:
    explicit ProfileGnupg(store::Profile& profile);
    const QString& directory() const { return m_home.directory(); }

private:
    crypto::GnupgHome m_home;
};

} // namespace cachet::cli
