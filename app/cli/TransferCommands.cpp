// import and export: mail files in and out of the store.

#include "Arguments.h"
#include "CliError.h"
#include "Commands.h"
#include "Context.h"
#include "ProfileGnupg.h"
#include "ProgressBar.h"

#include "mailfiles/Exporter.h"
#include "mailfiles/Importer.h"
#include "store/Mailboxes.h"

#include <unistd.h>

#include <cstdio>

namespace cachet::cli {

int runImport(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {"--mailbox"}, {});
    if (a.positionals().isEmpty())
        throw usageError("usage: cachet-cli import PATH... [--mailbox NAME]");
    std::optional<std::string> mailbox;
    if (auto m = a.value("--mailbox")) {
        mailbox = store::Mailboxes::canonicalName(m->toStdString());
        if (auto reason = store::Mailboxes::invalidNameReason(*mailbox))
            throw usageError(*reason);
    }
    std::vector<QString> paths(a.positionals().begin(), a.positionals().end());

    store::Profile profile = ctx.unlock();
    const mailfiles::ImportPlan plan = mailfiles::ImportPlan::build(paths, mailbox);

    // On a terminal a bar; otherwise one "committed: N" line per committed batch,
    // so a script (or a crash test) knows what is safely in the store.
    ProgressBar bar("importing");
    const bool reportCommits = !isatty(STDOUT_FILENO);
    std::int64_t lastCommitted = -1;
    const ProfileGnupg gnupg(profile); // OpenPGP mail is decrypted as it comes in
    mailfiles::Importer importer(profile.store().db(), [&](const mailfiles::ImportProgress& p) {
        bar.update(p.bytesRead, p.totalBytes,
                   std::to_string(p.committed) + " messages, " + std::to_string(p.bytesRead >> 20) + "/"
                       + std::to_string(p.totalBytes >> 20) + " MB");
        if (reportCommits && p.committed != lastCommitted) {
            std::printf("committed: %lld\n", static_cast<long long>(p.committed));
            std::fflush(stdout);
            lastCommitted = p.committed;
        }
    }, gnupg.directory());
    const mailfiles::ImportSummary s = importer.run(plan);
    bar.finish();

    std::printf("imported %lld, duplicates %lld, refused %zu (%.1f MB)\n", static_cast<long long>(s.imported),
                static_cast<long long>(s.duplicates), s.refused.size(), static_cast<double>(s.bytes) / 1048576.0);
    for (const auto& [origin, reason] : s.refused)
        std::printf("refused: %s: %s\n", origin.c_str(), reason.c_str());
    return 0;
}

int runExport(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {"--mailbox", "--maildir", "--mbox"}, {});
    a.expectPositionals(0, "export --mailbox NAME (--maildir DIR | --mbox FILE)");
    const auto mailbox = a.value("--mailbox");
    const auto maildir = a.value("--maildir");
    const auto mbox = a.value("--mbox");
    if (!mailbox || maildir.has_value() == mbox.has_value())
        throw usageError("usage: cachet-cli export --mailbox NAME (--maildir DIR | --mbox FILE)");

    store::Profile profile = ctx.unlock();
    ProgressBar bar("exporting");
    mailfiles::Exporter exporter(profile.store().db(), [&](std::int64_t done, std::int64_t total) {
        bar.update(done, total, std::to_string(done) + "/" + std::to_string(total) + " messages");
    });
    const std::string name = store::Mailboxes::canonicalName(mailbox->toStdString());
    const mailfiles::ExportSummary s = maildir ? exporter.toMaildir(name, *maildir) : exporter.toMbox(name, *mbox);
    bar.finish();
    std::printf("exported %lld messages (%.1f MB)\n", static_cast<long long>(s.messages),
                static_cast<double>(s.bytes) / 1048576.0);
    return 0;
}

} // namespace cachet::cli
