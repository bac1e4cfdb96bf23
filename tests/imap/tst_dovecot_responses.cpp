// The client side of the IMAP grammar against a real Dovecot: commands built
// with ClientCommand, responses read with ResponseReader as the network chunks
// them, and read again from the captured bytes one byte at a time and in one
// piece, which must give the same responses. The parsed values must be what
// the test put in: appended bytes come back byte for byte, with their UIDs,
// flags and dates; UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ agree across SELECT,
// STATUS, APPENDUID and COPYUID; expunges come back as EXPUNGE, then as
// VANISHED (EARLIER) once QRESYNC is on.

#include "imap/Capabilities.h"
#include "imap/ClientCommand.h"
#include "imap/FetchResponse.h"
#include "imap/ListResponse.h"
#include "imap/ResponseCodes.h"
#include "imap/ResponseReader.h"
#include "imap/SearchResponse.h"
#include "imap/StatusResponse.h"
#include "imap/VanishedResponse.h"
#include "provider/DovecotServer.h"
#include "support/ImapClientSession.h"

#include <QtTest>

#include <algorithm>
#include <map>

using namespace cachet;
using namespace cachet::imap;
using cachet::test::ImapClientSession;
using Exchange = cachet::test::ImapExchange;

namespace {

struct Message {
    std::string bytes;
    std::vector<std::string> flags;
    std::int64_t internalDate = 0;
    std::uint32_t uid = 0;  // from APPENDUID
};

std::vector<std::uint32_t> uidsOf(const SequenceSet& set, std::uint32_t largest)
{
    std::vector<std::uint32_t> out;
    for (const SequenceSet::Range& r : set.resolve(largest)) {
        for (std::uint64_t n = r.first; n <= r.last; ++n)
            out.push_back(static_cast<std::uint32_t>(n));
    }
    return out;
}

std::vector<std::string> withoutRecent(std::vector<std::string> flags)
{
    flags.erase(std::remove(flags.begin(), flags.end(), "\\Recent"), flags.end());
    std::sort(flags.begin(), flags.end());
    return flags;
}

} // namespace

class DovecotResponsesTest : public QObject {
    Q_OBJECT

    test::DovecotServer m_dovecot;
    ImapClientSession m_session;
    TagGenerator m_tags{"d"};
    Capabilities m_capabilities;
    std::vector<Message> m_messages;
    std::uint32_t m_uidValidity = 0;
    std::uint64_t m_selectModSeq = 0;

    ClientCommand command(std::string_view name)
    {
        return ClientCommand(m_tags.next(), name, literalModeFor(m_capabilities));
    }

    // Runs the command and checks the reply: no reader error, the same
    // responses when read again byte by byte and in one piece, and a tagged OK.
    Exchange runChecked(ClientCommand cmd) { return checked(m_session.run(std::move(cmd))); }
    Exchange runChecked(std::vector<ClientCommand> cmds) { return checked(m_session.run(std::move(cmds))); }

    Exchange checked(Exchange ex)
    {
        if (!ex.ok())
            return ex;
        if (ex.tagged().status != Response::Status::Ok)
            ex.failure = "Dovecot answered: " + ex.tagged().text;
        else if (test::readResponses(ex.raw, 1) != ex.responses)
            ex.failure = "read byte by byte, the responses differ";
        else if (test::readResponses(ex.raw, ex.raw.size()) != ex.responses)
            ex.failure = "read in one piece, the responses differ";
        return ex;
    }

private slots:
    void initTestCase()
    {
        m_dovecot.addUser("sync", "s3cr3t \"quoted\" pass");
        QVERIFY2(m_dovecot.start(), qPrintable(m_dovecot.errorString()));
    }

