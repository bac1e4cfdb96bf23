#pragma once
// Reading and writing the files tests work on.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <map>

namespace cachet::test {

// The bytes of a file; empty if it cannot be read.
QByteArray readFile(const QString& path);
// Writes `bytes` to `path` (replacing it); false if that failed.
bool writeFile(const QString& path, const QByteArray& bytes);
// Every regular file under `dir`, recursively, sorted.
QStringList filesUnder(const QString& dir);
// Path -> bytes of every file under `dir`: compare two to see that nothing changed.
std::map<QString, QByteArray> snapshot(const QString& dir);

} // namespace cachet::test
