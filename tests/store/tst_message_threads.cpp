// store/MessageThreads: conversations as the threaded message list shows them.

#include "store/Entries.h"
#include "store/Mailboxes.h"
#include "store/MessageThreads.h"
#include "store/Messages.h"
#include "store/PreparedMessage.h"
#include "store/Profile.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace cachet;

class TestMessageThreads : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::Profile> m_profile;
    std::int64_t m_inbox = 0;

    store::Database& db() { return m_profile->store().db(); }

    std::uint32_t add(const std::string& id, int day, const std::string& inReplyTo = {},
                      const std::string& references = {})
    {
        std::string raw = "From: a@x.org\r\nSubject: s\r\nDate: " + std::to_string(day)
            + " Jan 2024 10:00:00 +0000\r\nMessage-ID: <" + id + ">\r\n";
        if (!inReplyTo.empty())
            raw += "In-Reply-To: <" + inReplyTo + ">\r\n";
        if (!references.empty())
            raw += "References: " + references + "\r\n";
        raw += "\r\nbody " + id + "\r\n";
        const std::int64_t messageId = store::Messages(db()).store(store::prepareMessage(raw)).id;
        return store::Entries(db()).add(m_inbox, messageId, 0, 1700000000).uid;
    }

    QString shape()
    {
        QStringList parts;
        for (const store::ThreadedUid& t : store::threadOrder(db(), m_inbox))
            parts << QString::number(t.uid) + ":" + QString::number(t.depth);
        return parts.join(' ');
    }

private slots:
    void initTestCase()
    {
        m_profile = std::make_unique<store::Profile>(
            store::Profile::create(m_dir.path() + "/p", "pass", store::KdfCost::interactive()));
        store::Transaction tx(db());
        m_inbox = store::Mailboxes(db()).ensure("INBOX").id;
        tx.commit();
    }

    void cleanupTestCase() { m_profile.reset(); }

    void repliesHangUnderTheirParentsAndThreadsSortByNewest()
    {
        store::Transaction tx(db());
        add("a", 1);                            // 1: thread A starts
        add("b", 2);                            // 2: thread B, alone
        add("a2", 3, "a", "<a>");               // 3: reply to a
        add("a3", 5, "a2", "<a> <a2>");         // 4: reply to the reply (newest in A)
        add("a4", 4, "a", "<a>");               // 5: second reply to a
        add("c2", 6, "c-missing", "<c0> <b> <c-missing>"); // 6: parent gone, hangs from b
        tx.commit();
        // B's newest (day 6) beats A's (day 5); a's replies oldest first.
        QCOMPARE(shape(), QString("2:0 6:1 1:0 3:1 4:2 5:1"));
    }

    void loopsAndSelfReferencesDoNotHideMessages()
    {
        store::Transaction tx(db());
        add("x", 10, "y", "<y>"); // 7
        add("y", 11, "x", "<x>"); // 8
        add("z", 12, "z", "<z>"); // 9
        tx.commit();
        const auto order = store::threadOrder(db(), m_inbox);
        QCOMPARE(order.size(), std::size_t(9)); // none lost
        QCOMPARE(shape().left(3), QString("9:0"));
    }
};

QTEST_GUILESS_MAIN(TestMessageThreads)
#include "tst_message_threads.moc"
