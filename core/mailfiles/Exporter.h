#pragma once
// `cachet-cli export`: writes a mailbox out as a Maildir (each message byte for
// byte as it was imported, flags in the file name, mtime = INTERNALDATE) or as an
// mbox file (mboxrd quoting).

#include <QString>

#include <cstdint>
#include <functional>

namespace cachet::store {
class Database;
}

namespace cachet::mailfiles {

struct ExportSummary {
    std::int64_t messages = 0;
    std::int64_t bytes = 0;
};

class Exporter {
public:
    using ProgressFn = std::function<void(std::int64_t done, std::int64_t total)>;
    Exporter(store::Database& db, ProgressFn progress) : m_db(db), m_progress(std::move(progress)) {}

    // Throws StoreError with a clear reason (unknown mailbox, unwritable destination).
    ExportSummary toMaildir(const std::string& mailbox, const QString& dir);
    ExportSummary toMbox(const std::string& mailbox, const QString& file);

private:
    store::Database& m_db;
    ProgressFn m_progress;
};

} // namespace cachet::mailfiles
