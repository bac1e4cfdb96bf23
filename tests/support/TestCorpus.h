#pragma once
// Where the shared corpus of real messages is (../shared/corpus beside the
// repository), and the project's own generated mail for when it is absent.

#include "support/TestFiles.h"

#include <QString>
#include <QStringList>

namespace cachet::test {

// Empty when ../shared/corpus is not there.
QString corpusDir();
// Files of corpus/deltachat/message, sorted; empty without the corpus.
QStringList corpusMessageFiles();
// The files the corpus README says are not RFC 5322 messages.
QStringList corpusNonMessageNames();

// Runs resources/demo/make_mail.py to write generated mail into `dir`
// (a Maildir); `profile` is demo, bench or variety. False if it failed.
bool generateMail(const QString& dir, const QString& profile, int count, int seed = 1);

} // namespace cachet::test
