#include "BridgeSetupSteps.h"

#include <QStringList>
#include <QUrl>

namespace cachet::ui {

namespace {

constexpr const char* kHost = "127.0.0.1";

// A value the user types or compares, set apart from the words around it.
QString value(const QString& text)
{
    return "<b>" + text.toHtmlEscaped() + "</b>";
}

QString value(quint16 port)
{
    return value(QString::number(port));
}

QString steps(const QString& introduction, const QStringList& items)
{
    QString html = "<p>" + introduction + "</p><ol>";
    for (const QString& item : items)
        html += "<li>" + item + "</li>";
    return html + "</ol>";
}

} // namespace

QList<BridgeSetupSteps::Program> BridgeSetupSteps::forEveryProgram(const BridgeSetupInput& input)
{
    return {{QStringLiteral("thunderbird"), tr("Thunderbird"), thunderbird(input)},
            {QStringLiteral("appleMail"), tr("Apple Mail"), appleMail(input)},
            {QStringLiteral("outlook"), tr("Outlook"), outlook(input)},
            {QStringLiteral("mutt"), tr("mutt"), mutt(input)}};
}

QString BridgeSetupSteps::thunderbird(const BridgeSetupInput& in)
{
    const QString host = value(kHost), user = value(in.username);
    return steps(
        tr("Thunderbird on this computer, receiving and sending through the bridge with STARTTLS:"),
        {tr("Choose <i>Account Actions › Add Mail Account…</i> in <i>Account Settings</i>."),
         tr("Your full name: as you like. Email address: %1. Password: the bridge password above (<i>Copy</i>)."
            " Click <i>Configure manually</i>.")
             .arg(user),
         tr("Incoming server: protocol IMAP, hostname %1, port %2, connection security STARTTLS, authentication"
            " method <i>Normal password</i>, username %3.")
             .arg(host, value(in.ports.imap), user),
         tr("Outgoing server: hostname %1, port %2, connection security STARTTLS, authentication method"
            " <i>Normal password</i>, username %3.")
             .arg(host, value(in.ports.smtp), user),
         tr("Click <i>Re-test</i>, then <i>Done</i>."),
         tr("Thunderbird then says it does not trust the server's certificate: the bridge's own, made for this"
            " profile. In <i>Add Security Exception</i>, click <i>View…</i> and check that its SHA-256 fingerprint"
            " is %1 (the certificate <i>Export certificate…</i> saves). Leave <i>Permanently store this"
            " exception</i> ticked and click <i>Confirm Security Exception</i>. It asks once for receiving and"
            " once for sending.")
             .arg(value(in.certificateSha256))});
}

QString BridgeSetupSteps::appleMail(const BridgeSetupInput& in)
{
    const QString host = value(kHost), user = value(in.username);
    return steps(
        tr("Apple Mail on this Mac, receiving and sending through the bridge with TLS:"),
        {tr("Click <i>Export certificate…</i> and save the file. Open it: Keychain Access adds"
            " <i>Cachet bridge on localhost</i> to your login keychain."),
         tr("In Keychain Access, double-click <i>Cachet bridge on localhost</i>, check that its SHA-256"
            " fingerprint is %1, open <i>Trust</i> and set <i>When using this certificate</i> to <i>Always"
            " Trust</i>. Close the window and confirm with your Mac's password.")
             .arg(value(in.certificateSha256)),
         tr("In Mail, choose <i>Mail › Add Account…</i>, then <i>Other Mail Account…</i> and"
            " <i>Continue</i>. Name: as you like. Email address: %1. Password: the bridge password above"
            " (<i>Copy</i>). Click <i>Sign In</i>.")
             .arg(user),
         tr("When Mail asks for the servers: user name %1, account type IMAP, incoming mail server %2, outgoing"
            " mail server %2. Click <i>Sign In</i>.")
             .arg(user, host),
         tr("Open <i>Mail › Settings… › Accounts</i>, the new account, <i>Server Settings</i>. For the incoming"
            " server untick <i>Automatically manage connection settings</i>, set port %1, tick <i>Use TLS/SSL</i>"
            " and choose authentication <i>Password</i>. For the outgoing server the same with port %2. Click"
            " <i>Save</i>.")
             .arg(value(in.ports.imaps), value(in.ports.smtps))});
}

QString BridgeSetupSteps::outlook(const BridgeSetupInput& in)
{
    const QString host = value(kHost), user = value(in.username);
    return steps(
        tr("Outlook for Windows on this computer, receiving and sending through the bridge with TLS:"),
        {tr("Click <i>Export certificate…</i> and save the file as <i>cachet-bridge.crt</i>. Open it, click"
            " <i>Install Certificate…</i>, choose <i>Current User</i>, then <i>Place all certificates in the"
            " following store</i> › <i>Trusted Root Certification Authorities</i>. Finish, and answer"
            " <i>Yes</i> to the warning: the certificate is the bridge's own, made for this profile."),
         tr("In Outlook, choose <i>File › Add Account</i>. Enter %1, open <i>Advanced options</i>, tick"
            " <i>Let me set up my account manually</i> and click <i>Connect</i>. Choose <i>IMAP</i>.")
             .arg(user),
         tr("Incoming mail: server %1, port %2, encryption method <i>SSL/TLS</i>. Outgoing mail: server %1,"
            " port %3, encryption method <i>SSL/TLS</i>. Leave <i>Secure Password Authentication (SPA)</i>"
            " unticked for both. Click <i>Next</i>.")
             .arg(host, value(in.ports.imaps), value(in.ports.smtps)),
         tr("Password: the bridge password above (<i>Copy</i>). Click <i>Connect</i>.")});
}

QString BridgeSetupSteps::mutt(const BridgeSetupInput& in)
{
    QString html = steps(
        tr("mutt on this computer, receiving and sending through the bridge with STARTTLS:"),
        {tr("Click <i>Export certificate…</i> and save the file as <i>cachet-bridge.pem</i>. Add it to the"
            " certificates mutt trusts: <code>mkdir -p ~/.mutt; cat cachet-bridge.pem &gt;&gt;"
            " ~/.mutt/certificates</code>"),
         tr("Add these lines to <i>~/.muttrc</i>:")});
    html += "<pre>" + muttrc(in).toHtmlEscaped() + "</pre>";
    html += "<p>"
            + (in.password.isEmpty()
                   ? tr("Click <i>Show</i> above to have the password filled in, or leave the two password lines"
                        " out and mutt asks for it.")
                   : tr("The password is in the file as it is: keep it private (<code>chmod 600 ~/.muttrc</code>),"
                        " or leave the two password lines out and mutt asks for it."))
            + "</p>";
    return html;
}

QString BridgeSetupSteps::muttrc(const BridgeSetupInput& in)
{
    // RFC 3986 §3.2.1: an '@' in the login must be escaped inside a URL's userinfo.
    const QString urlUser = QString::fromLatin1(QUrl::toPercentEncoding(in.username));
    const QString password = in.password.isEmpty() ? tr("<the bridge password>") : in.password;
    return QStringLiteral("set folder = \"imap://%1@%2:%3/\"\n"
                          "set spoolfile = \"+INBOX\"\n"
                          "set imap_user = \"%4\"\n"
                          "set imap_pass = \"%5\"\n"
                          "set smtp_url = \"smtp://%1@%2:%6/\"\n"
                          "set smtp_pass = \"%5\"\n"
                          "set from = \"%4\"\n"
                          "set ssl_starttls = yes\n"
                          "set ssl_force_tls = yes\n"
                          "set certificate_file = \"~/.mutt/certificates\"\n")
        .arg(urlUser, QString::fromLatin1(kHost), QString::number(in.ports.imap), in.username, password,
             QString::number(in.ports.smtp));
}

} // namespace cachet::ui
