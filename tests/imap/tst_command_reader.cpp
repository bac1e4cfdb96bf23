// The IMAP command reader (core/imap/CommandReader): what a server reads from a
// client, byte by byte or pipelined, with literals, limits and broken input.

#include "imap/CommandReader.h"

#include <QTest>

#include <random>

using namespace cachet::imap;
using Status = CommandReader::Status;
using Type = CommandArg::Type;

namespace {

// Feeds `input` whole and collects every command until the reader needs more.
std::vector<Command> readAll(CommandReader& reader, std::string_view input)
{
    reader.feed(input);
    std::vector<Command> out;
    for (Status s = reader.next(); s != Status::NeedMore; s = reader.next()) {
        if (s == Status::Command)
            out.push_back(reader.command());
    }
    return out;
}

} // namespace

class CommandReaderTest : public QObject {
    Q_OBJECT

private slots:
    void simpleCommands()
    {
        CommandReader r;
        const auto cmds = readAll(r, "a1 NOOP\r\nA2 select \"INBOX\"\r\n");
        QCOMPARE(cmds.size(), std::size_t(2));
        QCOMPARE(cmds[0].tag, std::string("a1"));
        QCOMPARE(cmds[0].name, std::string("NOOP"));
        QVERIFY(cmds[0].args.empty());
        QCOMPARE(cmds[1].name, std::string("SELECT")); // names are case-insensitive
        QCOMPARE(cmds[1].args.size(), std::size_t(1));
        QVERIFY(cmds[1].args[0].type == Type::String);
        QCOMPARE(cmds[1].args[0].text, std::string("INBOX"));
        QCOMPARE(r.buffered(), std::size_t(0));
    }

    void fetchItemsKeepTheirSection()
    {
        CommandReader r;
        const auto cmds = readAll(r, "f UID FETCH 1:*,7 (FLAGS BODY.PEEK[HEADER.FIELDS (From To)]<0.512> BODY[1.2.MIME])\r\n");
        QCOMPARE(cmds.size(), std::size_t(1));
        const Command& c = cmds[0];
        QCOMPARE(c.name, std::string("UID"));
        QCOMPARE(c.args.size(), std::size_t(3));
        QCOMPARE(c.args[0].text, std::string("FETCH"));
        QCOMPARE(c.args[1].text, std::string("1:*,7"));
        QVERIFY(c.args[2].type == Type::List);
        QCOMPARE(c.args[2].items.size(), std::size_t(3));
        QCOMPARE(c.args[2].items[1].text, std::string("BODY.PEEK[HEADER.FIELDS (From To)]<0.512>"));
        QCOMPARE(c.args[2].items[2].text, std::string("BODY[1.2.MIME]"));
    }

    void quotedStringsNilAndNestedLists()
    {
        CommandReader r;
        const auto cmds = readAll(r, "s STORE 1 +FLAGS.SILENT (\\Seen $Label1)\r\n"
                                     "i ID (\"name\" \"a \\\"quoted\\\" \\\\ name\" \"os\" NIL)\r\n"
                                     "l LIST \"\" %/*\r\n"
                                     "x SEARCH OR (FROM bob) (NOT SEEN) UNDELETED\r\n");
        QCOMPARE(cmds.size(), std::size_t(4));
        QCOMPARE(cmds[0].args[2].items[0].text, std::string("\\Seen"));
        QCOMPARE(cmds[1].args[0].items[1].text, std::string("a \"quoted\" \\ name"));
        QVERIFY(cmds[1].args[0].items[3].type == Type::Nil);
        QCOMPARE(cmds[2].args[0].text, std::string());
        QCOMPARE(cmds[2].args[1].text, std::string("%/*"));
        QCOMPARE(cmds[3].args.size(), std::size_t(4));
        QVERIFY(cmds[3].args[1].type == Type::List);
    }

    void synchronisingLiteralAsksToContinue()
    {
        CommandReader r;
        r.feed("a APPEND INBOX (\\Seen) {12}\r\n");
        QCOMPARE(r.next(), Status::Continuation); // the server must answer "+" now
        QCOMPARE(r.next(), Status::NeedMore);
        r.feed("Hello\r\nWorld");
        QCOMPARE(r.next(), Status::NeedMore); // the command line goes on after the literal
        r.feed("\r\n");
        QCOMPARE(r.next(), Status::Command);
        const Command& c = r.command();
        QCOMPARE(c.args.size(), std::size_t(3));
        QVERIFY(c.args[2].literal);
        QCOMPARE(c.args[2].text, std::string("Hello\r\nWorld"));
    }

    void nonSynchronisingLiteralsAndSeveralInOneCommand()
    {
        CommandReader r;
        const auto cmds = readAll(r, "l LOGIN {3+}\r\nbob {6+}\r\ns3cr\"t\r\n"
                                     "m APPEND Sent {2+}\r\nab (\\Draft) {1+}\r\nc\r\n");
        QCOMPARE(cmds.size(), std::size_t(2));
        QCOMPARE(cmds[0].args[0].text, std::string("bob"));
        QCOMPARE(cmds[0].args[1].text, std::string("s3cr\"t"));
        QCOMPARE(cmds[1].args.size(), std::size_t(4));
        QCOMPARE(cmds[1].args[3].text, std::string("c"));
    }

    // Dovecot's rule: byte by byte, "need more" until the command is whole.
    void oneByteAtATime()
    {
        const std::string input = "t1 APPEND INBOX {5}\r\nhello\r\nt2 FETCH 1 (BODY[])\nt3 LOGOUT\r\n";
        CommandReader r;
        std::vector<std::string> tags;
        int continuations = 0;
        for (char c : input) {
            r.feed(std::string_view(&c, 1));
            for (Status s = r.next(); s != Status::NeedMore; s = r.next()) {
                QVERIFY(s != Status::Error);
                if (s == Status::Continuation)
                    ++continuations;
                else
                    tags.push_back(r.command().tag);
            }
        }
        QCOMPARE(continuations, 1);
        QCOMPARE(tags, (std::vector<std::string>{"t1", "t2", "t3"}));
    }

