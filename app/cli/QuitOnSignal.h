#pragma once
// SIGTERM and SIGINT end the Qt event loop (QCoreApplication::exit(0)), for
// the verbs that serve until told to stop (bridge, daemon). The handler only
// writes a byte to a socket pair; the loop reads it and quits, so shutdown runs
// in the normal order on the main thread: sessions closed, store closed.
// Also ignores SIGPIPE: a mail program that hangs up is a socket error, not a death.

#include <QSocketNotifier>

#include <memory>

namespace cachet::cli {

class QuitOnSignal {
public:
    QuitOnSignal(); // throws CliError if the socket pair cannot be made
    ~QuitOnSignal(); // default handlers again
    QuitOnSignal(const QuitOnSignal&) = delete;
    QuitOnSignal& operator=(const QuitOnSignal&) = delete;

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace cachet::cli
