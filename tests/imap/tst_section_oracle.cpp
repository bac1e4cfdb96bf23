// BODY[section] bytes as the bridge will serve them, against a real Dovecot
// serving the same messages: every part, its MIME header, the header and text
// of every embedded message, and header field filters.

#include "imap/FetchItems.h"
#include "imap/SectionReader.h"
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

using namespace cachet;
using namespace cachet::test;

namespace {

// Every section a client could ask of this message, as FETCH item text.
void sectionsOf(const mime::MimeEntity& container, const QString& prefix, QStringList& out, int depth = 0)
{
    if (depth > 20)
        return;
    const auto addPart = [&](const mime::MimeEntity& part, const QString& path) {
        out << path << path + ".MIME";
        if (part.isEmbeddedMessage() && !part.children.empty()) {
            out << path + ".HEADER" << path + ".TEXT" << path + ".HEADER.FIELDS (From Subject)";
            sectionsOf(part.children.front(), path + ".", out, depth + 1);
        } else if (part.isMultipart()) {
            sectionsOf(part, path + ".", out, depth + 1);
        }
    };
    if (container.isMultipart()) {
        for (std::size_t i = 0; i < container.children.size() && i < 30; ++i)
            addPart(container.children[i], prefix + QString::number(i + 1));
    } else if (!prefix.isEmpty() || !container.isEmbeddedMessage()) {
        out << prefix + "1";
    }
}

} // namespace

class SectionOracle : public QObject {
    Q_OBJECT

    DovecotServer m_dovecot;
    ImapTestClient m_imap;

private slots:
    void initTestCase()
    {
        m_dovecot.addUser("sections", "sections-password");
        QVERIFY2(m_dovecot.start(), qPrintable(m_dovecot.errorString()));
        QVERIFY(m_imap.connectTo(m_dovecot.imapPort()));
        QVERIFY(m_imap.login("sections", "sections-password"));
    }

    void sectionsMatchDovecot()
    {
        QStringList files;
        const QStringList notMessages = corpusNonMessageNames();
        for (const QString& f : corpusMessageFiles()) {
            if (!notMessages.contains(QFileInfo(f).fileName()))
                files << f;
        }
        QTemporaryDir gen;
        QVERIFY(generateMail(gen.path() + "/variety", "variety", 0));
        for (const QString& f : filesUnder(gen.path())) {
            if (!f.contains("not-a-message") && !readFile(f).contains('\0'))
                files << f;
        }
        const QString cases = QStringLiteral(CACHET_SOURCE_DIR) + "/tests/mime/oracle-cases";
        for (const QFileInfo& fi : QDir(cases).entryInfoList({"*.eml"}, QDir::Files, QDir::Name))
            files << fi.absoluteFilePath();
        QVERIFY(files.size() > 30);

        QVERIFY(m_imap.command("CREATE sections").ok());
        for (const QString& f : files)
            QVERIFY(m_imap.append("sections", readFile(f)).ok());
        QVERIFY(m_imap.command("SELECT sections").ok());

        QStringList differences;
        int compared = 0;
        for (int seq = 1; seq <= files.size(); ++seq) {
            const QByteArray raw = readFile(files[seq - 1]);
            const std::string_view view(raw.constData(), static_cast<std::size_t>(raw.size()));
            const mime::ParsedMessage parsed = mime::parseMessage(view);
            QStringList sections{"", "HEADER", "TEXT", "HEADER.FIELDS (From Subject Date)",
                                 "HEADER.FIELDS.NOT (Received DKIM-Signature)"};
            sectionsOf(parsed.root, "", sections);
            QStringList request;
            for (const QString& s : sections)
                request << "BODY.PEEK[" + s + "]";
            const ImapReply reply = m_imap.command(QString("FETCH %1 (%2)").arg(seq).arg(request.join(' ')).toUtf8());
            QVERIFY2(reply.ok(), reply.tagged.constData());
            QMap<QByteArray, ImapValue> theirs;
            for (const QByteArray& u : reply.untagged) {
                if (u.contains(" FETCH ("))
                    theirs.insert(fetchItems(u));
            }
            for (const QString& s : sections) {
                imap::CommandArg arg;
                arg.text = ("BODY.PEEK[" + s + "]").toStdString();
                std::string error;
                const auto items = imap::parseFetchItems(arg, error);
                QVERIFY2(items, error.c_str());
                const auto mine = imap::sectionBytes(view, parsed.root, items->front().section);
                const QByteArray name = QByteArray::fromStdString(items->front().responseName()).toUpper();
                const ImapValue dovecot = theirs.value(name);
                const bool same = mine ? (dovecot.kind == ImapValue::Kind::String
                                          && dovecot.text == QByteArray::fromStdString(*mine))
                                       : (dovecot.kind == ImapValue::Kind::Nil
                                          || (dovecot.kind == ImapValue::Kind::String && dovecot.text.isEmpty()));
                ++compared;
                const QString key = QString("%1 BODY[%2]").arg(QFileInfo(files[seq - 1]).fileName(), s);
                if (!same)
                    differences << QString("%1: dovecot %2 bytes%3, cachet %4")
                                       .arg(key)
                                       .arg(dovecot.text.size())
                                       .arg(dovecot.kind == ImapValue::Kind::Nil ? " (NIL)" : "")
                                       .arg(mine ? QString::number(mine->size()) + " bytes" : QString("none"));
            }
        }
        for (const QString& d : differences)
            qWarning().noquote() << d;
        QVERIFY2(differences.isEmpty(), qPrintable(QString("%1 of %2 sections differ").arg(differences.size()).arg(compared)));
    }

    void cleanupTestCase()
    {
        m_imap.command("LOGOUT");
        m_dovecot.stop();
    }
};

QTEST_GUILESS_MAIN(SectionOracle)
#include "tst_section_oracle.moc"
