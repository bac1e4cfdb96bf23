#include "sync/OutboxLock.h"

#include <QFileInfo>

namespace cachet::sync {

OutboxLock::OutboxLock(store::Database& db)
{
    const std::string path = db.path();
    if (path.empty())
        return;
    m_file = std::make_unique<QLockFile>(QFileInfo(QString::fromStdString(path)).absolutePath() + "/outbox.lock");
    // Stale only when its process is gone: a send may rightly take longer than any fixed age.
    m_file->setStaleLockTime(0);
}

bool OutboxLock::acquire()
{
    if (!m_file || m_held)
        return true;
    m_held = m_file->tryLock(0);
    return m_held;
}

} // namespace cachet::sync
