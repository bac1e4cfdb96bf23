// FETCH data items (RFC 3501 §6.4.5) as the command reader hands them over.

#include "imap/CommandReader.h"
#include "imap/FetchItems.h"

#include <QTest>

using namespace cachet::imap;
using Kind = FetchItem::Kind;
using Text = BodySection::Text;

namespace {

// The FETCH items of "t FETCH 1 <items>", or nullopt with the error.
std::optional<std::vector<FetchItem>> itemsOf(const std::string& items, std::string* errorOut = nullptr)
{
    CommandReader reader;
    reader.feed("t FETCH 1 " + items + "\r\n");
    if (reader.next() != CommandReader::Status::Command || reader.command().args.size() != 2)
        return std::nullopt;
    std::string error;
    auto parsed = parseFetchItems(reader.command().args[1], error);
    if (errorOut)
        *errorOut = error;
    return parsed;
}

} // namespace

class FetchItemsTest : public QObject {
    Q_OBJECT

private slots:
    void macros()
    {
        const auto all = itemsOf("ALL");
        QVERIFY(all);
        QCOMPARE(all->size(), std::size_t(4));
        const auto full = itemsOf("full");
        QVERIFY(full && full->back().kind == Kind::Body);
        QVERIFY(!itemsOf("(FLAGS ALL)")); // macros stand alone
    }

    void simpleItems()
    {
        const auto items = itemsOf("(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE MODSEQ rfc822.header)");
        QVERIFY(items);
        QCOMPARE(items->size(), std::size_t(8));
        QVERIFY(items->at(0).kind == Kind::Uid);
        QVERIFY(items->at(7).kind == Kind::Rfc822Header);
        QVERIFY(!items->at(7).setsSeen());
    }

    void sections_data()
    {
        QTest::addColumn<QString>("item");
        QTest::addColumn<QString>("responseName");
        QTest::addColumn<bool>("setsSeen");
        QTest::newRow("whole") << "BODY[]" << "BODY[]" << true;
        QTest::newRow("peek") << "BODY.PEEK[]" << "BODY[]" << false;
        QTest::newRow("part") << "body[1.2]" << "BODY[1.2]" << true;
        QTest::newRow("header") << "BODY.PEEK[HEADER]" << "BODY[HEADER]" << false;
        QTest::newRow("part text") << "BODY[2.TEXT]" << "BODY[2.TEXT]" << true;
        QTest::newRow("mime") << "BODY[1.MIME]" << "BODY[1.MIME]" << true;
        QTest::newRow("fields") << "BODY.PEEK[HEADER.FIELDS (From To \"Subject\")]"
                                << "BODY[HEADER.FIELDS (From To Subject)]" << false;
        QTest::newRow("fields not") << "BODY[1.HEADER.FIELDS.NOT (Received)]" << "BODY[1.HEADER.FIELDS.NOT (Received)]"
                                    << true;
        QTest::newRow("partial") << "BODY.PEEK[TEXT]<100.50>" << "BODY[TEXT]<100>" << false;
    }

    void sections()
    {
        QFETCH(QString, item);
        QFETCH(QString, responseName);
        QFETCH(bool, setsSeen);
        std::string error;
        const auto items = itemsOf("(" + item.toStdString() + ")", &error);
        QVERIFY2(items, error.c_str());
        QCOMPARE(items->size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(items->front().responseName()), responseName);
        QCOMPARE(items->front().setsSeen(), setsSeen);
    }

    void sectionDetails()
    {
        const auto items = itemsOf("BODY.PEEK[3.1.HEADER.FIELDS (X-A x-b)]<0.512>");
        QVERIFY(items);
        const FetchItem& i = items->front();
        QCOMPARE(i.section.part, (std::vector<std::uint32_t>{3, 1}));
        QVERIFY(i.section.text == Text::HeaderFields);
        QCOMPARE(i.section.fields, (std::vector<std::string>{"X-A", "x-b"}));
        QCOMPARE(i.partialOrigin.value_or(99), 0u);
        QCOMPARE(i.partialOctets, 512u);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("items");
        for (const char* bad : {"BODY[MIME]", "BODY[1.]", "BODY[0]", "BODY[HEADER.FIELDS]", "BODY[HEADER.FIELDS ()]",
                                "BODY[FOO]", "BODY[]<1>", "BODY[]<1.0>", "BODY[]<a.b>", "RFC822.PEEK",
                                "BODYSTRUCTURE[]", "(FLAGS NOPE)", "()", "\"FLAGS\"", "BODY[TEXT] extra"})
            QTest::newRow(bad) << QString(bad);
    }

    void rejects()
    {
        QFETCH(QString, items);
        std::string error;
        QVERIFY(!itemsOf(items.toStdString(), &error));
    }
};

QTEST_GUILESS_MAIN(FetchItemsTest)
#include "tst_fetch_items.moc"
