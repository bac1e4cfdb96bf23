#pragma once
// The bridge (ARCHITECTURE.md, "The bridge"): IMAP and SMTP submission on
// loopback, each on a STARTTLS port and an implicit-TLS port, over one store.
// Everything runs on the thread that owns this object, with its event loop.

#include "bridge/BridgeContext.h"
#include "bridge/BridgeListener.h"

#include <QObject>

#include <memory>
#include <string>

namespace cachet::bridge {

struct BridgePorts {
    quint16 imap = 1143;
    quint16 imaps = 1993;
    quint16 smtp = 1025;
    quint16 smtps = 1465;
};

class BridgeServer : public QObject {
    Q_OBJECT
public:
    // `gnupgHome`: the profile's GNUPGHOME, where submitted mail is signed and encrypted.
    BridgeServer(store::Store& store, BridgeIdentity identity, QString gnupgHome, BridgeLimits limits = {},
                 QObject* parent = nullptr);
    ~BridgeServer() override;

    // Listens on each requested port, or the next free one above it (0: any
    // free port). False with `error` set if some port could not be had.
    bool start(const BridgePorts& requested, std::string& error);
    BridgePorts ports() const;
    void stop();

    // Logins from now on need `password` (already stored: see resetBridgePassword).
    // Connections open now are closed, logged in or not: a new password is asked
    // for when the old one may have leaked, and a mail program that must log in
    // again asks its user for the new one now rather than some day later.
    void replacePassword(std::string password);

    const BridgeIdentity& identity() const { return m_identity; }
    Authenticator& authenticator() { return m_authenticator; }
    BridgeContext& context() { return m_context; }

private:
    bool listenFrom(BridgeListener& listener, quint16 first, std::string& error);

    BridgeIdentity m_identity;
    Authenticator m_authenticator;
    MailboxEvents m_events;
    BridgeContext m_context;
    std::unique_ptr<BridgeListener> m_imap, m_imaps, m_smtp, m_smtps;
};

} // namespace cachet::bridge
