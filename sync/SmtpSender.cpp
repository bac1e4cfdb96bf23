#include "sync/SmtpSender.h"

#include "sync/CertificatePolicy.h"
#include "sync/ProviderError.h"

#include <QHostInfo>
#include <QTcpSocket>

#include <QByteArray>
#include <QSslCertificate>

#include <vmime/net/session.hpp>
#include <vmime/net/timeoutHandler.hpp>
#include <vmime/net/smtp/SMTPExceptions.hpp>
#include <vmime/net/transport.hpp>
#include <vmime/platforms/posix/posixHandler.hpp>
#include <vmime/security/cert/X509Certificate.hpp>
#include <vmime/security/cert/certificateException.hpp>
#include <vmime/security/cert/certificateVerifier.hpp>
#include <vmime/utility/outputStreamAdapter.hpp>
#include <vmime/vmime.hpp>

#include <chrono>
#include <cstring>
#include <mutex>
#include <sstream>
#include <string_view>

namespace cachet::sync {

namespace {

void setUpVmime()
{
    static std::once_flag once;
    std::call_once(once, [] { vmime::platform::setHandler<vmime::platforms::posix::posixHandler>(); });
}

// The account's certificate rule (CertificatePolicy.h) in VMime's terms.
class PinningVerifier : public vmime::security::cert::certificateVerifier {
public:
    explicit PinningVerifier(std::vector<std::string> pins) : m_pins(std::move(pins)) {}

    void verify(vmime::shared_ptr<vmime::security::cert::certificateChain> chain, const vmime::string& host) override
    {
        QList<QSslCertificate> certificates;
        for (std::size_t i = 0; i < chain->getCount(); ++i) {
            auto x509 = vmime::dynamicCast<vmime::security::cert::X509Certificate>(chain->getAt(i));
            if (!x509)
                continue;
            std::ostringstream der;
            vmime::utility::outputStreamAdapter out(der);
            x509->write(out, vmime::security::cert::X509Certificate::FORMAT_DER);
            certificates.append(QSslCertificate(QByteArray::fromStdString(der.str()), QSsl::Der));
        }
        const CertificateCheck check = checkChain(certificates, QString::fromStdString(host), m_pins);
        if (!check.accepted) {
            m_sha256 = check.sha256;
            m_refusal = "the SMTP server's certificate does not verify (" + check.problem
                        + "); its SHA-256 is " + colonSeparated(check.sha256);
            throw vmime::security::cert::certificateException(m_refusal);
        }
    }

    const std::string& refusal() const { return m_refusal; }
    const std::string& sha256() const { return m_sha256; }

private:
    std::vector<std::string> m_pins;
    std::string m_refusal;
    std::string m_sha256;
};

// The message as VMime reads it, noting when the last byte has been taken.
class WatchedInput : public vmime::utility::inputStream {
public:
    WatchedInput(std::string_view data, const std::function<void()>& atEnd) : m_data(data), m_atEnd(atEnd) {}

