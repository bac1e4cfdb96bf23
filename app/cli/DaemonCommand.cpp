// daemon: the bridge and the provider sync together in one process, as the
// desktop app runs them, until SIGTERM or SIGINT. The bridge serves on the main
// thread's event loop; the sync runs in SyncLoop's own thread with its own
// store connection. What the bridge commits for the provider (a journaled
// change, mail queued to send) wakes the sync at once through MailboxEvents.
//
// Standard output gets one line per pass, counts only, and standard error one
// line per failure: no subject, address or mailbox name, since a daemon's
// output ends up in log files (ARCHITECTURE.md, "Secrets"). The bridge password
// is not printed either; `cachet-cli bridge --settings` shows it.

#include "Arguments.h"
#include "BridgeSetup.h"
#include "CliError.h"
#include "Commands.h"
#include "Context.h"
#include "ProfileGnupg.h"
#include "QuitOnSignal.h"
#include "SyncLoopOutput.h"

#include "bridge/BridgeServer.h"
#include "bridge/BridgeSettings.h"
#include "store/Accounts.h"
#include "sync/SyncLoop.h"

#include <QCoreApplication>

#include <cstdio>
#include <memory>

namespace cachet::cli {

int runDaemon(const Context& ctx, const QStringList& args)
{
    std::set<QString> optionNames = kBridgePortOptions;
    optionNames.insert("--interval");
    Arguments a(args, optionNames, {});
    a.expectPositionals(0, "daemon [--interval S] [--imap-port N] [--imaps-port N] [--smtp-port N] [--smtps-port N]");
    sync::SyncLoopOptions options;
    options.interval = intervalOption(a);

    store::Profile profile = ctx.unlock();
    store::Database& db = profile.store().db();
    // The profile's GNUPGHOME, its configuration made if missing; declared before the sync loop and
    // the bridge, so its agent is stopped after both have ended.
    const ProfileGnupg gnupg(profile);
    options.gnupgHome = gnupg.directory();
    const bridge::BridgeIdentity identity = bridge::loadBridgeIdentity(db);
    const bool hasAccount = store::Accounts(db).only().has_value();

    // Declared before the bridge, so it outlives the bridge's signal to it.
    std::unique_ptr<sync::SyncLoop> syncLoop;
    bridge::BridgeServer server(profile.store(), identity, gnupg.directory());
    const bridge::BridgePorts ports = startBridge(server, requestedBridgePorts(a, {}), db);
    QuitOnSignal quitOnSignal;

    std::printf("bridge: IMAP port %u (STARTTLS), %u (TLS); SMTP port %u (STARTTLS), %u (TLS);"
                " login and password: cachet-cli bridge --settings\n",
                ports.imap, ports.imaps, ports.smtp, ports.smtps);
    if (hasAccount) {
        syncLoop = std::make_unique<sync::SyncLoop>(profile.storePath(), profile.key(), options,
                                                    sync::SyncLoopObserver{printPass, printFailure, {}});
        // Direct: noteLocalChange is thread-safe, and the signal comes after the commit.
        QObject::connect(&server.context().events, &bridge::MailboxEvents::localChange, &server,
                         [loop = syncLoop.get()] { loop->noteLocalChange(); }, Qt::DirectConnection);
        std::printf("sync: INBOX as mail arrives, every mailbox every %lld s\n",
                    static_cast<long long>(options.interval.count()));
    } else {
        std::printf("sync: off, this profile has no account (add one with `cachet-cli account add`);"
                    " serving the bridge only\n");
    }
    std::printf("daemon ready\n");
    std::fflush(stdout);
    if (syncLoop)
        syncLoop->start(); // after the lines above, so its own lines come after them

    QCoreApplication::exec();
    if (syncLoop)
        syncLoop->stop(); // ends IDLE or a back-off wait within a second; a pass at its next batch
    server.stop();
    std::printf("daemon stopped\n");
    std::fflush(stdout);
    return 0;
}

} // namespace cachet::cli
