#pragma once
// What `bridge` and `daemon` share about the bridge: its identity, the ports
// asked for on the command line, starting it and recording the ports it got
// (so `bridge --settings` run beside it tells a mail program the right ones),
// and the settings text for mail programs.

#include "Arguments.h"

#include "bridge/BridgeIdentity.h"
#include "bridge/BridgeServer.h"
#include "store/Sqlite.h"

#include <QJsonObject>

namespace cachet::cli {

// The options that choose the bridge's ports, for Arguments.
inline const std::set<QString> kBridgePortOptions = {"--imap-port", "--imaps-port", "--smtp-port", "--smtps-port"};

bridge::BridgeIdentity loadBridgeIdentity(store::Database& db, bool resetPassword = false);
// The ports a running bridge recorded, else the defaults.
bridge::BridgePorts recordedBridgePorts(store::Database& db);
// `base`, with any port given by kBridgePortOptions instead (0: any free port).
bridge::BridgePorts requestedBridgePorts(const Arguments& a, bridge::BridgePorts base);
// Listens and records the ports it got; throws CliError if a port cannot be had.
bridge::BridgePorts startBridge(bridge::BridgeServer& server, const bridge::BridgePorts& requested,
                                store::Database& db);

QJsonObject bridgeSettingsJson(const bridge::BridgeIdentity& id, const bridge::BridgePorts& ports);
// Ports, login, password and ready-to-paste settings for Thunderbird, mutt and mbsync.
void printBridgeSettings(const bridge::BridgeIdentity& id, const bridge::BridgePorts& ports);

} // namespace cachet::cli