    bool eof() const override { return m_pos >= m_data.size(); }
    void reset() override { m_pos = 0; }
    std::size_t read(vmime::byte_t* const out, const std::size_t count) override
    {
        const std::size_t n = std::min(count, m_data.size() - m_pos);
        std::memcpy(out, m_data.data() + m_pos, n);
        m_pos += n;
        if (m_pos >= m_data.size() && !m_told) {
            m_told = true;
            if (m_atEnd)
                m_atEnd();
        }
        return n;
    }
    std::size_t skip(const std::size_t count) override
    {
        const std::size_t n = std::min(count, m_data.size() - m_pos);
        m_pos += n;
        return n;
    }

private:
    std::string_view m_data;
    std::function<void()> m_atEnd;
    std::size_t m_pos = 0;
    bool m_told = false;
};

// VMime ends DATA with "\r\n.\r\n" whatever the message ends with, and the
// receiver counts that first CRLF as the end of the last line (RFC 5321
// §4.1.1.4): the message's own last line break is left to it, or every
// message would arrive with an empty line added at its end.
std::string_view withoutLastLineBreak(std::string_view message)
{
    if (message.size() >= 2 && message.substr(message.size() - 2) == "\r\n")
        message.remove_suffix(2);
    else if (!message.empty() && message.back() == '\n')
        message.remove_suffix(1);
    return message;
}

// A provider that stops answering must not hold the sync for ever: VMime asks
// this between reads and gives up after 10 minutes of silence, the longest
// wait RFC 5321 §4.5.3.2 asks of a client (for the reply to the end of DATA).
class SilenceTimeout : public vmime::net::timeoutHandler {
public:
    bool isTimeOut() override { return std::chrono::steady_clock::now() - m_last >= kLimit; }
    void resetTimeOut() override { m_last = std::chrono::steady_clock::now(); }
    bool handleTimeOut() override { return false; }

private:
    static constexpr std::chrono::minutes kLimit{10};
    std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
};

class SilenceTimeoutFactory : public vmime::net::timeoutHandlerFactory {
public:
    vmime::shared_ptr<vmime::net::timeoutHandler> create() override
    {
        return vmime::make_shared<SilenceTimeout>();
    }
};

std::string answered(const vmime::net::smtp::SMTPCommandError& e)
{
    std::string response = e.response();
    while (!response.empty() && (response.back() == '\r' || response.back() == '\n'))
        response.pop_back();
    return "the SMTP server answered " + e.command() + " with: " + response;
}

vmime::shared_ptr<vmime::net::transport> connectedTransport(const store::Account& account,
                                                           const vmime::shared_ptr<PinningVerifier>& verifier)
{
    setUpVmime();
    const store::ServerAddress& server = account.smtp;
    auto session = vmime::net::session::create();
    const bool implicitTls = server.security == store::Security::Tls;
    vmime::utility::url url(implicitTls ? "smtps" : "smtp", server.host, server.port);
    auto transport = session->getTransport(url);
    const bool startTls = server.security == store::Security::StartTls;
    transport->setProperty("connection.tls", startTls);
    transport->setProperty("connection.tls.required", startTls);
    transport->setProperty("options.need-authentication", true);
    transport->setProperty("auth.username", account.username);
    transport->setProperty("auth.password", account.password);
    transport->setCertificateVerifier(verifier);
    transport->setTimeoutHandlerFactory(vmime::make_shared<SilenceTimeoutFactory>());
    transport->connect();
    return transport;
}

} // namespace

void sendMessage(const store::Account& account, const Envelope& envelope, const std::string& message,
                 const std::function<void()>& lastBytesTaken)
{
    auto verifier = vmime::make_shared<PinningVerifier>(account.pins);
    try {
        auto transport = connectedTransport(account, verifier);
        vmime::mailboxList recipients;
        for (const std::string& r : envelope.recipients)
            recipients.appendMailbox(vmime::make_shared<vmime::mailbox>(r));
        const std::string_view data = withoutLastLineBreak(message);
        WatchedInput input(data, lastBytesTaken);
        transport->send(vmime::mailbox(envelope.mailFrom), recipients, input, data.size());
        try {
            transport->disconnect();
        } catch (const vmime::exception&) {
            // The message was accepted; a QUIT that fails changes nothing.
        }
    } catch (const vmime::net::smtp::SMTPCommandError& e) {
        const int code = e.statusCode();
        throw SendFailure(answered(e), code >= 500 && code < 600, true);
    } catch (const vmime::net::smtp::SMTPMessageSizeExceedsMaxLimitsException& e) {
        // VMime's wrapping of a 552 to MAIL or RCPT: not an SMTPCommandError, but
        // as permanent as one (RFC 5321 §4.2.2; VMime's own doc says so too).
        auto* command = dynamic_cast<const vmime::net::smtp::SMTPCommandError*>(e.other());
        throw SendFailure(command ? answered(*command) : std::string("the SMTP server refused the message's size"), true,
                          true);
    } catch (const vmime::security::cert::certificateException& e) {
        throw SendFailure(verifier->refusal().empty() ? std::string(e.what()) : verifier->refusal(), false);
    } catch (const vmime::exceptions::authentication_error& e) {
        throw SendFailure(std::string("the SMTP server refused the login: ") + e.response(), false);
    } catch (const vmime::exception& e) {
        throw SendFailure(std::string("SMTP: ") + e.what() + (e.other() ? std::string(": ") + e.other()->what() : ""),
                          false);
    }
}

void checkSmtpLogin(const store::Account& account)
{
    using Stage = ProviderError::Stage;
    const store::ServerAddress& server = account.smtp;
    const QString host = QString::fromStdString(server.host);
    // VMime's errors do not say which step failed; the first two are checked here.
    const QHostInfo lookup = QHostInfo::fromName(host);
    if (lookup.error() != QHostInfo::NoError || lookup.addresses().isEmpty())
        throw ProviderError(Stage::NameLookup, "cannot find " + server.host + ": " + lookup.errorString().toStdString());
    {
        QTcpSocket probe;
        probe.connectToHost(lookup.addresses().front(), server.port);
        if (!probe.waitForConnected(30000))
            throw ProviderError(Stage::Connect, "cannot connect to " + server.host + " port " + std::to_string(server.port)
                                                    + ": " + probe.errorString().toStdString());
    }
    auto verifier = vmime::make_shared<PinningVerifier>(account.pins);
    try {
        auto transport = connectedTransport(account, verifier);
        transport->disconnect();
    } catch (const vmime::security::cert::certificateException& e) {
        throw ProviderError(Stage::Tls, verifier->refusal().empty() ? std::string(e.what()) : verifier->refusal(),
                            verifier->sha256());
    } catch (const vmime::exceptions::authentication_error& e) {
        throw ProviderError(Stage::Authentication, "the SMTP server refused the login: " + e.response());
    } catch (const vmime::exceptions::tls_exception& e) {
        throw ProviderError(Stage::Tls, std::string("TLS with the SMTP server failed: ") + e.what());
    } catch (const vmime::exception& e) {
        throw ProviderError(Stage::Protocol, std::string("SMTP: ") + e.what()
                                                 + (e.other() ? std::string(": ") + e.other()->what() : ""));
    }
}

} // namespace cachet::sync
