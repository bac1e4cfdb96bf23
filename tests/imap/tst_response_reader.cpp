// The IMAP response reader (core/imap/ResponseReader): what the sync client reads
// from a provider, byte by byte or in one piece, with literals, the quirks of
// real servers, limits and garbage. Responses captured from a real Dovecot are
// in tst_dovecot_responses.cpp.

#include "imap/ResponseReader.h"

#include <QElapsedTimer>
#include <QTest>

#include <random>

using namespace cachet::imap;
using Status = ResponseReader::Status;
using Kind = Response::Kind;
using RStatus = Response::Status;
using Type = ImapArg::Type;

namespace {

// What the reader said for each step until it needed more: a response or an error.
struct Step {
    bool error = false;
    Response response;
    ReadError kind = ReadError::Syntax;
    std::string errorTag;
};

std::vector<Step> drain(ResponseReader& reader)
{
    std::vector<Step> out;
    for (Status s = reader.next(); s != Status::NeedMore; s = reader.next()) {
        Step step;
        step.error = s == Status::Error;
        if (step.error) {
            step.kind = reader.error();
            step.errorTag = reader.errorTag();
        } else {
            step.response = reader.takeResponse();
        }
        out.push_back(std::move(step));
    }
    return out;
}

std::vector<Response> readAll(std::string_view input, ImapLimits limits = ImapLimits::forResponses())
{
    ResponseReader reader(limits);
    reader.feed(input);
    std::vector<Response> out;
    for (Step& step : drain(reader)) {
        if (step.error)
            qWarning("unexpected error reading the input");
        else
            out.push_back(std::move(step.response));
    }
    return out;
}

// Feeds `input` one byte at a time and collects every step.
std::vector<Step> readByteByByte(std::string_view input, ImapLimits limits = ImapLimits::forResponses())
{
    ResponseReader reader(limits);
    std::vector<Step> out;
    for (char c : input) {
        reader.feed(std::string_view(&c, 1));
        for (Step& step : drain(reader))
            out.push_back(std::move(step));
    }
    return out;
}

ImapArg atom(std::string text)
{
    return ImapArg{Type::Atom, std::move(text), {}, false};
}

ImapArg quoted(std::string text)
{
    return ImapArg{Type::String, std::move(text), {}, false};
}

ImapArg list(std::vector<ImapArg> items)
{
    return ImapArg{Type::List, {}, std::move(items), false};
}

} // namespace

class ResponseReaderTest : public QObject {
    Q_OBJECT

private slots:
    void greetingAndTaggedStatus()
    {
        const auto r = readAll("* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] Dovecot ready.\r\n"
                               "a1 OK [READ-WRITE] Select completed (0.001 secs).\r\n"
                               "a2 NO [TRYCREATE] Mailbox doesn't exist: Nope\r\n"
                               "a3 bad Error in IMAP command\r\n");
        QCOMPARE(r.size(), std::size_t(4));
        QVERIFY(r[0].kind == Kind::Untagged);
        QVERIFY(r[0].status == RStatus::Ok);
        QVERIFY(r[0].code.has_value());
        QCOMPARE(r[0].code->name, std::string("CAPABILITY"));
        QVERIFY(r[0].code->args == (std::vector<ImapArg>{atom("IMAP4rev1"), atom("LITERAL+"), atom("AUTH=PLAIN")}));
        QCOMPARE(r[0].text, std::string("Dovecot ready."));
        QVERIFY(r[1].kind == Kind::Tagged);
        QCOMPARE(r[1].tag, std::string("a1"));
        QVERIFY(r[1].status == RStatus::Ok);
        QVERIFY(r[1].hasCode("READ-WRITE"));
        QCOMPARE(r[1].text, std::string("Select completed (0.001 secs)."));
        QVERIFY(r[2].status == RStatus::No);
        QVERIFY(r[2].hasCode("TRYCREATE"));
        QVERIFY(r[2].code->args.empty());
        QVERIFY(r[3].status == RStatus::Bad); // keywords in any case
        QVERIFY(!r[3].code);
    }

