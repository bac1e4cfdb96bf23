#include "ProfileGnupg.h"

#include "crypto/CryptoError.h"
#include "crypto/SecretKeyExport.h"
#include "store/Profile.h"

#include <cstdio>

namespace cachet::cli {

ProfileGnupg::ProfileGnupg(store::Profile& profile) : m_home(profile.gnupgHome())
{
    try {
        crypto::restoreOwnKeyProtection(m_home.directory(), profile.store().db());
    } catch (const crypto::CryptoError& e) {
        // Mail still comes in and is read; signing says the same when it is tried.
        std::fprintf(stderr, "warning: the own OpenPGP key cannot be unlocked: %s\n", e.what());
    }
}

} // namespace cachet::cli
