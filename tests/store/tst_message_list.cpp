// store/MessageList: the order and the page rows the GUI's message list reads,
// from a real store: each sort, UIDs gone meanwhile, and an encrypted message
// listed under its protected Subject with the original's size.

#include "store/Entries.h"
#include "store/Flags.h"
#include "store/Mailboxes.h"
#include "store/MessageList.h"
#include "store/MessageOpenPgp.h"
#include "store/Messages.h"
#include "store/PreparedMessage.h"
#include "store/Profile.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace cachet;
using store::MessageListSort;

namespace {

std::string mail(const std::string& from, const std::string& subject, const std::string& date, std::size_t bodySize)
{
    return "From: " + from + "\r\nTo: me@example.org\r\nSubject: " + subject + "\r\nDate: " + date
        + "\r\nMessage-ID: <" + subject + "@x>\r\n\r\n" + std::string(bodySize, 'x') + "\r\n";
}

} // namespace

class TestMessageList : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::Profile> m_profile;
    std::int64_t m_inbox = 0;

    store::Database& db() { return m_profile->store().db(); }

    std::uint32_t add(const std::string& raw, std::uint32_t flags = 0)
    {
        const std::int64_t id = store::Messages(db()).store(store::prepareMessage(raw)).id;
        return store::Entries(db()).add(m_inbox, id, flags, 1700000000).uid;
    }

private slots:
    void initTestCase()
    {
        m_profile = std::make_unique<store::Profile>(
            store::Profile::create(m_dir.path() + "/p", "pass", store::KdfCost::interactive()));
        store::Transaction tx(db());
        m_inbox = store::Mailboxes(db()).ensure("INBOX").id;
        add(mail("Carol <carol@x.org>", "banana", "Wed, 3 Jan 2024 10:00:00 +0000", 300), store::FlagSeen); // uid 1
        add(mail("alice <alice@x.org>", "Cherry", "Mon, 1 Jan 2024 10:00:00 +0000", 10));                   // uid 2
        add(mail("Bob <bob@x.org>", "apple", "Tue, 2 Jan 2024 10:00:00 +0000", 5000));                      // uid 3
        // uid 4: an encrypted original whose decrypted document carries the real Subject.
        const std::int64_t original = store::Messages(db()).store(store::prepareMessage(
            mail("Dave <dave@x.org>", "...", "Thu, 4 Jan 2024 10:00:00 +0000", 20000))).id;
        const std::int64_t served = store::Messages(db()).store(store::prepareMessage(
            mail("Dave <dave@x.org>", "Dates for the trip", "Thu, 4 Jan 2024 10:00:00 +0000", 50))).id;
        store::OpenPgpRecord r;
        r.messageId = original;
        r.servedId = served;
        r.encryption = "decrypted";
        r.signature = "valid";
        QVERIFY(store::MessageOpenPgp(db()).put(r));
        QCOMPARE(store::Entries(db()).add(m_inbox, original, 0, 1700000000).uid, 4u);
        tx.commit();
    }

    void cleanupTestCase() { m_profile.reset(); }

    void eachSortOrdersTheWholeMailbox()
    {
        store::MessageList list(db());
        using V = std::vector<std::uint32_t>;
        QCOMPARE(list.order(m_inbox, MessageListSort::Date, false), (V{4, 1, 3, 2}));
        QCOMPARE(list.order(m_inbox, MessageListSort::Date, true), (V{2, 3, 1, 4}));
        // Case does not count; the decrypted Subject does.
        QCOMPARE(list.order(m_inbox, MessageListSort::Subject, true), (V{3, 1, 2, 4}));
        QCOMPARE(list.order(m_inbox, MessageListSort::From, true), (V{2, 3, 1, 4}));
        // The original's size: the ciphertext is the largest.
        QCOMPARE(list.order(m_inbox, MessageListSort::Size, false), (V{4, 3, 1, 2}));
    }

    void rowsComeInTheOrderAskedAndSkipUidsThatAreGone()
    {
        store::MessageList list(db());
        const auto rows = list.rows(m_inbox, {4, 99, 1});
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[0].uid, 4u);
        QCOMPARE(rows[0].subject, std::string("Dates for the trip"));
        QCOMPARE(rows[0].encryption, std::string("decrypted"));
        QCOMPARE(rows[0].signature, std::string("valid"));
        QVERIFY(rows[0].size > 20000);
        QCOMPARE(rows[1].uid, 1u);
        QCOMPARE(rows[1].subject, std::string("banana"));
        QVERIFY(rows[1].from.find("Carol") != std::string::npos);
        QCOMPARE(rows[1].flags, std::uint32_t(store::FlagSeen));
        QCOMPARE(rows[1].encryption, std::string());
        QCOMPARE(rows[1].date, std::int64_t(1704276000)); // Wed, 3 Jan 2024 10:00:00 UTC
    }
};

QTEST_GUILESS_MAIN(TestMessageList)
#include "tst_message_list.moc"
