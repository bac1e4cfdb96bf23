#pragma once
// What every verb gets: the global options and a way to unlock the profile.

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
};

} // namespace cachet::cli
