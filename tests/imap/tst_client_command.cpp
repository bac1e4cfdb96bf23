// The sync client's command builder (core/imap/ClientCommand): what it writes
// for each string type and literal mode, and that the bridge's own command
// reader reads back exactly the arguments it was given.

#include "imap/ClientCommand.h"
#include "imap/CommandReader.h"

#include <QTest>

using namespace cachet::imap;

namespace {

using Pieces = std::vector<std::string>;

// The one command the pieces make, as a server reads it.
Command readBack(const Pieces& pieces)
{
    CommandReader reader;
    for (const std::string& piece : pieces)
        reader.feed(piece);
    for (CommandReader::Status s = reader.next(); s != CommandReader::Status::NeedMore; s = reader.next()) {
        if (s == CommandReader::Status::Command)
            return reader.command();
        if (s == CommandReader::Status::Error)
            qFatal("the reader refused the command: %s", reader.errorText().c_str());
    }
    qFatal("the command is not complete");
}

} // namespace

class ClientCommandTest : public QObject {
    Q_OBJECT

private slots:
    void stringTypesAreWrittenByTheirWriters()
    {
        ClientCommand login("c1", "LOGIN");
        login.astring("bob").astring("pa ss\"\\word");
        QCOMPARE(login.takePieces(), (Pieces{"c1 LOGIN bob \"pa ss\\\"\\\\word\"\r\n"}));

        ClientCommand select("c2", "SELECT");
        select.mailbox("Entw\xc3\xbc" "rfe").beginList().raw("CONDSTORE").endList();
        QCOMPARE(select.takePieces(), (Pieces{"c2 SELECT Entw&APw-rfe (CONDSTORE)\r\n"}));

        ClientCommand fetch("c3", "UID FETCH");
        fetch.sequenceSet(SequenceSet::fromNumbers({9, 1, 2, 3, 7, 8, 0}))
            .raw("(UID FLAGS BODY.PEEK[])")
            .beginList()
            .raw("CHANGEDSINCE")
            .number(12345678901ull)
            .raw("VANISHED")
            .endList();
        QCOMPARE(fetch.takePieces(), (Pieces{"c3 UID FETCH 1:3,7:9,* (UID FLAGS BODY.PEEK[]) (CHANGEDSINCE 12345678901 VANISHED)\r\n"}));

        ClientCommand noop("c4", "NOOP");
        QCOMPARE(noop.takePieces(), (Pieces{"c4 NOOP\r\n"}));
    }

    // Without LITERAL+ the command is cut after each "{n}": the rest waits for "+".
    void synchronisingLiteralsCutTheCommand()
    {
        ClientCommand login("a", "LOGIN", LiteralMode::Synchronising);
        login.astring("b\xc3\xb6" "b").string("line\r\nbreak");
        const Pieces pieces = login.takePieces();
        QCOMPARE(pieces, (Pieces{"a LOGIN {4}\r\n", "b\xc3\xb6" "b {11}\r\n", "line\r\nbreak\r\n"}));
        const Command read = readBack(pieces);
        QCOMPARE(read.args.size(), std::size_t(2));
        QCOMPARE(read.args[0].text, std::string("b\xc3\xb6" "b"));
        QCOMPARE(read.args[1].text, std::string("line\r\nbreak"));
    }

    void nonSynchronisingLiteralsGoAtOnce()
    {
        const std::string message = "From: a@example.org\r\n\r\n" + std::string(5000, 'x') + "\r\n";
        ClientCommand plus("a", "APPEND", LiteralMode::NonSynchronising);
        plus.mailbox("Sent").beginList().raw("\\Seen").endList().dateTime(1707307509).literal(message);
        const Pieces one = plus.takePieces();
        QCOMPARE(one.size(), std::size_t(1));
        const std::string size = std::to_string(message.size());
        QVERIFY(one[0].starts_with("a APPEND Sent (\\Seen) \" 7-Feb-2024 12:05:09 +0000\" {" + size + "+}\r\nFrom:"));
        const Command read = readBack(one);
        QCOMPARE(read.args[3].text, message);

        // LITERAL-: non-synchronising up to 4096 bytes only (RFC 7888 §5).
        ClientCommand minus("b", "APPEND", LiteralMode::NonSynchronisingUpTo4096);
        minus.mailbox("Sent").literal(std::string(4096, 'y')).literal(message);
        const Pieces two = minus.takePieces();
        QCOMPARE(two.size(), std::size_t(2));
        QVERIFY(QByteArray::fromStdString(two[0]).contains("{4096+}\r\n"));
        QVERIFY(two[0].ends_with(" {" + size + "}\r\n"));
        QCOMPARE(readBack(two).args[2].text, message);
    }

    void literalModeFromCapabilities()
    {
        QVERIFY(literalModeFor(Capabilities({"IMAP4REV1", "LITERAL+"})) == LiteralMode::NonSynchronising);
        QVERIFY(literalModeFor(Capabilities({"IMAP4REV1", "LITERAL-"})) == LiteralMode::NonSynchronisingUpTo4096);
        QVERIFY(literalModeFor(Capabilities({"IMAP4REV1"})) == LiteralMode::Synchronising);
    }

    void mailboxNamesInUtf8WhenAccepted()
    {
        ClientCommand create("a", "CREATE", LiteralMode::NonSynchronising);
        create.mailbox("Caf\xc3\xa9", true);
        QCOMPARE(create.takePieces(), (Pieces{"a CREATE {5+}\r\nCaf\xc3\xa9\r\n"}));
        ClientCommand inbox("b", "SELECT");
        inbox.mailbox("INBOX").mailbox("a&b").mailbox("");
        QCOMPARE(inbox.takePieces(), (Pieces{"b SELECT INBOX a&-b \"\"\r\n"}));
    }

    void tagsAreUnique()
    {
        TagGenerator tags("s");
        QCOMPARE(tags.next(), std::string("s1"));
        QCOMPARE(tags.next(), std::string("s2"));
    }

    void sequenceSetsFromNumbers()
    {
        QCOMPARE(SequenceSet::fromNumbers({}).toString(), std::string());
        QCOMPARE(SequenceSet::fromNumbers({5, 5, 4, 10, 6, 4294967295u}).toString(), std::string("4:6,10,4294967295"));
        QCOMPARE(SequenceSet::parse("1:*,7")->toString(), std::string("1:*,7"));
    }
};

QTEST_GUILESS_MAIN(ClientCommandTest)
#include "tst_client_command.moc"
