#include "bridge/ImapSession.h"
#include "bridge/ImapFetchJob.h"

#include "text/AsciiText.h"

namespace cachet::bridge {

namespace {
constexpr unsigned bit(ImapSession::State s) { return 1u << static_cast<unsigned>(s); }
constexpr unsigned kAny = bit(ImapSession::State::NotAuthenticated) | bit(ImapSession::State::Authenticated)
    | bit(ImapSession::State::Selected);
constexpr unsigned kNotAuth = bit(ImapSession::State::NotAuthenticated);
constexpr unsigned kAuth = bit(ImapSession::State::Authenticated) | bit(ImapSession::State::Selected);
constexpr unsigned kSelected = bit(ImapSession::State::Selected);
} // namespace

const std::vector<std::pair<std::string, ImapSession::Handler>>& ImapSession::handlers()
{
    static const std::vector<std::pair<std::string, Handler>> table = {
        {"CAPABILITY", {&ImapSession::cmdCapability, kAny}},
        {"NOOP", {&ImapSession::cmdNoop, kAny}},
        {"LOGOUT", {&ImapSession::cmdLogout, kAny}},
        {"ID", {&ImapSession::cmdId, kAny}},
        {"STARTTLS", {&ImapSession::cmdStartTls, kNotAuth}},
        {"LOGIN", {&ImapSession::cmdLogin, kNotAuth}},
        {"AUTHENTICATE", {&ImapSession::cmdAuthenticate, kNotAuth}},
        {"ENABLE", {&ImapSession::cmdEnable, kAuth}},
        {"NAMESPACE", {&ImapSession::cmdNamespace, kAuth}},
        {"SELECT", {&ImapSession::cmdSelect, kAuth}},
        {"EXAMINE", {&ImapSession::cmdSelect, kAuth}},
        {"CREATE", {&ImapSession::cmdCreate, kAuth}},
        {"DELETE", {&ImapSession::cmdDelete, kAuth}},
        {"RENAME", {&ImapSession::cmdRename, kAuth}},
        {"SUBSCRIBE", {&ImapSession::cmdSubscribe, kAuth}},
        {"UNSUBSCRIBE", {&ImapSession::cmdSubscribe, kAuth}},
        {"LIST", {&ImapSession::cmdList, kAuth}},
        {"LSUB", {&ImapSession::cmdList, kAuth}},
        {"STATUS", {&ImapSession::cmdStatus, kAuth}},
        {"APPEND", {&ImapSession::cmdAppend, kAuth}},
        {"IDLE", {&ImapSession::cmdIdle, kAuth}},
        {"CHECK", {&ImapSession::cmdCheck, kSelected}},
        {"CLOSE", {&ImapSession::cmdClose, kSelected}},
        {"UNSELECT", {&ImapSession::cmdClose, kSelected}},
        {"EXPUNGE", {&ImapSession::cmdExpunge, kSelected}},
        {"SEARCH", {&ImapSession::cmdSearch, kSelected}},
        {"FETCH", {&ImapSession::cmdFetch, kSelected}},
        {"STORE", {&ImapSession::cmdStore, kSelected}},
        {"COPY", {&ImapSession::cmdCopy, kSelected}},
        {"MOVE", {&ImapSession::cmdCopy, kSelected}},
        {"UID", {&ImapSession::cmdUid, kSelected}},
    };
    return table;
}

ImapSession::ImapSession(BridgeContext& context, SessionTransport& transport)
    : m_context(context), m_transport(transport), m_reader(context.limits.imap)
{
}

ImapSession::~ImapSession()
{
    m_context.events.remove(this);
}

std::string ImapSession::capabilities() const
{
    std::string caps = "IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE UNSELECT UIDPLUS MOVE CHILDREN"
                       " SPECIAL-USE CREATE-SPECIAL-USE CONDSTORE MULTIAPPEND APPENDLIMIT="
        + std::to_string(m_context.limits.imap.maxLiteralBytes);
    if (m_state == State::NotAuthenticated) {
        if (!m_transport.isEncrypted())
            caps += " STARTTLS";
        // Plain-text logins are allowed before STARTTLS: the bridge listens on
        // loopback only, where nothing can be overheard that the user's own
        // account could not read anyway, and older clients (and Proton Mail
        // Bridge's users) rely on it. So no LOGINDISABLED (see docs/bridge.md).
        caps += " AUTH=PLAIN AUTH=LOGIN";
    }
    return caps;
}

void ImapSession::start()
{
    m_out += "* OK [CAPABILITY " + capabilities() + "] Cachet bridge ready.\r\n";
    flush();
}

void ImapSession::received(std::string_view bytes)
{
    if (m_state == State::Logout)
        return;
    if (m_lineMode != LineMode::None) {
        m_lineBuffer.append(bytes);
    } else {
        m_reader.feed(bytes);
    }
    processInput();
}

void ImapSession::processInput()
{
    if (m_processing)
        return;
    m_processing = true;
    while (m_state != State::Logout && !m_fetchJob) {
        if (m_lineMode != LineMode::None) {
            processLineMode();
            if (m_lineMode != LineMode::None)
                break;
            continue;
        }
        const imap::CommandReader::Status status = m_reader.next();
        if (status == imap::CommandReader::Status::NeedMore)
            break;
        if (status == imap::CommandReader::Status::Continuation) {
            m_out += "+ Ready for literal data\r\n";
            flush();
            continue;
        }
        if (status == imap::CommandReader::Status::Error) {
            readError();
            continue;
        }
        runCommand(m_reader.command());
        // Large responses go out as they are made, not all at the end of a pipeline.
        if (m_out.size() > 64 * 1024)
            flush();
    }
    flush();
    m_processing = false;
}

void ImapSession::readError()
{
    const std::string tag = m_reader.errorTag().empty() ? "*" : m_reader.errorTag();
    if (m_reader.error() == imap::ReadError::LiteralTooLarge) {
        m_out += tag + " NO [TOOBIG] " + m_reader.errorText() + "\r\n";
        return;
    }
    m_out += tag + " BAD " + m_reader.errorText() + "\r\n";
    countBad();
}

void ImapSession::countBad()
{
    if (++m_badInARow >= m_context.limits.maxBadCommandsInARow)
        sendBye("Too many invalid commands in a row.");
}

void ImapSession::sendBye(const std::string& text)
{
    m_out += "* BYE " + text + "\r\n";
    flush();
    m_state = State::Logout;
    m_context.events.remove(this);
    m_transport.close();
}

void ImapSession::timedOut()
{
    if (m_state != State::Logout)
        sendBye("Disconnected for inactivity.");
}

void ImapSession::flush()
{
    if (m_out.empty())
        return;
    m_transport.send(m_out);
    m_out.clear();
}

bool ImapSession::allowsExpunge(const imap::Command& command) const
{
    // RFC 3501 §7.4.1: no EXPUNGE while answering FETCH, STORE or SEARCH, whose
    // sequence numbers the client may still be using; the UID forms are fine.
    return command.name != "FETCH" && command.name != "STORE" && command.name != "SEARCH";
}

void ImapSession::syncSelected(bool allowExpunge)
{
    if (!m_selected)
        return;
    if (m_selected->sync(m_out, allowExpunge, m_condstore) == SelectedMailbox::SyncResult::MailboxGone)
        sendBye("The selected mailbox was deleted by another client.");
}

void ImapSession::runCommand(const imap::Command& command)
{
    const auto& table = handlers();
    auto it = std::find_if(table.begin(), table.end(), [&](const auto& h) { return h.first == command.name; });
    if (it == table.end()) {
        answer(command.tag, bad("Unknown command " + command.name.substr(0, 40) + "."));
        return;
    }
    if (!(it->second.states & bit(m_state))) {
        const char* why = m_state == State::NotAuthenticated ? "log in first"
                          : (it->second.states == kNotAuth) ? "already logged in"
                                                           : "select a mailbox first";
        answer(command.tag, bad(command.name + " is not allowed now: " + why + "."));
        return;
    }
    Reply reply;
    m_commandTag = command.tag;
    try {
        reply = (this->*(it->second.run))(command);
    } catch (const std::exception& e) {
        // A store error (disk full, corruption) fails this command, not the bridge.
        m_fetchJob.reset();
        reply = no(std::string("[SERVERBUG] ") + e.what());
    }
    if (reply.status == Reply::Status::None || m_state == State::Logout)
        return;
    finishCommand(command.tag, allowsExpunge(command), reply);
}

void ImapSession::finishCommand(const std::string& tag, bool allowExpunge, const Reply& reply)
{
    if (m_state == State::Selected && reply.status != Reply::Status::Bad)
        syncSelected(allowExpunge);
    if (m_state != State::Logout)
        answer(tag, reply);
}

void ImapSession::answer(const std::string& tag, const Reply& reply)
{
    static const char* names[] = {"OK", "NO", "BAD"};
    m_out += tag + ' ' + names[static_cast<int>(reply.status)] + ' ' + reply.text + "\r\n";
    if (reply.status == Reply::Status::Bad) {
        countBad();
    } else {
        m_badInARow = 0;
    }
}

std::optional<std::string> ImapSession::takeLine()
{
    const std::size_t newline = m_lineBuffer.find('\n');
    if (newline == std::string::npos) {
        if (m_lineBuffer.size() > m_context.limits.imap.maxLineBytes)
            sendBye("Line too long.");
        return std::nullopt;
    }
    std::string line = m_lineBuffer.substr(0, newline);
    m_lineBuffer.erase(0, newline + 1);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
}

std::int64_t ImapSession::waitingMailbox() const
{
    return m_lineMode == LineMode::Idle && m_selected ? m_selected->id() : 0;
}

void ImapSession::wake()
{
    if (m_lineMode != LineMode::Idle || m_state == State::Logout)
        return;
    try {
        syncSelected(true);
    } catch (const std::exception&) {
        // The store is busy or failing: try again at the next wake-up.
    }
    flush();
}

} // namespace cachet::bridge
