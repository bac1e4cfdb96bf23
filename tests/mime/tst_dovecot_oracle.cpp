// ENVELOPE, BODYSTRUCTURE and BODY as Cachet computes them (and the bridge will
// serve them) against what a real Dovecot returns for the same bytes. Dovecot is
// the oracle: mail programs have been tested against it for two decades.
//
// Deliberate differences, where Cachet does not follow Dovecot:
//   - none at present. Messages Dovecot refuses to APPEND (NUL bytes: RFC 3501
//     literals are CHAR8, without NUL) cannot be compared; Cachet stores them as
//     they are, and tst_mime_parser checks its parse of them.

#include "mime/MimeParser.h"
#include "provider/DovecotServer.h"
#include "support/ImapTestClient.h"
#include "support/ImapValue.h"
#include "support/TestCorpus.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <stdexcept>

using namespace cachet;
using namespace cachet::test;

namespace {

struct Sample {
    QString name;
    QByteArray raw;
};

QList<Sample> samplesFrom(const QStringList& files, const QString& base)
{
    QList<Sample> out;
    for (const QString& f : files)
        out.append({QDir(base).relativeFilePath(f), readFile(f)});
    return out;
}

// depth nested multipart/mixed parts around one text part.
QByteArray nestedMultipart(int depth)
{
    QByteArray inner = "Content-Type: text/plain\r\n\r\nthe bottom\r\n";
    for (int i = depth - 1; i >= 0; --i) {
        const QByteArray b = "b" + QByteArray::number(i);
        inner = "Content-Type: multipart/mixed; boundary=\"" + b + "\"\r\n\r\n--" + b + "\r\n" + inner + "\r\n--" + b
              + "--\r\n";
    }
    return "From: deep@example.org\r\nSubject: deep " + QByteArray::number(depth) + "\r\nMIME-Version: 1.0\r\n" + inner;
}

// depth message/rfc822 parts, each the whole body of the one outside it.
QByteArray nestedRfc822(int depth)
{
    QByteArray m = "From: a@example.org\r\nSubject: bottom\r\n\r\nthe bottom\r\n";
    for (int i = 0; i < depth; ++i)
        m = "From: a@example.org\r\nContent-Type: message/rfc822\r\n\r\n" + m;
    return m;
}

QByteArray manyParts(int parts)
{
    QByteArray m = "From: a@example.org\r\nSubject: many parts\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n";
    for (int i = 0; i < parts; ++i)
        m += "--q\r\n\r\npart " + QByteArray::number(i) + "\r\n";
    return m + "--q--\r\n";
}

// Where two values first differ, as a path of list indexes: "[3][0]: 7 items vs 5".
QString firstDifference(const ImapValue& a, const ImapValue& b, const QString& path = {})
{
    if (a.kind != b.kind || a.kind != ImapValue::Kind::List)
        return path + ": " + QString::fromUtf8(a.toImap().left(200)) + " vs " + QString::fromUtf8(b.toImap().left(200));
    for (qsizetype i = 0; i < std::min(a.items.size(), b.items.size()); ++i) {
        if (!(a.items[i] == b.items[i]))
            return firstDifference(a.items[i], b.items[i], path + QString("[%1]").arg(i));
    }
    return path + QString(": %1 items vs %2").arg(a.items.size()).arg(b.items.size());
}

// Each difference in full on its own warning line; the failure names them all.
QString summary(const QStringList& differences)
{
    QStringList names;
    for (const QString& d : differences) {
        qWarning().noquote() << d;
        names << d.section('\n', 0, 0);
    }
    return QString::number(differences.size()) + " differences: " + names.join("; ");
}

} // namespace

class DovecotOracle : public QObject {
    Q_OBJECT

    DovecotServer m_dovecot;
    ImapTestClient m_imap;
    int m_mailboxes = 0;

