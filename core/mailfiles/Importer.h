#pragma once
// `cachet-cli import`: reads mail files into the store in batched
// transactions. Only a committed batch is reported, so what the progress says
// is imported survives a crash; a message that cannot be stored is refused with
// its reason and the batch goes on.

#include "mailfiles/ImportPlan.h"

#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cachet::store {
class Database;
}

namespace cachet::mailfiles {

struct ImportProgress {
    std::int64_t committed = 0;   // messages imported or found duplicate, all committed
    std::int64_t seen = 0;        // messages read so far
    qint64 bytesRead = 0;
    qint64 totalBytes = 0;
};

struct ImportSummary {
    std::int64_t imported = 0;    // new entries in a mailbox
    std::int64_t duplicates = 0;  // already in that mailbox
    std::vector<std::pair<std::string, std::string>> refused; // origin, reason
    qint64 bytes = 0;
};

class Importer {
public:
    using ProgressFn = std::function<void(const ImportProgress&)>;
    // `gnupgHome`: the profile's, held by the caller (crypto::GnupgHome);
    // OpenPGP mail is then decrypted and verified as it is imported. Empty: not.
    Importer(store::Database& db, ProgressFn progress, QString gnupgHome = {})
        : m_db(db), m_progress(std::move(progress)), m_gnupgHome(std::move(gnupgHome))
    {
    }
    ImportSummary run(const ImportPlan& plan);

private:
    store::Database& m_db;
    ProgressFn m_progress;
    QString m_gnupgHome;
};

} // namespace cachet::mailfiles
