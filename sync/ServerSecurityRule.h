#pragma once
// Which connection security an account may use for a server. Without TLS the
// password crosses the network in the clear, so Cachet allows no TLS only to
// a server on this machine (the test provider, a local relay). `account add`
// and the account dialog apply the same rule.

#include "store/Accounts.h"

#include <string>

namespace cachet::sync {

// "localhost", 127.0.0.0/8 or ::1.
bool isLoopbackHost(const std::string& host);
// False for Security::Plain to a host that is not loopback.
bool securityAllowed(const store::ServerAddress& server);

} // namespace cachet::sync
