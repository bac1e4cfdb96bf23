// bridge: runs the IMAP and SMTP bridge for a profile until SIGTERM or SIGINT,
// or (--settings) prints how to configure a mail program for it and exits.

#include "Arguments.h"
#include "BridgeSetup.h"
#include "CliError.h"
#include "Commands.h"
#include "Context.h"
#include "ProfileGnupg.h"
#include "QuitOnSignal.h"

#include "bridge/BridgeServer.h"
#include "bridge/BridgeSettings.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

namespace cachet::cli {

int runBridge(const Context& ctx, const QStringList& args)
{
    Arguments a(args, kBridgePortOptions, {"--settings", "--json", "--certificate", "--reset-password"});
    a.expectPositionals(0, "bridge [--imap-port N] [--imaps-port N] [--smtp-port N] [--smtps-port N]"
                           " [--settings [--json]] [--certificate] [--reset-password]");
    store::Profile profile = ctx.unlock();
    store::Database& db = profile.store().db();
    const bridge::BridgeIdentity identity =
        a.flag("--reset-password") ? bridge::resetBridgePassword(db) : bridge::loadBridgeIdentity(db);

    if (a.flag("--certificate")) {
        std::fputs(identity.certificatePem.c_str(), stdout);
        return 0;
    }

    // With --settings, the ports of a running bridge (it records them), else the defaults.
    const bridge::BridgePorts requested =
        requestedBridgePorts(a, a.flag("--settings") ? bridge::recordedBridgePorts(db) : bridge::BridgePorts{});

    if (a.flag("--settings")) {
        if (a.flag("--json")) {
            const QJsonDocument json(bridge::bridgeSettingsJson(identity, requested));
            std::printf("%s\n", json.toJson(QJsonDocument::Compact).constData());
        } else {
            printBridgeSettings(identity, requested);
        }
        return 0;
    }
    if (a.flag("--json"))
        throw usageError("--json goes with --settings");

    // The profile's GNUPGHOME, its configuration made if missing; its agent is stopped when this goes.
    const ProfileGnupg gnupg(profile);
    bridge::BridgeServer server(profile.store(), identity, gnupg.directory());
    const bridge::BridgePorts ports = startBridge(server, requested, db);
    QuitOnSignal quitOnSignal;

    printBridgeSettings(identity, ports);
    std::printf("bridge ready\n");
    std::fflush(stdout);
    QCoreApplication::exec();
    server.stop();
    std::printf("bridge stopped\n");
    return 0;
}

} // namespace cachet::cli
