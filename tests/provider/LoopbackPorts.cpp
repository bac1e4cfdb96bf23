#include "provider/LoopbackPorts.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace cachet::test {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

bool loopbackPortAnswers(quint16 port, const QByteArray& greeting)
{
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    if (!probe.waitForConnected(1000))
        return false;
    if (greeting.isEmpty())
        return true;
    while (!probe.canReadLine() && probe.waitForReadyRead(5000)) {
    }
    return probe.readLine().startsWith(greeting);
}

} // namespace cachet::test