    void untaggedData()
    {
        const auto r = readAll("* 23 EXISTS\r\n* 3 expunge\r\n* FLAGS (\\Answered \\Seen $Forwarded)\r\n"
                               "* SEARCH 2 3 6\r\n* SEARCH\r\n* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n"
                               "* LIST (\\HasNoChildren) \"/\" INBOX\r\n* ENABLED QRESYNC\r\n"
                               "* VANISHED (EARLIER) 1:3,5\r\n* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");
        QCOMPARE(r.size(), std::size_t(10));
        QVERIFY(r[0].isData("EXISTS"));
        QCOMPARE(r[0].number, std::optional<std::uint32_t>(23));
        QVERIFY(r[0].args.empty());
        QVERIFY(r[1].isData("EXPUNGE")); // names upper-cased
        QVERIFY(r[2].isData("FLAGS"));
        QVERIFY(r[2].args == (std::vector<ImapArg>{list({atom("\\Answered"), atom("\\Seen"), atom("$Forwarded")})}));
        QVERIFY(!r[2].number);
        QVERIFY(r[3].args == (std::vector<ImapArg>{atom("2"), atom("3"), atom("6")}));
        QVERIFY(r[4].isData("SEARCH"));
        QVERIFY(r[4].args.empty());
        QCOMPARE(r[5].args.size(), std::size_t(3));
        QVERIFY(r[5].args[0] == list({list({quoted(""), quoted("/")})}));
        QVERIFY(r[5].args[1].type == Type::Nil);
        QVERIFY(r[6].args == (std::vector<ImapArg>{list({atom("\\HasNoChildren")}), quoted("/"), atom("INBOX")}));
        QVERIFY(r[7].isData("ENABLED"));
        QVERIFY(r[8].args == (std::vector<ImapArg>{list({atom("EARLIER")}), atom("1:3,5")}));
        QVERIFY(r[9].status == RStatus::PreAuth);
        QVERIFY(r[9].hasCode("CAPABILITY"));
    }

    void fetchWithLiteralsAndSections()
    {
        const std::string header = "From: a@example.org\r\n\r\n";
        const std::string input = "* 12 FETCH (UID 5 BODY[HEADER.FIELDS (FROM TO)] {" + std::to_string(header.size())
                                + "}\r\n" + header + " BODY[]<0> {0}\r\n FLAGS (\\Seen) BINARY[1] ~{3}\r\n"
                                + std::string("\x00\xff\x01)\r\n", 6);
        const auto r = readAll(input);
        QCOMPARE(r.size(), std::size_t(1));
        QVERIFY(r[0].isData("FETCH"));
        QCOMPARE(r[0].number, std::optional<std::uint32_t>(12));
        QCOMPARE(r[0].args.size(), std::size_t(1));
        const std::vector<ImapArg>& items = r[0].args[0].items;
        QCOMPARE(items.size(), std::size_t(10));
        QCOMPARE(items[2].text, std::string("BODY[HEADER.FIELDS (FROM TO)]")); // one atom, spaces and all
        QCOMPARE(items[3].text, header);
        QVERIFY(items[3].literal);
        QCOMPARE(items[4].text, std::string("BODY[]<0>"));
        QVERIFY(items[5].literal);
        QCOMPARE(items[5].text, std::string()); // a literal of 0 bytes
        QVERIFY(items[7] == list({atom("\\Seen")}));
        QCOMPARE(items[8].text, std::string("BINARY[1]")); // the '~' of literal8 is not an atom
        QCOMPARE(items[9].text, std::string("\x00\xff\x01", 3));
    }

    void continuationRequests()
    {
        const auto r = readAll("+ Ready for literal data\r\n+\r\n+ \r\n+ YmFzZTY0PT0=\r\n+ [ALERT] wait\r\n");
        QCOMPARE(r.size(), std::size_t(5));
        for (const Response& c : r)
            QVERIFY(c.kind == Kind::Continuation);
        QCOMPARE(r[0].text, std::string("Ready for literal data"));
        QCOMPARE(r[1].text, std::string());
        QCOMPARE(r[2].text, std::string());
        QCOMPARE(r[3].text, std::string("YmFzZTY0PT0=")); // an AUTHENTICATE challenge
        QVERIFY(r[4].hasCode("ALERT"));
    }

