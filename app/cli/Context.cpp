#include "Context.h"

#include "CliError.h"
#include "Passphrase.h"

namespace cachet::cli {

store::Profile Context::unlock() const
{
    return unlockWith(readProfilePassphrase());
}

Passphrase Context::readProfilePassphrase(const char* prompt) const
{
    // Checked before asking for a passphrase: no point asking for a profile that is not there.
    store::ProfileFile::read(profileDirectory() + "/profile.json");
    return readPassphrase({passphraseFd, "CACHET_PASSPHRASE", prompt, false});
}

store::Profile Context::unlockWith(const Passphrase& passphrase) const
{
    return store::Profile::unlock(profileDirectory(), passphrase.value());
}

} // namespace cachet::cli