    void greetingAndLogin()
    {
        Exchange greeting;
        QVERIFY(m_session.connectTo(m_dovecot.imapPort(), greeting));
        QCOMPARE(greeting.responses.size(), std::size_t(1));
        QVERIFY(greeting.responses[0].status == Response::Status::Ok);
        const auto announced = Capabilities::from(greeting.responses[0]);
        QVERIFY(announced);
        QVERIFY(announced->has("IMAP4rev1"));
        QVERIFY(announced->has("LITERAL+"));
        QCOMPARE(announced->authMechanisms(), (std::vector<std::string>{"PLAIN", "LOGIN"}));

        ClientCommand login = command("LOGIN");
        login.astring("sync").astring("s3cr3t \"quoted\" pass");
        const Exchange ex = runChecked(std::move(login));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        const auto loggedIn = Capabilities::from(ex.tagged()); // [CAPABILITY ...] after LOGIN
        QVERIFY(loggedIn);
        for (const char* needed : {"CONDSTORE", "QRESYNC", "ESEARCH", "UIDPLUS", "LIST-EXTENDED", "ENABLE", "MOVE"})
            QVERIFY2(loggedIn->has(needed), needed);
        m_capabilities = *loggedIn;
    }

    void capabilityAnswerEqualsTheLoginCode()
    {
        const Exchange ex = runChecked(command("CAPABILITY"));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        QCOMPARE(ex.data("CAPABILITY").size(), std::size_t(1));
        QVERIFY(Capabilities::from(*ex.data("CAPABILITY")[0]) == m_capabilities);
    }

    void createAndList()
    {
        // Names with 8-bit characters (modified UTF-7), '&', brackets and spaces; a hierarchy.
        const std::vector<std::string> names = {"Archive", "\xc3\x89t\xc3\xa9", "\xc3\x89t\xc3\xa9.Child",
                                                "Tom & Jerry", "[Brackets] x"};
        std::vector<ClientCommand> creates;
        for (const std::string& name : names)
            creates.push_back(std::move(command("CREATE").mailbox(name)));
        Exchange ex = runChecked(std::move(creates)); // pipelined
        QVERIFY2(ex.ok(), ex.failure.c_str());
        QCOMPARE(ex.responses.size(), names.size());
        ClientCommand subscribe = command("SUBSCRIBE");
        subscribe.mailbox("\xc3\x89t\xc3\xa9.Child");
        QVERIFY(runChecked(std::move(subscribe)).ok());

        ClientCommand list = command("LIST");
        list.string("").string("*");
        ex = runChecked(std::move(list));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        std::map<std::string, ListData> listed;
        for (const Response* r : ex.data("LIST")) {
            const auto data = readList(*r);
            QVERIFY(data);
            QCOMPARE(data->delimiter, std::optional<char>('.'));
            listed[data->name] = *data;
        }
        QCOMPARE(listed.size(), names.size() + 1);
        QVERIFY(listed.count("INBOX"));
        for (const std::string& name : names)
            QVERIFY2(listed.count(name), name.c_str());
        QVERIFY(listed["\xc3\x89t\xc3\xa9"].hasAttribute("\\HasChildren"));
        QCOMPARE(listed["\xc3\x89t\xc3\xa9"].wireName, std::string("&AMk-t&AOk-"));
        QVERIFY(listed["Archive"].hasAttribute("\\HasNoChildren"));
        QCOMPARE(listed["Tom & Jerry"].wireName, std::string("Tom &- Jerry"));

        // LIST-EXTENDED: the subscribed child says so; its parent, which "%" lists
        // and which is not subscribed, says it in CHILDINFO (RFC 5258 §3.5).
        ClientCommand topLevel = command("LIST");
        topLevel.beginList().raw("SUBSCRIBED").raw("RECURSIVEMATCH").endList().string("").string("%");
        ClientCommand all = command("LIST");
        all.beginList().raw("SUBSCRIBED").endList().string("").string("*");
        std::vector<ClientCommand> both;
        both.push_back(std::move(topLevel));
        both.push_back(std::move(all));
        ex = runChecked(std::move(both));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        const auto subscribedLists = ex.data("LIST");
        QCOMPARE(subscribedLists.size(), std::size_t(2));
        const auto parent = readList(*subscribedLists[0]);
        QVERIFY(parent);
        QCOMPARE(parent->name, std::string("\xc3\x89t\xc3\xa9"));
        QVERIFY(!parent->hasAttribute("\\Subscribed"));
        QCOMPARE(parent->extended.size(), std::size_t(1));
        QCOMPARE(parent->extended[0].first, std::string("CHILDINFO"));
        QVERIFY(parent->extended[0].second.items.at(0).text == "SUBSCRIBED");
        const auto child = readList(*subscribedLists[1]);
        QVERIFY(child);
        QCOMPARE(child->name, std::string("\xc3\x89t\xc3\xa9.Child"));
        QVERIFY(child->hasAttribute("\\Subscribed"));

        ClientCommand lsub = command("LSUB");
        lsub.string("").string("*");
        ex = runChecked(std::move(lsub));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        QCOMPARE(ex.data("LSUB").size(), std::size_t(1));
        const auto lsubbed = readList(*ex.data("LSUB")[0]);
        QVERIFY(lsubbed && lsubbed->lsub);
        QCOMPARE(lsubbed->name, std::string("\xc3\x89t\xc3\xa9.Child"));
    }

