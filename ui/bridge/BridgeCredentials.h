#pragma once
// What a mail program is told to use the bridge: the login, the password, and
// the certificate it is asked to trust. The bridge's private key stays on the
// bridge's thread; only this crosses to the GUI.

#include <QByteArray>
#include <QString>

namespace cachet::ui {

struct BridgeCredentials {
    QString username;
    QString password;
    QByteArray certificatePem;
    QString certificateSha256; // "AB:CD:…", as mail programs show it
};

} // namespace cachet::ui
