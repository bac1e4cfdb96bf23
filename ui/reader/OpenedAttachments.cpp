#include "reader/OpenedAttachments.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace cachet::ui::openedAttachments {

namespace {

constexpr qsizetype kMaxNameChars = 120;
constexpr int kMaxNameTries = 100;

QString tr(const char* text)
{
    return QCoreApplication::translate("cachet::ui::OpenedAttachments", text);
}

// The folder exists, is ours, is no symbolic link and nobody else may enter
// it: made with mode 0700 in one step, or checked to be so if it was there.
bool makePrivateFolder(const QString& path, QString& error)
{
    const QByteArray native = QFile::encodeName(path);
    if (::mkdir(native.constData(), S_IRWXU) != 0 && errno != EEXIST) {
        error = tr("Could not create %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    struct stat st {};
    if (::lstat(native.constData(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::getuid()
        || (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        error = tr("%1 is not a private folder of this user.").arg(path);
        return false;
    }
    return true;
}

QString withNumber(const QString& name, int number)
{
    const QFileInfo info(name);
    const QString suffix = info.completeSuffix();
    const QString base = suffix.isEmpty() ? name : name.left(name.size() - suffix.size() - 1);
    return suffix.isEmpty() ? QStringLiteral("%1 (%2)").arg(base).arg(number)
                            : QStringLiteral("%1 (%2).%3").arg(base).arg(number).arg(suffix);
}

} // namespace

QString folderPath()
{
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (runtime.isEmpty())
        return {};
    return runtime + QStringLiteral("/cachet-open-") + QString::number(QCoreApplication::applicationPid());
}

QString safeFileName(const QString& name)
{
    QString out;
    for (const QChar c : name) {
        const auto category = c.category();
        if (category == QChar::Other_Control || category == QChar::Other_Format)
            continue;
        out += c == '/' || c == '\\' || c == ':' ? QChar('_') : c;
    }
    out = out.trimmed();
    while (out.startsWith('.'))
        out.remove(0, 1);
    if (out.size() > kMaxNameChars) {
        // Keep the extension: it decides which program opens the file.
        const QString suffix = QFileInfo(out).suffix().left(16);
        out = out.left(kMaxNameChars - suffix.size() - 1) + (suffix.isEmpty() ? QString() : '.' + suffix);
    }
    return out.isEmpty() ? QStringLiteral("attachment") : out;
}

QString write(const QString& name, const QByteArray& bytes, QString& error)
{
    const QString folder = folderPath();
    if (folder.isEmpty()) {
        error = tr("There is no private runtime folder to open attachments from.");
        return {};
    }
    if (!makePrivateFolder(folder, error))
        return {};
    static const bool cleanupRegistered = [] {
        qAddPostRoutine(removeAll);
        return true;
    }();
    Q_UNUSED(cleanupRegistered);

    const QString safe = safeFileName(name);
    for (int attempt = 1; attempt <= kMaxNameTries; ++attempt) {
        const QString path = folder + '/' + (attempt == 1 ? safe : withNumber(safe, attempt));
        QFile file(path);
        // NewOnly: O_EXCL, never through a link someone placed there; 0600 from the start.
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            if (QFileInfo::exists(path) || QFileInfo(path).isSymLink())
                continue;
            error = tr("Could not write %1: %2").arg(path, file.errorString());
            return {};
        }
        if (file.write(bytes) != bytes.size() || !file.flush()) {
            error = tr("Could not write %1: %2").arg(path, file.errorString());
            file.close();
            QFile::remove(path);
            return {};
        }
        return path;
    }
    error = tr("Too many opened files are called %1.").arg(safe);
    return {};
}

void removeAll()
{
    const QString folder = folderPath();
    if (!folder.isEmpty() && QFileInfo(folder).isDir() && !QFileInfo(folder).isSymLink())
        QDir(folder).removeRecursively();
}

} // namespace cachet::ui::openedAttachments