    void appendReturnsAppendUid()
    {
        std::string large = "From: Carol <carol@example.org>\r\nSubject: Large\r\n\r\n";
        for (int i = 0; large.size() < 300 * 1024; ++i)
            large += "line " + std::to_string(i) + " of a message that spans many network reads\r\n";
        m_messages = {
            {"From: Alice <alice@example.org>\r\nTo: bob@example.org\r\nSubject: Plain\r\n"
             "Message-ID: <plain@example.org>\r\n\r\nHello Bob.\r\n",
             {"$Label1", "\\Seen"}, 1707307509, 0},
            {"From: =?UTF-8?Q?Zo=C3=A9?= <zoe@example.org>\r\nSubject: =?UTF-8?Q?Caf=C3=A9?=\r\n"
             "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
             "Caf\xc3\xa9 cr\xc3\xa8me \xe2\x80\x94 \"quoted\" {5}\r\n",
             {}, 946684800, 0},
            {large, {"\\Answered", "\\Flagged"}, 1234567890, 0},
            {"Subject: Empty body\r\n\r\n", {"\\Draft"}, 1600000000, 0},
        };
        for (std::size_t i = 0; i < m_messages.size(); ++i) {
            Message& m = m_messages[i];
            // The last one with a synchronising literal: it waits for Dovecot's "+".
            ClientCommand append = i + 1 == m_messages.size()
                                       ? ClientCommand(m_tags.next(), "APPEND", LiteralMode::Synchronising)
                                       : command("APPEND");
            append.mailbox("INBOX").beginList();
            for (const std::string& flag : m.flags)
                append.raw(flag);
            append.endList().dateTime(m.internalDate).literal(m.bytes);
            const Exchange ex = runChecked(std::move(append));
            QVERIFY2(ex.ok(), ex.failure.c_str());
            if (i + 1 == m_messages.size())
                QVERIFY(ex.responses.front().kind == Response::Kind::Continuation);
            const auto appendUid = appendUidCode(ex.tagged());
            QVERIFY(appendUid);
            QCOMPARE(appendUid->uids.ranges().size(), std::size_t(1));
            m.uid = appendUid->uids.ranges()[0].first;
            if (m_uidValidity == 0)
                m_uidValidity = appendUid->uidValidity;
            QCOMPARE(appendUid->uidValidity, m_uidValidity);
        }
        QVERIFY(m_messages.back().uid > m_messages.front().uid);
    }

