#include "BridgeSetup.h"

#include "CliError.h"

#include "bridge/BridgeSettings.h"

#include <cstdio>

namespace cachet::cli {

namespace {

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

} // namespace

bridge::BridgePorts requestedBridgePorts(const Arguments& a, bridge::BridgePorts base)
{
    base.imap = portOption(a, "--imap-port", base.imap);
    base.imaps = portOption(a, "--imaps-port", base.imaps);
    base.smtp = portOption(a, "--smtp-port", base.smtp);
    base.smtps = portOption(a, "--smtps-port", base.smtps);
    return base;
}

bridge::BridgePorts startBridge(bridge::BridgeServer& server, const bridge::BridgePorts& requested,
                                store::Database& db)
{
    try {
        return bridge::startBridgeServer(server, requested, db);
    } catch (const bridge::BridgeStartError& e) {
        throw CliError(std::string("cannot start the bridge: ") + e.what(), 1);
    }
}

void printBridgeSettings(const bridge::BridgeIdentity& id, const bridge::BridgePorts& p)
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

} // namespace cachet::cli
