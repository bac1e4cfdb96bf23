#pragma once
// profile.json: the only unencrypted file of a profile besides the store. It
// holds nothing secret: format version, the Argon2id salt and cost.

#include "store/StoreKey.h"

#include <QString>

namespace cachet::store {

struct ProfileFile {
    static constexpr int kFormatVersion = 1;

    int formatVersion = kFormatVersion;
    std::string salt; // raw bytes
    KdfCost cost;

    // Throws StoreError with a one-line reason for a missing, oversized or malformed file.
    static ProfileFile read(const QString& path);
    // Written to a temporary file, flushed and renamed, so a crash leaves the old or the new file.
    void write(const QString& path) const;
};

} // namespace cachet::store
