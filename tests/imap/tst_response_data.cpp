// The readers of common responses (core/imap: FetchResponse, ListResponse,
// StatusResponse, SearchResponse, VanishedResponse, Capabilities,
// ResponseCodes) on hand-written responses: the forms RFCs show, Gmail's and
// Exchange's habits, and malformed data they must refuse. Dovecot's real
// answers are in tst_dovecot_responses.cpp.

#include "imap/Capabilities.h"
#include "imap/FetchResponse.h"
#include "imap/ListResponse.h"
#include "imap/ResponseCodes.h"
#include "imap/ResponseReader.h"
#include "imap/SearchResponse.h"
#include "imap/StatusResponse.h"
#include "imap/VanishedResponse.h"

#include <QTest>

using namespace cachet::imap;

namespace {

// The one response in `line` (CRLF added).
Response responseOf(const std::string& line)
{
    ResponseReader reader;
    reader.feed(line + "\r\n");
    if (reader.next() != ResponseReader::Status::Response)
        qFatal("not a response: %s", line.c_str());
    return reader.takeResponse();
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges(const SequenceSet& set)
{
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    for (const SequenceSet::Range& r : set.ranges())
        out.emplace_back(r.first, r.last);
    return out;
}

using Ranges = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

} // namespace

class ResponseDataTest : public QObject {
    Q_OBJECT

private slots:
    void fetchReadsEveryItem()
    {
        const std::string body = "Subject: hi\r\n\r\nbody\r\n";
        const auto fetch = readFetch(responseOf(
            "* 12 FETCH (UID 4827313 FLAGS (\\seen \\Answered $Forwarded NonJunk \\Recent) "
            "INTERNALDATE \" 7-Feb-2024 13:05:09 +0100\" RFC822.SIZE 5000000000 MODSEQ (624140003) "
            "BODY[] {" + std::to_string(body.size()) + "}\r\n" + body + " BODY[HEADER.FIELDS (SUBJECT)] \"Subject: hi\" "
            "BODY[]<100> NIL BODY[2] NIL BINARY[1] {3}\r\nabc "
            "ENVELOPE (NIL \"hi\" NIL NIL NIL NIL NIL NIL NIL \"<id@x>\") "
            "BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\" 6 1) X-GM-MSGID 1278455344230334865)"));
        QVERIFY(fetch);
        QCOMPARE(fetch->sequenceNumber, 12u);
        QCOMPARE(fetch->uid, std::optional<std::uint32_t>(4827313));
        QVERIFY(fetch->flags);
        // System flags in RFC case, keywords as written.
        QCOMPARE(fetch->flags->system, (std::vector<std::string>{"\\Seen", "\\Answered", "\\Recent"}));
        QCOMPARE(fetch->flags->keywords, (std::vector<std::string>{"$Forwarded", "NonJunk"}));
        QCOMPARE(fetch->internalDate, std::optional<std::int64_t>(1707307509));
        QCOMPARE(fetch->rfc822Size, std::optional<std::uint64_t>(5000000000ull));
        QCOMPARE(fetch->modSeq, std::optional<std::uint64_t>(624140003));
        QCOMPARE(fetch->sections.size(), std::size_t(5));
        QVERIFY(fetch->section(""));
        QCOMPARE(fetch->section("")->bytes, std::optional<std::string>(body));
        QCOMPARE(fetch->section("HEADER.FIELDS (SUBJECT)")->bytes, std::optional<std::string>("Subject: hi"));
        QCOMPARE(fetch->sections[2].origin, std::optional<std::uint32_t>(100));
        QVERIFY(!fetch->sections[2].bytes); // NIL
        QVERIFY(!fetch->section("2")->bytes);
        QVERIFY(fetch->section("1")->binary);
        QVERIFY(fetch->envelope && fetch->envelope->items.size() == 10);
        QVERIFY(fetch->bodyStructure && fetch->bodyStructure->items.size() == 8);
        QCOMPARE(fetch->other.size(), std::size_t(1));
        QCOMPARE(fetch->other[0].first, std::string("X-GM-MSGID"));
    }

