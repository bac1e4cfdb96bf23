// IMAP commands about the session itself: capability, login, TLS, IDLE, ENABLE,
// ID and NAMESPACE. Mailbox and message commands are in the files beside this.

#include "bridge/ImapSession.h"
#include "bridge/SaslMessages.h"

#include "text/AsciiText.h"

namespace cachet::bridge {

namespace {

bool isStringArg(const imap::CommandArg& arg)
{
    return arg.type == imap::CommandArg::Type::Atom || arg.type == imap::CommandArg::Type::String;
}

} // namespace

// CAPABILITY (RFC 3501 §6.1.1) — any state.
ImapSession::Reply ImapSession::cmdCapability(const imap::Command&)
{
    m_out += "* CAPABILITY " + capabilities() + "\r\n";
    return ok("Capability completed.");
}

// NOOP (§6.1.2) — any state. Its use is the untagged updates runCommand adds.
ImapSession::Reply ImapSession::cmdNoop(const imap::Command&)
{
    return ok("NOOP completed.");
}

// LOGOUT (§6.1.3) — any state.
ImapSession::Reply ImapSession::cmdLogout(const imap::Command& command)
{
    m_out += "* BYE Logging out.\r\n" + command.tag + " OK Logout completed.\r\n";
    flush();
    m_state = State::Logout;
    m_context.events.remove(this);
    m_transport.close();
    return pending();
}

// ID (RFC 2971) — any state. What the client says of itself is not kept.
ImapSession::Reply ImapSession::cmdId(const imap::Command& command)
{
    if (command.args.size() != 1)
        return bad("ID takes one argument: a list or NIL.");
    m_out += "* ID (\"name\" \"Cachet\" \"vendor\" \"Cachet\" \"support-url\" \"https://cachet.invalid/\")\r\n";
    return ok("ID completed.");
}

// STARTTLS (§6.2.1) — not authenticated.
ImapSession::Reply ImapSession::cmdStartTls(const imap::Command& command)
{
    if (m_transport.isEncrypted())
        return bad("TLS is already active.");
    m_out += command.tag + " OK Begin TLS negotiation now.\r\n";
    flush();
    // Anything the client pipelined after STARTTLS came in the clear: drop it.
    m_reader.takeUnread();
    m_badInARow = 0;
    m_transport.startTls();
    return pending();
}

void ImapSession::loginSucceeded()
{
    m_state = State::Authenticated;
}

ImapSession::Reply ImapSession::checkLogin(std::string_view user, std::string_view password)
{
    switch (m_context.authenticator.attempt(m_transport.peerAddress(), user, password)) {
    case Authenticator::Result::Accepted:
        loginSucceeded();
        return ok("[CAPABILITY " + capabilities() + "] Logged in.");
    case Authenticator::Result::LockedOut:
        return no("[UNAVAILABLE] Too many failed logins: try again in a minute.");
    case Authenticator::Result::Refused:
        break;
    }
    return no("[AUTHENTICATIONFAILED] Wrong username or bridge password (cachet-cli bridge shows them).");
}

// LOGIN (§6.2.3) — not authenticated.
ImapSession::Reply ImapSession::cmdLogin(const imap::Command& command)
{
    if (command.args.size() != 2 || !isStringArg(command.args[0]) || !isStringArg(command.args[1]))
        return bad("LOGIN takes a user name and a password.");
    return checkLogin(command.args[0].text, command.args[1].text);
}

// AUTHENTICATE (§6.2.2) — not authenticated. PLAIN (with SASL-IR, RFC 4959) and LOGIN.
ImapSession::Reply ImapSession::cmdAuthenticate(const imap::Command& command)
{
    if (command.args.empty() || command.args.size() > 2 || command.args[0].type != imap::CommandArg::Type::Atom)
        return bad("AUTHENTICATE takes a mechanism and an optional initial response.");
    const std::string mechanism = text::asciiUpper(command.args[0].text);
    if (mechanism != "PLAIN" && mechanism != "LOGIN")
        return no("Unsupported authentication mechanism: use PLAIN or LOGIN.");
    if (command.args.size() == 2) {
        if (mechanism != "PLAIN")
            return bad("LOGIN takes no initial response.");
        const std::string& initial = command.args[1].text;
        auto credentials = decodeSaslPlain(initial == "=" ? std::string_view() : std::string_view(initial));
        if (!credentials)
            return bad("Malformed PLAIN initial response.");
        return checkLogin(credentials->user, credentials->password);
    }
    m_lineTag = command.tag;
    m_lineBuffer += m_reader.takeUnread();
    if (mechanism == "PLAIN") {
        m_lineMode = LineMode::AuthPlain;
        m_out += "+ \r\n";
    } else {
        m_lineMode = LineMode::AuthLoginUser;
        m_out += std::string("+ ") + kSaslLoginUserPrompt + "\r\n";
    }
    return pending();
}

// ENABLE (RFC 5161) — authenticated. CONDSTORE only (QRESYNC is not offered).
ImapSession::Reply ImapSession::cmdEnable(const imap::Command& command)
{
    if (command.args.empty())
        return bad("ENABLE needs at least one capability.");
    std::string enabled;
    for (const imap::CommandArg& arg : command.args) {
        if (arg.type != imap::CommandArg::Type::Atom)
            return bad("ENABLE takes capability names.");
        if (text::equalsIgnoreCase(arg.text, "CONDSTORE") && !m_condstore) {
            m_condstore = true;
            enabled += " CONDSTORE";
        }
    }
    m_out += "* ENABLED" + enabled + "\r\n";
    return ok("Enabled.");
}

// NAMESPACE (RFC 2342) — authenticated. One personal namespace, '/' delimited.
ImapSession::Reply ImapSession::cmdNamespace(const imap::Command& command)
{
    if (!command.args.empty())
        return bad("NAMESPACE takes no arguments.");
    m_out += "* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n";
    return ok("Namespace completed.");
}

// IDLE (RFC 2177) — authenticated or selected. Until DONE, changes to the
// selected mailbox are sent as they happen (MailboxEvents wakes us).
ImapSession::Reply ImapSession::cmdIdle(const imap::Command& command)
{
    if (!command.args.empty())
        return bad("IDLE takes no arguments.");
    syncSelected(true);
    if (m_state == State::Logout)
        return pending();
    m_out += "+ idling\r\n";
    m_lineTag = command.tag;
    m_lineMode = LineMode::Idle;
    m_lineBuffer += m_reader.takeUnread();
    m_context.events.add(this);
    return pending();
}

void ImapSession::processLineMode()
{
    auto line = takeLine();
    if (!line)
        return;
    const std::string tag = m_lineTag;
    const LineMode mode = m_lineMode;
    auto finish = [&](const Reply& reply) {
        m_lineMode = LineMode::None;
        m_authUser.clear();
        // Whatever followed is commands again.
        m_reader.feed(m_lineBuffer);
        m_lineBuffer.clear();
        if (m_state != State::Logout)
            answer(tag, reply);
    };
    if (mode == LineMode::Idle) {
        m_context.events.remove(this);
        if (!text::equalsIgnoreCase(*line, "DONE")) {
            finish(bad("Expected DONE to end IDLE."));
            return;
        }
        syncSelected(true);
        finish(ok("Idle completed."));
        return;
    }
    if (*line == "*") {
        finish(bad("Authentication cancelled."));
        return;
    }
    if (mode == LineMode::AuthPlain) {
        auto credentials = decodeSaslPlain(*line);
        finish(credentials ? checkLogin(credentials->user, credentials->password) : bad("Malformed PLAIN response."));
        return;
    }
    auto decoded = decodeSaslBase64(*line);
    if (!decoded) {
        finish(bad("Malformed base64 in the LOGIN exchange."));
        return;
    }
    if (mode == LineMode::AuthLoginUser) {
        m_authUser = *decoded;
        m_lineMode = LineMode::AuthLoginPassword;
        m_out += std::string("+ ") + kSaslLoginPasswordPrompt + "\r\n";
        flush();
        return;
    }
    const std::string user = m_authUser;
    finish(checkLogin(user, *decoded));
}

} // namespace cachet::bridge
