// sequence-set (RFC 3501 §9) as the bridge resolves it against a mailbox.

#include "imap/SequenceSet.h"

#include <QTest>

using cachet::imap::SequenceSet;

namespace {

// "1:3,7" style text of the resolved ranges, for readable comparisons.
QString resolved(const char* text, std::uint32_t largest)
{
    const auto set = SequenceSet::parse(text);
    if (!set)
        return "invalid";
    QStringList parts;
    for (const auto& r : set->resolve(largest))
        parts << (r.first == r.last ? QString::number(r.first) : QString("%1:%2").arg(r.first).arg(r.last));
    return parts.join(',');
}

} // namespace

class SequenceSetTest : public QObject {
    Q_OBJECT

private slots:
    void resolves_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<uint>("largest");
        QTest::addColumn<QString>("expected");
        QTest::newRow("single") << "4" << 10u << "4";
        QTest::newRow("star") << "*" << 10u << "10";
        QTest::newRow("range to star") << "3:*" << 10u << "3:10";
        QTest::newRow("reversed range") << "7:2" << 10u << "2:7";
        QTest::newRow("star first") << "*:8" << 10u << "8:10";
        QTest::newRow("merged and sorted") << "9,1:3,2:5,6" << 10u << "1:6,9";
        QTest::newRow("beyond the end clipped") << "8:20" << 10u << "8:10";
        QTest::newRow("wholly beyond dropped") << "15:20,2" << 10u << "2";
        // RFC 3501 §6.4.8: "*" is the largest UID even when the range starts above it.
        QTest::newRow("uid range past the end") << "100:*" << 50u << "50";
        QTest::newRow("empty mailbox") << "1:*" << 0u << "";
        QTest::newRow("largest number") << "4294967295" << 4294967295u << "4294967295";
    }

    void resolves()
    {
        QFETCH(QString, text);
        QFETCH(uint, largest);
        QFETCH(QString, expected);
        QCOMPARE(resolved(text.toLatin1().constData(), largest), expected);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* bad : {"", "0", "1:0", "01", "1,", ",1", "1::2", "a", "1 2", "4294967296", "1:*:3", "-1", "$"})
            QTest::newRow(bad[0] ? bad : "empty") << QString(bad);
    }

    void rejects()
    {
        QFETCH(QString, text);
        QVERIFY(!SequenceSet::parse(text.toStdString()));
    }

    void boundedRangeCount()
    {
        std::string many;
        for (int i = 1; i <= 1001; ++i)
            many += (i > 1 ? "," : "") + std::to_string(i);
        QVERIFY(!SequenceSet::parse(many, 1000));
        QVERIFY(SequenceSet::parse(many, 1001));
    }

    void contains()
    {
        const auto set = SequenceSet::parse("2:4,9:*");
        QVERIFY(set);
        QVERIFY(!set->contains(1, 12));
        QVERIFY(set->contains(3, 12));
        QVERIFY(set->contains(12, 12));
        QVERIFY(!set->contains(8, 12));
    }
};

QTEST_GUILESS_MAIN(SequenceSetTest)
#include "tst_sequence_set.moc"
