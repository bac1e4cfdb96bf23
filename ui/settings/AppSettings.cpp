#include "settings/AppSettings.h"

#include "store/Settings.h"

#include <algorithm>

namespace cachet::ui {

namespace {

constexpr char kRemoteContent[] = "ui.remote-content";
constexpr char kRemoteSenders[] = "ui.remote-content-senders";
constexpr char kEncryptByDefault[] = "ui.encrypt-by-default";
constexpr char kSyncInterval[] = "ui.sync-interval-seconds";

} // namespace

AppSettings AppSettings::load(store::Database& db)
{
    store::Settings settings(db);
    AppSettings out;
    if (settings.get(kRemoteContent).value_or("ask") == "always")
        out.remoteContent = RemoteContentPolicy::Always;
    const QString senders = QString::fromStdString(settings.get(kRemoteSenders).value_or(""));
    out.remoteContentSenders = senders.split('\n', Qt::SkipEmptyParts);
    out.encryptByDefault = settings.get(kEncryptByDefault).value_or("1") != "0";
    const long long interval = QString::fromStdString(settings.get(kSyncInterval).value_or("300")).toLongLong();
    out.syncInterval = std::chrono::seconds(std::clamp(interval, 30LL, 24LL * 3600));
    return out;
}

void AppSettings::save(store::Database& db) const
{
    store::Settings settings(db);
    store::Transaction tx(db);
    settings.set(kRemoteContent, remoteContent == RemoteContentPolicy::Always ? "always" : "ask");
    settings.set(kRemoteSenders, remoteContentSenders.join('\n').toStdString());
    settings.set(kEncryptByDefault, encryptByDefault ? "1" : "0");
    settings.set(kSyncInterval, std::to_string(syncInterval.count()));
    tx.commit();
}

bool AppSettings::remoteAllowedFor(const QString& senderAddress) const
{
    return remoteContent == RemoteContentPolicy::Always
        || (!senderAddress.isEmpty() && remoteContentSenders.contains(senderAddress.toLower()));
}

void allowRemoteContentFrom(store::Database& db, const QString& senderAddress)
{
    const QString address = senderAddress.trimmed().toLower();
    if (address.isEmpty() || address.contains('\n'))
        return;
    // Read, then written in save()'s transaction: the GUI's writes all go through one worker, in turn.
    AppSettings settings = AppSettings::load(db);
    if (!settings.remoteContentSenders.contains(address)) {
        settings.remoteContentSenders << address;
        settings.save(db);
    }
}

} // namespace cachet::ui
