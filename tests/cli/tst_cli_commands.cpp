// cachet-cli as a user and a script meet it: errors told in one line with the
// right exit status, the passphrase sources, and the reading verbs.

#include "support/CliRunner.h"
#include "support/TestCorpus.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace cachet::test;

namespace {

QByteArray message(const QByteArray& from, const QByteArray& subject, const QByteArray& date, const QByteArray& body,
                   const QByteArray& extraHeaders = {})
{
    return "From: " + from + "\r\nTo: Me <me@example.com>\r\nSubject: " + subject + "\r\nDate: " + date
        + "\r\nMessage-ID: <" + subject.simplified().replace(' ', '.') + "@example.com>\r\n" + extraHeaders + "\r\n"
        + body + "\r\n";
}

// A small Maildir: three messages, one seen, one with an attachment.
void makeMaildir(const QString& dir)
{
    for (const char* sub : {"cur", "new", "tmp"})
        QDir().mkpath(dir + "/" + sub);
    QVERIFY(writeFile(dir + "/cur/1.host:2,S",
              message("Alice Archer <alice@example.org>", "Quarterly garden report", "Mon, 2 Jan 2023 09:00:00 +0000",
                      "The tomatoes did well this year.")));
    QVERIFY(writeFile(dir + "/new/2.host",
              message("Bob Baker <bob@example.net>", "Bread recipe", "Tue, 3 Jan 2023 09:00:00 +0000",
                      "Knead the dough for ten minutes.")));
    QVERIFY(writeFile(dir + "/new/3.host",
              message("Carol Cook <carol@example.org>", "Menu attached", "Wed, 4 Jan 2023 09:00:00 +0000",
                      "--b\r\nContent-Type: text/plain\r\n\r\nSee the menu.\r\n--b\r\nContent-Type: application/pdf;"
                      " name=menu.pdf\r\nContent-Disposition: attachment; filename=menu.pdf\r\n"
                      "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--",
                      "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n")));
}

QJsonArray jsonArray(const QByteArray& out)
{
    return QJsonDocument::fromJson(out).array();
}

QStringList subjects(const QJsonArray& rows)
{
    QStringList out;
    for (const auto& v : rows)
        out << v.toObject().value("subject").toString();
    return out;
}

} // namespace

class CliCommands : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;
    QString m_maildir;

    CliRunner freshProfile(const QString& name)
    {
        CliRunner cli(m_work.path() + "/" + name, "pass phrase");
        [&] { QVERIFY(cli.init().ok()); }();
        return cli;
    }