    void tooLongLineIsRefusedAndReadingGoesOn()
    {
        ImapLimits limits;
        limits.maxLineBytes = 100; // tiny, so the test input stays small
        CommandReader r(limits);
        r.feed("long SEARCH " + std::string(5000, 'x'));
        QCOMPARE(r.next(), Status::Error);
        QVERIFY(r.error() == ReadError::LineTooLong);
        QCOMPARE(r.errorTag(), std::string("long"));
        QVERIFY(r.buffered() <= 100); // the refused bytes are not kept
        r.feed(std::string(5000, 'y') + "\r\nok NOOP\r\n");
        QCOMPARE(r.next(), Status::Command);
        QCOMPARE(r.command().tag, std::string("ok"));
    }

    void tooLargeLiteralIsRefusedBeforeItsBytes()
    {
        ImapLimits limits;
        limits.maxLiteralBytes = 10; // tiny, so the test input stays small
        CommandReader r(limits);
        // Synchronising: refused, no "+", so the client sends no bytes.
        r.feed("big APPEND INBOX {11}\r\nnext NOOP\r\n");
        QCOMPARE(r.next(), Status::Error);
        QVERIFY(r.error() == ReadError::LiteralTooLarge);
        QCOMPARE(r.errorTag(), std::string("big"));
        QCOMPARE(r.next(), Status::Command);
        QCOMPARE(r.command().tag, std::string("next"));
        // Non-synchronising: the bytes come anyway and are skipped, however many.
        r.feed("big2 APPEND INBOX {20+}\r\n");
        QCOMPARE(r.next(), Status::Error);
        QCOMPARE(r.errorTag(), std::string("big2"));
        r.feed("01234567890123456789 {3+}\r\nabc\r\nafter NOOP\r\n");
        QCOMPARE(r.next(), Status::Command);
        QCOMPARE(r.command().tag, std::string("after"));
        // A size that does not fit in 64 bits.
        r.feed("huge APPEND INBOX {99999999999999999999999}\r\nlast NOOP\r\n");
        QCOMPARE(r.next(), Status::Error);
        QVERIFY(r.error() == ReadError::LiteralTooLarge);
        QCOMPARE(r.next(), Status::Command);
    }

    void syntaxErrorsCarryTheTag_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("tag");
        QTest::newRow("unclosed quote") << QByteArray("q1 SELECT \"INBOX") << QByteArray("q1");
        QTest::newRow("unclosed list") << QByteArray("q2 FETCH 1 (FLAGS") << QByteArray("q2");
        QTest::newRow("stray )") << QByteArray("q3 NOOP )") << QByteArray("q3");
        QTest::newRow("unclosed [") << QByteArray("q4 FETCH 1 BODY[HEADER") << QByteArray("q4");
        QTest::newRow("no command") << QByteArray("q5") << QByteArray("q5");
        QTest::newRow("tag with +") << QByteArray("a+b NOOP") << QByteArray("");
        QTest::newRow("empty line") << QByteArray("") << QByteArray("");
        QTest::newRow("garbage after quote") << QByteArray("q6 SELECT \"a\"b") << QByteArray("q6");
    }

    void syntaxErrorsCarryTheTag()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, tag);
        CommandReader r;
        r.feed(line.toStdString() + "\r\nfine NOOP\r\n");
        QCOMPARE(r.next(), Status::Error);
        QVERIFY(r.error() == ReadError::Syntax);
        QCOMPARE(QByteArray::fromStdString(r.errorTag()), tag);
        QVERIFY(!r.errorText().empty());
        QCOMPARE(r.next(), Status::Command);
        QCOMPARE(r.command().tag, std::string("fine"));
    }

    void deepListsAndTooManyArgumentsAreRefused()
    {
        CommandReader r;
        r.feed("d FETCH 1 " + std::string(1000, '(') + std::string(1000, ')') + "\r\n");
        QCOMPARE(r.next(), Status::Error);
        QVERIFY(r.error() == ReadError::TooComplex);
        ImapLimits limits;
        limits.maxArguments = 50;
        CommandReader few(limits);
        std::string many = "m STORE 1 FLAGS (";
        for (int i = 0; i < 100; ++i)
            many += "f" + std::to_string(i) + " ";
        few.feed(many + ")\r\n");
        QCOMPARE(few.next(), Status::Error);
        QVERIFY(few.error() == ReadError::TooComplex);
    }

    void garbageNeverCrashesAndStaysBounded()
    {
        ImapLimits limits;
        limits.maxLineBytes = 4096;
        limits.maxLiteralBytes = 4096;
        std::mt19937 rng(11);
        const char alphabet[] = "a1 {}()[]<>\"\\+*% \r\n\x00\xff";
        for (int round = 0; round < 200; ++round) {
            CommandReader r(limits);
            for (int chunk = 0; chunk < 50; ++chunk) {
                std::string bytes(rng() % 300, '\0');
                for (char& c : bytes)
                    c = (rng() % 2) ? static_cast<char>(rng() & 0xff) : alphabet[rng() % (sizeof alphabet - 1)];
                r.feed(bytes);
                for (int steps = 0; r.next() != Status::NeedMore; ++steps)
                    QVERIFY(steps < 100000);
                QVERIFY(r.buffered() <= limits.maxLineBytes + limits.maxLiteralBytes + 300);
            }
        }
    }
};

QTEST_GUILESS_MAIN(CommandReaderTest)
#include "tst_command_reader.moc"