    void fetchWithOnlySomeItems()
    {
        // An unsolicited FETCH after another session's STORE: flags only.
        const auto fetch = readFetch(responseOf("* 3 FETCH (FLAGS ())"));
        QVERIFY(fetch);
        QVERIFY(!fetch->uid);
        QVERIFY(fetch->flags && fetch->flags->system.empty() && fetch->flags->keywords.empty());
        // RFC822 forms are the sections they equal.
        const auto old = readFetch(responseOf("* 4 FETCH (RFC822.HEADER \"a\" RFC822.TEXT \"b\" RFC822 \"ab\")"));
        QVERIFY(old);
        QCOMPARE(old->section("HEADER")->bytes, std::optional<std::string>("a"));
        QCOMPARE(old->section("TEXT")->bytes, std::optional<std::string>("b"));
        QCOMPARE(old->section("")->bytes, std::optional<std::string>("ab"));
    }

    void fetchRefusesMalformedItems_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("not FETCH") << QByteArray("* 3 EXISTS");
        QTest::newRow("no list") << QByteArray("* 3 FETCH UID 4");
        QTest::newRow("odd items") << QByteArray("* 3 FETCH (UID 4 FLAGS)");
        QTest::newRow("uid not a number") << QByteArray("* 3 FETCH (UID four)");
        QTest::newRow("uid too large") << QByteArray("* 3 FETCH (UID 4294967296)");
        QTest::newRow("flags not a list") << QByteArray("* 3 FETCH (FLAGS \\Seen)");
        QTest::newRow("bad date") << QByteArray("* 3 FETCH (INTERNALDATE \"31-Feb-2024 00:00:00 +0000\")");
        QTest::newRow("modseq not a list") << QByteArray("* 3 FETCH (MODSEQ 5)");
        QTest::newRow("section bytes an atom") << QByteArray("* 3 FETCH (BODY[] abc)");
        QTest::newRow("bad origin") << QByteArray("* 3 FETCH (BODY[]<x> \"a\")");
        QTest::newRow("message 0") << QByteArray("* 0 FETCH (UID 4)");
    }

    void fetchRefusesMalformedItems()
    {
        QFETCH(QByteArray, line);
        QVERIFY(!readFetch(responseOf(line.toStdString())));
    }

    void listDecodesNamesAndAttributes()
    {
        const auto plain = readList(responseOf("* LIST (\\HasNoChildren \\noselect) \".\" &AMk-t&AOk-"));
        QVERIFY(plain);
        QCOMPARE(plain->name, std::string("\xc3\x89t\xc3\xa9")); // "Été" from modified UTF-7
        QCOMPARE(plain->wireName, std::string("&AMk-t&AOk-"));
        QCOMPARE(plain->delimiter, std::optional<char>('.'));
        QCOMPARE(plain->attributes, (std::vector<std::string>{"\\HasNoChildren", "\\Noselect"}));
        QVERIFY(plain->hasAttribute("\\NOSELECT"));
        QVERIFY(plain->specialUse().empty());
        QVERIFY(!plain->lsub);

        // Gmail: special use, a quoted name with brackets and spaces.
        const auto gmail = readList(responseOf("* LIST (\\HasNoChildren \\sent) \"/\" \"[Gmail]/Sent Mail\""));
        QVERIFY(gmail);
        QCOMPARE(gmail->name, std::string("[Gmail]/Sent Mail"));
        QCOMPARE(gmail->specialUse(), std::string("\\Sent"));

        // A flat name space; "inbox" is INBOX; LSUB.
        const auto flat = readList(responseOf("* LSUB () NIL inbox"));
        QVERIFY(flat);
        QVERIFY(!flat->delimiter);
        QCOMPARE(flat->name, std::string("INBOX"));
        QCOMPARE(flat->wireName, std::string("inbox"));
        QVERIFY(flat->lsub);

        // A backslash delimiter, quoted.
        QCOMPARE(readList(responseOf("* LIST () \"\\\\\" Public"))->delimiter, std::optional<char>('\\'));
    }

    void listNamesInUtf8()
    {
        // After ENABLE UTF8=ACCEPT (RFC 6855), names come as UTF-8, and "&" is itself.
        const auto utf8 = readList(responseOf("* LIST () \"/\" \"Caf\xc3\xa9 & Bar\""), true);
        QVERIFY(utf8);
        QCOMPARE(utf8->name, std::string("Caf\xc3\xa9 & Bar"));
        // A server that sends UTF-8 without being asked: read as UTF-8 all the same.
        const auto stray = readList(responseOf("* LIST () \"/\" {7}\r\nRes\xc3\xa9" "au"));
        QVERIFY(stray);
        QCOMPARE(stray->name, std::string("Res\xc3\xa9" "au"));
        // Neither modified UTF-7 nor UTF-8: bad bytes become U+FFFD, the wire name stays.
        const auto broken = readList(responseOf("* LIST () \"/\" {2}\r\na\xff"));
        QVERIFY(broken);
        QCOMPARE(broken->name, std::string("a\xef\xbf\xbd"));
        QCOMPARE(broken->wireName, std::string("a\xff"));
    }

