#include "bridge/SmtpSession.h"

#include "bridge/SaslMessages.h"
#include "crypto/OutgoingSubmission.h"
#include "mime/MimeParser.h"
#include "text/AsciiText.h"

#include <algorithm>
#include <charconv>

namespace cachet::bridge {

namespace {

// "FROM:<a@b> SIZE=10" -> the path and the parameters after it; nullopt if the
// keyword or the angle brackets are missing (RFC 5321 §4.1.1.2).
struct PathArgument {
    std::string address;
    std::vector<std::string> parameters;
};

std::optional<PathArgument> parsePath(const std::string& args, std::string_view keyword)
{
    if (args.size() < keyword.size() || !text::equalsIgnoreCase(std::string_view(args).substr(0, keyword.size()), keyword))
        return std::nullopt;
    std::string_view rest = std::string_view(args).substr(keyword.size());
    while (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1); // a space after the colon is common, though not in the grammar
    if (rest.empty() || rest.front() != '<')
        return std::nullopt;
    const std::size_t close = rest.find('>');
    if (close == std::string_view::npos)
        return std::nullopt;
    PathArgument out;
    out.address = std::string(rest.substr(1, close - 1));
    // A source route "@a,@b:user@host" is accepted and ignored (RFC 5321 §4.1.2).
    if (const std::size_t colon = out.address.find(':'); !out.address.empty() && out.address[0] == '@' && colon != std::string::npos)
        out.address.erase(0, colon + 1);
    std::string_view params = rest.substr(close + 1);
    while (!params.empty()) {
        while (!params.empty() && params.front() == ' ')
            params.remove_prefix(1);
        const std::size_t end = params.find(' ');
        if (!params.empty())
            out.parameters.emplace_back(params.substr(0, end));
        params = end == std::string_view::npos ? std::string_view() : params.substr(end);
    }
    return out;
}

bool isMailbox(std::string_view address)
{
    const std::size_t at = address.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= address.size() || address.size() > 254)
        return false;
    return std::none_of(address.begin(), address.end(), [](char c) {
        return static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == ',' || c == 0x7f;
    });
}

std::string listed(const std::vector<std::string>& addresses)
{
    constexpr std::size_t kShown = 10; // an SMTP reply line stays short (RFC 5321 §4.5.3.1.5)
    std::string out;
    for (std::size_t i = 0; i < addresses.size() && i < kShown; ++i)
        out += (i ? ", <" : "<") + addresses[i].substr(0, 200) + ">";
    if (addresses.size() > kShown)
        out += " and " + std::to_string(addresses.size() - kShown) + " more";
    return out;
}

// The SMTP reply for a message the outgoing pipeline refused: 550 when
// encryption is required and impossible, 451 (try later) when gpg or the store failed.
std::string refusalReply(const crypto::ProtectedSubmission& s)
{
    using Refusal = crypto::ProtectedSubmission::Refusal;
    switch (s.refusal) {
    case Refusal::NoOwnKey:
        return "550 5.7.1 Encryption is required, but this profile has no OpenPGP key to send with; nothing was queued.";
    case Refusal::NoKeyForRecipients:
        return "550 5.7.1 Encryption is required, but there is no key for " + listed(s.keyless)
            + "; nothing was queued.";
    case Refusal::CryptoFailed:
        return "451 4.7.0 The message could not be signed or encrypted (" + s.detail + "); nothing was queued.";
    default:
        return "451 4.3.0 The message could not be prepared for sending (" + s.detail + "); nothing was queued.";
    }
}

} // namespace

SmtpSession::SmtpSession(BridgeContext& context, SessionTransport& transport) : m_context(context), m_transport(transport)
{
}

void SmtpSession::start()
{
    reply("220 localhost ESMTP Cachet bridge ready");
}

void SmtpSession::reply(const std::string& text)
{
    m_out += text + "\r\n";
    m_errorsInARow = 0;
    if (!m_processing) {
        m_transport.send(m_out);
        m_out.clear();
    }
}

void SmtpSession::error(const std::string& text)
{
    reply(text);
    if (++m_errorsInARow >= m_context.limits.maxBadCommandsInARow)
        closeWith("421 4.7.0 Too many errors in a row; closing the connection.");
}

