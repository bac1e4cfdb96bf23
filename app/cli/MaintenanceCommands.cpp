// check and gc: keeping the store sound.

#include "Arguments.h"
#include "Commands.h"
#include "Context.h"
#include "ProgressBar.h"

#include "store/GarbageCollector.h"
#include "store/IntegrityCheck.h"

#include <cstdio>

namespace cachet::cli {

int runCheck(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {}, {});
    a.expectPositionals(0, "check");
    store::Profile profile = ctx.unlock();
    ProgressBar bar("checking");
    const store::IntegrityReport report = store::IntegrityCheck::run(
        profile.store().db(), [&](std::int64_t done, std::int64_t total) {
            bar.update(done, total, std::to_string(done) + "/" + std::to_string(total) + " messages");
        });
    bar.finish();
    if (report.ok()) {
        std::printf("store is consistent: %lld messages reassemble to their original bytes\n",
                    static_cast<long long>(report.messagesChecked));
        return 0;
    }
    for (const std::string& p : report.problems)
        std::printf("problem: %s\n", p.c_str());
    std::fprintf(stderr, "cachet-cli: the store has %zu problem(s)\n", report.problems.size());
    return 1;
}

int runGc(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {}, {});
    a.expectPositionals(0, "gc");
    store::Profile profile = ctx.unlock();
    const store::CollectedGarbage g = store::GarbageCollector::collect(profile.store().db());
    std::printf("removed %lld messages and %lld parts that no mailbox refers to\n",
                static_cast<long long>(g.messages), static_cast<long long>(g.parts));
    return 0;
}

} // namespace cachet::cli