    void responseCodesWithArguments()
    {
        const auto r = readAll("* OK [PERMANENTFLAGS (\\Answered \\Seen \\*)] Flags permitted.\r\n"
                               "a OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n"
                               "b OK [APPENDUID 38505 3955] APPEND completed\r\n"
                               "* OK [HIGHESTMODSEQ 9223372036854775807] Highest\r\n"
                               "c NO [ALREADYEXISTS] Mailbox exists\r\n"
                               "* OK [WEBALERT https://example.org/a?(b] Go there\r\n");
        QCOMPARE(r.size(), std::size_t(6));
        QVERIFY(r[0].code->args == (std::vector<ImapArg>{list({atom("\\Answered"), atom("\\Seen"), atom("\\*")})}));
        QCOMPARE(r[0].text, std::string("Flags permitted."));
        QVERIFY(r[1].code->args == (std::vector<ImapArg>{atom("38505"), atom("304,319:320"), atom("3956:3958")}));
        QCOMPARE(r[1].code->text, std::string("38505 304,319:320 3956:3958"));
        QVERIFY(r[2].code->args == (std::vector<ImapArg>{atom("38505"), atom("3955")}));
        QVERIFY(number64Of(r[3].code->args[0]) == 9223372036854775807ull);
        QVERIFY(r[4].hasCode("ALREADYEXISTS"));
        // Not IMAP values: no arguments, but the text is kept.
        QCOMPARE(r[5].code->name, std::string("WEBALERT"));
        QVERIFY(r[5].code->args.empty());
        QCOMPARE(r[5].code->text, std::string("https://example.org/a?(b"));
        QCOMPARE(r[5].text, std::string("Go there"));
    }

