// SEARCH evaluated by the bridge's SearchEvaluator against a real Dovecot
// (no fts plugin in DovecotServer's configuration, so Dovecot scans the
// messages) holding the same messages, with the same flags, keywords and
// internal dates, in the same order: both must return the same sequence numbers.

#include "bridge/SearchEvaluator.h"
#include "imap/CommandReader.h"
#include "imap/SearchKeys.h"
#include "imap/SectionReader.h"
#include "provider/DovecotServer.h"
#include "store/Entries.h"
#include "store/Flags.h"
#include "store/Mailboxes.h"
#include "store/Messages.h"
#include "store/PreparedMessage.h"
#include "store/Profile.h"
#include "support/ImapTestClient.h"
#include "support/TestCorpus.h"

#include <QDateTime>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <optional>

using namespace cachet;
using namespace cachet::test;

namespace {

// Messages the corpus lacks: a Date: whose own day differs from its UTC day,
// no Date: at all, encoded words and non-ASCII text in QP and base64 bodies.
QList<QByteArray> craftedMessages()
{
    return {
        "From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.de>\r\nTo: anna@example.org\r\n"
        "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=\r\nDate: Mon, 1 Jan 2018 23:30:00 -0500\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        "Die Stra=C3=9Fe ist nass. CAF=C3=89 und Caf=C3=A9 am Rhein.\r\n",
        "From: nodate@example.net\r\nTo: someone@example.org\r\nSubject: no date here\r\n\r\nzebra crossing\r\n",
        "From: Ann <ann@example.org>\r\nTo: Bo <bo@example.net>\r\nCc: \"Doe, Jane\" <jane@example.com>\r\n"
        "Subject: attached zebra\r\nDate: Sat, 9 Jan 2021 00:36:11 +0100\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=\"xx\"\r\n\r\npreamble words quokka\r\n--xx\r\n"
        "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        "R3L832UgYXVzIE3xbmNoZW4K\r\n--xx\r\nContent-Type: application/octet-stream; name=\"a.bin\"\r\n\r\n"
        "hidden wombat in an attachment\r\n--xx--\r\nepilogue\r\n",
    };
}

// IMAP date-time for APPEND (RFC 3501 §9).
QByteArray imapDateTime(qint64 seconds)
{
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime t = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    return QString("%1-%2-%3 %4 +0000")
        .arg(t.date().day(), 2, 10, QChar('0'))
        .arg(kMonths[t.date().month() - 1])
        .arg(t.date().year())
        .arg(t.time().toString("hh:mm:ss"))
        .toUtf8();
}

std::vector<imap::CommandArg> argsOf(const QByteArray& searchArgs)
{
    imap::CommandReader reader;
    reader.feed(("t SEARCH " + searchArgs + "\r\n").toStdString());
    if (reader.next() != imap::CommandReader::Status::Command)
        return {};
    return reader.command().args;
}

QList<std::uint32_t> numbersOf(const ImapReply& reply)
{
    QList<std::uint32_t> out;
    for (const QByteArray& line : reply.untagged) {
        if (!line.startsWith("* SEARCH"))
            continue;
        for (const QByteArray& word : line.mid(8).split(' ')) {
            bool ok = false;
            const uint n = word.toUInt(&ok);
            if (ok)
                out << n;
        }
    }
    return out;
}

// A literal+ (RFC 7888) for a search string, so any bytes can go.
QByteArray literal(const QByteArray& utf8)
{
    return "{" + QByteArray::number(utf8.size()) + "+}\r\n" + utf8;
}

} // namespace

class SearchOracle : public QObject {
    Q_OBJECT

    DovecotServer m_dovecot;
    ImapTestClient m_imap;
    QTemporaryDir m_dir;
    std::unique_ptr<store::Profile> m_profile;
    std::vector<bridge::SearchMessage> m_messages;
    QList<QByteArray> m_raw;

    QList<std::uint32_t> ours(const QByteArray& searchArgs, QString& error)
    {
        const imap::SearchParse parse = imap::parseSearchKeys(argsOf(searchArgs));
        if (!parse.ok()) {
            error = QString::fromStdString(parse.error);
            return {};
        }
        bridge::SearchEvaluator evaluator(m_profile->store().db());
        QList<std::uint32_t> out;
        for (std::size_t i : evaluator.matching(parse.key, m_messages))
            out << m_messages[i].seq;
        return out;
    }

