#pragma once
// One function per verb of cachet-cli (ARCHITECTURE.md, "Command line"). Each
// returns the exit status or throws CliError / StoreError.

#include <QStringList>

namespace cachet::cli {

struct Context;

int runInit(const Context& ctx, const QStringList& args);
int runImport(const Context& ctx, const QStringList& args);
int runExport(const Context& ctx, const QStringList& args);
int runMailboxes(const Context& ctx, const QStringList& args);
int runList(const Context& ctx, const QStringList& args);
int runShow(const Context& ctx, const QStringList& args);
int runSearch(const Context& ctx, const QStringList& args);
int runCheck(const Context& ctx, const QStringList& args);
int runGc(const Context& ctx, const QStringList& args);
int runPasswd(const Context& ctx, const QStringList& args);
int runBridge(const Context& ctx, const QStringList& args);
int runAccount(const Context& ctx, const QStringList& args);
int runSync(const Context& ctx, const QStringList& args);
int runStatus(const Context& ctx, const QStringList& args);
int runOutbox(const Context& ctx, const QStringList& args);
int runDaemon(const Context& ctx, const QStringList& args);
int runKeys(const Context& ctx, const QStringList& args);

} // namespace cachet::cli
