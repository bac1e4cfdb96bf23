#include "mailfiles/ImportPlan.h"

#include "mailfiles/MboxReader.h"
#include "store/Flags.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace cachet::mailfiles {

namespace {

std::string joinMailbox(const std::string& parent, const std::string& child)
{
    if (parent.empty())
        return child;
    return parent + "/" + child;
}

// Maildir file name "unique:2,FRS": the flags after ":2,".
std::uint32_t flagsFromMaildirName(const QString& name)
{
    const qsizetype info = name.lastIndexOf(QLatin1String(":2,"));
    if (info < 0)
        return 0;
    return store::flagsFromMaildirLetters(name.mid(info + 3).toStdString());
}

void addMaildirFolder(ImportPlan& plan, const QString& dir, const std::string& mailbox)
{
    for (const char* sub : {"cur", "new"}) {
        QDir d(dir + "/" + sub);
        if (!d.exists())
            continue;
        QFileInfoList files = d.entryInfoList(QDir::Files | QDir::Hidden, QDir::Name);
        for (const QFileInfo& fi : files) {
            ImportSource s;
            s.path = fi.absoluteFilePath();
            s.mailbox = mailbox;
            // Messages in new/ have not been seen by any client yet.
            s.flags = (std::string_view(sub) == "cur") ? flagsFromMaildirName(fi.fileName()) : 0;
            s.fromMaildir = true;
            s.size = fi.size();
            plan.totalBytes += s.size;
            plan.sources.push_back(std::move(s));
        }
    }
}

// A Maildir and its Maildir++ subfolders (".Sent", ".Lists.cachet").
void addMaildir(ImportPlan& plan, const QString& root, const std::string& mailbox)
{
    addMaildirFolder(plan, root, mailbox);
    const std::string base = mailbox == "INBOX" ? std::string() : mailbox;
    QDir d(root);
    const QStringList subs = d.entryList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& sub : subs) {
        if (!sub.startsWith('.') || sub.size() < 2 || !isMaildir(root + "/" + sub))
            continue;
        std::string name = sub.mid(1).toStdString();
        std::replace(name.begin(), name.end(), '.', '/');
        addMaildirFolder(plan, root + "/" + sub, joinMailbox(base, name));
    }
}

void addFile(ImportPlan& plan, const QFileInfo& fi, const std::optional<std::string>& mailbox)
{
    ImportSource s;
    s.path = fi.absoluteFilePath();
    s.size = fi.size();
    // A .eml file is one message even when it starts with an mbox "From " line
    // (Thunderbird and Delta Chat save such files): it is kept byte for byte.
    const bool namedAsMessage = fi.suffix().compare(QLatin1String("eml"), Qt::CaseInsensitive) == 0;
    if (!namedAsMessage && MboxReader::looksLikeMbox(s.path)) {
        s.kind = ImportSource::Kind::Mbox;
        QString name = fi.completeBaseName();
        s.mailbox = mailbox ? *mailbox : (name.isEmpty() ? std::string("INBOX") : name.toStdString());
    } else {
        s.mailbox = mailbox.value_or("INBOX");
    }
    plan.totalBytes += s.size;
    plan.sources.push_back(std::move(s));
}

// A folder of .eml and mbox files, and of Maildirs (each to a mailbox named after
// it), walked in name order for a stable result.
void addFolder(ImportPlan& plan, const QString& dir, const std::optional<std::string>& mailbox, int depth = 0)
{
    constexpr int kMaxDepth = 32; // a symlink loop must not recurse forever
    if (depth > kMaxDepth)
        return;
    QDir d(dir);
    for (const QFileInfo& fi : d.entryInfoList(QDir::Files | QDir::Hidden, QDir::Name))
        addFile(plan, fi, mailbox);
    for (const QFileInfo& fi : d.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (isMaildir(fi.absoluteFilePath()))
            addMaildir(plan, fi.absoluteFilePath(), mailbox.value_or(fi.fileName().toStdString()));
        else
            addFolder(plan, fi.absoluteFilePath(), mailbox, depth + 1);
    }
}

} // namespace

bool isMaildir(const QString& dir)
{
    return QDir(dir + "/cur").exists() || QDir(dir + "/new").exists();
}

ImportPlan ImportPlan::build(const std::vector<QString>& paths, const std::optional<std::string>& mailbox)
{
    ImportPlan plan;
    for (const QString& path : paths) {
        QFileInfo fi(path);
        if (!fi.exists()) {
            plan.unreadable.emplace_back(path.toStdString(), "no such file or folder");
        } else if (fi.isDir()) {
            if (isMaildir(path))
                addMaildir(plan, fi.absoluteFilePath(), mailbox.value_or("INBOX"));
            else
                addFolder(plan, fi.absoluteFilePath(), mailbox);
        } else if (!fi.isReadable()) {
            plan.unreadable.emplace_back(path.toStdString(), "not readable");
        } else {
            addFile(plan, fi, mailbox);
        }
    }
    return plan;
}

} // namespace cachet::mailfiles