    void listExtendedData()
    {
        const auto list = readList(responseOf(
            "* LIST (\\Subscribed \\NonExistent) \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\") \"OLDNAME\" (\"Bar\"))"));
        QVERIFY(list);
        QCOMPARE(list->attributes, (std::vector<std::string>{"\\Subscribed", "\\NonExistent"}));
        QCOMPARE(list->extended.size(), std::size_t(2));
        QCOMPARE(list->extended[0].first, std::string("CHILDINFO"));
        QCOMPARE(list->extended[0].second.items[0].text, std::string("SUBSCRIBED"));
        QCOMPARE(list->extended[1].first, std::string("OLDNAME"));
        QVERIFY(!readList(responseOf("* LIST () \"/\" Foo (\"CHILDINFO\")"))); // a tag without its value
        QVERIFY(!readList(responseOf("* LIST \\Noselect \"/\" Foo")));
        QVERIFY(!readList(responseOf("* LIST () \"//\" Foo")));
    }

    void statusCounters()
    {
        const auto status = readStatus(responseOf("* STATUS \"INBOX\" (MESSAGES 231 UIDNEXT 44292 UIDVALIDITY 1 "
                                                  "UNSEEN 3 RECENT 0 HIGHESTMODSEQ 7011231777 SIZE 8000000000 X-FOO 1)"));
        QVERIFY(status);
        QCOMPARE(status->name, std::string("INBOX"));
        QCOMPARE(status->messages, std::optional<std::uint32_t>(231));
        QCOMPARE(status->uidNext, std::optional<std::uint32_t>(44292));
        QCOMPARE(status->uidValidity, std::optional<std::uint32_t>(1));
        QCOMPARE(status->unseen, std::optional<std::uint32_t>(3));
        QCOMPARE(status->recent, std::optional<std::uint32_t>(0));
        QCOMPARE(status->highestModSeq, std::optional<std::uint64_t>(7011231777ull));
        QCOMPARE(status->size, std::optional<std::uint64_t>(8000000000ull));
        QVERIFY(!status->deleted);
        const auto encoded = readStatus(responseOf("* STATUS &AMk-t&AOk- ()"));
        QVERIFY(encoded);
        QCOMPARE(encoded->name, std::string("\xc3\x89t\xc3\xa9"));
        QVERIFY(!readStatus(responseOf("* STATUS INBOX (MESSAGES)")));
        QVERIFY(!readStatus(responseOf("* STATUS INBOX (MESSAGES x)")));
    }

    void searchAndESearch()
    {
        const auto search = readSearch(responseOf("* SEARCH 2 84 882 (MODSEQ 917162500)"));
        QVERIFY(search);
        QCOMPARE(search->numbers, (std::vector<std::uint32_t>{2, 84, 882}));
        QCOMPARE(search->modSeq, std::optional<std::uint64_t>(917162500));
        QVERIFY(readSearch(responseOf("* SEARCH"))->numbers.empty());
        QVERIFY(!readSearch(responseOf("* SEARCH 1 x")));
        QVERIFY(!readSearch(responseOf("* SEARCH 0")));

        const auto esearch = readESearch(responseOf("* ESEARCH (TAG \"a567\") UID MIN 2 MAX 2500 COUNT 4 ALL 2,10:11,2500 MODSEQ 55"));
        QVERIFY(esearch);
        QCOMPARE(esearch->tag, std::string("a567"));
        QVERIFY(esearch->uid);
        QCOMPARE(esearch->min, std::optional<std::uint32_t>(2));
        QCOMPARE(esearch->max, std::optional<std::uint32_t>(2500));
        QCOMPARE(esearch->count, std::optional<std::uint32_t>(4));
        QVERIFY(esearch->all);
        QCOMPARE(ranges(*esearch->all), (Ranges{{2, 2}, {10, 11}, {2500, 2500}}));
        QCOMPARE(esearch->modSeq, std::optional<std::uint64_t>(55));
        // Nothing found: only the correlator (RFC 4731 §3.1).
        const auto none = readESearch(responseOf("* ESEARCH (TAG \"a1\")"));
        QVERIFY(none && !none->uid && !none->all && !none->count);
        QVERIFY(!readESearch(responseOf("* ESEARCH (TAG \"a1\") ALL")));
        QVERIFY(!readESearch(responseOf("* ESEARCH ALL x:y")));
    }