    // What real servers send that the grammar does not allow, read anyway.
    void quirksOfRealServers_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("codeName");
        QTest::addColumn<QByteArray>("text");
        // Dovecot and Gmail: a code and no text, not even the SP.
        QTest::newRow("code without text") << QByteArray("* OK [UIDNEXT 4]\r\n") << QByteArray("UIDNEXT") << QByteArray("");
        QTest::newRow("trailing spaces") << QByteArray("* OK [UIDNEXT 4]   Predicted  \r\n") << QByteArray("UIDNEXT")
                                         << QByteArray("Predicted");
        QTest::newRow("lower case") << QByteArray("* ok [uidnext 4] x\r\n") << QByteArray("UIDNEXT") << QByteArray("x");
        QTest::newRow("no space before code") << QByteArray("* OK[ALERT] x\r\n") << QByteArray("ALERT") << QByteArray("x");
        QTest::newRow("] in the text") << QByteArray("* NO [ALERT] Quota [90%] reached ]\r\n") << QByteArray("ALERT")
                                       << QByteArray("Quota [90%] reached ]");
        QTest::newRow("[ never closed") << QByteArray("* OK [ALERT no end\r\n") << QByteArray("")
                                        << QByteArray("[ALERT no end");
        QTest::newRow("bare LF") << QByteArray("* OK [UIDNEXT 4] lf\n") << QByteArray("UIDNEXT") << QByteArray("lf");
        QTest::newRow("status text ending like a literal") << QByteArray("* OK Counted {5}\r\n") << QByteArray("")
                                                           << QByteArray("Counted {5}");
        QTest::newRow("tagged text ending like a literal") << QByteArray("t1 NO Too big {5}\r\n") << QByteArray("")
                                                           << QByteArray("Too big {5}");
    }

    void quirksOfRealServers()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, codeName);
        QFETCH(QByteArray, text);
        // Followed by a response, to show the reader is still in step after it.
        const auto r = readAll(input.toStdString() + "* 1 EXISTS\r\n");
        QCOMPARE(r.size(), std::size_t(2));
        QCOMPARE(r[0].code ? QByteArray::fromStdString(r[0].code->name) : QByteArray(), codeName);
        QCOMPARE(QByteArray::fromStdString(r[0].text), text);
        QVERIFY(r[1].isData("EXISTS"));
    }

    void quirksInData()
    {
        const auto r = readAll("* 1 FETCH (FLAGS (\\Seen)  UID 4 ) \r\n"          // extra spaces
                               "* LIST (\\HasNoChildren) nil a[b\r\n"                // nil; '[' never closed in a name
                               "* LIST () \"/\" \"Caf\xc3\xa9 \\\"q\\\" \\\\\"\r\n"   // UTF-8 and escapes in a quoted string
                               "\r\n\r\n"                                            // empty lines
                               "* 2 FETCH (X-GM-LABELS (\\Inbox \"\\\\Important\") UID 7)\r\n");
        QCOMPARE(r.size(), std::size_t(4));
        QVERIFY(r[0].args == (std::vector<ImapArg>{list({atom("FLAGS"), list({atom("\\Seen")}), atom("UID"), atom("4")})}));
        QVERIFY(r[1].args[1].type == Type::Nil);
        QVERIFY(r[1].args[2] == atom("a[b"));
        QCOMPARE(r[2].args[2].text, std::string("Caf\xc3\xa9 \"q\" \\"));
        QCOMPARE(r[3].args[0].items[1].items[1].text, std::string("\\Important"));
    }

    // Dovecot's rule: byte by byte, "need more" until the response is whole, and
    // the same responses as when the input comes in one piece.
    void byteByByteEqualsOnePiece()
    {
        const std::string input = "* OK [CAPABILITY IMAP4rev1] hi\r\n* 1 FETCH (UID 9 BODY[] {12}\r\nHello\r\nWorld"
                                  " FLAGS ())\r\n+ go\r\n* 2 FETCH (BODY[TEXT] {0}\r\n)\n"
                                  "* LIST () \"/\" {4}\r\nr\xc3\xa9s\r\nt9 OK done\r\n";
        const std::vector<Response> whole = readAll(input);
        QCOMPARE(whole.size(), std::size_t(6));
        const std::vector<Step> bytewise = readByteByByte(input);
        QCOMPARE(bytewise.size(), whole.size());
        for (std::size_t i = 0; i < whole.size(); ++i) {
            QVERIFY(!bytewise[i].error);
            QVERIFY(bytewise[i].response == whole[i]);
        }
        QCOMPARE(whole[1].args[0].items[3].text, std::string("Hello\r\nWorld"));
        QCOMPARE(whole[4].args[2].text, std::string("r\xc3\xa9s"));
    }

    void needMoreUntilTheLastByte()
    {
        const std::string response = "* 3 FETCH (BODY[] {5}\r\nab\r\nc)\r\n";
        ResponseReader reader;
        for (std::size_t i = 0; i + 1 < response.size(); ++i) {
            reader.feed(response.substr(i, 1));
            QCOMPARE(reader.next(), Status::NeedMore);
        }
        reader.feed(response.substr(response.size() - 1));
        QCOMPARE(reader.next(), Status::Response);
        QCOMPARE(reader.response().args[0].items[1].text, std::string("ab\r\nc"));
        QCOMPARE(reader.next(), Status::NeedMore);
        QCOMPARE(reader.buffered(), std::size_t(0));
    }

    void literalSplitAcrossFeeds()
    {
        ResponseReader reader;
        reader.feed("* 1 FETCH (BODY[] {10}\r\n0123");
        QCOMPARE(reader.next(), Status::NeedMore);
        reader.feed("45");
        QCOMPARE(reader.next(), Status::NeedMore);
        reader.feed("6789 UID 3)\r");
        QCOMPARE(reader.next(), Status::NeedMore);
        reader.feed("\n");
        QCOMPARE(reader.next(), Status::Response);
        const Response r = reader.takeResponse();
        QCOMPARE(r.args[0].items[1].text, std::string("0123456789"));
        QCOMPARE(r.args[0].items[3].text, std::string("3"));
    }

    void byeThenNothing()
    {
        const auto r = readAll("* BYE Autologout; idle for too long\r\n");
        QCOMPARE(r.size(), std::size_t(1));
        QVERIFY(r[0].status == RStatus::Bye);
        QCOMPARE(r[0].text, std::string("Autologout; idle for too long"));
    }

    void garbageIsAnErrorAndReadingGoesOn_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("tag");
        QTest::newRow("words") << QByteArray("hello world") << QByteArray("hello");
        QTest::newRow("bad tag") << QByteArray("a\"b OK x") << QByteArray("");
        QTest::newRow("tagged, no status") << QByteArray("a7 MAYBE later") << QByteArray("a7");
        QTest::newRow("tagged BYE") << QByteArray("a8 BYE x") << QByteArray("a8");
        QTest::newRow("star alone") << QByteArray("*") << QByteArray("");
        QTest::newRow("number alone") << QByteArray("* 12") << QByteArray("");
        QTest::newRow("number too large") << QByteArray("* 4294967296 EXISTS") << QByteArray("");
        QTest::newRow("unclosed list") << QByteArray("* 1 FETCH (UID 4") << QByteArray("");
        QTest::newRow("unclosed quote") << QByteArray("* LIST () \"/\" \"INBOX") << QByteArray("");
        QTest::newRow("stray )") << QByteArray("* FLAGS ())") << QByteArray("");
        QTest::newRow("binary") << QByteArray("\x01\x02\xff\x00 OK", 7) << QByteArray("");
    }

    void garbageIsAnErrorAndReadingGoesOn()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, tag);
        ResponseReader reader;
        reader.feed(line.toStdString() + "\r\n* 4 EXISTS\r\n");
        QCOMPARE(reader.next(), Status::Error);
        QVERIFY(reader.error() == ReadError::Syntax);
        QCOMPARE(QByteArray::fromStdString(reader.errorTag()), tag);
        QVERIFY(!reader.errorText().empty());
        QCOMPARE(reader.next(), Status::Response);
        QVERIFY(reader.response().isData("EXISTS"));
    }

    void tooLongLineIsRefusedAndSkipped()
    {
        ImapLimits limits;
        limits.maxLineBytes = 100; // tiny, so the test input stays small
        ResponseReader reader(limits);
        reader.feed("* SEARCH " + std::string(5000, '1'));
        QCOMPARE(reader.next(), Status::Error);
        QVERIFY(reader.error() == ReadError::LineTooLong);
        QVERIFY(reader.buffered() <= 100); // the refused bytes are not kept
        reader.feed(std::string(5000, '2'));
        QCOMPARE(reader.next(), Status::NeedMore);
        QVERIFY(reader.buffered() <= 100);
        reader.feed(" 3\r\nt1 OK done\r\n");
        QCOMPARE(reader.next(), Status::Response);
        QCOMPARE(reader.response().tag, std::string("t1"));

        // A tagged line too long still names its tag, so its command can be ended.
        reader.feed("t2 NO " + std::string(500, 'x') + "\r\n");
        QCOMPARE(reader.next(), Status::Error);
        QCOMPARE(reader.errorTag(), std::string("t2"));
        QCOMPARE(reader.next(), Status::NeedMore);
    }

    // A line cut off for its length that announces a literal: the literal is
    // skipped too, and the response's next line, and the reader stays in step.
    void tooLongLineWithALiteral()
    {
        ImapLimits limits;
        limits.maxLineBytes = 100;
        ResponseReader reader(limits);
        const std::string literal = "* 9 EXISTS\r\n* 9 EXISTS\r\n"; // looks like responses, is not
        const std::string input = "* 7 FETCH (X-LONG " + std::string(300, 'x') + " BODY[] {"
                                + std::to_string(literal.size()) + "}\r\n" + literal + " UID 8)\r\n* 1 RECENT\r\n";
        for (std::size_t i = 0; i < input.size(); i += 7)
            reader.feed(input.substr(i, 7));
        QCOMPARE(reader.next(), Status::Error);
        QVERIFY(reader.error() == ReadError::LineTooLong);
        QCOMPARE(reader.errorNumber(), std::optional<std::uint32_t>(7));
        QCOMPARE(reader.next(), Status::Response);
        QVERIFY(reader.response().isData("RECENT")); // the literal's "* 9 EXISTS" lines were not read
        QCOMPARE(reader.next(), Status::NeedMore);
    }

    // A 2 GB literal is refused when announced, before any of its bytes, and
    // its bytes are skipped as they come without being kept.
    void hugeLiteralIsRefusedWithoutAllocating()
    {
        ResponseReader reader;
        reader.feed("* 5 FETCH (UID 77 BODY[] {2147483648}\r\n");
        QCOMPARE(reader.next(), Status::Error);
        QVERIFY(reader.error() == ReadError::LiteralTooLarge);
        QVERIFY(QByteArray::fromStdString(reader.errorText()).contains("2147483648"));
        QCOMPARE(reader.errorNumber(), std::optional<std::uint32_t>(5)); // fetch message 5 again, in parts
        const std::string chunk(1 << 20, 'x');
        for (std::size_t sent = 0; sent < 2048; ++sent) {
            reader.feed(chunk);
            QCOMPARE(reader.next(), Status::NeedMore);
            QVERIFY(reader.buffered() <= chunk.size());
        }
        reader.feed(" FLAGS (\\Seen))\r\n* 6 EXISTS\r\n");
        QCOMPARE(reader.next(), Status::Response);
        QVERIFY(reader.response().isData("EXISTS"));
    }

    void literalLimitsAreConfigurable()
    {
        ImapLimits limits;
        limits.maxLiteralBytes = 10;
        limits.maxCommandBytes = 15; // all literals of one response
        ResponseReader reader(limits);
        reader.feed("* 1 FETCH (BODY[] {10}\r\n0123456789)\r\n"         // at the limit: read
                    "* 2 FETCH (BODY[] {11}\r\n0123456789a)\r\n"         // over it: refused, skipped
                    "* 3 FETCH (BODY[1] {8}\r\n01234567 BODY[2] {8}\r\n01234567)\r\n" // 16 in all: refused
                    "* 4 FETCH (BODY[] {99999999999999999999999}\r\n"    // does not fit in 64 bits
                    "* 5 EXISTS\r\n");
        QCOMPARE(reader.next(), Status::Response);
        QCOMPARE(reader.next(), Status::Error);
        QVERIFY(reader.error() == ReadError::LiteralTooLarge);
        QCOMPARE(reader.errorNumber(), std::optional<std::uint32_t>(2));
        QCOMPARE(reader.next(), Status::Error);
        QCOMPARE(reader.errorNumber(), std::optional<std::uint32_t>(3));
        QCOMPARE(reader.next(), Status::Error);
        QCOMPARE(reader.errorNumber(), std::optional<std::uint32_t>(4));
        QCOMPARE(reader.next(), Status::Response);
        QVERIFY(reader.response().isData("EXISTS"));
    }

    void deepNestingAndTooManyValuesAreRefused()
    {
        ResponseReader reader;
        reader.feed("* 1 FETCH " + std::string(10000, '(') + std::string(10000, ')') + "\r\n* 2 EXISTS\r\n");
        QCOMPARE(reader.next(), Status::Error);
        QVERIFY(reader.error() == ReadError::TooComplex);
        QCOMPARE(reader.next(), Status::Response);

        ImapLimits limits = ImapLimits::forResponses();
        limits.maxArguments = 50; // small, so the test input stays small
        ResponseReader few(limits);
        std::string many = "* SEARCH";
        for (int i = 1; i <= 100; ++i)
            many += " " + std::to_string(i);
        few.feed(many + "\r\n* SEARCH 1\r\n");
        QCOMPARE(few.next(), Status::Error);
        QVERIFY(few.error() == ReadError::TooComplex);
        QCOMPARE(few.next(), Status::Response);
    }

    // Lenient reading of '[' must not look at the rest of the line again for
    // each atom: a quadratic reader would take hours on this megabyte.
    void unclosedBracketsStayLinear()
    {
        std::string line = "* LIST () \"/\" (";
        while (line.size() < 1024 * 1024)
            line += "a[ ";
        QElapsedTimer timer;
        timer.start();
        ResponseReader reader;
        reader.feed(line + ")\r\n");
        QCOMPARE(reader.next(), Status::Response);
        QCOMPARE(reader.response().args[2].items.front().text, std::string("a["));
        QVERIFY2(timer.elapsed() < 5000, "reading took too long");
    }

    void takeUnreadHandsBackWhatFollows()
    {
        ResponseReader reader;
        reader.feed("a1 OK Begin TLS negotiation now\r\n\x16\x03\x01");
        QCOMPARE(reader.next(), Status::Response);
        QCOMPARE(reader.takeUnread(), std::string("\x16\x03\x01"));
        QCOMPARE(reader.buffered(), std::size_t(0));
        QCOMPARE(reader.next(), Status::NeedMore);
    }

    void garbageNeverCrashesAndStaysBounded()
    {
        ImapLimits limits = ImapLimits::forResponses();
        limits.maxLineBytes = 4096;
        limits.maxLiteralBytes = 4096;
        limits.maxCommandBytes = 8192;
        std::mt19937 rng(17);
        const char alphabet[] = "*+ a1 {}()[]<>~\"\\NIL0123456789 OK FETCH\r\n\x00\xff";
        for (int round = 0; round < 200; ++round) {
            ResponseReader reader(limits);
            for (int chunk = 0; chunk < 50; ++chunk) {
                std::string bytes(rng() % 300, '\0');
                for (char& c : bytes)
                    c = (rng() % 3) ? alphabet[rng() % (sizeof alphabet - 1)] : static_cast<char>(rng() & 0xff);
                reader.feed(bytes);
                for (int steps = 0; reader.next() != Status::NeedMore; ++steps)
                    QVERIFY(steps < 100000);
                QVERIFY(reader.buffered() <= limits.maxLineBytes + 300);
            }
        }
    }
};

QTEST_GUILESS_MAIN(ResponseReaderTest)
#include "tst_response_reader.moc"
