#include "sync/ServerSecurityRule.h"

#include <QHostAddress>
#include <QString>

namespace cachet::sync {

bool isLoopbackHost(const std::string& host)
{
    if (host == "localhost")
        return true;
    const QHostAddress address(QString::fromStdString(host));
    return !address.isNull() && address.isLoopback();
}

bool securityAllowed(const store::ServerAddress& server)
{
    return server.security != store::Security::Plain || isLoopbackHost(server.host);
}

} // namespace cachet::sync
