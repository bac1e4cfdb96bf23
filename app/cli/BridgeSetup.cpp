#include "BridgeSetup.h"

#include "CliError.h"

#include "store/Settings.h"

#include <QJsonDocument>

#include <cstdio>

namespace cachet::cli {

namespace {

constexpr const char* kSettingBridgePorts = "bridge.ports"; // the running bridge's ports, JSON

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

bridge::BridgeIdentity loadBridgeIdentity(store::Database& db, bool resetPassword)
{
    // A profile with no account logs in as the local user.
    const std::string defaultAddress = qEnvironmentVariable("USER", "me").toStdString() + "@localhost";
    return resetPassword ? bridge::BridgeIdentity::resetPassword(db, defaultAddress)
                         : bridge::BridgeIdentity::loadOrCreate(db, defaultAddress);
}

bridge::BridgePorts recordedBridgePorts(store::Database& db)
{
    bridge::BridgePorts ports;
    if (auto stored = store::Settings(db).get(kSettingBridgePorts)) {
        const QJsonObject p = QJsonDocument::fromJson(QByteArray::fromStdString(*stored)).object();
        ports = {static_cast<quint16>(p["imap"].toInt(1143)), static_cast<quint16>(p["imaps"].toInt(1993)),
                 static_cast<quint16>(p["smtp"].toInt(1025)), static_cast<quint16>(p["smtps"].toInt(1465))};
    }
    return ports;
}

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
    std::string error;
    if (!server.start(requested, error))
        throw CliError("cannot start the bridge: " + error, 1);
    const bridge::BridgePorts ports = server.ports();
    store::Transaction tx(db);
    const QJsonObject p{{"imap", ports.imap}, {"imaps", ports.imaps}, {"smtp", ports.smtp}, {"smtps", ports.smtps}};
    store::Settings(db).set(kSettingBridgePorts, QJsonDocument(p).toJson(QJsonDocument::Compact).toStdString());
    tx.commit();
    return ports;
}

QJsonObject bridgeSettingsJson(const bridge::BridgeIdentity& id, const bridge::BridgePorts& ports)
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
