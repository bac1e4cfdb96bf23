#pragma once
// The provider account of a profile (schema v5 table account): where its IMAP
// and SMTP servers are, how to reach them, and the credentials, all inside the
// encrypted store. A profile holds at most one account (docs/sync.md says why).

#include "store/Sqlite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cachet::store {

enum class Security {
    Tls,      // TLS from the first byte (993, 465)
    StartTls, // plain connection upgraded by STARTTLS before login (143, 587)
    Plain,    // no TLS at all: only to a loopback address
};

struct ServerAddress {
    std::string host;
    std::uint16_t port = 0;
    Security security = Security::Tls;
};

struct Account {
    std::int64_t id = 0;
    std::string address;
    std::string displayName;
    ServerAddress imap;
    ServerAddress smtp;
    std::string username;
    std::string password;
    std::vector<std::string> pins; // SHA-256 of certificates accepted although they do not verify, lower-case hex
    bool sentCopy = true;          // Cachet files a copy of sent mail in Sent (false: the provider does)
    std::int64_t created = 0;
    std::optional<std::int64_t> lastSync;
    std::string lastError;
    std::optional<std::int64_t> lastErrorTime;
};

class Accounts {
public:
    explicit Accounts(Database& db) : m_db(db) {}

    // Inserts the account (id and created are set); call inside a transaction.
    Account add(Account account);
    std::vector<Account> all();
    std::optional<Account> byAddress(std::string_view address);
    // The profile's account, if it has one.
    std::optional<Account> only();
    bool remove(std::int64_t id);

    // The settings a user edits (name, servers, login, pins, Sent copy) of
    // account.id; the address stays, and an empty password keeps the old one.
    void updateSettings(const Account& account);
    void setPassword(std::int64_t id, std::string_view password);
    void addPin(std::int64_t id, std::string_view sha256Hex);
    // A sync that ended well: the time, and no error.
    void noteSynced(std::int64_t id, std::int64_t when);
    // The last thing that went wrong, as the user should read it.
    void noteError(std::int64_t id, std::string_view error, std::int64_t when);

    static std::string securityName(Security security);
    static std::optional<Security> parseSecurity(std::string_view name);

private:
    Database& m_db;
};

} // namespace cachet::store