void SmtpSession::closeWith(const std::string& text)
{
    m_out += text + "\r\n";
    m_transport.send(m_out);
    m_out.clear();
    m_closed = true;
    m_transport.close();
}

void SmtpSession::timedOut()
{
    if (!m_closed)
        closeWith("421 4.4.2 Idle for too long; closing the connection.");
}

void SmtpSession::received(std::string_view bytes)
{
    if (m_closed)
        return;
    m_input.append(bytes);
    process();
}

void SmtpSession::process()
{
    m_processing = true;
    // PIPELINING: every complete line is handled in order, the replies sent together.
    while (!m_closed) {
        const std::size_t newline = m_input.find('\n');
        if (newline == std::string::npos) {
            const std::size_t limit = m_inData ? m_context.limits.maxMessageBytes + kMaxLineBytes : kMaxLineBytes;
            if (m_input.size() > limit) {
                if (m_inData) {
                    // One enormous data line: count it, keep none of it.
                    m_dataTooBig = true;
                    m_input.clear();
                } else {
                    m_input.clear();
                    m_skippingLongLine = true;
                }
            }
            break;
        }
        std::string line = m_input.substr(0, newline + 1);
        m_input.erase(0, newline + 1);
        if (m_inData) {
            dataLine(line);
            continue;
        }
        if (m_skippingLongLine) {
            m_skippingLongLine = false;
            error("500 5.5.2 Line too long.");
            continue;
        }
        if (line.size() > kMaxLineBytes) {
            error("500 5.5.2 Line too long.");
            continue;
        }
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.pop_back();
        if (m_auth != Auth::None)
            authStep(line);
        else
            command(line);
    }
    m_processing = false;
    if (!m_out.empty() && !m_closed) {
        m_transport.send(m_out);
        m_out.clear();
    }
}

void SmtpSession::command(const std::string& line)
{
    const std::size_t space = line.find(' ');
    const std::string verb = text::asciiUpper(line.substr(0, space));
    const std::string args = space == std::string::npos ? std::string() : line.substr(space + 1);
    if (verb == "EHLO" || verb == "HELO") return cmdEhlo(args, verb == "EHLO");
    if (verb == "AUTH") return cmdAuth(args);
    if (verb == "MAIL") return cmdMail(args);
    if (verb == "RCPT") return cmdRcpt(args);
    if (verb == "DATA") return cmdData(args);
    if (verb == "STARTTLS") return cmdStartTls(args);
    if (verb == "RSET") {
        resetTransaction();
        return reply("250 2.0.0 Reset.");
    }
    if (verb == "NOOP")
        return reply("250 2.0.0 OK.");
    if (verb == "QUIT")
        return closeWith("221 2.0.0 Bye.");
    if (verb == "VRFY")
        return reply("252 2.5.0 Cannot verify; send the message and it will be tried.");
    if (verb == "HELP")
        return reply("214 2.0.0 Cachet bridge: EHLO, AUTH, MAIL, RCPT, DATA, RSET, NOOP, QUIT, STARTTLS.");
    error("500 5.5.1 Unknown command.");
}

void SmtpSession::resetTransaction()
{
    m_mailFrom.reset();
    m_recipients.clear();
    m_data.clear();
    m_dataTooBig = false;
}

void SmtpSession::cmdEhlo(const std::string& args, bool extended)
{
    if (args.empty())
        return error("501 5.5.4 " + std::string(extended ? "EHLO" : "HELO") + " needs a domain or address.");
    resetTransaction();
    m_greeted = true;
    if (!extended)
        return reply("250 localhost");
    std::string lines = "250-localhost\r\n250-SIZE " + std::to_string(m_context.limits.maxMessageBytes)
        + "\r\n250-8BITMIME\r\n250-PIPELINING\r\n250-ENHANCEDSTATUSCODES\r\n";
    if (!m_transport.isEncrypted())
        lines += "250-STARTTLS\r\n";
    // As for IMAP, AUTH before STARTTLS is allowed: loopback only (docs/bridge.md).
    if (!m_authenticated)
        lines += "250-AUTH PLAIN LOGIN\r\n";
    lines += "250 HELP";
    reply(lines);
}

