// cachet-cli: the headless front of Cachet (ARCHITECTURE.md, "Command line").

#include "CliError.h"
#include "Commands.h"
#include "Context.h"

#include "crypto/CryptoError.h"
#include "store/StoreError.h"

#include <QCoreApplication>

#include <cstdio>
#include <functional>
#include <map>

namespace {

const char* kUsage =
    "usage: cachet-cli [--profile DIR] [--passphrase-fd N] COMMAND [ARGS]\n"
    "\n"
    "  init [--kdf interactive|moderate|sensitive]   create a profile\n"
    "  import PATH... [--mailbox NAME]               Maildir, mbox, .eml files or folders\n"
    "  export --mailbox NAME (--maildir DIR | --mbox FILE)\n"
    "  mailboxes [--json]                            mailboxes with message and unread counts\n"
    "  list [--mailbox NAME] [--limit N] [--json]    newest messages first\n"
    "  show UID [--mailbox NAME] [--raw]             one message\n"
    "  search QUERY [--limit N] [--json]             from: to: subject: body: in: has:attachment\n"
    "                                                is:unread|read|flagged before:/after:YYYY-MM-DD\n"
    "                                                words, \"phrases\", -excluded, prefix*\n"
    "  check                                         integrity check of the store\n"
    "  gc                                            remove documents no mailbox refers to\n"
    "  passwd [--new-passphrase-fd N]                change the passphrase\n"
    "  bridge [--imap-port N] [--smtp-port N] ...    run the IMAP/SMTP bridge for mail programs\n"
    "         [--settings [--json]] [--certificate] [--reset-password]\n"
    "  account add --address A --imap HOST:PORT --imap-security tls|starttls|plain\n"
    "              --smtp HOST:PORT --smtp-security tls|starttls|plain [--user U] [--pin SHA256]\n"
    "              [--password-fd N] [--sent-copy yes|no] [--no-test] [--no-key]\n"
    "  account list [--json] | test | remove ADDRESS  the provider account\n"
    "  sync --once                                   one sync with the provider\n"
    "  status [--json]                               last sync, changes and mail waiting to go out\n"
    "  outbox list [--json] | retry ID|--all | cancel ID   mail waiting to go out: see it, send it\n"
    "                                                at the next sync, or drop it\n"
    "  daemon [--interval S] [--imap-port N] ...     the bridge and the sync together, until SIGTERM\n"
    "  keys list [--json]                            own keys, and peers with their Autocrypt state\n"
    "  keys generate [--address A]                   a new own key (default: the account's address)\n"
    "  keys import FILE|- [--key-passphrase-fd N]    public keys of peers, or a secret key to adopt\n"
    "  keys export ADDRESS [--secret]                armored key to standard output; --secret is\n"
    "                                                protected by the profile passphrase\n"
    "  keys setup-message create [--out FILE]        Autocrypt Setup Message; prints the setup code\n"
    "  keys setup-message import FILE --code CODE    take the own key over from another device\n"
    "\n"
    "The profile is --profile DIR, else $CACHET_PROFILE, else $XDG_DATA_HOME/cachet/default.\n"
    "The passphrase comes from --passphrase-fd N, else $CACHET_PASSPHRASE, else a prompt.\n";

void printError(const std::string& message)
{
    std::fprintf(stderr, "cachet-cli: %s\n", message.c_str());
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("cachet");
    using namespace cachet::cli;

    QStringList args = QCoreApplication::arguments().mid(1);
    Context ctx;
    try {
        // Global options come before the verb.
        while (!args.isEmpty() && args.front().startsWith("--")) {
            const QString opt = args.takeFirst();
            if (opt == "--help" || opt == "-h") {
                std::fputs(kUsage, stdout);
                return 0;
            }
            if ((opt != "--profile" && opt != "--passphrase-fd") || args.isEmpty())
                throw usageError(opt == "--profile" || opt == "--passphrase-fd" ? opt.toStdString() + " needs a value"
                                                                                 : "unknown option " + opt.toStdString());
            const QString value = args.takeFirst();
            if (opt == "--profile") {
                ctx.profileOption = value;
            } else {
                bool ok = false;
                const int fd = value.toInt(&ok);
                if (!ok || fd < 0)
                    throw usageError("--passphrase-fd needs a file descriptor number");
                ctx.passphraseFd = fd;
            }
        }
        if (args.isEmpty() || args.front() == "help") {
            std::fputs(kUsage, args.isEmpty() ? stderr : stdout);
            return args.isEmpty() ? 2 : 0;
        }
        static const std::map<QString, std::function<int(const Context&, const QStringList&)>> verbs = {
            {"init", runInit},       {"import", runImport}, {"export", runExport}, {"mailboxes", runMailboxes},
            {"list", runList},       {"show", runShow},     {"search", runSearch}, {"check", runCheck},
            {"gc", runGc},           {"passwd", runPasswd}, {"bridge", runBridge},
            {"account", runAccount}, {"sync", runSync},    {"status", runStatus},
            {"outbox", runOutbox},   {"daemon", runDaemon}, {"keys", runKeys},
        };
        const QString verb = args.takeFirst();
        auto it = verbs.find(verb);
        if (it == verbs.end())
            throw usageError("unknown command \"" + verb.toStdString() + "\"");
        return it->second(ctx, args);
    } catch (const CliError& e) {
        printError(e.what());
        return e.exitCode();
    } catch (const cachet::crypto::CryptoError& e) {
        printError(e.what());
        return 1;
    } catch (const cachet::store::StoreError& e) {
        printError(e.what());
        return 1;
    } catch (const std::exception& e) {
        printError(std::string("unexpected failure: ") + e.what());
        return 1;
    }
}
