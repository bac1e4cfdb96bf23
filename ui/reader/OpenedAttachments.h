#pragma once
// Attachments the user opens: a mail program has to hand the file to another
// program, and a program takes a file, so the decoded bytes must be written
// somewhere (Thunderbird writes them to /tmp). Cachet writes them only into a
// private folder on the per-user runtime tmpfs (QStandardPaths::RuntimeLocation,
// usually /run/user/UID: memory, not disk), mode 0700 with files 0600 and no
// execute bit, and removes the folder when asked and at application exit.
// This is the one exception to "no plaintext mail outside the store".

#include <QByteArray>
#include <QString>

namespace cachet::ui::openedAttachments {

// <runtime folder>/cachet-open-<pid>; empty if there is no runtime folder.
QString folderPath();

// A name that is safe as one path component: no separators, no leading dot,
// no control characters, not too long; "attachment" if nothing is left.
QString safeFileName(const QString& name);

// Writes `bytes` into the private folder under safeFileName(name), never over
// an existing file ("name (2).ext" then); the file's path, or empty with
// `error` set.
QString write(const QString& name, const QByteArray& bytes, QString& error);

// Removes the folder and everything in it. Registered to run at exit the
// first time a file is written.
void removeAll();

} // namespace cachet::ui::openedAttachments