void SmtpSession::cmdStartTls(const std::string& args)
{
    if (!args.empty())
        return error("501 5.5.4 STARTTLS takes no arguments.");
    if (m_transport.isEncrypted())
        return error("503 5.5.1 TLS is already active.");
    m_out += "220 2.0.0 Ready to start TLS\r\n";
    m_transport.send(m_out);
    m_out.clear();
    // Anything pipelined after STARTTLS came in the clear: drop it (RFC 3207 §4.2),
    // and forget the EHLO: the client must say it again over TLS.
    m_input.clear();
    m_greeted = false;
    resetTransaction();
    m_transport.startTls();
}

void SmtpSession::cmdAuth(const std::string& args)
{
    if (m_authenticated)
        return error("503 5.5.1 Already authenticated.");
    if (m_mailFrom)
        return error("503 5.5.1 AUTH is not allowed during a mail transaction.");
    const std::size_t space = args.find(' ');
    const std::string mechanism = text::asciiUpper(args.substr(0, space));
    const std::string initial = space == std::string::npos ? std::string() : args.substr(space + 1);
    if (mechanism == "PLAIN") {
        if (initial.empty()) {
            m_auth = Auth::PlainResponse;
            return reply("334 ");
        }
        auto credentials = decodeSaslPlain(initial == "=" ? std::string_view() : std::string_view(initial));
        if (!credentials)
            return error("501 5.5.2 Malformed PLAIN response.");
        return authenticate(credentials->user, credentials->password);
    }
    if (mechanism == "LOGIN") {
        if (!initial.empty()) {
            auto user = decodeSaslBase64(initial);
            if (!user)
                return error("501 5.5.2 Malformed LOGIN response.");
            m_authUser = *user;
            m_auth = Auth::LoginPassword;
            return reply(std::string("334 ") + kSaslLoginPasswordPrompt);
        }
        m_auth = Auth::LoginUser;
        return reply(std::string("334 ") + kSaslLoginUserPrompt);
    }
    error("504 5.5.4 Unsupported mechanism: use PLAIN or LOGIN.");
}

void SmtpSession::authStep(const std::string& line)
{
    const Auth step = m_auth;
    m_auth = Auth::None;
    if (line == "*")
        return error("501 5.0.0 Authentication cancelled.");
    if (step == Auth::PlainResponse) {
        auto credentials = decodeSaslPlain(line);
        if (!credentials)
            return error("501 5.5.2 Malformed PLAIN response.");
        return authenticate(credentials->user, credentials->password);
    }
    auto decoded = decodeSaslBase64(line);
    if (!decoded)
        return error("501 5.5.2 Malformed LOGIN response.");
    if (step == Auth::LoginUser) {
        m_authUser = *decoded;
        m_auth = Auth::LoginPassword;
        return reply(std::string("334 ") + kSaslLoginPasswordPrompt);
    }
    const std::string user = std::move(m_authUser);
    m_authUser.clear();
    authenticate(user, *decoded);
}

void SmtpSession::authenticate(std::string_view user, std::string_view password)
{
    switch (m_context.authenticator.attempt(m_transport.peerAddress(), user, password)) {
    case Authenticator::Result::Accepted:
        m_authenticated = true;
        return reply("235 2.7.0 Authentication successful.");
    case Authenticator::Result::LockedOut:
        return error("454 4.7.0 Too many failed logins: try again in a minute.");
    case Authenticator::Result::Refused:
        break;
    }
    error("535 5.7.8 Wrong username or bridge password (cachet-cli bridge shows them).");
}

