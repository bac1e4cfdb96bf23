#include "support/ImapClientSession.h"

#include <QHostAddress>

#include <set>

namespace cachet::test {

using imap::ClientCommand;
using imap::Response;
using imap::ResponseReader;

namespace {
constexpr int kTimeoutMs = 30000;
}

std::vector<const Response*> ImapExchange::data(std::string_view name) const
{
    std::vector<const Response*> out;
    for (const Response& r : responses) {
        if (r.isData(name))
            out.push_back(&r);
    }
    return out;
}

const Response* ImapExchange::withCode(std::string_view code) const
{
    for (const Response& r : responses) {
        if (r.hasCode(code))
            return &r;
    }
    return nullptr;
}

bool ImapClientSession::connectTo(quint16 port, ImapExchange& greeting)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    if (!m_socket.waitForConnected(kTimeoutMs))
        return false;
    Response response;
    if (!readResponse(greeting, response))
        return false;
    greeting.responses.push_back(std::move(response));
    return true;
}

ImapExchange ImapClientSession::run(std::vector<ClientCommand> commands)
{
    ImapExchange ex;
    std::set<std::string> waiting;
    std::vector<std::string> lastPieces;
    for (std::size_t i = 0; i < commands.size(); ++i) {
        waiting.insert(commands[i].tag());
        std::vector<std::string> pieces = commands[i].takePieces();
        write(pieces.front());
        if (i + 1 == commands.size())
            lastPieces = std::move(pieces);
        else if (pieces.size() > 1)
            ex.failure = "a synchronising literal in a pipelined command that is not the last";
    }
    std::size_t nextPiece = 1;
    while (ex.ok() && !waiting.empty()) {
        Response response;
        if (!readResponse(ex, response))
            break;
        if (response.kind == Response::Kind::Continuation) {
            if (nextPiece >= lastPieces.size())
                ex.failure = "a continuation request nothing waits for";
            else
                write(lastPieces[nextPiece++]);
        } else if (response.kind == Response::Kind::Tagged) {
            waiting.erase(response.tag);
        }
        ex.responses.push_back(std::move(response));
    }
    return ex;
}

ImapExchange ImapClientSession::run(ClientCommand command)
{
    std::vector<ClientCommand> one;
    one.push_back(std::move(command));
    return run(std::move(one));
}

void ImapClientSession::write(const std::string& bytes)
{
    m_socket.write(bytes.data(), static_cast<qint64>(bytes.size()));
    m_socket.flush();
}

// The next response, feeding the reader what the socket has; the bytes it took
// are added to ex.raw.
bool ImapClientSession::readResponse(ImapExchange& ex, Response& out)
{
    for (;;) {
        const ResponseReader::Status status = m_reader.next();
        if (status == ResponseReader::Status::Response) {
            out = m_reader.takeResponse();
            const std::size_t consumed = m_unread.size() - m_reader.buffered();
            ex.raw.append(m_unread, 0, consumed);
            m_unread.erase(0, consumed);
            return true;
        }
        if (status == ResponseReader::Status::Error) {
            ex.failure = "the reader refused a response: " + m_reader.errorText();
            return false;
        }
        if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(kTimeoutMs)) {
            ex.failure = "no answer from the server";
            return false;
        }
        const QByteArray chunk = m_socket.readAll();
        m_unread.append(chunk.constData(), static_cast<std::size_t>(chunk.size()));
        m_reader.feed(std::string_view(chunk.constData(), static_cast<std::size_t>(chunk.size())));
    }
}

std::vector<Response> readResponses(std::string_view raw, std::size_t chunk)
{
    ResponseReader reader;
    std::vector<Response> out;
    for (std::size_t pos = 0; pos < raw.size(); pos += chunk) {
        reader.feed(raw.substr(pos, chunk));
        for (ResponseReader::Status s; (s = reader.next()) != ResponseReader::Status::NeedMore;) {
            if (s == ResponseReader::Status::Error)
                return {};
            out.push_back(reader.takeResponse());
        }
    }
    return out;
}

} // namespace cachet::test
