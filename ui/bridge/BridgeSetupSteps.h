#pragma once
// How to set up each mail program for the bridge, step by step, with the
// bridge's real ports and login filled in: rich text for the bridge panel
// (QTextBrowser), kept apart so the panel only lays it out.

#include "bridge/BridgeServer.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace cachet::ui {

struct BridgeSetupInput {
    bridge::BridgePorts ports;
    QString username;
    QString password;          // empty: the text names the password without giving it (it is hidden)
    QString certificateSha256; // "AB:CD:…"
};

class BridgeSetupSteps {
    Q_DECLARE_TR_FUNCTIONS(BridgeSetupSteps)
public:
    struct Program {
        QString key;  // "thunderbird", "appleMail", "outlook", "mutt": not translated
        QString name; // as the program calls itself
        QString html;
    };

    // Thunderbird, Apple Mail, Outlook and mutt, in that order.
    static QList<Program> forEveryProgram(const BridgeSetupInput& input);

    static QString thunderbird(const BridgeSetupInput& input);
    static QString appleMail(const BridgeSetupInput& input);
    static QString outlook(const BridgeSetupInput& input);
    static QString mutt(const BridgeSetupInput& input);
    // The lines for ~/.muttrc alone, as plain text ready to paste.
    static QString muttrc(const BridgeSetupInput& input);
};

} // namespace cachet::ui
