#include "provider/ProcessTree.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QMultiHash>
#include <QThread>

#include <csignal>

#include <sys/prctl.h>

#include <unistd.h>

namespace cachet::test {

namespace {

struct ProcessStat {
    ProcessId id;
    pid_t parent = 0;
    bool zombie = false; // ended, waiting for a parent to reap it: gone for our purposes
};

// /proc/PID/stat: "pid (comm) state ppid ... starttime(22nd field) ..."; comm may hold spaces.
bool readStat(pid_t pid, ProcessStat& out)
{
    QFile f(QString("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = f.readAll();
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return false;
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    if (fields.size() < 20)
        return false;
    out.id.pid = pid;
    out.zombie = fields[0] == "Z" || fields[0] == "X";
    out.parent = fields[1].toInt();
    out.id.startTime = fields[19].toULongLong();
    return true;
}

QList<pid_t> allPids()
{
    QList<pid_t> pids;
    for (const QString& name : QDir("/proc").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool ok = false;
        const int pid = name.toInt(&ok);
        if (ok)
            pids << pid;
    }
    return pids;
}

bool alive(const ProcessId& p)
{
    ProcessStat now;
    return readStat(p.pid, now) && now.id.startTime == p.startTime && !now.zombie;
}

} // namespace

QList<ProcessId> descendantsOf(pid_t pid)
{
    QMultiHash<pid_t, ProcessStat> byParent;
    for (pid_t p : allPids()) {
        ProcessStat s;
        if (readStat(p, s) && !s.zombie)
            byParent.insert(s.parent, s);
    }
    QList<ProcessId> out;
    QList<pid_t> pending{pid};
    while (!pending.isEmpty()) {
        const pid_t parent = pending.takeLast();
        for (const ProcessStat& child : byParent.values(parent)) {
            out << child.id;
            pending << child.id.pid;
        }
    }
    return out;
}

QString mountNamespaceOf(pid_t pid)
{
    char target[128];
    const QByteArray link = QString("/proc/%1/ns/mnt").arg(pid).toLatin1();
    const ssize_t n = ::readlink(link.constData(), target, sizeof target);
    return n > 0 ? QString::fromLatin1(target, n) : QString();
}

QList<ProcessId> processesInMountNamespace(const QString& namespaceLink)
{
    QList<ProcessId> out;
    if (namespaceLink.isEmpty())
        return out;
    for (pid_t p : allPids()) {
        ProcessStat s;
        if (mountNamespaceOf(p) == namespaceLink && readStat(p, s) && !s.zombie)
            out << s.id;
    }
    return out;
}

bool waitUntilGone(const QList<ProcessId>& processes, int msecs)
{
    auto remaining = [&] {
        QList<ProcessId> left;
        for (const ProcessId& p : processes) {
            if (alive(p))
                left << p;
        }
        return left;
    };
    QDeadlineTimer deadline(msecs);
    QList<ProcessId> left = remaining();
    while (!left.isEmpty() && !deadline.hasExpired()) {
        QThread::msleep(20);
        left = remaining();
    }
    if (left.isEmpty())
        return true;
    for (const ProcessId& p : left)
        ::kill(p.pid, SIGKILL);
    QDeadlineTimer killed(5000);
    while (!remaining().isEmpty() && !killed.hasExpired())
        QThread::msleep(20);
    return false;
}

void terminateWithParent()
{
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
}

} // namespace cachet::test