private slots:
    void initTestCase()
    {
        m_maildir = m_work.path() + "/Maildir";
        makeMaildir(m_maildir);
    }

    void missingProfileIsOneClearLine()
    {
        CliRunner cli(m_work.path() + "/nowhere", "x");
        const CliResult r = cli.run({"list"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no profile at") && r.err.count('\n') == 1, r.err.constData());
    }

    void usageErrorsExitTwo()
    {
        CliRunner cli = freshProfile("usage");
        QCOMPARE(cli.run({"frobnicate"}).exitCode, 2);
        QCOMPARE(cli.run({"list", "--bogus"}).exitCode, 2);
        QCOMPARE(cli.run({"export", "--mailbox", "INBOX"}).exitCode, 2);
        const CliResult bad = cli.run({"search", "before:yesterday"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("YYYY-MM-DD"), bad.err.constData());
    }

    void initRefusesAnExistingProfile()
    {
        CliRunner cli = freshProfile("twice");
        const CliResult r = cli.init();
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("already exists"));
    }

    void wrongPassphraseChangesNoFile()
    {
        CliRunner cli = freshProfile("wrong");
        QVERIFY(cli.run({"import", m_maildir}).ok());
        const auto before = snapshot(cli.profileDir());
        CliRunner intruder(cli.profileDir(), "not it");
        for (const QStringList& args : {QStringList{"list"}, QStringList{"import", m_maildir}, QStringList{"passwd"}}) {
            const CliResult r = intruder.run(args);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("wrong passphrase"), r.err.constData());
        }
        QVERIFY(before == snapshot(cli.profileDir()));
    }

    void noPassphraseSourceIsToldNotHung()
    {
        CliRunner cli = freshProfile("nosource");
        QProcessEnvironment env;
        env.insert("CACHET_PASSPHRASE", "");
        const CliResult r = cli.run({"list"}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("CACHET_PASSPHRASE"), r.err.constData());
    }

    void passphraseFromFileDescriptor()
    {
        CliRunner cli = freshProfile("fd");
        QProcess p;
        QProcessEnvironment env = cli.environment();
        env.remove("CACHET_PASSPHRASE");
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(CACHET_CLI_PATH), {"--profile", cli.profileDir(), "--passphrase-fd", "0", "mailboxes"});
        p.write("pass phrase\n");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().contains("INBOX"));
    }

    void passwdChangesThePassphrase()
    {
        CliRunner cli = freshProfile("passwd");
        QVERIFY(cli.run({"import", m_maildir}).ok());
        QProcessEnvironment env;
        env.insert("CACHET_NEW_PASSPHRASE", "brand new");
        QVERIFY(cli.run({"passwd"}, env).ok());
        QCOMPARE(cli.run({"list"}).exitCode, 1);
        CliRunner renewed(cli.profileDir(), "brand new");
        const CliResult list = renewed.run({"list", "--json"});
        QVERIFY(list.ok());
        QCOMPARE(jsonArray(list.out).size(), 3);
    }

    void listIsNewestFirstWithFlags()
    {
        CliRunner cli = freshProfile("list");
        const CliResult imp = cli.run({"import", m_maildir});
        QVERIFY2(imp.out.contains("imported 3, duplicates 0, refused 0"), imp.out.constData());
        const QJsonArray rows = jsonArray(cli.run({"list", "--json"}).out);
        QCOMPARE(subjects(rows), (QStringList{"Menu attached", "Bread recipe", "Quarterly garden report"}));
        QCOMPARE(rows[2].toObject().value("flags").toString(), QString("\\Seen"));
        QCOMPARE(rows[0].toObject().value("flags").toString(), QString());
        QVERIFY(rows[0].toObject().value("has_attachment").toBool());
        QCOMPARE(rows[1].toObject().value("from").toString(), QString("Bob Baker <bob@example.net>"));

        const CliResult again = cli.run({"import", m_maildir});
        QVERIFY2(again.out.contains("imported 0, duplicates 3"), again.out.constData());
        const CliResult boxes = cli.run({"mailboxes", "--json"});
        const QJsonObject inbox = jsonArray(boxes.out)[0].toObject();
        QCOMPARE(inbox.value("name").toString(), QString("INBOX"));
        QCOMPARE(inbox.value("messages").toInt(), 3);
        QCOMPARE(inbox.value("unread").toInt(), 2);
    }

    void searchQueryLanguage()
    {
        CliRunner cli = freshProfile("search");
        QVERIFY(cli.run({"import", m_maildir}).ok());
        auto search = [&](const QStringList& q) { return subjects(jsonArray(cli.run(QStringList{"search"} + q + QStringList{"--json"}).out)); };
        QCOMPARE(search({"tomatoes"}), QStringList{"Quarterly garden report"});
        QCOMPARE(search({"\"knead the dough\""}), QStringList{"Bread recipe"});
        QCOMPARE(search({"\"dough knead\""}), QStringList{});
        QCOMPARE(search({"from:carol"}), QStringList{"Menu attached"});
        QCOMPARE(search({"has:attachment"}), QStringList{"Menu attached"});
        QCOMPARE(search({"menu.pdf"}), QStringList{"Menu attached"});
        QCOMPARE(search({"is:unread"}), (QStringList{"Menu attached", "Bread recipe"}));
        QCOMPARE(search({"is:unread", "-bread"}), QStringList{"Menu attached"});
        QCOMPARE(search({"before:2023-01-03"}), QStringList{"Quarterly garden report"});
        QCOMPARE(search({"after:2023-01-03"}), QStringList{"Menu attached"});
        QCOMPARE(search({"subject:recipe", "in:inbox"}), QStringList{"Bread recipe"});
        QCOMPARE(search({"gard*"}), QStringList{"Quarterly garden report"});
        QCOMPARE(search({"in:Archive", "bread"}), QStringList{});
    }

    void showPrintsTheMessageAndRawIsExact()
    {
        CliRunner cli = freshProfile("show");
        QVERIFY(cli.run({"import", m_maildir}).ok());
        const QJsonArray rows = jsonArray(cli.run({"list", "--json"}).out);
        const QString uid = QString::number(rows[1].toObject().value("uid").toInt());
        const CliResult shown = cli.run({"show", uid});
        QVERIFY(shown.ok());
        QVERIFY(shown.out.contains("Subject:  Bread recipe"));
        QVERIFY(shown.out.contains("Knead the dough for ten minutes."));
        QCOMPARE(cli.run({"show", uid, "--raw"}).out, readFile(m_maildir + "/new/2.host"));
        QCOMPARE(cli.run({"show", "999"}).exitCode, 1);
    }

    void maildirSubfoldersBecomeMailboxes()
    {
        const QString root = m_work.path() + "/Nested";
        makeMaildir(root);
        for (const char* sub : {"/.Sent/cur", "/.Lists.cachet/new", "/.Lists.cachet/tmp"})
            QDir().mkpath(root + sub);
        QVERIFY(writeFile(root + "/.Sent/cur/9.host:2,S",
                  message("Me <me@example.com>", "Sent note", "Fri, 6 Jan 2023 09:00:00 +0000", "sent")));
        QVERIFY(writeFile(root + "/.Lists.cachet/new/8.host",
                  message("List <list@example.org>", "List post", "Fri, 6 Jan 2023 10:00:00 +0000", "post")));
        CliRunner cli = freshProfile("nested");
        QVERIFY(cli.run({"import", root}).ok());
        QStringList names;
        for (const auto& v : jsonArray(cli.run({"mailboxes", "--json"}).out))
            names << v.toObject().value("name").toString();
        QCOMPARE(names, (QStringList{"INBOX", "Lists", "Lists/cachet", "Sent"}));
        QCOMPARE(subjects(jsonArray(cli.run({"list", "--mailbox", "Lists/cachet", "--json"}).out)),
                 QStringList{"List post"});
        QCOMPARE(subjects(jsonArray(cli.run({"search", "in:Sent", "--json"}).out)), QStringList{"Sent note"});
    }

    void mboxRoundTripKeepsFromLines()
    {
        CliRunner cli = freshProfile("mbox");
        const QByteArray tricky = message("Dan <dan@example.org>", "From lines", "Thu, 5 Jan 2023 09:00:00 +0000",
                                          "From the start of a line\r\n>From already quoted\r\nend");
        const QString dir = m_work.path() + "/tricky";
        QDir().mkpath(dir);
        QVERIFY(writeFile(dir + "/a.eml", tricky));
        QVERIFY(cli.run({"import", dir, "--mailbox", "Lists/Dan"}).ok());
        const QString mbox = m_work.path() + "/out.mbox";
        QVERIFY(cli.run({"export", "--mailbox", "Lists/Dan", "--mbox", mbox}).ok());
        QVERIFY(readFile(mbox).contains("\n>From the start"));

        CliRunner other = freshProfile("mbox2");
        const CliResult imp = other.run({"import", mbox});
        QVERIFY2(imp.out.contains("imported 1,"), imp.out.constData());
        // An mbox file goes to a mailbox named after the file.
        const QString back = m_work.path() + "/back";
        QVERIFY(other.run({"export", "--mailbox", "out", "--maildir", back}).ok());
        const QStringList files = filesUnder(back);
        QCOMPARE(files.size(), 1);
        QCOMPARE(readFile(files[0]), tricky);
    }
};

QTEST_GUILESS_MAIN(CliCommands)
#include "tst_cli_commands.moc"