    void selectWithCondstore()
    {
        ClientCommand select = command("SELECT");
        select.mailbox("INBOX").beginList().raw("CONDSTORE").endList();
        const Exchange ex = runChecked(std::move(select));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        QVERIFY(ex.tagged().hasCode("READ-WRITE"));
        QCOMPARE(ex.data("EXISTS").size(), std::size_t(1));
        QCOMPARE(ex.data("EXISTS")[0]->number, std::optional<std::uint32_t>(m_messages.size()));
        QCOMPARE(ex.data("FLAGS").size(), std::size_t(1));
        QVERIFY(ex.withCode("UIDVALIDITY"));
        QCOMPARE(uidValidityCode(*ex.withCode("UIDVALIDITY")), std::optional<std::uint32_t>(m_uidValidity));
        QCOMPARE(uidNextCode(*ex.withCode("UIDNEXT")), std::optional<std::uint32_t>(m_messages.back().uid + 1));
        const auto modSeq = highestModSeqCode(*ex.withCode("HIGHESTMODSEQ"));
        QVERIFY(modSeq && *modSeq > 0);
        m_selectModSeq = *modSeq;
        const auto permanent = permanentFlagsCode(*ex.withCode("PERMANENTFLAGS"));
        QVERIFY(permanent);
        QVERIFY(std::find(permanent->begin(), permanent->end(), "\\*") != permanent->end());
    }

    void statusAgreesWithSelect()
    {
        ClientCommand inbox = command("STATUS");
        inbox.mailbox("INBOX").raw("(MESSAGES UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)");
        ClientCommand child = command("STATUS");
        child.mailbox("\xc3\x89t\xc3\xa9.Child").raw("(MESSAGES UIDNEXT)");
        std::vector<ClientCommand> both;
        both.push_back(std::move(inbox));
        both.push_back(std::move(child));
        const Exchange ex = runChecked(std::move(both));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        QCOMPARE(ex.data("STATUS").size(), std::size_t(2));
        const auto status = readStatus(*ex.data("STATUS")[0]);
        QVERIFY(status);
        QCOMPARE(status->name, std::string("INBOX"));
        QCOMPARE(status->messages, std::optional<std::uint32_t>(m_messages.size()));
        QCOMPARE(status->uidNext, std::optional<std::uint32_t>(m_messages.back().uid + 1));
        QCOMPARE(status->uidValidity, std::optional<std::uint32_t>(m_uidValidity));
        QCOMPARE(status->unseen, std::optional<std::uint32_t>(3)); // all but the \Seen one
        QCOMPARE(status->highestModSeq, std::optional<std::uint64_t>(m_selectModSeq));
        const auto empty = readStatus(*ex.data("STATUS")[1]);
        QVERIFY(empty);
        QCOMPARE(empty->name, std::string("\xc3\x89t\xc3\xa9.Child"));
        QCOMPARE(empty->messages, std::optional<std::uint32_t>(0));
    }

    void uidFetchGivesBackWhatWasAppended()
    {
        ClientCommand fetch = command("UID FETCH");
        fetch.raw("1:*").raw("(UID FLAGS INTERNALDATE RFC822.SIZE MODSEQ ENVELOPE BODY.PEEK[] "
                             "BODY.PEEK[HEADER.FIELDS (Subject)] BODY.PEEK[TEXT]<0.10>)");
        const Exchange ex = runChecked(std::move(fetch));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        QCOMPARE(ex.data("FETCH").size(), m_messages.size());
        for (std::size_t i = 0; i < m_messages.size(); ++i) {
            const Message& m = m_messages[i];
            const auto data = readFetch(*ex.data("FETCH")[i]);
            QVERIFY(data);
            QCOMPARE(data->sequenceNumber, std::uint32_t(i + 1));
            QCOMPARE(data->uid, std::optional<std::uint32_t>(m.uid));
            QVERIFY(data->flags);
            std::vector<std::string> flags = data->flags->system;
            flags.insert(flags.end(), data->flags->keywords.begin(), data->flags->keywords.end());
            std::vector<std::string> expected = m.flags;
            std::sort(expected.begin(), expected.end());
            QCOMPARE(withoutRecent(flags), expected);
            QCOMPARE(data->internalDate, std::optional<std::int64_t>(m.internalDate));
            QCOMPARE(data->rfc822Size, std::optional<std::uint64_t>(m.bytes.size()));
            QVERIFY(data->modSeq && *data->modSeq > 0 && *data->modSeq <= m_selectModSeq);
            QVERIFY(data->section(""));
            QVERIFY2(data->section("")->bytes == m.bytes, "BODY[] differs from the appended bytes");
            const std::size_t bodyStart = m.bytes.find("\r\n\r\n") + 4;
            QVERIFY(data->section("TEXT"));
            QCOMPARE(data->section("TEXT")->origin, std::optional<std::uint32_t>(0));
            QCOMPARE(*data->section("TEXT")->bytes, m.bytes.substr(bodyStart, 10));
            const FetchedSection* subject = nullptr;
            for (const FetchedSection& s : data->sections) {
                if (s.section.starts_with("HEADER.FIELDS"))
                    subject = &s;
            }
            QVERIFY(subject && subject->bytes);
            const std::size_t subjectAt = m.bytes.find("Subject:");
            QCOMPARE(*subject->bytes, m.bytes.substr(subjectAt, m.bytes.find("\r\n", subjectAt) + 2 - subjectAt) + "\r\n");
            QVERIFY(data->envelope);
            QCOMPARE(data->envelope->items.size(), std::size_t(10));
        }
        QCOMPARE(readFetch(*ex.data("FETCH")[0])->envelope->items[1].text, std::string("Plain"));
        QCOMPARE(readFetch(*ex.data("FETCH")[1])->envelope->items[1].text, std::string("=?UTF-8?Q?Caf=C3=A9?="));
    }