    void vanished()
    {
        const auto earlier = readVanished(responseOf("* VANISHED (EARLIER) 41,43:116,118"));
        QVERIFY(earlier);
        QVERIFY(earlier->earlier);
        QCOMPARE(ranges(earlier->uids), (Ranges{{41, 41}, {43, 116}, {118, 118}}));
        const auto now = readVanished(responseOf("* VANISHED 405"));
        QVERIFY(now && !now->earlier);
        QVERIFY(!readVanished(responseOf("* VANISHED (LATER) 4")));
        QVERIFY(!readVanished(responseOf("* VANISHED 4:*")));
    }

    void capabilitiesFromDataOrCode()
    {
        const auto data = Capabilities::from(responseOf("* CAPABILITY IMAP4rev1 literal+ AUTH=PLAIN AUTH=XOAUTH2 IDLE"));
        QVERIFY(data);
        QVERIFY(data->has("LITERAL+"));
        QVERIFY(data->has("idle"));
        QVERIFY(!data->has("QRESYNC"));
        QCOMPARE(data->authMechanisms(), (std::vector<std::string>{"PLAIN", "XOAUTH2"}));
        const auto code = Capabilities::from(responseOf("a1 OK [CAPABILITY IMAP4rev1 CONDSTORE] Logged in"));
        QVERIFY(code && code->has("CONDSTORE"));
        QVERIFY(!Capabilities::from(responseOf("a1 OK Logged in")));
    }

    void responseCodes()
    {
        const Response select = responseOf("* OK [PERMANENTFLAGS (\\Seen \\Deleted \\*)] Limited");
        QCOMPARE(permanentFlagsCode(select), std::optional<std::vector<std::string>>({"\\Seen", "\\Deleted", "\\*"}));
        QVERIFY(!uidNextCode(select));
        QCOMPARE(uidValidityCode(responseOf("* OK [UIDVALIDITY 3857529045] UIDs valid")),
                 std::optional<std::uint32_t>(3857529045u));
        QCOMPARE(uidNextCode(responseOf("* OK [UIDNEXT 4392] Predicted next UID")), std::optional<std::uint32_t>(4392));
        QCOMPARE(unseenCode(responseOf("* OK [UNSEEN 12] first unseen")), std::optional<std::uint32_t>(12));
        QCOMPARE(highestModSeqCode(responseOf("* OK [HIGHESTMODSEQ 715194045007]")),
                 std::optional<std::uint64_t>(715194045007ull));
        QVERIFY(responseOf("* OK [NOMODSEQ] Sorry, this mailbox format doesn't support modsequences").hasCode("NOMODSEQ"));
        QVERIFY(!uidValidityCode(responseOf("* OK [UIDVALIDITY x]")));

        const auto append = appendUidCode(responseOf("A003 OK [APPENDUID 38505 3955] APPEND completed"));
        QVERIFY(append);
        QCOMPARE(append->uidValidity, 38505u);
        QCOMPARE(ranges(append->uids), (Ranges{{3955, 3955}}));
        QVERIFY(!appendUidCode(responseOf("A003 OK [APPENDUID 38505 *] APPEND completed")));

        const auto copy = copyUidCode(responseOf("A004 OK [COPYUID 38505 304,319:320 3956:3958] Done"));
        QVERIFY(copy);
        QCOMPARE(copy->uidValidity, 38505u);
        QCOMPARE(copy->pairs(), (Ranges{{304, 3956}, {319, 3957}, {320, 3958}}));
        // "4:2" is the range 2:4 (RFC 4315 §4); sets of different sizes pair nothing.
        QCOMPARE(copyUidCode(responseOf("a OK [COPYUID 1 4:2 7:9] x"))->pairs(), (Ranges{{2, 7}, {3, 8}, {4, 9}}));
        QVERIFY(copyUidCode(responseOf("a OK [COPYUID 1 1:3 7:8] x"))->pairs().empty());
        // A huge announced range is not expanded.
        QVERIFY(copyUidCode(responseOf("a OK [COPYUID 1 1:4294967295 1:4294967295] x"))->pairs().empty());
        // Untagged, before MOVE's expunges (RFC 6851 §4.3).
        QVERIFY(copyUidCode(responseOf("* OK [COPYUID 432432 42:69 1202:1229]")));
    }
};

QTEST_GUILESS_MAIN(ResponseDataTest)
#include "tst_response_data.moc"
