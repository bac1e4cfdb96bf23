#include "store/Accounts.h"

#include "text/AsciiText.h"

#include <QDateTime>

#include <sstream>

namespace cachet::store {

namespace {

constexpr const char* kColumns =
    "id, address, display_name, imap_host, imap_port, imap_security, smtp_host, smtp_port, smtp_security,"
    " username, password, pins, sent_copy, created, last_sync, last_error, last_error_time";

std::vector<std::string> words(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string word;
    while (in >> word)
        out.push_back(word);
    return out;
}

Account readRow(Statement& st)
{
    Account a;
    a.id = st.columnInt(0);
    a.address = st.columnText(1);
    a.displayName = st.columnText(2);
    a.imap = {st.columnText(3), static_cast<std::uint16_t>(st.columnInt(4)),
              Accounts::parseSecurity(st.columnText(5)).value_or(Security::Tls)};
    a.smtp = {st.columnText(6), static_cast<std::uint16_t>(st.columnInt(7)),
              Accounts::parseSecurity(st.columnText(8)).value_or(Security::Tls)};
    a.username = st.columnText(9);
    a.password = st.columnText(10);
    a.pins = words(st.columnText(11));
    a.sentCopy = st.columnInt(12) != 0;
    a.created = st.columnInt(13);
    if (!st.isNull(14))
        a.lastSync = st.columnInt(14);
    a.lastError = st.columnText(15);
    if (!st.isNull(16))
        a.lastErrorTime = st.columnInt(16);
    return a;
}

std::vector<Account> query(Database& db, const std::string& where, std::string_view arg = {})
{
    Statement st = db.prepare(std::string("SELECT ") + kColumns + " FROM account " + where);
    if (!arg.empty())
        st.bind(1, arg);
    std::vector<Account> out;
    while (st.step())
        out.push_back(readRow(st));
    return out;
}

} // namespace

Account Accounts::add(Account a)
{
    a.created = QDateTime::currentSecsSinceEpoch();
    Statement st = m_db.prepare(
        "INSERT INTO account (address, display_name, imap_host, imap_port, imap_security, smtp_host, smtp_port,"
        " smtp_security, username, password, pins, sent_copy, created) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, a.address).bind(2, a.displayName);
    st.bind(3, a.imap.host).bind(4, static_cast<std::int64_t>(a.imap.port)).bind(5, securityName(a.imap.security));
    st.bind(6, a.smtp.host).bind(7, static_cast<std::int64_t>(a.smtp.port)).bind(8, securityName(a.smtp.security));
    st.bind(9, a.username).bind(10, a.password).bind(11, text::joined(a.pins, ' '));
    st.bind(12, static_cast<std::int64_t>(a.sentCopy ? 1 : 0)).bind(13, a.created);
    st.run();
    a.id = m_db.lastInsertRowId();
    return a;
}

void Accounts::updateSettings(const Account& a)
{
    Statement st = m_db.prepare(
        "UPDATE account SET display_name = ?, imap_host = ?, imap_port = ?, imap_security = ?, smtp_host = ?,"
        " smtp_port = ?, smtp_security = ?, username = ?, pins = ?, sent_copy = ? WHERE id = ?");
    st.bind(1, a.displayName);
    st.bind(2, a.imap.host).bind(3, static_cast<std::int64_t>(a.imap.port)).bind(4, securityName(a.imap.security));
    st.bind(5, a.smtp.host).bind(6, static_cast<std::int64_t>(a.smtp.port)).bind(7, securityName(a.smtp.security));
    st.bind(8, a.username).bind(9, text::joined(a.pins, ' '));
    st.bind(10, static_cast<std::int64_t>(a.sentCopy ? 1 : 0)).bind(11, a.id);
    st.run();
    if (!a.password.empty())
        setPassword(a.id, a.password);
}

std::vector<Account> Accounts::all()
{
    return query(m_db, "ORDER BY id");
}

std::optional<Account> Accounts::byAddress(std::string_view address)
{
    auto found = query(m_db, "WHERE address = ? COLLATE NOCASE", address);
    if (found.empty())
        return std::nullopt;
    return found.front();
}

std::optional<Account> Accounts::only()
{
    auto found = query(m_db, "ORDER BY id LIMIT 1");
    if (found.empty())
        return std::nullopt;
    return found.front();
}

bool Accounts::remove(std::int64_t id)
{
    Statement st = m_db.prepare("DELETE FROM account WHERE id = ?");
    st.bind(1, id);
    st.run();
    return m_db.changes() > 0;
}

void Accounts::setPassword(std::int64_t id, std::string_view password)
{
    Statement st = m_db.prepare("UPDATE account SET password = ? WHERE id = ?");
    st.bind(1, password).bind(2, id);
    st.run();
}

void Accounts::addPin(std::int64_t id, std::string_view sha256Hex)
{
    Statement get = m_db.prepare("SELECT pins FROM account WHERE id = ?");
    get.bind(1, id);
    if (!get.step())
        return;
    std::vector<std::string> pins = words(get.columnText(0));
    const std::string pin = text::asciiLower(sha256Hex);
    for (const std::string& p : pins) {
        if (p == pin)
            return;
    }
    pins.push_back(pin);
    Statement st = m_db.prepare("UPDATE account SET pins = ? WHERE id = ?");
    st.bind(1, text::joined(pins, ' ')).bind(2, id);
    st.run();
}

void Accounts::noteSynced(std::int64_t id, std::int64_t when)
{
    Statement st = m_db.prepare("UPDATE account SET last_sync = ?, last_error = '', last_error_time = NULL WHERE id = ?");
    st.bind(1, when).bind(2, id);
    st.run();
}

void Accounts::noteError(std::int64_t id, std::string_view error, std::int64_t when)
{
    Statement st = m_db.prepare("UPDATE account SET last_error = ?, last_error_time = ? WHERE id = ?");
    st.bind(1, error).bind(2, when).bind(3, id);
    st.run();
}

std::string Accounts::securityName(Security security)
{
    switch (security) {
    case Security::Tls: return "tls";
    case Security::StartTls: return "starttls";
    case Security::Plain: return "plain";
    }
    return "tls";
}

std::optional<Security> Accounts::parseSecurity(std::string_view name)
{
    const std::string n = text::asciiLower(name);
    if (n == "tls" || n == "ssl")
        return Security::Tls;
    if (n == "starttls")
        return Security::StartTls;
    if (n == "plain" || n == "none")
        return Security::Plain;
    return std::nullopt;
}

} // namespace cachet::store
