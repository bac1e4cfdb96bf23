#pragma once
// Turns the paths given to `import` into the list of things to read: Maildir
// folders (with Maildir++ subfolders), mbox files, .eml files and folders of
// them. Only file names are looked at here; contents are read one at a time later.

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cachet::mailfiles {

struct ImportSource {
    enum class Kind { MessageFile, Mbox };
    Kind kind = Kind::MessageFile;
    QString path;
    std::string mailbox;
    std::uint32_t flags = 0;         // from a Maildir file name
    bool fromMaildir = false;        // INTERNALDATE from the file's mtime, as Dovecot does
    qint64 size = 0;
};

struct ImportPlan {
    std::vector<ImportSource> sources;
    std::vector<std::pair<std::string, std::string>> unreadable; // path, reason
    qint64 totalBytes = 0;

    // `mailbox`: put everything there (Maildir++ subfolders below it); otherwise
    // a Maildir goes to INBOX and its subfolders to their names, an mbox file to a
    // mailbox named after the file, and message files to INBOX.
    static ImportPlan build(const std::vector<QString>& paths, const std::optional<std::string>& mailbox);
};

bool isMaildir(const QString& dir);

} // namespace cachet::mailfiles