    // The served size (RFC822.SIZE) of message `seq`, from the file's bytes.
    qint64 servedSize(int seq) const
    {
        return static_cast<qint64>(imap::withCrlf(m_raw[seq - 1].toStdString()).size());
    }

private slots:
    void initTestCase()
    {
        m_dovecot.addUser("search", "search-password");
        QVERIFY2(m_dovecot.start(), qPrintable(m_dovecot.errorString()));
        QVERIFY(m_imap.connectTo(m_dovecot.imapPort()));
        QVERIFY(m_imap.login("search", "search-password"));

        const QStringList notMessages = corpusNonMessageNames();
        for (const QString& f : corpusMessageFiles()) {
            if (!notMessages.contains(QFileInfo(f).fileName()))
                m_raw << readFile(f);
        }
        m_raw << craftedMessages();
        QVERIFY(m_raw.size() > 30);

        m_profile = std::make_unique<store::Profile>(
            store::Profile::create(m_dir.path() + "/p", "search oracle passphrase", store::KdfCost::interactive()));
        store::Database& db = m_profile->store().db();
        store::Transaction tx(db);
        const std::int64_t inbox = store::Mailboxes(db).ensure("INBOX").id;
        const qint64 base = QDateTime(QDate(2021, 3, 10), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        for (int i = 0; i < m_raw.size(); ++i) {
            // Flags, keywords and dates spread so that every flag and date key has hits and misses.
            std::uint32_t flags = 0;
            if (i % 3 == 0) flags |= store::FlagSeen;
            if (i % 5 == 0) flags |= store::FlagFlagged;
            if (i % 7 == 0) flags |= store::FlagAnswered;
            if (i % 11 == 0) flags |= store::FlagDeleted;
            if (i % 13 == 0) flags |= store::FlagDraft;
            const std::string keywords = i % 4 == 0 ? "$Work" : (i % 6 == 1 ? "Later $Work2" : "");
            const qint64 internal = base + qint64(i) * 7 * 3600 + (i % 2 ? 3599 : 0);
            const std::string raw = m_raw[i].toStdString();
            const store::StoredMessage stored = store::Messages(db).store(store::prepareMessage(raw));
            const store::Entry e = store::Entries(db).add(inbox, stored.id, flags, internal, keywords);
            m_messages.push_back({static_cast<std::uint32_t>(i + 1), e.uid, stored.id, flags, keywords, internal, 0, true});

            QByteArray flagList = QByteArray::fromStdString(store::formatFlags(flags));
            if (!keywords.empty())
                flagList += (flagList.isEmpty() ? "" : " ") + QByteArray::fromStdString(keywords);
            const ImapReply appended = m_imap.command("APPEND INBOX (" + flagList + ") \"" + imapDateTime(internal)
                                                      + "\" " + literal(m_raw[i]));
            QVERIFY2(appended.ok(), appended.tagged.constData());
        }
        tx.commit();

        const ImapReply selected = m_imap.command("SELECT INBOX (CONDSTORE)");
        QVERIFY2(selected.ok(), selected.tagged.constData());
        // Every message is \Recent to the first session that selects the mailbox.
        QVERIFY(selected.untagged.contains("* " + QByteArray::number(m_raw.size()) + " RECENT"));
        // Dovecot's MODSEQs, so MODSEQ searches compare like with like.
        const ImapReply modseqs = m_imap.command("FETCH 1:* (UID MODSEQ)");
        QVERIFY(modseqs.ok());
        for (const QByteArray& line : modseqs.untagged) {
            const QList<QByteArray> words = line.split(' ');
            // "* 3 FETCH (UID 3 MODSEQ (12))"
            const int at = words.indexOf("MODSEQ");
            if (words.size() > 2 && at > 0 && at + 1 < words.size())
                m_messages[words[1].toUInt() - 1].modSeq = QByteArray(words[at + 1]).replace('(', "").replace(')', "").toLongLong();
        }
        for (const auto& m : m_messages)
            QVERIFY2(m.modSeq > 0, "Dovecot gave no MODSEQ for a message");
    }

    void sameMatchesAsDovecot_data()
    {
        QTest::addColumn<QByteArray>("search");
        const QList<QByteArray> searches = {
            "ALL",
            // Text, common and rare words, case-insensitive.
            "TEXT the", "TEXT delta", "TEXT DELTA", "BODY hello", "TEXT hello", "BODY autocrypt", "TEXT autocrypt",
            "TEXT xyzzy-nowhere", "BODY content-type", "TEXT content-type", "TEXT \"Message from\"", "BODY <html",
            "BODY quokka", "BODY wombat", "TEXT wombat", "BODY zebra", "TEXT \"Doe, Jane\"",
            // Header fields, encoded words.
            "SUBJECT re:", "SUBJECT test", "SUBJECT chat:", "SUBJECT \"File \xe2\x80\x93 test\"", "SUBJECT sommerangebote",
            "FROM alice", "FROM example.org", "FROM \"<bob@\"", "TO bob", "CC jane", "CC \"Doe, Jane\"", "BCC a",
            "FROM juergen", "HEADER Message-ID \"\"", "HEADER List-Id \"\"", "HEADER Content-Type multipart",
            "HEADER Chat-Version 1.0", "HEADER X-Nonexistent \"\"", "HEADER From alice",
            // Non-ASCII, as literals with CHARSET.
            "CHARSET UTF-8 SUBJECT " + literal("Grüße"), "CHARSET UTF-8 SUBJECT " + literal("köln"),
            "CHARSET UTF-8 BODY " + literal("straße"), "CHARSET UTF-8 BODY " + literal("café"),
            "CHARSET UTF-8 TEXT " + literal("müller"), "CHARSET utf-8 BODY " + literal("münchen"),
            "CHARSET UTF-8 TEXT " + literal("⚓"), "CHARSET US-ASCII TEXT cafe",
            // Dates.
            "SENTBEFORE 1-Jan-2020", "SENTSINCE 1-Jan-2021", "SENTON 9-Jan-2021", "SENTON 8-Jan-2021",
            "SENTON 1-Jan-2018", "SENTON 2-Jan-2018", "SENTON 7-Dec-2019", "SENTSINCE 10-Mar-2021",
            "BEFORE 12-Mar-2021", "ON 12-Mar-2021", "SINCE 12-Mar-2021", "SINCE \"13-mar-2021\"",
            // Flags and keywords.
            "SEEN", "UNSEEN", "FLAGGED", "UNFLAGGED", "ANSWERED", "UNANSWERED", "DELETED", "UNDELETED", "DRAFT",
            "UNDRAFT", "KEYWORD $Work", "UNKEYWORD $Work", "KEYWORD Later", "KEYWORD $Work2", "RECENT", "NEW", "OLD",
            // Combinations.
            "OR SEEN FLAGGED", "NOT SEEN", "NOT NOT SEEN", "(SEEN TEXT the)", "OR (FROM alice) (NOT TO bob)",
            "NOT OR SEEN DRAFT", "OR OR SEEN DRAFT (DELETED NOT FLAGGED)", "SEEN TEXT delta NOT BODY hello",
            "OR TEXT zebra SUBJECT hallo",
            // Sets.
            "1:10", "5,*", "*:90", "UID 3:7", "UID *", "UID 20:* NOT 10:20", "2,4,6:9 UNSEEN", "UID 1:*",
        };
        for (const QByteArray& s : searches)
            QTest::newRow(QByteArray(s).replace("\r\n", " ").left(60).constData()) << s;
    }

    void sameMatchesAsDovecot()
    {
        QFETCH(QByteArray, search);
        const ImapReply theirs = m_imap.command("SEARCH " + search);
        QVERIFY2(theirs.ok(), theirs.tagged.constData());
        QString error;
        const QList<std::uint32_t> mine = ours(search, error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(mine, numbersOf(theirs));
    }

    // LARGER and SMALLER at the served sizes of messages with bare LF line ends
    // (Dovecot serves and counts them as CRLF), one below, at and above each.
    void sizesMatchDovecot()
    {
        QList<int> picked;
        for (int seq = 1; seq <= m_raw.size() && picked.size() < 8; ++seq) {
            if (servedSize(seq) != m_raw[seq - 1].size())
                picked << seq;
        }
        picked << 1 << m_raw.size();
        QVERIFY(picked.size() >= 8);
        for (int seq : picked) {
            const qint64 s = servedSize(seq);
            for (qint64 n : {s - 1, s, s + 1}) {
                for (const char* key : {"LARGER", "SMALLER"}) {
                    const QByteArray search = key + QByteArray(" ") + QByteArray::number(n);
                    const ImapReply theirs = m_imap.command("SEARCH " + search);
                    QVERIFY(theirs.ok());
                    QString error;
                    QCOMPARE(ours(search, error), numbersOf(theirs));
                }
            }
        }
    }

    void modSeqMatchesDovecot()
    {
        std::vector<std::int64_t> seqs;
        for (const auto& m : m_messages)
            seqs.push_back(m.modSeq);
        std::sort(seqs.begin(), seqs.end());
        for (std::int64_t n : {seqs.front(), seqs[seqs.size() / 2], seqs.back(), seqs.back() + 1}) {
            const QByteArray search = "MODSEQ " + QByteArray::number(n);
            const ImapReply theirs = m_imap.command("SEARCH " + search);
            QVERIFY(theirs.ok());
            QString error;
            QCOMPARE(ours(search, error), numbersOf(theirs));
        }
        const imap::SearchParse parse = imap::parseSearchKeys(argsOf("MODSEQ 1"));
        QVERIFY(parse.usesModSeq);
    }

    void cleanupTestCase()
    {
        m_imap.command("LOGOUT");
        m_dovecot.stop();
    }
};

QTEST_GUILESS_MAIN(SearchOracle)
#include "tst_search_oracle.moc"
