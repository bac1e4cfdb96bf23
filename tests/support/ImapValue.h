#pragma once
// IMAP response data as a tree (RFC 3501 §4): NIL, strings (atoms, numbers,
// quoted strings and literals alike: the tests compare what a value says, not
// how a server chose to write it) and parenthesised lists.

#include <QByteArray>
#include <QList>
#include <QMap>

namespace cachet::test {

struct ImapValue {
    enum class Kind { Nil, String, List };
    Kind kind = Kind::Nil;
    QByteArray text;        // String
    QList<ImapValue> items; // List

    bool operator==(const ImapValue& other) const = default;
    // Written back as IMAP with every string quoted, for failure messages.
    QByteArray toImap() const;

    // Parses one value at `data[pos]` (leading spaces skipped); `pos` ends after it.
    // Throws std::runtime_error on malformed data.
    static ImapValue parse(const QByteArray& data, qsizetype& pos);
    static ImapValue parse(const QByteArray& data);
};

// The data items of "* N FETCH (NAME value NAME value ...)", by upper-case name.
QMap<QByteArray, ImapValue> fetchItems(const QByteArray& fetchResponse);

} // namespace cachet::test
