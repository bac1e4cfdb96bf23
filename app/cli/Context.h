#pragma once
// What every verb gets: the global options and a way to unlock the profile.

#include "Passphrase.h"

#include "store/Profile.h"

#include <QString>

#include <optional>

namespace cachet::cli {

struct Context {
    QString profileOption;          // --profile DIR (empty: environment or default)
    std::optional<int> passphraseFd;

    QString profileDirectory() const { return store::Profile::resolveDirectory(profileOption); }
    // Asks for the passphrase and opens the store; errors as CliError.
    store::Profile unlock() const;
    // The same in two steps, for a verb that needs the passphrase once more
    // (keys export --secret protects the key with it).
    Passphrase readProfilePassphrase(const char* prompt = "Passphrase: ") const;
    store::Profile unlockWith(const Passphrase& passphrase) const;
};

} // namespace cachet::cli
