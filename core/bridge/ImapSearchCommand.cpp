// TEMPORARY until SearchKeys lands.
#include "bridge/ImapSession.h"
namespace cachet::bridge {
ImapSession::Reply ImapSession::search(const Args&, std::size_t, bool)
{
    return no("[CANNOT] SEARCH is not built yet.");
}
} // namespace cachet::bridge
