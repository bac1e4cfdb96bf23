#include "support/ImapValue.h"

#include <stdexcept>

namespace cachet::test {

namespace {

void skipSpaces(const QByteArray& data, qsizetype& pos)
{
    while (pos < data.size() && data[pos] == ' ')
        ++pos;
}

bool isAtomEnd(char c)
{
    return c == ' ' || c == '(' || c == ')' || c == '\r' || c == '\n';
}

} // namespace

QByteArray ImapValue::toImap() const
{
    switch (kind) {
    case Kind::Nil:
        return "NIL";
    case Kind::String: {
        QByteArray out = "\"";
        for (char c : text) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        return out + '"';
    }
    case Kind::List: {
        QByteArray out = "(";
        for (qsizetype i = 0; i < items.size(); ++i)
            out += (i ? " " : "") + items[i].toImap();
        return out + ')';
    }
    }
    return {};
}

ImapValue ImapValue::parse(const QByteArray& data)
{
    qsizetype pos = 0;
    return parse(data, pos);
}

ImapValue ImapValue::parse(const QByteArray& data, qsizetype& pos)
{
    skipSpaces(data, pos);
    if (pos >= data.size())
        throw std::runtime_error("IMAP value expected at the end of the data");
    ImapValue v;
    const char c = data[pos];
    if (c == '(') {
        v.kind = Kind::List;
        ++pos;
        for (;;) {
            skipSpaces(data, pos);
            if (pos >= data.size())
                throw std::runtime_error("unterminated list");
            if (data[pos] == ')') {
                ++pos;
                return v;
            }
            v.items.append(parse(data, pos));
        }
    }
    v.kind = Kind::String;
    if (c == '"') {
        for (++pos; pos < data.size() && data[pos] != '"'; ++pos) {
            if (data[pos] == '\\' && pos + 1 < data.size())
                ++pos;
            v.text += data[pos];
        }
        if (pos >= data.size())
            throw std::runtime_error("unterminated quoted string");
        ++pos;
        return v;
    }
    if (c == '{') { // {n}CRLF then n bytes (also {n+})
        const qsizetype close = data.indexOf('}', pos);
        if (close < 0)
            throw std::runtime_error("bad literal");
        bool ok = false;
        const qsizetype n = data.mid(pos + 1, close - pos - 1).replace("+", "").toLongLong(&ok);
        qsizetype begin = close + 1;
        if (data.mid(begin, 2) == "\r\n")
            begin += 2;
        if (!ok || begin + n > data.size())
            throw std::runtime_error("literal longer than the data");
        v.text = data.mid(begin, n);
        pos = begin + n;
        return v;
    }
    const qsizetype begin = pos;
    int brackets = 0; // "BODY[HEADER.FIELDS (FROM TO)]" is one name, spaces and all
    while (pos < data.size() && (brackets > 0 || !isAtomEnd(data[pos]))) {
        if (data[pos] == '[')
            ++brackets;
        else if (data[pos] == ']' && brackets > 0)
            --brackets;
        ++pos;
    }
    if (pos == begin)
        throw std::runtime_error("unexpected character in IMAP data");
    v.text = data.mid(begin, pos - begin);
    if (v.text.toUpper() == "NIL") {
        v.kind = Kind::Nil;
        v.text.clear();
    }
    return v;
}

QMap<QByteArray, ImapValue> fetchItems(const QByteArray& fetchResponse)
{
    QMap<QByteArray, ImapValue> out;
    const qsizetype fetch = fetchResponse.indexOf(" FETCH (");
    if (fetch < 0)
        throw std::runtime_error("not a FETCH response");
    qsizetype pos = fetch + 7;
    const ImapValue list = ImapValue::parse(fetchResponse, pos);
    for (qsizetype i = 0; i + 1 < list.items.size(); i += 2)
        out.insert(list.items[i].text.toUpper(), list.items[i + 1]);
    return out;
}

} // namespace cachet::test
