#include "bridge/BridgeSettings.h"

#include "store/Settings.h"

#include <QJsonDocument>

namespace cachet::bridge {

namespace {

constexpr const char* kSettingBridgePorts = "bridge.ports"; // the running bridge's ports, JSON

} // namespace

std::string localOnlyAddress()
{
    return qEnvironmentVariable("USER", "me").toStdString() + "@localhost";
}

BridgeIdentity loadBridgeIdentity(store::Database& db)
{
    return BridgeIdentity::loadOrCreate(db, localOnlyAddress());
}

store::Account addProfileAccount(store::Database& db, store::Account account)
{
    store::Transaction tx(db);
    account = store::Accounts(db).add(account);
    // The bridge's login is the account address from now on.
    store::Settings(db).set(kSettingAccountAddress, account.address);
    tx.commit();
    return account;
}

BridgeIdentity resetBridgePassword(store::Database& db)
{
    return BridgeIdentity::resetPassword(db, localOnlyAddress());
}

BridgePorts recordedBridgePorts(store::Database& db)
{
    const BridgePorts defaults;
    BridgePorts ports;
    if (auto stored = store::Settings(db).get(kSettingBridgePorts)) {
        const QJsonObject p = QJsonDocument::fromJson(QByteArray::fromStdString(*stored)).object();
        ports = {static_cast<quint16>(p["imap"].toInt(defaults.imap)),
                 static_cast<quint16>(p["imaps"].toInt(defaults.imaps)),
                 static_cast<quint16>(p["smtp"].toInt(defaults.smtp)),
                 static_cast<quint16>(p["smtps"].toInt(defaults.smtps))};
    }
    return ports;
}

BridgePorts startBridgeServer(BridgeServer& server, const BridgePorts& requested, store::Database& db)
{
    std::string error;
    if (!server.start(requested, error))
        throw BridgeStartError(error);
    const BridgePorts ports = server.ports();
    store::Transaction tx(db);
    const QJsonObject p{{"imap", ports.imap}, {"imaps", ports.imaps}, {"smtp", ports.smtp}, {"smtps", ports.smtps}};
    store::Settings(db).set(kSettingBridgePorts, QJsonDocument(p).toJson(QJsonDocument::Compact).toStdString());
    tx.commit();
    return ports;
}

QJsonObject bridgeSettingsJson(const BridgeIdentity& identity, const BridgePorts& ports)
{
    return QJsonObject{
        {"host", "127.0.0.1"},
        {"imap_port", ports.imap},
        {"imaps_port", ports.imaps},
        {"smtp_port", ports.smtp},
        {"smtps_port", ports.smtps},
        {"username", QString::fromStdString(identity.username)},
        {"password", QString::fromStdString(identity.password)},
        {"certificate_sha256", QString::fromStdString(identity.certificateSha256)},
    };
}

} // namespace cachet::bridge
