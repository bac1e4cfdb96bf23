#pragma once
// One IMAP connection to the provider, for the sync thread: blocking calls on
// a QSslSocket (the sync runs in its own thread, so waiting is fine there and
// the code reads in protocol order), with many commands in flight at once.
// Responses are read with core/imap's ResponseReader, one at a time, so memory
// stays at one response (one message body) whatever a command returns.
//
// open(): name lookup, connect, TLS from the first byte or STARTTLS (never a
// login in the clear unless the account is plain-on-loopback), the account's
// certificate rule (CertificatePolicy.h), greeting, CAPABILITY, LOGIN or
// AUTHENTICATE PLAIN, ENABLE CONDSTORE/QRESYNC where offered. Every failure is
// a ProviderError naming the step.

#include "sync/ProviderError.h"

#include "imap/Capabilities.h"
#include "imap/ClientCommand.h"
#include "imap/ResponseReader.h"
#include "store/Accounts.h"

#include <QSslSocket>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::sync {

class ImapConnection {
public:
    // Handlers may move the response's data out (a FETCH's message bytes).
    using Untagged = std::function<void(imap::Response&)>;

    explicit ImapConnection(store::Account account, int timeoutMs = 120000);
    ~ImapConnection();
    ImapConnection(const ImapConnection&) = delete;
    ImapConnection& operator=(const ImapConnection&) = delete;

    void open();
    bool isOpen() const;
    bool has(std::string_view capability) const { return m_capabilities.has(capability); }
    // QRESYNC is on (RFC 7162 §3.2.3): SELECT can ask what changed, expunges come as VANISHED.
    bool qresync() const { return m_qresync; }
    std::string capabilityText() const;
    // The provider's hierarchy delimiter (from LIST "" ""), '/' if it has none.
    char delimiter();

    // Sends a command (text after the tag, literals already written with
    // literalFor()) and returns its tag; the answer is read by finish().
    std::string start(const std::string& command);
    // Reads until `tag` completes; every untagged response read meanwhile goes
    // to `untagged`. Returns the tagged response. Throws on BYE or a dropped connection.
    imap::Response finish(const std::string& tag, const Untagged& untagged = {});
    // start + finish; a NO or BAD throws ProviderError(Protocol) unless `allowNo`.
    imap::Response run(const std::string& command, const Untagged& untagged = {}, bool allowNo = false);

    // A command that carries literals, built with the connection's tag and literal
    // mode: LITERAL+ (or LITERAL-) where offered, else each piece after the
    // server's "+". Returns the tagged response.
    imap::ClientCommand command(std::string_view name) const;
    imap::Response run(imap::ClientCommand command, const Untagged& untagged = {});

    // IDLE (RFC 2177) on the selected mailbox until the server reports a change
    // (true), `wakeUp` returns true, or `maxSeconds` pass (false).
    bool idle(int maxSeconds, const std::function<bool()>& wakeUp);

    void logout();

private:
    void connectSocket();
    void startTls();
    void readGreeting();
    void login();
    void readCapabilities(const imap::Response& response);
    void fetchCapabilities();
    void write(const std::string& bytes);
    // The next response; throws ProviderError(Connection) on timeout or close.
    imap::Response next();
    [[noreturn]] void dropped(const std::string& what);
    [[noreturn]] void tlsFailed(const std::string& what);

    store::Account m_account;
    int m_timeoutMs;
    std::unique_ptr<QSslSocket> m_socket;
    imap::ResponseReader m_reader;
    imap::Capabilities m_capabilities;
    std::map<std::string, imap::Response> m_early; // tagged answers read before their finish()
    mutable imap::TagGenerator m_tags;
    char m_delimiter = 0;
    bool m_qresync = false;
    std::string m_certificateSha256;
    std::string m_certificateProblem;
};

} // namespace cachet::sync
