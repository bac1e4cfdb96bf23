// init and passwd: creating a profile and changing its passphrase.

#include "Arguments.h"
#include "CliError.h"
#include "Commands.h"
#include "Context.h"
#include "Passphrase.h"

#include "store/Mailboxes.h"

#include <cstdio>

namespace cachet::cli {

int runInit(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {"--kdf"}, {});
    a.expectPositionals(0, "init [--kdf interactive|moderate|sensitive]");
    store::KdfCost cost = store::KdfCost::moderate();
    if (auto kdf = a.value("--kdf"); kdf && !store::KdfCost::fromName(kdf->toStdString(), cost))
        throw usageError("--kdf takes interactive, moderate or sensitive");

    const QString dir = ctx.profileDirectory();
    const Passphrase passphrase = readPassphrase({ctx.passphraseFd, "CACHET_PASSPHRASE", "New passphrase: ", true});
    store::Profile profile = store::Profile::create(dir, passphrase.value(), cost);
    store::Database& db = profile.store().db();
    {
        store::Transaction tx(db);
        store::Mailboxes(db).ensure("INBOX");
        tx.commit();
    }
    std::printf("created profile %s\n", dir.toLocal8Bit().constData());
    return 0;
}

int runPasswd(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {"--new-passphrase-fd"}, {});
    a.expectPositionals(0, "passwd [--new-passphrase-fd N]");
    std::optional<int> newFd;
    if (auto fd = a.value("--new-passphrase-fd")) {
        bool ok = false;
        newFd = fd->toInt(&ok);
        if (!ok || *newFd < 0)
            throw usageError("--new-passphrase-fd needs a file descriptor number");
    }
    store::Profile profile = ctx.unlock();
    const Passphrase next = readPassphrase({newFd, "CACHET_NEW_PASSPHRASE", "New passphrase: ", true});
    profile.changePassphrase(next.value());
    std::printf("passphrase changed\n");
    return 0;
}

} // namespace cachet::cli
