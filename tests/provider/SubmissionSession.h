#pragma once
// One client of the SMTP submission gateway (SubmissionGateway), with its own
// session on OpenSMTPD's plain port behind it. Until the client has logged in,
// the gateway answers STARTTLS and AUTH itself and passes EHLO on (adding those
// two to the answer); everything else waits for AUTH. From the login on it
// copies bytes both ways, so MAIL, RCPT, DATA and their answers are
// OpenSMTPD's own.

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QSslConfiguration>
#include <QString>

class QSslSocket;
class QTcpSocket;

namespace cachet::test {

struct SubmissionSettings {
    quint16 backendPort = 0;              // OpenSMTPD's plain listener on 127.0.0.1
    QSslConfiguration tls;                // certificate and key of the gateway
    QHash<QString, QString> passwords;    // login (an address) -> password
};

class SubmissionSession : public QObject {
    Q_OBJECT
public:
    // Takes `client` over; with `implicitTls` the handshake comes before the greeting.
    SubmissionSession(QSslSocket* client, bool implicitTls, const SubmissionSettings& settings, QObject* parent);

signals:
    void finished();

private:
    enum class State { Greeting, Commands, WaitingForBackend, AuthPlain, AuthLoginUser, AuthLoginPassword, Handshake, Relaying, Closed };
    enum class Awaited { Greeting, Ehlo, Helo };

    void clientReadable();
    void backendReadable();
    void greetIfReady();
    void processCommands();
    void command(const QByteArray& line);
    void authenticate(const QByteArray& mechanism, const QByteArray& initial);
    void authAnswer(const QByteArray& line);
    void login(const QString& user, const QString& password);
    void backendReply(const QByteArray& reply);
    QByteArray withOurExtensions(const QByteArray& ehloReply) const;
    void reply(const QByteArray& line);
    void forwardBuffered();
    void close();
    void finish();

    QSslSocket* m_client;
    QTcpSocket* m_backend;
    const SubmissionSettings& m_settings;
    State m_state = State::Greeting;
    Awaited m_awaited = Awaited::Greeting;
    QByteArray m_fromClient;
    QByteArray m_fromBackend;
    QByteArray m_backendGreeting;
    QByteArray m_backendHello; // OpenSMTPD's answer to the session's EHLO or HELO
    QString m_loginUser;
    bool m_clientReady; // false until an implicit-TLS handshake is done
    bool m_ehloDone = false;
    bool m_finished = false;
};

} // namespace cachet::test
