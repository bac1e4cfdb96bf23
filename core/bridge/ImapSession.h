#pragma once
// One IMAP4rev1 session of the bridge (RFC 3501 §3 states, §5.5 pipelining).
// Commands are read by imap::CommandReader and run in order; each handler is
// one member function, defined in the Imap*Commands.cpp file of its group with
// its RFC section and the states it is valid in. Before each command's tagged
// answer the session tells the client what other sessions changed (§7.4.1
// rules on when EXPUNGE may be sent are in allowsExpunge()).

#include "bridge/BridgeContext.h"
#include "bridge/SelectedMailbox.h"
#include "bridge/SessionTransport.h"
#include "imap/CommandReader.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cachet::bridge {

class ImapSession : public ProtocolSession, public IdleWaiter {
public:
    ImapSession(BridgeContext& context, SessionTransport& transport);
    ~ImapSession() override;

    // ProtocolSession
    void start() override;
    void received(std::string_view bytes) override;
    void timedOut() override;
    std::chrono::seconds idleLimit() const override { return m_context.limits.imapIdle; }
    void drained() override;
    bool wantsInput() const override { return !m_fetchJob; }
    // IdleWaiter
    std::int64_t waitingMailbox() const override;
    void wake() override;

    enum class State { NotAuthenticated, Authenticated, Selected, Logout };

private:
    using Args = std::vector<imap::CommandArg>;
    // A command's outcome: the tagged status and its text (with any [CODE]).
    struct Reply {
        enum class Status { Ok, No, Bad, None } status = Status::Ok; // None: the handler answers later (IDLE, AUTHENTICATE)
        std::string text;
    };
    static Reply ok(std::string text) { return {Reply::Status::Ok, std::move(text)}; }
    static Reply no(std::string text) { return {Reply::Status::No, std::move(text)}; }
    static Reply bad(std::string text) { return {Reply::Status::Bad, std::move(text)}; }
    static Reply pending() { return {Reply::Status::None, {}}; }

    struct Handler {
        Reply (ImapSession::*run)(const imap::Command&);
        unsigned states; // bit per State
    };
    static const std::vector<std::pair<std::string, Handler>>& handlers();

    void processInput();
    void runCommand(const imap::Command& command);
    // The updates owed before a tagged answer, then the answer.
    void finishCommand(const std::string& tag, bool allowExpunge, const Reply& reply);
    void answer(const std::string& tag, const Reply& reply);
    void readError();
    void flush();
    void sendBye(const std::string& text);
    void countBad();
    // Untagged updates for the selected mailbox (and BYE if it was deleted).
    void syncSelected(bool allowExpunge);
    // Lines while IDLE or AUTHENTICATE wait for the client (they are no commands).
    void processLineMode();
    std::optional<std::string> takeLine();

    // any state (RFC 3501 §6.1)
    Reply cmdCapability(const imap::Command&);
    Reply cmdNoop(const imap::Command&);
    Reply cmdLogout(const imap::Command&);
    Reply cmdId(const imap::Command&);          // RFC 2971
    // not authenticated (§6.2)
    Reply cmdStartTls(const imap::Command&);
    Reply cmdLogin(const imap::Command&);
    Reply cmdAuthenticate(const imap::Command&); // + RFC 4959 SASL-IR
    // authenticated (§6.3)
    Reply cmdEnable(const imap::Command&);      // RFC 5161
    Reply cmdNamespace(const imap::Command&);   // RFC 2342
    Reply cmdSelect(const imap::Command&);      // SELECT and EXAMINE
    Reply cmdCreate(const imap::Command&);
    Reply cmdDelete(const imap::Command&);
    Reply cmdRename(const imap::Command&);
    Reply cmdSubscribe(const imap::Command&);   // SUBSCRIBE and UNSUBSCRIBE
    Reply cmdList(const imap::Command&);        // LIST and LSUB
    Reply cmdStatus(const imap::Command&);
    Reply cmdAppend(const imap::Command&);      // + RFC 3502 MULTIAPPEND, RFC 4315 APPENDUID
    Reply cmdIdle(const imap::Command&);        // RFC 2177
    // selected (§6.4)
    Reply cmdCheck(const imap::Command&);
    Reply cmdClose(const imap::Command&);       // CLOSE and UNSELECT (RFC 3691)
    Reply cmdExpunge(const imap::Command&);     // + UID EXPUNGE (RFC 4315)
    Reply cmdSearch(const imap::Command&);
    Reply cmdFetch(const imap::Command&);
    Reply cmdStore(const imap::Command&);
    Reply cmdCopy(const imap::Command&);        // COPY and MOVE (RFC 6851)
    Reply cmdUid(const imap::Command&);

    // The command's own parts, for handlers shared by UID and plain forms.
    Reply fetch(const Args& args, std::size_t first, bool byUid);
    // Writes FETCH responses until the job is done (its reply) or the client
    // has much unread (pending(): drained() goes on). ImapFetchCommand.cpp.
    Reply continueFetch();
    Reply storeFlags(const Args& args, std::size_t first, bool byUid);
    Reply search(const Args& args, std::size_t first, bool byUid);
    Reply copyOrMove(const Args& args, std::size_t first, bool byUid, bool move);
    Reply expunge(const std::vector<std::uint32_t>* onlyUids, bool silent);
    // Sequence numbers (1-based) a set names, in order; nullopt if it is no set.
    std::optional<std::vector<std::uint32_t>> resolveSet(const imap::CommandArg& arg, bool byUid);
    // A mailbox name argument decoded from modified UTF-7; nullopt with `error` set.
    std::optional<std::string> mailboxArg(const imap::CommandArg& arg, std::string& error) const;
    std::string capabilities() const;
    bool allowsExpunge(const imap::Command& command) const;
    void loginSucceeded();
    Reply checkLogin(std::string_view user, std::string_view password);

    BridgeContext& m_context;
    SessionTransport& m_transport;
    imap::CommandReader m_reader;
    State m_state = State::NotAuthenticated;
    std::unique_ptr<SelectedMailbox> m_selected;
    bool m_condstore = false; // CONDSTORE enabled (RFC 7162 §3.1)
    int m_badInARow = 0;
    std::string m_out;
    std::string m_commandTag; // of the command being run
    // A FETCH answered in pieces, as fast as the client reads: memory stays
    // bounded whatever the size of what was asked for.
    struct FetchJob;
    std::unique_ptr<FetchJob> m_fetchJob;

    // IDLE and AUTHENTICATE read raw lines until they are done.
    enum class LineMode { None, Idle, AuthPlain, AuthLoginUser, AuthLoginPassword };
    LineMode m_lineMode = LineMode::None;
    std::string m_lineTag;
    std::string m_lineBuffer;
    std::string m_authUser;
    bool m_processing = false; // re-entry guard: received() from inside a handler
};

} // namespace cachet::bridge
