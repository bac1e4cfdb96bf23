// sync [--once] [--interval S] and status [--json]: the provider sync from the command line (docs/sync.md).

#include "Arguments.h"
#include "CliError.h"
#include "Commands.h"
#include "Context.h"
#include "ProfileGnupg.h"
#include "ProgressBar.h"
#include "QuitOnSignal.h"
#include "SyncLoopOutput.h"

#include "store/Accounts.h"
#include "store/Journal.h"
#include "store/Outbox.h"
#include "sync/ProviderError.h"
#include "sync/SyncLoop.h"
#include "sync/SyncPass.h"

#include <QCoreApplication>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace cachet::cli {

namespace {

std::string when(std::optional<std::int64_t> seconds)
{
    if (!seconds)
        return "never";
    return QDateTime::fromSecsSinceEpoch(*seconds).toString(Qt::ISODate).toStdString();
}

} // namespace

int runSync(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {"--interval"}, {"--once"});
    a.expectPositionals(0, "sync [--once] [--interval S]");
    store::Profile profile = ctx.unlock();
    store::Database& db = profile.store().db();
    auto account = store::Accounts(db).only();
    if (!account)
        throw CliError("this profile has no account; add one with `cachet-cli account add`");
    // Incoming OpenPGP mail is decrypted on arrival; the agent stops when this goes.
    const ProfileGnupg gnupg(profile);
    if (!a.flag("--once")) {
        // Keeps syncing until SIGTERM or Ctrl-C, as the daemon does, without the bridge.
        sync::SyncLoopOptions options;
        options.interval = intervalOption(a);
        options.gnupgHome = gnupg.directory();
        QuitOnSignal quitOnSignal;
        sync::SyncLoop loop(profile.storePath(), profile.key(), options, sync::SyncLoopObserver{printPass, printFailure, {}});
        std::printf("sync: INBOX as mail arrives, every mailbox every %lld s; Ctrl-C stops\n",
                    static_cast<long long>(options.interval.count()));
        std::fflush(stdout);
        loop.start();
        QCoreApplication::exec();
        loop.stop();
        std::printf("sync stopped\n");
        return 0;
    }
    ProgressBar bar("sync");
    sync::SyncPass pass(db, *account, {}, gnupg.directory());
    try {
        const sync::SyncPassResult r = pass.run([&](const sync::SyncProgress& p) {
            bar.update(p.bytesDone, p.bytesTotal,
                       p.mailbox + " " + std::to_string(p.mailboxesDone) + "/" + std::to_string(p.mailboxesTotal)
                           + " mailboxes, " + std::to_string(p.messagesDone) + "/" + std::to_string(p.messagesTotal)
                           + " messages");
        });
        bar.finish();
        std::printf("synced %d mailboxes: %lld new, %lld removed, %lld flag changes; sent %d, waiting %d, failed %d\n",
                    r.mailboxes, static_cast<long long>(r.pulled.added), static_cast<long long>(r.pulled.expunged),
                    static_cast<long long>(r.pulled.flagsChanged), r.relayed.sent, r.relayed.deferred,
                    r.relayed.failed);
        if (r.replayed.applied > 0 || r.replayed.refused > 0 || r.replayed.waiting > 0)
            std::printf("local changes: %d applied at the provider, %d refused, %d waiting\n", r.replayed.applied,
                        r.replayed.refused, r.replayed.waiting);
        if (!r.replayed.lastRefusal.empty())
            std::printf("refused: %s\n", r.replayed.lastRefusal.c_str());
        if (!r.relayed.lastError.empty())
            std::printf("sending: %s\n", r.relayed.lastError.c_str());
        return 0;
    } catch (const sync::ProviderError& e) {
        bar.finish();
        throw CliError(std::string("IMAP ") + sync::ProviderError::stageName(e.stage()) + ": " + e.what());
    }
}

int runStatus(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {}, {"--json"});
    a.expectPositionals(0, "status [--json]");
    store::Profile profile = ctx.unlock();
    store::Database& db = profile.store().db();
    const std::int64_t journal = store::Journal(db).count();
    store::Outbox outbox(db);
    const std::int64_t pending = outbox.pendingCount();
    const std::int64_t failed = outbox.failedCount();
    const auto accounts = store::Accounts(db).all();
    if (a.flag("--json")) {
        QJsonArray list;
        for (const store::Account& acc : accounts) {
            QJsonObject o{{"address", QString::fromStdString(acc.address)},
                          {"last_sync", acc.lastSync ? QJsonValue(static_cast<qint64>(*acc.lastSync)) : QJsonValue()},
                          {"last_error", QString::fromStdString(acc.lastError)},
                          {"pending_changes", static_cast<qint64>(journal)},
                          {"outbox_pending", static_cast<qint64>(pending)},
                          {"outbox_failed", static_cast<qint64>(failed)}};
            list.append(o);
        }
        std::printf("%s\n", QJsonDocument(QJsonObject{{"accounts", list}}).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    if (accounts.empty())
        std::printf("no account (a local-only profile)\n");
    for (const store::Account& acc : accounts) {
        std::printf("%s\n  last sync        %s\n  changes to send  %lld\n  outbox           %lld waiting, %lld failed\n",
                    acc.address.c_str(), when(acc.lastSync).c_str(), static_cast<long long>(journal),
                    static_cast<long long>(pending), static_cast<long long>(failed));
        if (!acc.lastError.empty())
            std::printf("  last error       %s (%s)\n", acc.lastError.c_str(), when(acc.lastErrorTime).c_str());
    }
    return 0;
}

} // namespace cachet::cli
