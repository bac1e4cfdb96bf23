#include "tool/TestProvider.h"

#include <QFile>
#include <QJsonArray>

namespace cachet::test {

TestProvider::TestProvider(const QList<User>& users, bool withSmtp)
    : m_users(users), m_dovecot(m_folder.path())
{
    // The servers' unprivileged processes pass through it (QTemporaryDir makes it 0700).
    QFile::setPermissions(m_folder.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                               | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                               | QFileDevice::ReadOther | QFileDevice::ExeOther);
    for (const User& u : m_users)
        m_dovecot.addUser(u.address, u.password);
    if (withSmtp) {
        m_smtp = std::make_unique<OpenSmtpdServer>(m_folder.path());
        for (const User& u : m_users)
            m_smtp->addUser(u.address, u.password);
    }
}

bool TestProvider::startImap()
{
    if (!m_dovecot.start()) {
        m_error = "dovecot: " + m_dovecot.errorString();
        return false;
    }
    // Mail that waited in the queue while Dovecot was away goes in now, not at
    // OpenSMTPD's next retry.
    if (m_smtp && m_smtp->running() && !m_smtp->flushQueue()) {
        m_error = "opensmtpd: " + m_smtp->errorString();
        return false;
    }
    return true;
}

bool TestProvider::startSmtp()
{
    if (!m_smtp->start()) {
        m_error = "opensmtpd: " + m_smtp->errorString();
        return false;
    }
    return true;
}

bool TestProvider::start()
{
    if (!m_folder.isValid()) {
        m_error = "no temporary folder";
        return false;
    }
    if (!startImap())
        return false;
    if (m_smtp) {
        m_smtp->setLmtpDelivery(m_dovecot.lmtpSocketPath(), m_dovecot.lmtpSocketUser());
        m_smtp->setCertificate(m_dovecot.certificate());
        return startSmtp();
    }
    return true;
}

QJsonObject TestProvider::description() const
{
    QJsonArray users;
    for (const User& u : m_users)
        users.append(u.address);
    QJsonObject out{
        {"imap_port", m_dovecot.imapPort()},
        {"imaps_port", m_dovecot.imapsPort()},
        {"smtp_port", QJsonValue::Null},
        {"smtps_port", QJsonValue::Null},
        {"mx_port", QJsonValue::Null},
        {"certificate_sha256", m_dovecot.certificateSha256()},
        {"certificate_file", m_dovecot.certificatePath()},
        {"maildir_root", m_dovecot.maildirRoot()},
        {"users", users},
        {"folder", m_folder.path()},
    };
    if (m_smtp) {
        out["smtp_port"] = m_smtp->smtpPort();
        out["smtps_port"] = m_smtp->smtpsPort();
        out["mx_port"] = m_smtp->mxPort();
        out["smtp_own_queue"] = m_smtp->hasOwnQueue();
    }
    return out;
}

QJsonObject TestProvider::run(const QString& command)
{
    const QStringList words = command.simplified().split(' ', Qt::SkipEmptyParts);
    const QString verb = words.value(0);
    const QString service = words.value(1);
    bool ok = true;
    m_error.clear();
    if (words.size() == 1 && verb == "quit") {
        // The caller ends the program; stopping happens on the way out.
    } else if (words.size() != 2 || (verb != "stop" && verb != "start")) {
        ok = false;
        m_error = "unknown command: " + command.simplified();
    } else if (service == "imap") {
        if (verb == "stop")
            m_dovecot.stop();
        else
            ok = startImap();
    } else if (service == "smtp" && m_smtp) {
        if (verb == "stop")
            m_smtp->stop();
        else
            ok = startSmtp();
    } else {
        ok = false;
        m_error = service == "smtp" ? "started with --no-smtp" : "no service " + service;
    }
    QJsonObject reply{{"ok", ok}, {"command", command.simplified()}};
    if (!ok)
        reply["error"] = m_error;
    return reply;
}

} // namespace cachet::test
