#pragma once
// One SMTP submission session of the bridge (RFC 6409 over RFC 5321): EHLO,
// AUTH PLAIN/LOGIN (RFC 4954), STARTTLS (RFC 3207), SIZE (RFC 1870), 8BITMIME
// (RFC 6152), PIPELINING (RFC 2920) and enhanced status codes (RFC 3463). A
// message is committed to the store's outbox before 250 is answered.

#include "bridge/BridgeContext.h"
#include "bridge/SessionTransport.h"

#include <optional>
#include <string>
#include <vector>

namespace cachet::bridge {

class SmtpSession : public ProtocolSession {
public:
    SmtpSession(BridgeContext& context, SessionTransport& transport);

    void start() override;
    void received(std::string_view bytes) override;
    void timedOut() override;
    std::chrono::seconds idleLimit() const override { return m_context.limits.smtpIdle; }

    // RFC 5321 §4.5.3.1.4 asks for 512; long AUTH responses and parameters need more.
    static constexpr std::size_t kMaxLineBytes = 4096;
    static constexpr std::size_t kMaxRecipients = 100;

private:
    void process();
    void command(const std::string& line);
    void dataLine(std::string_view line); // with its CRLF
    void finishData();
    void authStep(const std::string& line);
    void authenticate(std::string_view user, std::string_view password);
    void reply(const std::string& text);
    void error(const std::string& text);
    void resetTransaction();
    void closeWith(const std::string& text);

    void cmdEhlo(const std::string& args, bool extended);
    void cmdAuth(const std::string& args);
    void cmdMail(const std::string& args);
    void cmdRcpt(const std::string& args);
    void cmdData(const std::string& args);
    void cmdStartTls(const std::string& args);

    BridgeContext& m_context;
    SessionTransport& m_transport;
    std::string m_input;
    std::string m_out;
    bool m_closed = false;
    bool m_processing = false;
    bool m_greeted = false;
    bool m_authenticated = false;
    bool m_skippingLongLine = false;
    int m_errorsInARow = 0;

    enum class Auth { None, PlainResponse, LoginUser, LoginPassword } m_auth = Auth::None;
    std::string m_authUser;

    std::optional<std::string> m_mailFrom;
    std::vector<std::string> m_recipients;
    bool m_inData = false;
    std::string m_data;
    bool m_dataTooBig = false;
};

} // namespace cachet::bridge
