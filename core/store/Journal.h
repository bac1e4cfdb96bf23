#pragma once
// The journal of local changes (schema v2): every change a user makes through
// the bridge or the GUI is recorded here, in the same transaction as the change
// itself, so the sync can apply it at the provider later, in order, even after
// a crash. Payloads describe the resulting state where they can (flags), so
// applying one twice does no harm.

#include "store/Sqlite.h"

#include <QJsonObject>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::store {

struct JournalRecord {
    std::int64_t id = 0;
    std::string operation;
    std::optional<std::int64_t> mailboxId;
    QJsonObject payload;
    int attempts = 0;       // times the sync sent it without hearing the provider's answer
    std::string lastError;  // the provider's last refusal, for `status`
};

class Journal {
public:
    explicit Journal(Database& db) : m_db(db) {}

    // operation: flags, copy, move, expunge, append, create, rename, delete, subscribe.
    void record(std::string_view operation, std::optional<std::int64_t> mailboxId, const QJsonObject& payload);
    // In the order they were recorded.
    std::vector<JournalRecord> pending(std::int64_t limit = -1);
    // Changes not yet applied at the provider.
    std::int64_t count();
    // The provider confirmed it (or it no longer applies): gone from the journal.
    void remove(std::int64_t id);
    // Sent, or about to be: a crash before the answer leaves attempts > 0, so
    // the next try first checks whether the provider already did it (APPEND,
    // COPY). `error`: why it must wait, for `status`.
    void noteAttempt(std::int64_t id, std::string_view error = {});
    // Why a change sent (and counted by noteAttempt) must wait.
    void noteError(std::int64_t id, std::string_view error);

private:
    Database& m_db;
};

} // namespace cachet::store