    void storeAnswersWithFlagsAndModSeq()
    {
        ClientCommand store = command("UID STORE");
        store.number(m_messages[0].uid).raw("+FLAGS").beginList().raw("\\Flagged").raw("$Work").endList();
        const Exchange ex = runChecked(std::move(store));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        QCOMPARE(ex.data("FETCH").size(), std::size_t(1));
        const auto data = readFetch(*ex.data("FETCH")[0]);
        QVERIFY(data);
        QCOMPARE(data->uid, std::optional<std::uint32_t>(m_messages[0].uid));
        QVERIFY(data->modSeq && *data->modSeq > m_selectModSeq);
        QCOMPARE(withoutRecent(data->flags->system), (std::vector<std::string>{"\\Flagged", "\\Seen"}));
        std::vector<std::string> keywords = data->flags->keywords;
        std::sort(keywords.begin(), keywords.end());
        QCOMPARE(keywords, (std::vector<std::string>{"$Label1", "$Work"}));
    }

    void searchAndESearch()
    {
        std::vector<std::uint32_t> uids;
        for (const Message& m : m_messages)
            uids.push_back(m.uid);

        ClientCommand search = command("UID SEARCH");
        search.raw("ALL");
        ClientCommand modSeq = command("UID SEARCH");
        modSeq.raw("MODSEQ").number(m_selectModSeq + 1);
        ClientCommand esearch = command("UID SEARCH");
        const std::string esearchTag = esearch.tag();
        esearch.raw("RETURN (ALL MIN MAX COUNT)").raw("ALL");
        ClientCommand text = command("UID SEARCH");
        text.raw("CHARSET UTF-8 BODY").string("cr\xc3\xa8me"); // 8-bit: a literal
        std::vector<ClientCommand> commands;
        commands.push_back(std::move(search));
        commands.push_back(std::move(modSeq));
        commands.push_back(std::move(esearch));
        commands.push_back(std::move(text));
        const Exchange ex = runChecked(std::move(commands));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        const auto searches = ex.data("SEARCH");
        QCOMPARE(searches.size(), std::size_t(3));
        QCOMPARE(readSearch(*searches[0])->numbers, uids);
        const auto changed = readSearch(*searches[1]); // only the message flagged since SELECT
        QVERIFY(changed);
        QCOMPARE(changed->numbers, (std::vector<std::uint32_t>{m_messages[0].uid}));
        QVERIFY(changed->modSeq && *changed->modSeq > m_selectModSeq);
        QCOMPARE(readSearch(*searches[2])->numbers, (std::vector<std::uint32_t>{m_messages[1].uid}));

        QCOMPARE(ex.data("ESEARCH").size(), std::size_t(1));
        const auto found = readESearch(*ex.data("ESEARCH")[0]);
        QVERIFY(found);
        QCOMPARE(found->tag, esearchTag);
        QVERIFY(found->uid);
        QCOMPARE(found->min, std::optional<std::uint32_t>(uids.front()));
        QCOMPARE(found->max, std::optional<std::uint32_t>(uids.back()));
        QCOMPARE(found->count, std::optional<std::uint32_t>(uids.size()));
        QVERIFY(found->all);
        QCOMPARE(uidsOf(*found->all, uids.back()), uids);
    }

