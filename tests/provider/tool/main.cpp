// cachet-test-provider: the test provider (Dovecot, and OpenSMTPD delivering
// into it) as a program, for tests written in Python (tests/sync).
//
//   cachet-test-provider --user alice@example.test:password [--user ...] [--no-smtp]
//                        [--imap-capability "IMAP4rev1 ..."]
//
// Prints one line of JSON when ready (ports, certificate, maildir_root, users),
// then reads commands on standard input, one a line, and answers each with one
// line of JSON: "stop imap", "start imap", "stop smtp", "start smtp", "quit".
// End of input, SIGTERM, SIGINT, SIGHUP and the death of its parent all stop
// everything and remove the provider's folders (mail, keys, queue).

#include "tool/TestProvider.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>

#include <sys/prctl.h>
#include <unistd.h>

using cachet::test::TestProvider;

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    if (::write(g_signalPipe[1], &byte, 1) < 0) {
    }
}

void printLine(const QJsonObject& object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, static_cast<std::size_t>(line.size()), stdout);
    std::fflush(stdout);
}

int usage(const char* problem)
{
    std::fprintf(stderr, "cachet-test-provider: %s\nusage: cachet-test-provider --user ADDRESS:PASSWORD... [--no-smtp] [--imap-capability LIST]\n",
                 problem);
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    // A test that dies must not leave a provider behind: SIGTERM comes with its death.
    const pid_t parent = ::getppid();
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent)
        return 1;

    QCoreApplication app(argc, argv);
    QList<TestProvider::User> users;
    bool withSmtp = true;
    QString imapCapability;
    const QStringList args = app.arguments().mid(1);
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == "--no-smtp") {
            withSmtp = false;
        } else if (args[i] == "--imap-capability" && i + 1 < args.size()) {
            imapCapability = args[++i];
        } else if (args[i] == "--user" && i + 1 < args.size()) {
            const QString spec = args[++i];
            const qsizetype colon = spec.indexOf(':');
            if (colon <= 0)
                return usage("--user wants ADDRESS:PASSWORD");
            users.append({spec.left(colon), spec.mid(colon + 1)});
        } else {
            return usage(qPrintable("unknown argument " + args[i]));
        }
    }
    if (users.isEmpty())
        return usage("no --user");

    // Signals become a quit of the event loop, so the servers are stopped by their destructors.
    if (::pipe(g_signalPipe) != 0)
        return 1;
    for (int s : {SIGTERM, SIGINT, SIGHUP})
        std::signal(s, onSignal);
    std::signal(SIGPIPE, SIG_IGN); // a reader gone is seen as EOF on standard input
    QSocketNotifier signalNotifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);

    TestProvider provider(users, withSmtp);
    provider.setImapCapability(imapCapability);
    if (!provider.start()) {
        printLine({{"error", provider.error()}});
        return 1;
    }
    printLine(provider.description());

    QByteArray input;
    QSocketNotifier stdinNotifier(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinNotifier, &QSocketNotifier::activated, &app, [&] {
        char buffer[4096];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            stdinNotifier.setEnabled(false);
            app.quit();
            return;
        }
        input.append(buffer, n);
        for (qsizetype end = input.indexOf('\n'); end >= 0; end = input.indexOf('\n')) {
            const QString command = QString::fromUtf8(input.left(end)).trimmed();
            input.remove(0, end + 1);
            if (command.isEmpty())
                continue;
            printLine(provider.run(command));
            if (command == "quit") {
                stdinNotifier.setEnabled(false);
                app.quit();
                return;
            }
        }
    });
    return app.exec();
}