    // APPENDs every sample to a fresh mailbox, FETCHes all three items at once and
    // returns one line per difference.
    QStringList compare(const QList<Sample>& samples)
    {
        const QByteArray mailbox = "oracle" + QByteArray::number(++m_mailboxes);
        if (!m_imap.command("CREATE " + mailbox).ok())
            return {"cannot create a mailbox at Dovecot"};
        QStringList differences;
        QList<const Sample*> appended;
        for (const Sample& s : samples) {
            const ImapReply r = m_imap.append(mailbox, s.raw);
            if (r.ok())
                appended.append(&s);
            else if (!s.raw.contains('\0'))
                differences << s.name + ": Dovecot refused the APPEND: " + QString::fromUtf8(r.tagged);
        }
        if (!m_imap.command("SELECT " + mailbox).ok())
            return {"cannot select the mailbox at Dovecot"};
        const ImapReply fetched = m_imap.command("FETCH 1:* (ENVELOPE BODYSTRUCTURE BODY)");
        if (!fetched.ok())
            return {"FETCH failed: " + QString::fromUtf8(fetched.tagged)};
        QList<QByteArray> fetches;
        for (const QByteArray& u : fetched.untagged) {
            if (u.contains(" FETCH ("))
                fetches.append(u);
        }
        if (fetches.size() != appended.size())
            return {QString("Dovecot returned %1 FETCH responses for %2 messages").arg(fetches.size()).arg(appended.size())};

        for (qsizetype i = 0; i < appended.size(); ++i) {
            const Sample& s = *appended[i];
            const mime::ParsedMessage ours = mime::parseMessage(std::string_view(s.raw.constData(), s.raw.size()));
            try {
                const QMap<QByteArray, ImapValue> theirs = fetchItems(fetches[i]);
                const std::pair<const char*, const std::string*> items[] = {
                    {"ENVELOPE", &ours.envelope}, {"BODYSTRUCTURE", &ours.bodyStructure}, {"BODY", &ours.body}};
                for (const auto& [item, text] : items) {
                    const ImapValue mine = ImapValue::parse(QByteArray::fromStdString(*text));
                    const ImapValue dovecot = theirs.value(item);
                    if (!(mine == dovecot))
                        differences << QString("%1: %2 differs\n  first at %3 (dovecot vs cachet)\n  dovecot: %4\n  cachet:  %5")
                                           .arg(s.name, item, firstDifference(dovecot, mine),
                                                QString::fromUtf8(dovecot.toImap().left(1500)),
                                                QString::fromUtf8(mine.toImap().left(1500)));
                }
            } catch (const std::exception& e) {
                differences << s.name + ": unreadable IMAP data: " + e.what();
            }
        }
        m_imap.command("CLOSE");
        return differences;
    }

private slots:
    void initTestCase()
    {
        m_dovecot.addUser("oracle", "oracle-password");
        QVERIFY2(m_dovecot.start(), qPrintable(m_dovecot.errorString()));
        QVERIFY(m_imap.connectTo(m_dovecot.imapPort()));
        QVERIFY2(m_imap.login("oracle", "oracle-password"), qPrintable(m_dovecot.log()));
    }

    void corpusMatchesDovecot()
    {
        if (corpusDir().isEmpty())
            QSKIP("../shared/corpus is not beside the repository; ownCasesMatchDovecot covers the same paths");
        QStringList files;
        const QStringList notMessages = corpusNonMessageNames();
        for (const QString& f : corpusMessageFiles()) {
            if (!notMessages.contains(QFileInfo(f).fileName()))
                files << f;
        }
        for (const QFileInfo& fi : QDir(corpusDir() + "/autocrypt").entryInfoList({"*.eml"}, QDir::Files, QDir::Name))
            files << fi.absoluteFilePath();
        QVERIFY(files.size() > 100);
        const QStringList differences = compare(samplesFrom(files, corpusDir()));
        QVERIFY2(differences.isEmpty(), qPrintable(summary(differences)));
    }

    void ownCasesMatchDovecot()
    {
        const QString cases = QStringLiteral(CACHET_SOURCE_DIR) + "/tests/mime/oracle-cases";
        QStringList files;
        for (const QFileInfo& fi : QDir(cases).entryInfoList({"*.eml"}, QDir::Files, QDir::Name))
            files << fi.absoluteFilePath();
        QVERIFY(files.size() >= 20);
        QList<Sample> samples = samplesFrom(files, cases);

        QTemporaryDir gen;
        QVERIFY2(generateMail(gen.path() + "/variety", "variety", 0), "make_mail.py failed");
        QVERIFY2(generateMail(gen.path() + "/demo", "demo", 60, 3), "make_mail.py failed");
        for (const QString& f : filesUnder(gen.path())) {
            if (!f.contains("not-a-message"))
                samples.append({QFileInfo(f).fileName(), readFile(f)});
        }
        // Around the nesting and part limits, where a parser must stop the way Dovecot does.
        for (int depth : {3, 50, 99, 100, 101, 120})
            samples.append({QString("multipart nested %1 deep").arg(depth), nestedMultipart(depth)});
        for (int depth : {3, 99, 100, 101, 120})
            samples.append({QString("message/rfc822 nested %1 deep").arg(depth), nestedRfc822(depth)});
        samples.append({"600 parts", manyParts(600)});
        samples.append({"10,050 parts", manyParts(10050)});

        const QStringList differences = compare(samples);
        QVERIFY2(differences.isEmpty(), qPrintable(summary(differences)));
    }

    void cleanupTestCase()
    {
        m_imap.command("LOGOUT");
        m_dovecot.stop();
    }
};

QTEST_GUILESS_MAIN(DovecotOracle)
#include "tst_dovecot_oracle.moc"