    void copyReturnsCopyUid()
    {
        ClientCommand copy = command("UID COPY");
        copy.raw("1:*").mailbox("Archive");
        Exchange ex = runChecked(std::move(copy));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        const auto copyUid = copyUidCode(ex.tagged());
        QVERIFY(copyUid);
        const auto pairs = copyUid->pairs();
        QCOMPARE(pairs.size(), m_messages.size());
        for (std::size_t i = 0; i < m_messages.size(); ++i)
            QCOMPARE(pairs[i].first, m_messages[i].uid);

        ClientCommand status = command("STATUS");
        status.mailbox("Archive").raw("(MESSAGES UIDVALIDITY UIDNEXT)");
        ex = runChecked(std::move(status));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        const auto archive = readStatus(*ex.data("STATUS").at(0));
        QVERIFY(archive);
        QCOMPARE(archive->messages, std::optional<std::uint32_t>(m_messages.size()));
        QCOMPARE(archive->uidValidity, std::optional<std::uint32_t>(copyUid->uidValidity));
        QCOMPARE(archive->uidNext, std::optional<std::uint32_t>(pairs.back().second + 1));
    }

    // An expunge is told as "* n EXPUNGE"; once QRESYNC is enabled, a SELECT
    // that gives the last known HIGHESTMODSEQ is told "VANISHED (EARLIER)" for
    // it, and a new expunge is told as VANISHED.
    void expungesThenVanishedEarlier()
    {
        const Message& gone = m_messages[3];
        ClientCommand del = command("UID STORE");
        del.number(gone.uid).raw("+FLAGS.SILENT (\\Deleted)");
        ClientCommand expunge = command("UID EXPUNGE");
        expunge.number(gone.uid);
        std::vector<ClientCommand> commands;
        commands.push_back(std::move(del));
        commands.push_back(std::move(expunge));
        Exchange ex = runChecked(std::move(commands));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        QCOMPARE(ex.data("EXPUNGE").size(), std::size_t(1));
        QCOMPARE(ex.data("EXPUNGE")[0]->number, std::optional<std::uint32_t>(4));

        ex = runChecked(std::move(command("ENABLE").raw("QRESYNC")));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        QCOMPARE(ex.data("ENABLED").size(), std::size_t(1));
        QVERIFY(ex.data("ENABLED")[0]->args.at(0).isAtom("QRESYNC"));

        ClientCommand select = command("SELECT");
        select.mailbox("INBOX").beginList().raw("QRESYNC").beginList().number(m_uidValidity).number(m_selectModSeq);
        select.sequenceSet(SequenceSet::fromNumbers({m_messages[0].uid, m_messages[1].uid, m_messages[2].uid, gone.uid}));
        select.endList().endList();
        ex = runChecked(std::move(select));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        QCOMPARE(ex.data("VANISHED").size(), std::size_t(1));
        const auto vanished = readVanished(*ex.data("VANISHED")[0]);
        QVERIFY(vanished);
        QVERIFY(vanished->earlier);
        QCOMPARE(uidsOf(vanished->uids, gone.uid), (std::vector<std::uint32_t>{gone.uid}));
        // And the flags changed since, as FETCH with UID and MODSEQ.
        QCOMPARE(ex.data("FETCH").size(), std::size_t(1));
        const auto changed = readFetch(*ex.data("FETCH")[0]);
        QVERIFY(changed && changed->uid == m_messages[0].uid && changed->modSeq);

        ClientCommand fetch = command("UID FETCH");
        fetch.raw("1:*").raw("(FLAGS)").beginList().raw("CHANGEDSINCE").number(m_selectModSeq).raw("VANISHED").endList();
        ex = runChecked(std::move(fetch));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        QCOMPARE(ex.data("VANISHED").size(), std::size_t(1));
        QVERIFY(readVanished(*ex.data("VANISHED")[0])->earlier);

        ClientCommand delLarge = command("UID STORE");
        delLarge.number(m_messages[2].uid).raw("+FLAGS.SILENT (\\Deleted)");
        std::vector<ClientCommand> more;
        more.push_back(std::move(delLarge));
        more.push_back(command("EXPUNGE"));
        ex = runChecked(std::move(more));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        QVERIFY(ex.data("EXPUNGE").empty());
        QCOMPARE(ex.data("VANISHED").size(), std::size_t(1));
        const auto now = readVanished(*ex.data("VANISHED")[0]);
        QVERIFY(now && !now->earlier);
        QCOMPARE(uidsOf(now->uids, m_messages[2].uid), (std::vector<std::uint32_t>{m_messages[2].uid}));
    }

