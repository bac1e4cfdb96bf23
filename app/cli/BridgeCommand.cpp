// bridge: runs the IMAP and SMTP bridge for a profile until SIGTERM or SIGINT,
// or (--settings) prints how to configure a mail program for it and exits.

#include "Arguments.h"
#include "CliError.h"
#include "Commands.h"
#include "Context.h"

#include "bridge/BridgeServer.h"
#include "store/Settings.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace cachet::cli {

namespace {

constexpr const char* kSettingBridgePorts = "bridge.ports"; // the running bridge's ports, JSON

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
}

quint16 portOption(const Arguments& a, const char* name, quint16 fallback)
{
    auto v = a.value(name);
    if (!v)
        return fallback;
    bool ok = false;
    const uint port = v->toUInt(&ok);
    if (!ok || port > 65535)
        throw usageError(std::string(name) + " needs a port number (0 for any free port)");
    return static_cast<quint16>(port);
}

QJsonObject settingsJson(const bridge::BridgeIdentity& id, const bridge::BridgePorts& ports)
{
    return QJsonObject{
        {"host", "127.0.0.1"},
        {"imap_port", ports.imap},
        {"imaps_port", ports.imaps},
        {"smtp_port", ports.smtp},
        {"smtps_port", ports.smtps},
        {"username", QString::fromStdString(id.username)},
        {"password", QString::fromStdString(id.password)},
        {"certificate_sha256", QString::fromStdString(id.certificateSha256)},
    };
}

void printSettings(const bridge::BridgeIdentity& id, const bridge::BridgePorts& p)
{
    const std::string user = id.username, pass = id.password;
    std::printf("Cachet bridge\n"
                "  host         127.0.0.1 (and ::1)\n"
                "  IMAP         port %u, STARTTLS    |  port %u, TLS\n"
                "  SMTP         port %u, STARTTLS    |  port %u, TLS\n"
                "  username     %s\n"
                "  password     %s\n"
                "  certificate  self-signed, SHA-256 %s\n"
                "               (accept it once in your mail program; plain-text login is allowed on loopback)\n\n",
                p.imap, p.imaps, p.smtp, p.smtps, user.c_str(), pass.c_str(), id.certificateSha256.c_str());
    std::printf("Thunderbird: Account Settings > Add Mail Account > Configure manually:\n"
                "  Incoming IMAP 127.0.0.1 port %u STARTTLS, Normal password; Outgoing SMTP 127.0.0.1 port %u"
                " STARTTLS, Normal password; username %s\n\n",
                p.imap, p.smtp, user.c_str());
    std::printf("mutt (~/.muttrc):\n"
                "  set folder = \"imap://%s@127.0.0.1:%u/\"\n"
                "  set spoolfile = \"+INBOX\"\n"
                "  set imap_pass = \"%s\"\n"
                "  set smtp_url = \"smtp://%s@127.0.0.1:%u/\"\n"
                "  set smtp_pass = \"%s\"\n"
                "  set ssl_starttls = yes\n"
                "  set ssl_force_tls = yes\n\n",
                user.c_str(), p.imap, pass.c_str(), user.c_str(), p.smtp, pass.c_str());
    std::printf("mbsync (~/.mbsyncrc):\n"
                "  IMAPAccount cachet\n"
                "  Host 127.0.0.1\n"
                "  Port %u\n"
                "  User %s\n"
                "  Pass %s\n"
                "  TLSType STARTTLS\n"
                "  CertificateFile <the certificate, from: cachet-cli bridge --certificate>\n\n",
                p.imap, user.c_str(), pass.c_str());
    std::fflush(stdout);
}

} // namespace

int runBridge(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {"--imap-port", "--imaps-port", "--smtp-port", "--smtps-port"},
                {"--settings", "--json", "--certificate", "--reset-password"});
    a.expectPositionals(0, "bridge [--imap-port N] [--imaps-port N] [--smtp-port N] [--smtps-port N]"
                           " [--settings [--json]] [--certificate] [--reset-password]");
    store::Profile profile = ctx.unlock();
    store::Database& db = profile.store().db();
    const std::string defaultAddress = qEnvironmentVariable("USER", "me").toStdString() + "@localhost";
    const bridge::BridgeIdentity identity = a.flag("--reset-password")
        ? bridge::BridgeIdentity::resetPassword(db, defaultAddress)
        : bridge::BridgeIdentity::loadOrCreate(db, defaultAddress);

    if (a.flag("--certificate")) {
        std::fputs(identity.certificatePem.c_str(), stdout);
        return 0;
    }

    bridge::BridgePorts requested;
    // With --settings, the ports of a running bridge (it records them), else the defaults.
    if (a.flag("--settings")) {
        if (auto stored = store::Settings(db).get(kSettingBridgePorts)) {
            const QJsonObject p = QJsonDocument::fromJson(QByteArray::fromStdString(*stored)).object();
            requested = {static_cast<quint16>(p["imap"].toInt(1143)), static_cast<quint16>(p["imaps"].toInt(1993)),
                         static_cast<quint16>(p["smtp"].toInt(1025)), static_cast<quint16>(p["smtps"].toInt(1465))};
        }
    }
    requested.imap = portOption(a, "--imap-port", requested.imap);
    requested.imaps = portOption(a, "--imaps-port", requested.imaps);
    requested.smtp = portOption(a, "--smtp-port", requested.smtp);
    requested.smtps = portOption(a, "--smtps-port", requested.smtps);

    if (a.flag("--settings")) {
        if (a.flag("--json")) {
            std::printf("%s\n", QJsonDocument(settingsJson(identity, requested)).toJson(QJsonDocument::Compact).constData());
        } else {
            printSettings(identity, requested);
        }
        return 0;
    }
    if (a.flag("--json"))
        throw usageError("--json goes with --settings");

    bridge::BridgeServer server(profile.store(), identity);
    std::string error;
    if (!server.start(requested, error))
        throw CliError("cannot start the bridge: " + error, 1);
    const bridge::BridgePorts ports = server.ports();
    {
        store::Transaction tx(db);
        const QJsonObject p{{"imap", ports.imap}, {"imaps", ports.imaps}, {"smtp", ports.smtp}, {"smtps", ports.smtps}};
        store::Settings(db).set(kSettingBridgePorts, QJsonDocument(p).toJson(QJsonDocument::Compact).toStdString());
        tx.commit();
    }

    // SIGTERM and SIGINT end the event loop through a socket pair, so shutdown
    // runs in the normal order: sessions closed, store closed.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        throw CliError("cannot set up signal handling", 1);
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, qApp, [] { QCoreApplication::quit(); });
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
    ::signal(SIGPIPE, SIG_IGN);

    printSettings(identity, ports);
    std::printf("bridge ready\n");
    std::fflush(stdout);
    QCoreApplication::exec();
    server.stop();
    std::printf("bridge stopped\n");
    return 0;
}

} // namespace cachet::cli
