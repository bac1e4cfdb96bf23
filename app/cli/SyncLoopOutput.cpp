#include "SyncLoopOutput.h"

#include "Arguments.h"
#include "CliError.h"

#include "sync/SyncLoop.h"

#include <cstdio>

namespace cachet::cli {

std::chrono::seconds intervalOption(const Arguments& a)
{
    auto v = a.value("--interval");
    if (!v)
        return sync::SyncLoopOptions{}.interval;
    bool ok = false;
    const uint seconds = v->toUInt(&ok);
    if (!ok || seconds == 0)
        throw usageError("--interval needs a number of seconds above 0");
    return std::chrono::seconds(seconds);
}

void printPass(const sync::SyncPassResult& r)
{
    std::printf("synced %d mailboxes: %lld new, %lld removed, %lld flag changes; local changes %d applied,"
                " %d refused, %d waiting; sent %d, waiting %d, failed %d\n",
                r.mailboxes, static_cast<long long>(r.pulled.added), static_cast<long long>(r.pulled.expunged),
                static_cast<long long>(r.pulled.flagsChanged), r.replayed.applied, r.replayed.refused,
                r.replayed.waiting, r.relayed.sent, r.relayed.deferred, r.relayed.failed);
    std::fflush(stdout);
}

void printFailure(const std::string& error, std::chrono::seconds retryIn)
{
    std::fprintf(stderr, "cachet-cli: sync failed (trying again in %lld s): %s\n",
                 static_cast<long long>(retryIn.count()), error.c_str());
    std::fflush(stderr);
}

} // namespace cachet::cli
