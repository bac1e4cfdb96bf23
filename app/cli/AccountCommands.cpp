// account add|list|test|remove: the profile's provider account (sync/, docs/sync.md).

#include "Arguments.h"
#include "CliError.h"
#include "Commands.h"
#include "Context.h"
#include "Passphrase.h"

#include "bridge/BridgeIdentity.h"
#include "bridge/BridgeSettings.h"
#include "crypto/CryptoError.h"
#include "crypto/GnupgHome.h"
#include "crypto/OwnKeySetup.h"
#include "store/Accounts.h"
#include "store/Journal.h"
#include "store/Outbox.h"
#include "store/OwnKeys.h"
#include "store/RemoteBindings.h"
#include "store/Settings.h"
#include "sync/AccountCheck.h"
#include "sync/CertificatePolicy.h"
#include "sync/ServerSecurityRule.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace cachet::cli {

namespace {

constexpr const char* kAddUsage =
    "account add --address A [--name N] --imap HOST:PORT --imap-security tls|starttls|plain"
    " --smtp HOST:PORT --smtp-security tls|starttls|plain [--user U] [--pin SHA256] [--password-fd N]"
    " [--sent-copy yes|no] [--no-test] [--no-key]";

store::ServerAddress serverOption(const Arguments& a, const char* hostOption, const char* securityOption)
{
    auto hostPort = a.value(hostOption);
    auto securityName = a.value(securityOption);
    if (!hostPort || !securityName)
        throw usageError(kAddUsage);
    const qsizetype colon = hostPort->lastIndexOf(':');
    bool ok = false;
    const uint port = colon > 0 ? hostPort->mid(colon + 1).toUInt(&ok) : 0;
    if (!ok || port == 0 || port > 65535)
        throw usageError(std::string(hostOption) + " needs HOST:PORT");
    store::ServerAddress server;
    server.host = hostPort->left(colon).toStdString();
    if (server.host.size() > 2 && server.host.front() == '[' && server.host.back() == ']')
        server.host = server.host.substr(1, server.host.size() - 2); // [::1]:143
    server.port = static_cast<std::uint16_t>(port);
    auto security = store::Accounts::parseSecurity(securityName->toStdString());
    if (!security)
        throw usageError(std::string(securityOption) + " is tls, starttls or plain");
    server.security = *security;
    if (!sync::securityAllowed(server))
        throw CliError(std::string(hostOption) + ": plain (no TLS) is only allowed to a loopback address; use tls or starttls");
    return server;
}

std::string describe(const store::ServerAddress& s)
{
    return s.host + ":" + std::to_string(s.port) + " (" + store::Accounts::securityName(s.security) + ")";
}

void printCheck(const sync::AccountCheckResult& r)
{
    for (const sync::ServiceCheck& s : {r.imap, r.smtp}) {
        if (s.ok)
            std::printf("%s: ok (%s)\n", s.service.c_str(), s.detail.c_str());
        else
            std::printf("%s: FAILED at %s: %s\n", s.service.c_str(), s.stage.c_str(), s.detail.c_str());
    }
    std::fflush(stdout);
}

// Mail from the account is signed, and Autocrypt needs a key to announce:
// the own key is made with the account unless one is there already.
void printOwnKey(store::Profile& profile, const std::string& address)
{
    try {
        const crypto::GnupgHome home(profile.gnupgHome());
        store::Database& db = profile.store().db();
        if (auto existing = store::OwnKeys(db).byAddress(address)) {
            std::printf("own OpenPGP key: %s\n", existing->fingerprint.c_str());
            return;
        }
        const store::OwnKey key = crypto::generateOwnKey(home.directory(), db, address);
        std::printf("generated own OpenPGP key %s\n", key.fingerprint.c_str());
    } catch (const crypto::CryptoError& e) {
        throw CliError(std::string("the account was added, but no OpenPGP key could be made (") + e.what()
                       + "); try `cachet-cli keys generate`");
    }
}

int accountAdd(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {"--address", "--name", "--imap", "--imap-security", "--smtp", "--smtp-security", "--user",
                       "--pin", "--password-fd", "--sent-copy"},
                {"--no-test", "--no-key"});
    a.expectPositionals(0, kAddUsage);
    auto address = a.value("--address");
    if (!address || !address->contains('@'))
        throw usageError("--address needs the account's mail address");
    store::Account account;
    account.address = address->trimmed().toStdString();
    account.displayName = a.value("--name").value_or(QString()).toStdString();
    account.imap = serverOption(a, "--imap", "--imap-security");
    account.smtp = serverOption(a, "--smtp", "--smtp-security");
    account.username = a.value("--user").value_or(*address).toStdString();
    if (auto pin = a.value("--pin")) {
        auto hex = sync::normalizedPin(pin->toStdString());
        if (!hex)
            throw usageError("--pin needs the certificate's SHA-256 (64 hex digits, colons allowed)");
        account.pins.push_back(*hex);
    }
    if (auto sentCopy = a.value("--sent-copy")) {
        if (*sentCopy != "yes" && *sentCopy != "no")
            throw usageError("--sent-copy is yes or no");
        account.sentCopy = *sentCopy == "yes";
    }
    std::optional<int> passwordFd;
    if (auto fd = a.value("--password-fd")) {
        bool ok = false;
        passwordFd = fd->toInt(&ok);
        if (!ok || *passwordFd < 0)
            throw usageError("--password-fd needs a file descriptor number");
    }