    void namespaceIdNoopPipelined()
    {
        std::vector<ClientCommand> commands;
        commands.push_back(command("NAMESPACE"));
        commands.push_back(std::move(command("ID").beginList().string("name").string("Cachet").endList()));
        commands.push_back(command("NOOP"));
        const Exchange ex = runChecked(std::move(commands));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        QCOMPARE(ex.data("NAMESPACE").size(), std::size_t(1));
        const Response& ns = *ex.data("NAMESPACE")[0];
        QCOMPARE(ns.args.size(), std::size_t(3));
        QCOMPARE(ns.args[0].items.at(0).items.at(1).text, std::string(".")); // (("" "."))
        QVERIFY(ns.args[1].type == ImapArg::Type::Nil);
        QCOMPARE(ex.data("ID").size(), std::size_t(1));
        QCOMPARE(ex.data("ID")[0]->args.at(0).items.at(1).text, std::string("Dovecot"));
    }

    // Each refusal ends its own command in a pipeline. (Dovecot 2.3 answers a
    // SELECT of a missing mailbox with a bare NO, without [NONEXISTENT].)
    void refusedCommandsAreTaggedNo()
    {
        ClientCommand copy = command("UID COPY");
        copy.raw("1:*").mailbox("Nowhere");
        ClientCommand create = command("CREATE");
        create.mailbox("Archive");
        ClientCommand select = command("SELECT");
        select.mailbox("Nowhere");
        const std::vector<std::string> tags = {copy.tag(), create.tag(), select.tag()};
        std::vector<ClientCommand> commands;
        commands.push_back(std::move(copy));
        commands.push_back(std::move(create));
        commands.push_back(std::move(select));
        const Exchange ex = m_session.run(std::move(commands));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        QVERIFY(test::readResponses(ex.raw, 1) == ex.responses);
        std::vector<const Response*> tagged;
        for (const Response& r : ex.responses) {
            if (r.kind == Response::Kind::Tagged)
                tagged.push_back(&r);
        }
        QCOMPARE(tagged.size(), std::size_t(3));
        for (std::size_t i = 0; i < tags.size(); ++i) {
            QCOMPARE(tagged[i]->tag, tags[i]);
            QVERIFY(tagged[i]->status == Response::Status::No);
        }
        QVERIFY(tagged[0]->hasCode("TRYCREATE"));
        QVERIFY(tagged[1]->hasCode("ALREADYEXISTS"));
    }

    void logoutSaysBye()
    {
        const Exchange ex = runChecked(command("LOGOUT"));
        QVERIFY2(ex.ok(), ex.failure.c_str());
        QCOMPARE(ex.responses.size(), std::size_t(2));
        QVERIFY(ex.responses[0].status == Response::Status::Bye);
    }
};

QTEST_GUILESS_MAIN(DovecotResponsesTest)
#include "tst_dovecot_responses.moc"
