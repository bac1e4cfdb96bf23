#pragma once
// A blocking IMAP session for tests through the sync client's grammar
// (core/imap): commands built with ClientCommand, pipelined; responses read
// with one ResponseReader as the network chunks them; and the bytes the server
// sent kept with each exchange, so that tests can read them again in other cuts.

#include "imap/ClientCommand.h"
#include "imap/ResponseReader.h"

#include <QTcpSocket>

#include <string>
#include <string_view>
#include <vector>

namespace cachet::test {

// What the server answered to one or more commands.
struct ImapExchange {
    std::string raw;                        // the bytes, as sent
    std::vector<imap::Response> responses;  // read from them; the last is the last command's tagged one
    std::string failure;                    // why the exchange broke off; empty if it did not

    bool ok() const { return failure.empty(); }
    const imap::Response& tagged() const { return responses.back(); }
    // The untagged data responses called `name` ("FETCH"), in order.
    std::vector<const imap::Response*> data(std::string_view name) const;
    // The first response with the code `code` ("UIDNEXT"), or null.
    const imap::Response* withCode(std::string_view code) const;
};

class ImapClientSession {
public:
    // Connects and reads the greeting into `greeting`.
    bool connectTo(quint16 port, ImapExchange& greeting);

    // Sends the commands at once (pipelined) and reads until each one's tagged
    // response. Only the last may hold synchronising literals: its next piece
    // goes when the server answers "+".
    ImapExchange run(std::vector<imap::ClientCommand> commands);
    ImapExchange run(imap::ClientCommand command);

private:
    void write(const std::string& bytes);
    bool readResponse(ImapExchange& ex, imap::Response& out);

    QTcpSocket m_socket;
    imap::ResponseReader m_reader;
    std::string m_unread;  // fed to the reader and not yet part of a response
};

// The responses in `raw` when fed to a new reader `chunk` bytes at a time;
// empty if the reader refuses any.
std::vector<imap::Response> readResponses(std::string_view raw, std::size_t chunk);

} // namespace cachet::test
