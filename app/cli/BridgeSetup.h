#pragma once
// What `bridge` and `daemon` share about the bridge on the command line: the
// ports asked for, the start with its failure worded for standard error, and
// the settings text for mail programs. The work itself is
// core's (bridge/BridgeSettings.h), shared with the desktop app.

#include "Arguments.h"

#include "bridge/BridgeIdentity.h"
#include "bridge/BridgeServer.h"
#include "store/Sqlite.h"

namespace cachet::cli {

// The options that choose the bridge's ports, for Arguments.
inline const std::set<QString> kBridgePortOptions = {"--imap-port", "--imaps-port", "--smtp-port", "--smtps-port"};

// `base`, with any port given by kBridgePortOptions instead (0: any free port).
bridge::BridgePorts requestedBridgePorts(const Arguments& a, bridge::BridgePorts base);
// Listens and records the ports it got; throws CliError if a port cannot be had.
bridge::BridgePorts startBridge(bridge::BridgeServer& server, const bridge::BridgePorts& requested,
                                store::Database& db);

// Ports, login, password and ready-to-paste settings for Thunderbird, mutt and mbsync.
void printBridgeSettings(const bridge::BridgeIdentity& id, const bridge::BridgePorts& ports);

} // namespace cachet::cli
