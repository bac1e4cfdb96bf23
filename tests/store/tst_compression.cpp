// Document codecs: whatever codec the store picks, the exact bytes come back.

#include "store/Compression.h"
#include "store/StoreError.h"

#include <QByteArray>
#include <QTest>

#include <random>

using namespace cachet::store;

namespace {

std::string randomBytes(std::size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::string out(n, '\0');
    for (char& c : out)
        c = static_cast<char>(rng() & 0xff);
    return out;
}

std::string base64(const std::string& bytes, int lineLength, const char* eol, bool finalBreak)
{
    const QByteArray text = QByteArray::fromStdString(bytes).toBase64();
    std::string out;
    for (qsizetype pos = 0; pos < text.size(); pos += lineLength) {
        if (pos > 0)
            out += eol;
        out += text.mid(pos, lineLength).toStdString();
    }
    return finalBreak ? out + eol : out;
}

} // namespace

class CompressionTest : public QObject {
    Q_OBJECT

    static void roundTrips(const std::string& data, Codec expected)
    {
        const Encoded e = compressDocument(data);
        QCOMPARE(static_cast<int>(e.codec), static_cast<int>(expected));
        QVERIFY(decompressDocument(e.codec, e.bytes, data.size()) == data);
    }

private slots:
    void base64BodiesAreKeptAsTheirBytes()
    {
        const std::string bytes = randomBytes(100000, 1);
        for (bool finalBreak : {false, true}) {
            const std::string crlf = base64(bytes, 76, "\r\n", finalBreak);
            roundTrips(crlf, Codec::Base64Lines);
            QVERIFY(compressDocument(crlf).bytes.size() < crlf.size() * 3 / 4 + 16);
            roundTrips(base64(bytes, 64, "\n", finalBreak), Codec::Base64Lines);
        }
        // Padding: one and two '=' at the end.
        roundTrips(base64(randomBytes(1000, 2), 76, "\r\n", false), Codec::Base64Lines);
        roundTrips(base64(randomBytes(1001, 3), 76, "\r\n", false), Codec::Base64Lines);
    }

    void irregularBase64StillComesBackExactly()
    {
        const std::string good = base64(randomBytes(30000, 4), 76, "\r\n", true);
        std::string longLast = good;
        for (int n = 0; n < 20; ++n)
            longLast.insert(longLast.size() - 2, "QUJD"); // last line longer than the others
        std::string mixedBreaks = good;
        mixedBreaks.erase(mixedBreaks.find("\r\n"), 1); // one LF among CRLFs
        std::string blankLine = good + "\r\n";
        std::string nonCanonical = base64(randomBytes(1000, 5), 76, "\r\n", false); // ends "X?=="
        nonCanonical[nonCanonical.size() - 3] = 'R'; // low bits set that a decoder ignores
        std::string garbage = good;
        garbage[500] = '*';
        for (const std::string& data : {longLast, mixedBreaks, blankLine, nonCanonical, garbage}) {
            const Encoded e = compressDocument(data);
            QVERIFY(e.codec != Codec::Base64Lines); // re-encoding could not give these bytes
            QVERIFY(decompressDocument(e.codec, e.bytes, data.size()) == data);
        }
    }

    void textIsZlibbedAndRandomDataStored()
    {
        std::string text;
        while (text.size() < 300000)
            text += "Knead the dough for ten minutes, then let it rest in a warm place.\r\n";
        roundTrips(text, Codec::Zlib);
        roundTrips(randomBytes(500000, 6), Codec::Stored);
        roundTrips("short", Codec::Stored);
    }

    void damagedDocumentsAreReportedNotReturned()
    {
        const std::string data = base64(randomBytes(5000, 7), 76, "\r\n", true);
        const Encoded e = compressDocument(data);
        QVERIFY_THROWS_EXCEPTION(StoreError, decompressDocument(e.codec, e.bytes.substr(0, 100), data.size()));
        QVERIFY_THROWS_EXCEPTION(StoreError, decompressDocument(Codec::Base64Lines, std::string("\0\0", 2), 4));
        QVERIFY_THROWS_EXCEPTION(StoreError, decompressDocument(static_cast<Codec>(9), "x", 1));
    }
};

QTEST_GUILESS_MAIN(CompressionTest)
#include "tst_compression.moc"
