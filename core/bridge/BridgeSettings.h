#pragma once
// What every front end of the bridge (cachet-cli bridge and daemon, the desktop
// app's bridge panel) does the same way around a BridgeServer: loading its
// identity, resetting its password, starting it and recording the ports it got
// (so `cachet-cli bridge --settings` run beside it names the right ones), and
// the settings a mail program needs, as JSON.

#include "bridge/BridgeIdentity.h"
#include "store/Accounts.h"
#include "bridge/BridgeServer.h"
#include "store/Sqlite.h"

#include <QJsonObject>

#include <stdexcept>
#include <string>

namespace cachet::bridge {

// The bridge could not listen (every port tried was taken); what() says which.
class BridgeStartError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The login of a profile with no account: the local user at localhost.
std::string localOnlyAddress();

// The identity, made and stored the first time.
BridgeIdentity loadBridgeIdentity(store::Database& db);
// Adds the profile's account and makes its address the bridge's login, in one
// transaction (`account add` and the desktop app's first run). Returns it with its id.
store::Account addProfileAccount(store::Database& db, store::Account account);
// The identity with a new random password, stored before it is returned.
BridgeIdentity resetBridgePassword(store::Database& db);

// The ports the bridge that started last recorded, else the defaults.
BridgePorts recordedBridgePorts(store::Database& db);
// Starts `server` on `requested` (each the next free port if taken, 0: any)
// and records the ports it got. Throws BridgeStartError if it cannot listen,
// store::StoreError if the ports cannot be recorded.
BridgePorts startBridgeServer(BridgeServer& server, const BridgePorts& requested, store::Database& db);

// {"host", "imap_port", "imaps_port", "smtp_port", "smtps_port", "username",
//  "password", "certificate_sha256"}: `cachet-cli bridge --settings --json`.
QJsonObject bridgeSettingsJson(const BridgeIdentity& identity, const BridgePorts& ports);

} // namespace cachet::bridge
