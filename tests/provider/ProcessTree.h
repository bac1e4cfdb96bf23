#pragma once
// Finding and ending the processes a test server leaves running: a server's
// master process starts workers, and stopping the master must not leave any of
// them behind (listening on a port, holding a mail file). Linux only (/proc).

#include <QList>
#include <QString>

#include <sys/types.h>

namespace cachet::test {

// A process as /proc shows it; the start time tells a reused pid apart.
struct ProcessId {
    pid_t pid = 0;
    quint64 startTime = 0;
    bool operator==(const ProcessId&) const = default;
};

// The children of `pid`, their children, and so on (not `pid` itself).
QList<ProcessId> descendantsOf(pid_t pid);
// Every process whose mount namespace is `namespaceLink` ("mnt:[4026532177]",
// what /proc/PID/ns/mnt links to).
QList<ProcessId> processesInMountNamespace(const QString& namespaceLink);
// The mount namespace of `pid`, empty if it is gone.
QString mountNamespaceOf(pid_t pid);

// Waits up to `msecs` for all of `processes` to end, then SIGKILLs those left
// and waits for them too. False if any had to be killed or outlived that.
bool waitUntilGone(const QList<ProcessId>& processes, int msecs);

// For a QProcess child process modifier (runs after fork, before exec): the
// server gets SIGTERM when the test that started it ends, even by a crash, and
// shuts down instead of serving on.
void terminateWithParent();

} // namespace cachet::test