void SmtpSession::cmdMail(const std::string& args)
{
    if (!m_authenticated)
        return error("530 5.7.0 Authentication required.");
    if (m_mailFrom)
        return error("503 5.5.1 A mail transaction is already open (RSET first).");
    auto path = parsePath(args, "FROM:");
    if (!path)
        return error("501 5.5.4 Syntax: MAIL FROM:<address>.");
    for (const std::string& p : path->parameters) {
        const std::string upper = text::asciiUpper(p);
        if (upper.rfind("SIZE=", 0) == 0) {
            std::uint64_t size = 0;
            auto [end, ec] = std::from_chars(p.data() + 5, p.data() + p.size(), size);
            if (ec != std::errc() || end != p.data() + p.size())
                return error("501 5.5.4 Bad SIZE parameter.");
            if (size > m_context.limits.maxMessageBytes)
                return error("552 5.3.4 The message is larger than " + std::to_string(m_context.limits.maxMessageBytes)
                             + " bytes.");
        } else if (upper != "BODY=8BITMIME" && upper != "BODY=7BIT" && upper.rfind("AUTH=", 0) != 0) {
            return error("555 5.5.4 Unsupported parameter " + p.substr(0, 40) + ".");
        }
    }
    const auto& allowed = m_context.identity.addresses;
    const bool mine = std::any_of(allowed.begin(), allowed.end(),
                                  [&](const std::string& a) { return text::equalsIgnoreCase(a, path->address); });
    if (!mine)
        return error("553 5.7.1 Sender <" + path->address.substr(0, 200) + "> is not an address of this profile; use <"
                     + m_context.identity.username + ">.");
    m_mailFrom = path->address;
    reply("250 2.1.0 Sender OK.");
}

void SmtpSession::cmdRcpt(const std::string& args)
{
    if (!m_mailFrom)
        return error("503 5.5.1 MAIL FROM first.");
    auto path = parsePath(args, "TO:");
    if (!path || !path->parameters.empty())
        return error("501 5.5.4 Syntax: RCPT TO:<address>.");
    if (!isMailbox(path->address))
        return error("553 5.1.3 <" + path->address.substr(0, 200) + "> is not a valid address.");
    if (m_recipients.size() >= kMaxRecipients)
        return error("452 4.5.3 Too many recipients; send the rest in another message.");
    m_recipients.push_back(path->address);
    reply("250 2.1.5 Recipient OK.");
}

void SmtpSession::cmdData(const std::string& args)
{
    if (!args.empty())
        return error("501 5.5.4 DATA takes no arguments.");
    if (!m_mailFrom)
        return error("503 5.5.1 MAIL FROM first.");
    if (m_recipients.empty())
        return error("554 5.5.1 No valid recipients.");
    m_inData = true;
    m_data.clear();
    m_dataTooBig = false;
    reply("354 End data with <CR><LF>.<CR><LF>");
}

void SmtpSession::dataLine(std::string_view line)
{
    // Only CRLF "." CRLF ends the data (RFC 5321 §4.1.1.4); a bare-LF dot line
    // is data, so no second message can be smuggled in after it.
    if (line == ".\r\n") {
        m_inData = false;
        finishData();
        return;
    }
    if (!line.empty() && line.front() == '.')
        line.remove_prefix(1); // transparency (§4.5.2)
    if (m_dataTooBig || m_data.size() + line.size() > m_context.limits.maxMessageBytes) {
        m_dataTooBig = true;
        m_data.clear();
        return;
    }
    m_data.append(line);
}

void SmtpSession::finishData()
{
    if (m_dataTooBig) {
        resetTransaction();
        return error("552 5.3.4 The message is larger than " + std::to_string(m_context.limits.maxMessageBytes)
                     + " bytes.");
    }
    if (auto reason = mime::notAMessageReason(m_data)) {
        resetTransaction();
        return error("554 5.6.0 Not a message: " + *reason + ".");
    }
    // Signed, and encrypted where it can or must be, before anything is stored:
    // the outbox and the Sent copy hold only what goes out. (gpg blocks this
    // thread meanwhile: see crypto/OutgoingSubmission.h.)
    store::Database& db = m_context.store.db();
    const crypto::ProtectedSubmission submission
        = crypto::protectSubmission(db, m_context.keyring, m_data, *m_mailFrom, m_recipients);
    if (!submission.accepted()) {
        resetTransaction();
        return error(refusalReply(submission));
    }
    try {
        const std::int64_t queued = crypto::queueSubmission(db, submission.bytes, *m_mailFrom, m_recipients);
        m_context.events.committedLocally();
        resetTransaction();
        reply("250 2.0.0 Queued as " + std::to_string(queued) + (submission.note.empty() ? "" : ", " + submission.note)
              + ".");
    } catch (const std::exception& e) {
        resetTransaction();
        error(std::string("451 4.3.0 The message could not be stored: ") + e.what());
    }
}

} // namespace cachet::bridge
