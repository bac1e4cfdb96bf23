#pragma once
// The desktop app's preferences, kept in the encrypted store (store::Settings)
// like everything else that says something about the user's mail: which
// senders may show remote images, the remote-content policy, whether new
// mail is encrypted where possible, and the sync interval. Called on a store
// worker's thread.

#include "store/Sqlite.h"

#include <QString>
#include <QStringList>

#include <chrono>

namespace cachet::ui {

enum class RemoteContentPolicy { Ask, Always };

struct AppSettings {
    RemoteContentPolicy remoteContent = RemoteContentPolicy::Ask;
    QStringList remoteContentSenders; // lower-case addresses allowed by "Always for <sender>"
    bool encryptByDefault = true;     // encrypt when Autocrypt says it can
    std::chrono::seconds syncInterval{300};

    static AppSettings load(store::Database& db);
    void save(store::Database& db) const;
    bool remoteAllowedFor(const QString& senderAddress) const;
};

// Adds one sender to the allowed list (read, change, write in one transaction).
void allowRemoteContentFrom(store::Database& db, const QString& senderAddress);

} // namespace cachet::ui
