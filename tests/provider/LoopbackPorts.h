#pragma once
// Picking and probing the 127.0.0.1 ports the test servers listen on.

#include <QByteArray>
#include <QtGlobal>

namespace cachet::test {

// A TCP port on 127.0.0.1 that nothing listens on right now.
quint16 freeLoopbackPort();
// True if `port` on 127.0.0.1 accepts a connection and, when `greeting` is not
// empty, the first line it sends starts with it.
bool loopbackPortAnswers(quint16 port, const QByteArray& greeting = {});

} // namespace cachet::test
