#include "Context.h"

#include "CliError.h"
#include "Passphrase.h"

namespace cachet::cli {

store::Profile Context::unlock() const
{
    const QString dir = profileDirectory();
    // Checked before asking for a passphrase: no point asking for a profile that is not there.
    store::ProfileFile::read(dir + "/profile.json");
    const Passphrase passphrase = readPassphrase({passphraseFd, "CACHET_PASSPHRASE", "Passphrase: ", false});
    return store::Profile::unlock(dir, passphrase.value());
}

} // namespace cachet::cli