    store::Profile profile = ctx.unlock();
    store::Database& db = profile.store().db();
    store::Accounts accounts(db);
    if (auto existing = accounts.only())
        throw CliError("this profile already has an account (" + existing->address
                       + "); a profile holds one account: use another profile (--profile) for another");
    const Passphrase password = readPassphrase({passwordFd, "CACHET_ACCOUNT_PASSWORD", "Account password: ", false});
    account.password = password.value();

    if (!a.flag("--no-test")) {
        const sync::AccountCheckResult check = sync::checkAccount(account);
        printCheck(check);
        if (!check.imap.ok || !check.smtp.ok) {
            std::string hint;
            if (!check.imap.certificateSha256.empty() || !check.smtp.certificateSha256.empty())
                hint = "; if you trust this certificate, add it again with --pin "
                       + (check.imap.certificateSha256.empty() ? check.smtp.certificateSha256
                                                                : check.imap.certificateSha256);
            throw CliError("the account was not added: the connection test failed" + hint
                           + " (--no-test adds it without testing)");
        }
    }

    account = bridge::addProfileAccount(db, account);
    std::printf("added %s: IMAP %s, SMTP %s; run `cachet-cli sync` to fetch its mail\n", account.address.c_str(),
                describe(account.imap).c_str(), describe(account.smtp).c_str());
    if (a.flag("--no-key"))
        std::printf("no own OpenPGP key made: mail goes out unsigned until `cachet-cli keys import`,"
                    " `keys setup-message import` or `keys generate` gives one\n");
    else
        printOwnKey(profile, account.address);
    return 0;
}

int accountList(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {}, {"--json"});
    a.expectPositionals(0, "account list [--json]");
    store::Profile profile = ctx.unlock();
    const auto accounts = store::Accounts(profile.store().db()).all();
    if (a.flag("--json")) {
        QJsonArray out;
        for (const store::Account& acc : accounts) {
            out.append(QJsonObject{
                {"address", QString::fromStdString(acc.address)},
                {"name", QString::fromStdString(acc.displayName)},
                {"imap", QString::fromStdString(describe(acc.imap))},
                {"smtp", QString::fromStdString(describe(acc.smtp))},
                {"user", QString::fromStdString(acc.username)},
                {"sent_copy", acc.sentCopy},
            });
        }
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    if (accounts.empty())
        std::printf("no account (a local-only profile); add one with `cachet-cli account add`\n");
    for (const store::Account& acc : accounts)
        std::printf("%s  user %s  IMAP %s  SMTP %s\n", acc.address.c_str(), acc.username.c_str(),
                    describe(acc.imap).c_str(), describe(acc.smtp).c_str());
    return 0;
}

int accountTest(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {}, {});
    a.expectPositionals(0, "account test");
    store::Profile profile = ctx.unlock();
    auto account = store::Accounts(profile.store().db()).only();
    if (!account)
        throw CliError("this profile has no account; add one with `cachet-cli account add`");
    const sync::AccountCheckResult check = sync::checkAccount(*account);
    printCheck(check);
    return check.imap.ok && check.smtp.ok ? 0 : 1;
}

int accountRemove(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {}, {"--force"});
    a.expectPositionals(1, "account remove ADDRESS [--force]");
    store::Profile profile = ctx.unlock();
    store::Database& db = profile.store().db();
    store::Accounts accounts(db);
    auto account = accounts.byAddress(a.positionals().front().toStdString());
    if (!account)
        throw CliError("no account " + a.positionals().front().toStdString());
    store::Outbox outbox(db);
    const std::int64_t unsent = outbox.pendingCount();
    const std::int64_t unsynced = store::Journal(db).count();
    if ((unsent || unsynced) && !a.flag("--force"))
        throw CliError(std::to_string(unsent) + " message(s) not sent yet and " + std::to_string(unsynced)
                       + " change(s) not at the provider yet; sync first, or --force to drop them");
    store::Transaction tx(db);
    accounts.remove(account->id);
    // The mail stays, local-only: its ties to the provider go.
    store::RemoteBindings bindings(db);
    for (const store::MailboxBinding& b : bindings.mailboxes())
        bindings.unbind(b.mailboxId);
    db.exec("DELETE FROM journal");
    db.exec("DELETE FROM outbox WHERE state IN ('queued','sending','ending')");
    tx.commit();
    std::printf("removed %s; its mail stays in this profile\n", account->address.c_str());
    return 0;
}

} // namespace

int runAccount(const Context& ctx, const QStringList& args)
{
    const QString verb = args.value(0);
    const QStringList rest = args.mid(1);
    if (verb == "add")
        return accountAdd(ctx, rest);
    if (verb == "list")
        return accountList(ctx, rest);
    if (verb == "test")
        return accountTest(ctx, rest);
    if (verb == "remove")
        return accountRemove(ctx, rest);
    throw usageError("account add|list|test|remove");
}

} // namespace cachet::cli
