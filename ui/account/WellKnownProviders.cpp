#include "account/WellKnownProviders.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdint>

namespace cachet::ui {

namespace {

using store::Security;

// The notes are translated where they are shown, in this context.
#define PROVIDER_NOTE(text) QT_TRANSLATE_NOOP("cachet::ui::WellKnownProviders", text)
constexpr const char* kNoteContext = "cachet::ui::WellKnownProviders";

struct KnownProvider {
    const char* name;
    const char* domains; // separated by spaces
    const char* imapHost;
    std::uint16_t imapPort;
    Security imapSecurity;
    const char* smtpHost;
    std::uint16_t smtpPort;
    Security smtpSecurity;
    LoginName loginName;
    bool keepsSentCopy;
    const char* note; // nullptr: nothing to do first
};

// From each provider's own help pages. Proton Mail is not here on purpose: it
// has no IMAP of its own (its Bridge is a local program with its own settings).
constexpr KnownProvider kProviders[] = {
    {"Gmail", "gmail.com googlemail.com", "imap.gmail.com", 993, Security::Tls, "smtp.gmail.com", 465, Security::Tls,
     LoginName::Address, true,
     PROVIDER_NOTE("Gmail takes an app password here, not your Google password: turn on 2-Step Verification, "
                   "then create an app password in your Google Account's security settings.")},
    {"Outlook.com",
     "outlook.com hotmail.com live.com msn.com outlook.de outlook.fr hotmail.co.uk hotmail.de hotmail.fr hotmail.it "
     "live.co.uk live.de live.fr",
     "outlook.office365.com", 993, Security::Tls, "smtp-mail.outlook.com", 587, Security::StartTls, LoginName::Address,
     false,
     PROVIDER_NOTE("Outlook.com may refuse password logins: Microsoft is moving to OAuth, which Cachet does not "
                   "support yet. With two-step verification on, try an app password from your Microsoft account.")},
    {"Yahoo Mail", "yahoo.com ymail.com rocketmail.com yahoo.co.uk yahoo.de yahoo.fr yahoo.it yahoo.es yahoo.ca",
     "imap.mail.yahoo.com", 993, Security::Tls, "smtp.mail.yahoo.com", 465, Security::Tls, LoginName::Address, false,
     PROVIDER_NOTE("Yahoo Mail takes an app password here, not your account password: create one in your Yahoo "
                   "account's security settings.")},
    {"AOL Mail", "aol.com", "imap.aol.com", 993, Security::Tls, "smtp.aol.com", 465, Security::Tls, LoginName::Address,
     false,
     PROVIDER_NOTE("AOL Mail takes an app password here, not your account password: create one in your AOL "
                   "account's security settings.")},
    {"iCloud Mail", "icloud.com me.com mac.com", "imap.mail.me.com", 993, Security::Tls, "smtp.mail.me.com", 587,
     Security::StartTls, LoginName::Address, false,
     PROVIDER_NOTE("iCloud Mail takes an app-specific password, not your Apple Account password: create one in "
                   "your Apple Account's sign-in and security settings.")},
    {"Fastmail", "fastmail.com fastmail.fm", "imap.fastmail.com", 993, Security::Tls, "smtp.fastmail.com", 465,
     Security::Tls, LoginName::Address, false,
     PROVIDER_NOTE("Fastmail takes an app password with IMAP and SMTP access: create one in Fastmail's settings, "
                   "under Privacy & Security.")},
    {"Posteo", "posteo.de posteo.net posteo.at posteo.ch posteo.eu posteo.org", "posteo.de", 993, Security::Tls,
     "posteo.de", 465, Security::Tls, LoginName::Address, false, nullptr},
    {"mailbox.org", "mailbox.org", "imap.mailbox.org", 993, Security::Tls, "smtp.mailbox.org", 465, Security::Tls,
     LoginName::Address, false, nullptr},
    {"GMX", "gmx.de gmx.net gmx.at gmx.ch", "imap.gmx.net", 993, Security::Tls, "mail.gmx.net", 587,
     Security::StartTls, LoginName::Address, false,
     PROVIDER_NOTE("Turn on access by POP3 and IMAP in GMX's web mail settings first.")},
    {"GMX", "gmx.com gmx.us gmx.co.uk", "imap.gmx.com", 993, Security::Tls, "mail.gmx.com", 587, Security::StartTls,
     LoginName::Address, false, PROVIDER_NOTE("Turn on access by POP3 and IMAP in GMX's web mail settings first.")},
    {"WEB.DE", "web.de", "imap.web.de", 993, Security::Tls, "smtp.web.de", 587, Security::StartTls, LoginName::Address,
     false, PROVIDER_NOTE("Turn on access by POP3 and IMAP in WEB.DE's web mail settings first.")},
    {"T-Online", "t-online.de magenta.de", "secureimap.t-online.de", 993, Security::Tls, "securesmtp.t-online.de", 465,
     Security::Tls, LoginName::Address, false,
     PROVIDER_NOTE("T-Online takes its separate e-mail password here, not your Telekom login password.")},
    {"Zoho Mail", "zoho.com zohomail.com", "imap.zoho.com", 993, Security::Tls, "smtp.zoho.com", 465, Security::Tls,
     LoginName::Address, false,
     PROVIDER_NOTE("Turn on IMAP access in Zoho Mail's settings first; with two-factor authentication on, use an "
                   "app-specific password.")},
    {"Zoho Mail", "zoho.eu zohomail.eu", "imap.zoho.eu", 993, Security::Tls, "smtp.zoho.eu", 465, Security::Tls,
     LoginName::Address, false,
     PROVIDER_NOTE("Turn on IMAP access in Zoho Mail's settings first; with two-factor authentication on, use an "
                   "app-specific password.")},
    {"Yandex Mail", "yandex.com yandex.ru ya.ru", "imap.yandex.com", 993, Security::Tls, "smtp.yandex.com", 465,
     Security::Tls, LoginName::Address, false,
     PROVIDER_NOTE("Turn on IMAP in Yandex Mail's settings first, and use an app password.")},
    {"Mail.ru", "mail.ru inbox.ru list.ru bk.ru", "imap.mail.ru", 993, Security::Tls, "smtp.mail.ru", 465,
     Security::Tls, LoginName::Address, false,
     PROVIDER_NOTE("Mail.ru takes a password for external applications, made in its security settings.")},
    {"Disroot", "disroot.org", "disroot.org", 993, Security::Tls, "disroot.org", 465, Security::Tls,
     LoginName::LocalPart, false, nullptr},
    {"Riseup", "riseup.net", "mail.riseup.net", 993, Security::Tls, "mail.riseup.net", 465, Security::Tls,
     LoginName::LocalPart, false, nullptr},
};

#undef PROVIDER_NOTE

bool servesDomain(const KnownProvider& provider, const QString& domain)
{
    const QStringList domains = QString::fromLatin1(provider.domains).split(' ', Qt::SkipEmptyParts);
    return domains.contains(domain);
}

MailServerSettings fromTable(const KnownProvider& p)
{
    MailServerSettings s;
    s.provider = QString::fromLatin1(p.name);
    s.imap = {p.imapHost, p.imapPort, p.imapSecurity};
    s.smtp = {p.smtpHost, p.smtpPort, p.smtpSecurity};
    s.loginName = p.loginName;
    s.providerKeepsSentCopy = p.keepsSentCopy;
    if (p.note)
        s.note = QCoreApplication::translate(kNoteContext, p.note);
    return s;
}

} // namespace

QString MailServerSettings::usernameFor(const QString& address) const
{
    const QString trimmed = address.trimmed();
    if (loginName == LoginName::LocalPart) {
        const qsizetype at = trimmed.lastIndexOf('@');
        if (at > 0)
            return trimmed.left(at);
    }
    return trimmed;
}

QString mailDomain(const QString& address)
{
    const QString trimmed = address.trimmed();
    const qsizetype at = trimmed.lastIndexOf('@');
    return at < 0 ? QString() : trimmed.mid(at + 1).toLower();
}

MailServerSettings serverSettingsForDomain(const QString& domain)
{
    const QString key = domain.trimmed().toLower();
    for (const KnownProvider& provider : kProviders) {
        if (servesDomain(provider, key))
            return fromTable(provider);
    }
    // Most providers name their servers this way and offer implicit TLS on the standard ports.
    MailServerSettings guess;
    guess.imap = {("imap." + key).toStdString(), 993, Security::Tls};
    guess.smtp = {("smtp." + key).toStdString(), 465, Security::Tls};
    guess.guessed = true;
    return guess;
}

} // namespace cachet::ui
