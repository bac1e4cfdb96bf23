// The MIME structure scanner: byte offsets that the store and the bridge cut
// the raw message with, the ENVELOPE/BODYSTRUCTURE the bridge serves, and its
// behaviour on hostile or broken input (bounded, in-bounds, no crash).

#include "mime/Decoding.h"
#include "mime/MessageDigest.h"
#include "mime/MimeParser.h"

#include <QTest>

#include <random>
#include <string>
#include <string_view>

using namespace cachet::mime;

namespace {

// Test messages are written with "\n"; this gives the CRLF form real mail uses.
std::string crlf(std::string_view lf)
{
    std::string out;
    out.reserve(lf.size() + lf.size() / 16);
    for (char c : lf) {
        if (c == '\n')
            out += '\r';
        out += c;
    }
    return out;
}

std::string_view bodyOf(std::string_view raw, const MimeEntity& e)
{
    return raw.substr(e.bodyBegin, e.bodyEnd - e.bodyBegin);
}

std::string_view headerOf(std::string_view raw, const MimeEntity& e)
{
    return raw.substr(e.headerBegin, e.headerEnd - e.headerBegin);
}

struct TreeStats {
    std::size_t depth = 0;    // levels, the root alone is 1
    std::size_t entities = 0; // all entities, the root included
};

// Every offset must be ordered and inside the raw bytes, every child inside its
// parent's body and after its previous sibling: the store slices raw with them.
// Returns false (with a QTest failure message) on the first violation.
bool checkTree(const MimeEntity& e, std::size_t rawSize, TreeStats& stats, std::size_t level = 1)
{
    stats.depth = std::max(stats.depth, level);
    ++stats.entities;
    if (!(e.headerBegin <= e.headerEnd && e.headerEnd <= e.bodyBegin && e.bodyBegin <= e.bodyEnd
          && e.bodyEnd <= rawSize)) {
        qWarning("bad offsets at level %zu: header [%zu,%zu) body [%zu,%zu) raw %zu", level, e.headerBegin,
                 e.headerEnd, e.bodyBegin, e.bodyEnd, rawSize);
        return false;
    }
    std::size_t previousEnd = e.bodyBegin;
    for (const MimeEntity& child : e.children) {
        if (child.headerBegin < previousEnd || child.bodyEnd > e.bodyEnd) {
            qWarning("child outside parent at level %zu: child [%zu,%zu) parent body [%zu,%zu) previous end %zu",
                     level, child.headerBegin, child.bodyEnd, e.bodyBegin, e.bodyEnd, previousEnd);
            return false;
        }
        if (!checkTree(child, rawSize, stats, level + 1))
            return false;
        previousEnd = child.bodyEnd;
    }
    if (e.isEmbeddedMessage() && !e.children.empty()
        && (e.children.size() != 1 || e.children.front().headerBegin != e.bodyBegin)) {
        qWarning("message/rfc822 at level %zu: %zu children, first at %zu, body at %zu", level, e.children.size(),
                 e.children.front().headerBegin, e.bodyBegin);
        return false;
    }
    return true;
}

// Parses, digests and checks the tree; what every malformed-input case needs.
struct Outcome {
    ParsedMessage parsed;
    MessageDigest digest;
    TreeStats stats;
    bool treeOk = false;
};

Outcome parseAndCheck(std::string_view raw, const MimeLimits& limits = {})
{
    Outcome o;
    o.parsed = parseMessage(raw, limits);
    o.treeOk = checkTree(o.parsed.root, raw.size(), o.stats);
    o.digest = digestMessage(raw, o.parsed.root);
    return o;
}

std::string randomBytes(std::mt19937& rng, std::size_t n)
{
    std::string s(n, '\0');
    for (char& c : s)
        c = static_cast<char>(rng() & 0xFF);
    return s;
}

const char* const kMixedWithAttachment =
    "From: Alice <alice@example.org>\n"
    "To: Bob <bob@example.net>\n"
    "Subject: Report\n"
    "Date: Mon, 01 Jan 2024 10:00:00 +0000\n"
    "Message-ID: <m1@example.org>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"XYZ\"\n"
    "\n"
    "This is a preamble.\n"
    "--XYZ\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "\n"
    "Hello Bob,\n"
    "see attached.\n"
    "--XYZ\n"
    "Content-Type: application/octet-stream; name=\"a.bin\"\n"
    "Content-Disposition: attachment; filename=\"a.bin\"\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "AAECAwQFBgcICQ==\n"
    "--XYZ--\n"
    "epilogue\n";

const char* const kForwarded =
    "From: a@example.org\n"
    "Subject: Fwd: Inner\n"
    "Content-Type: multipart/mixed; boundary=b1\n"
    "\n"
    "--b1\n"
    "Content-Type: text/plain\n"
    "\n"
    "See below.\n"
    "--b1\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "From: c@example.org\n"
    "Subject: Inner\n"
    "\n"
    "Inner body\n"
    "--b1--\n";

// About 1 KB touching every path of the scanner: preamble, nested multipart,
// embedded message, digest default type, base64 and quoted-printable, epilogue.
const char* const kEveryKindOfPart =
    "From: \"Alice A.\" <alice@example.org>\n"
    "To: bob@example.net, =?utf-8?q?Carol_C=C3=A9?= <carol@example.com>\n"
    "Subject: =?utf-8?b?w6l0w6k=?= report\n"
    "Date: Tue, 02 Jan 2024 08:30:00 +0100\n"
    "Message-ID: <all@example.org>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"==outer==\"\n"
    "\n"
    "preamble\n"
    "--==outer==\n"
    "Content-Type: multipart/alternative; boundary=alt\n"
    "\n"
    "--alt\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "Caf=C3=A9 at noon, soft=\n"
    "break.\n"
    "--alt\n"
    "Content-Type: text/html; charset=utf-8\n"
    "\n"
    "<p>Caf&eacute; at noon</p>\n"
    "--alt--\n"
    "--==outer==\n"
    "Content-Type: message/rfc822\n"
    "Content-Disposition: inline\n"
    "\n"
    "From: dave@example.org\n"
    "Subject: inner\n"
    "Content-Type: multipart/digest; boundary=dig\n"
    "\n"
    "--dig\n"
    "\n"
    "Subject: digested\n"
    "\n"
    "digest entry\n"
    "--dig--\n"
    "--==outer==\n"
    "Content-Type: image/png; name=\"dot.png\"\n"
    "Content-Disposition: attachment; filename=\"dot.png\"\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk\n"
    "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\n"
    "--==outer==--\n"
    "epilogue\n";

} // namespace

class MimeParserTest : public QObject {
    Q_OBJECT

private slots:
    void offsetsOfMixedParts_data()
    {
        QTest::addColumn<bool>("useCrlf");
        QTest::newRow("LF") << false;
        QTest::newRow("CRLF") << true;
    }

    void offsetsOfMixedParts()
    {
        QFETCH(bool, useCrlf);
        const std::string nl = useCrlf ? "\r\n" : "\n";
        const std::string raw = useCrlf ? crlf(kMixedWithAttachment) : std::string(kMixedWithAttachment);
        const ParsedMessage pm = parseMessage(raw);
        const MimeEntity& root = pm.root;

        QCOMPARE(root.type, std::string("multipart"));
        QCOMPARE(root.subtype, std::string("mixed"));
        QCOMPARE(root.headerBegin, std::size_t{0});
        QVERIFY(headerOf(raw, root).starts_with("From: Alice"));
        QVERIFY(headerOf(raw, root).ends_with("boundary=\"XYZ\"" + nl));
        QCOMPARE(root.bodyBegin, root.headerEnd + nl.size());
        QCOMPARE(root.bodyEnd, raw.size()); // no outer boundary: the epilogue is the root's
        QCOMPARE(root.children.size(), std::size_t{2});

        const MimeEntity& text = root.children[0];
        QCOMPARE(std::string(headerOf(raw, text)), "Content-Type: text/plain; charset=utf-8" + nl);
        QCOMPARE(std::string(bodyOf(raw, text)), "Hello Bob," + nl + "see attached.");
        QCOMPARE(text.type, std::string("text"));
        QCOMPARE(*text.param("charset"), std::string("utf-8"));

        const MimeEntity& attachment = root.children[1];
        QVERIFY(headerOf(raw, attachment).starts_with("Content-Type: application/octet-stream"));
        QCOMPARE(std::string(bodyOf(raw, attachment)), std::string("AAECAwQFBgcICQ=="));
        QCOMPARE(attachment.transferEncoding, std::string("base64"));
        QCOMPARE(attachment.disposition, std::string("attachment"));
        QVERIFY(attachment.isLeaf());

        TreeStats stats;
        QVERIFY(checkTree(root, raw.size(), stats));

        const MessageDigest d = digestMessage(raw, root);
        QCOMPARE(d.subject, std::string("Report"));
        QVERIFY(d.hasAttachment);
        QCOMPARE(d.attachmentNames, std::vector<std::string>{"a.bin"});
        QVERIFY(d.bodyText.find("see attached.") != std::string::npos);
        QVERIFY(d.bodyText.find("AAEC") == std::string::npos); // attachment is not text
    }

    void offsetsOfEmbeddedMessage_data() { offsetsOfMixedParts_data(); }

    void offsetsOfEmbeddedMessage()
    {
        QFETCH(bool, useCrlf);
        const std::string nl = useCrlf ? "\r\n" : "\n";
        const std::string raw = useCrlf ? crlf(kForwarded) : std::string(kForwarded);
        const ParsedMessage pm = parseMessage(raw);
        QCOMPARE(pm.root.children.size(), std::size_t{2});
        QCOMPARE(std::string(bodyOf(raw, pm.root.children[0])), std::string("See below."));

        const MimeEntity& message = pm.root.children[1];
        QVERIFY(message.isEmbeddedMessage());
        QCOMPARE(message.children.size(), std::size_t{1});
        const MimeEntity& inner = message.children.front();
        QCOMPARE(inner.headerBegin, message.bodyBegin);
        QCOMPARE(std::string(headerOf(raw, inner)), "From: c@example.org" + nl + "Subject: Inner" + nl);
        QCOMPARE(std::string(bodyOf(raw, inner)), std::string("Inner body"));
        QCOMPARE(message.bodyEnd, inner.bodyEnd);

        TreeStats stats;
        QVERIFY(checkTree(pm.root, raw.size(), stats));
        QCOMPARE(stats.depth, std::size_t{3});
    }

    // The bridge writes these strings verbatim; a client caches them, so they
    // must be exact (RFC 3501 §7.4.2), with sizes counted in CRLF form.
    void envelopeAndBodyStructure_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("envelope");
        QTest::addColumn<QByteArray>("bodyStructure");
        QTest::addColumn<QByteArray>("body");

        const std::string plain = crlf("From: Alice <alice@example.org>\n"
                                       "To: bob@example.net\n"
                                       "Subject: Hi\n"
                                       "Date: Mon, 01 Jan 2024 10:00:00 +0000\n"
                                       "Message-ID: <m1@example.org>\n"
                                       "\n"
                                       "Hello\n"
                                       "World\n");
        // Sender and Reply-To default to From; body "Hello\r\nWorld\r\n" is 14 bytes, 2 lines.
        QTest::newRow("plain text")
            << QByteArray::fromStdString(plain)
            << QByteArray("(\"Mon, 01 Jan 2024 10:00:00 +0000\" \"Hi\" ((\"Alice\" NIL \"alice\" \"example.org\")) "
                          "((\"Alice\" NIL \"alice\" \"example.org\")) ((\"Alice\" NIL \"alice\" \"example.org\")) "
                          "((NIL NIL \"bob\" \"example.net\")) NIL NIL NIL \"<m1@example.org>\")")
            << QByteArray("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 14 2 NIL NIL NIL NIL)")
            << QByteArray("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 14 2)");

        // LF-only storage: the size is still the CRLF size (12 bytes stored, 14 served).
        QTest::newRow("LF line ends, no header fields but Subject")
            << QByteArray("Subject: x\n\nHello\nWorld\n")
            << QByteArray("(NIL \"x\" NIL NIL NIL NIL NIL NIL NIL NIL)")
            << QByteArray("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 14 2 NIL NIL NIL NIL)")
            << QByteArray("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 14 2)");

        const std::string alternative = crlf("From: a@example.org\n"
                                             "Subject: Alt\n"
                                             "Content-Type: multipart/alternative; boundary=\"b\"\n"
                                             "\n"
                                             "--b\n"
                                             "Content-Type: text/plain; charset=UTF-8\n"
                                             "Content-Transfer-Encoding: quoted-printable\n"
                                             "\n"
                                             "Gr=C3=BC=C3=9Fe\n"
                                             "--b\n"
                                             "Content-Type: text/html; charset=UTF-8\n"
                                             "Content-ID: <h1@example.org>\n"
                                             "\n"
                                             "<p>Hi</p>\n"
                                             "--b--\n");
        // Parts back to back without a space, then the subtype and the extension
        // data of the multipart: parameters, disposition, language, location.
        // A part's last line ends in the CRLF that belongs to the boundary, so
        // as Dovecot counts (LFs in the body) it is not a line: 0 lines.
        QTest::newRow("multipart/alternative")
            << QByteArray::fromStdString(alternative)
            << QByteArray("(NIL \"Alt\" ((NIL NIL \"a\" \"example.org\")) ((NIL NIL \"a\" \"example.org\")) "
                          "((NIL NIL \"a\" \"example.org\")) NIL NIL NIL NIL NIL)")
            << QByteArray("((\"text\" \"plain\" (\"charset\" \"UTF-8\") NIL NIL \"quoted-printable\" 15 0 NIL NIL NIL NIL)"
                          "(\"text\" \"html\" (\"charset\" \"UTF-8\") \"<h1@example.org>\" NIL \"7bit\" 9 0 NIL NIL NIL NIL)"
                          " \"alternative\" (\"boundary\" \"b\") NIL NIL NIL)")
            << QByteArray("((\"text\" \"plain\" (\"charset\" \"UTF-8\") NIL NIL \"quoted-printable\" 15 0)"
                          "(\"text\" \"html\" (\"charset\" \"UTF-8\") \"<h1@example.org>\" NIL \"7bit\" 9 0)"
                          " \"alternative\")");
    }

    void envelopeAndBodyStructure()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QByteArray, envelope);
        QFETCH(QByteArray, bodyStructure);
        QFETCH(QByteArray, body);
        const ParsedMessage pm = parseMessage(std::string_view(raw.constData(), static_cast<std::size_t>(raw.size())));
        QCOMPARE(QByteArray::fromStdString(pm.envelope), envelope);
        QCOMPARE(QByteArray::fromStdString(pm.bodyStructure), bodyStructure);
        QCOMPARE(QByteArray::fromStdString(pm.body), body);
    }

    void embeddedMessageBodyStructure()
    {
        const std::string raw = crlf("Subject: Outer\n"
                                     "Content-Type: message/rfc822\n"
                                     "\n"
                                     "Subject: Inner\n"
                                     "\n"
                                     "x\n");
        const ParsedMessage pm = parseMessage(raw);
        // message/rfc822: size, then the inner ENVELOPE and BODYSTRUCTURE, then the line count.
        QCOMPARE(QByteArray::fromStdString(pm.bodyStructure),
                 QByteArray("(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 21 "
                            "(NIL \"Inner\" NIL NIL NIL NIL NIL NIL NIL NIL) "
                            "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 1 NIL NIL NIL NIL) "
                            "3 NIL NIL NIL NIL)"));
    }

    // Cut a message at every byte: what a crash mid-download or a full disk leaves.
    void truncatedAtEveryOffset()
    {
        for (const std::string& full : {std::string(kEveryKindOfPart), crlf(kEveryKindOfPart)}) {
            QVERIFY(full.size() > 900);
            for (std::size_t cut = 0; cut <= full.size(); ++cut) {
                const std::string_view raw(full.data(), cut);
                const Outcome o = parseAndCheck(raw);
                if (!o.treeOk)
                    QFAIL(qPrintable(QString("tree out of bounds when cut at %1 of %2").arg(cut).arg(full.size())));
                QVERIFY(!o.parsed.bodyStructure.empty());
                QVERIFY(!o.parsed.envelope.empty());
            }
        }
        // The whole message: the parts a reader would see are all there.
        const std::string raw = crlf(kEveryKindOfPart);
        const Outcome o = parseAndCheck(raw);
        QCOMPARE(o.parsed.root.children.size(), std::size_t{3});
        QCOMPARE(o.stats.depth, std::size_t{5}); // root, message/rfc822, inner digest, entry, its body
        QCOMPARE(o.digest.subject, std::string("\u00e9t\u00e9 report"));
        QCOMPARE(o.digest.attachmentNames, std::vector<std::string>{"dot.png"});
        QVERIFY(o.digest.bodyText.find("Caf\u00e9 at noon, soft" "break.") != std::string::npos);
    }

    // An empty last part whose multipart lacks its close delimiter: the outer
    // boundary ends both. The CRLF of the part's empty header line must not be
    // both the part's and the boundary's, or the part ends after its parent.
    void emptyPartEndedByOuterBoundary()
    {
        const std::string raw = crlf("Content-Type: multipart/mixed; boundary=outer\n"
                                     "\n"
                                     "--outer\n"
                                     "Content-Type: multipart/alternative; boundary=inner\n"
                                     "\n"
                                     "--inner\n"
                                     "Content-Type: text/plain\n"
                                     "\n"
                                     "--outer--\n");
        const Outcome o = parseAndCheck(raw);
        QVERIFY(o.treeOk);
    }

    void truncatedMidAttachment()
    {
        const std::string full = crlf(kMixedWithAttachment);
        const std::size_t cut = full.find("AAECAw") + 6;
        const std::string raw = full.substr(0, cut);
        const Outcome o = parseAndCheck(raw);
        QVERIFY(o.treeOk);
        QCOMPARE(o.parsed.root.children.size(), std::size_t{2});
        QCOMPARE(std::string(bodyOf(raw, o.parsed.root.children[1])), std::string("AAECAw"));
        QCOMPARE(o.parsed.root.children[1].bodyEnd, raw.size());
        QCOMPARE(o.digest.attachmentNames, std::vector<std::string>{"a.bin"});
    }

    void missingClosingBoundary()
    {
        std::string raw = crlf(kMixedWithAttachment);
        raw = raw.substr(0, raw.find("--XYZ--"));
        const Outcome o = parseAndCheck(raw);
        QVERIFY(o.treeOk);
        QCOMPARE(o.parsed.root.children.size(), std::size_t{2});
        // The last part runs to the end, its final CRLF included (no boundary owns it).
        QCOMPARE(std::string(bodyOf(raw, o.parsed.root.children[1])), std::string("AAECAwQFBgcICQ==\r\n"));
        QVERIFY(o.digest.hasAttachment);
        QVERIFY(o.digest.bodyText.find("see attached.") != std::string::npos);
    }

    void boundaryNeverAppears()
    {
        const std::string raw = crlf("Subject: nothing\n"
                                     "Content-Type: multipart/mixed; boundary=never\n"
                                     "\n"
                                     "just text, no parts\n"
                                     "--other\n");
        const Outcome o = parseAndCheck(raw);
        QVERIFY(o.treeOk);
        QCOMPARE(o.parsed.root.bodyEnd, raw.size());
        QVERIFY(!o.parsed.root.children.empty()); // BODYSTRUCTURE needs at least one part
        QVERIFY(o.parsed.bodyStructure.ends_with(" \"mixed\" (\"boundary\" \"never\") NIL NIL NIL)"));
        QCOMPARE(o.digest.subject, std::string("nothing"));
    }

    void wrongBoundary()
    {
        std::string raw = crlf(kMixedWithAttachment);
        raw.replace(raw.find("boundary=\"XYZ\""), 14, "boundary=\"ABC\"");
        const Outcome o = parseAndCheck(raw);
        QVERIFY(o.treeOk);
        QCOMPARE(o.parsed.root.children.size(), std::size_t{1});
        QCOMPARE(o.parsed.root.bodyEnd, raw.size());
        QCOMPARE(o.digest.subject, std::string("Report"));
    }

    void multipartWithoutBoundaryParameter()
    {
        const std::string raw = crlf("Content-Type: multipart/mixed\n\n--x\n\nbody\n--x--\n");
        const Outcome o = parseAndCheck(raw);
        QVERIFY(o.treeOk);
        QCOMPARE(o.parsed.root.children.size(), std::size_t{1});
        QCOMPARE(o.parsed.root.bodyEnd, raw.size());
    }

    void badTransferEncodings_data()
    {
        QTest::addColumn<QByteArray>("encoding");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("base64 garbage") << QByteArray("base64") << QByteArray("!!!*** not base64 @@@\r\n====\r\nQUJD");
        QTest::newRow("base64 truncated") << QByteArray("base64") << QByteArray("SGVsbG8gV29ybG");
        QTest::newRow("base64 padding inside") << QByteArray("base64") << QByteArray("SG==VsbG8=\r\n=");
        QTest::newRow("qp bad escapes") << QByteArray("quoted-printable") << QByteArray("Hello =ZZ =4 =\r\nend=");
        QTest::newRow("qp soft break at end") << QByteArray("quoted-printable") << QByteArray("abc=");
        QTest::newRow("unknown encoding") << QByteArray("x-uuencode") << QByteArray("begin 644 a\r\n`\r\nend");
    }

    void badTransferEncodings()
    {
        QFETCH(QByteArray, encoding);
        QFETCH(QByteArray, body);
        const std::string raw = "Subject: enc\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: "
                                + encoding.toStdString() + "\r\n\r\n" + body.toStdString();
        const Outcome o = parseAndCheck(raw);
        QVERIFY(o.treeOk);
        QCOMPARE(o.parsed.root.transferEncoding, encoding.toStdString());
        QCOMPARE(std::string(bodyOf(raw, o.parsed.root)), body.toStdString());
        QCOMPARE(o.digest.subject, std::string("enc"));
        QVERIFY(o.digest.bodyText.size() <= kMaxDigestBodyTextBytes);
        QVERIFY(o.digest.preview.size() <= 4 * kMaxDigestPreviewChars);
    }

    void eightBitAndNulInHeaders()
    {
        // An array, not a C string: the NUL bytes are part of the message.
        static const char kBytes[] = "Subject: caf\xe9 \xff\xfe\r\nFrom: n\0l <a@\0b>\r\nX-\x80\x81: \x01\x02\r\n"
                                     "Content-Type: text/pl\0in; charset=\"\xff\"\r\n\r\nbody\0with nul\r\n";
        const std::string raw(kBytes, sizeof(kBytes) - 1);
        QVERIFY(raw.find('\0') < 40);
        const Outcome o = parseAndCheck(raw);
        QVERIFY(o.treeOk);
        QCOMPARE(std::string(bodyOf(raw, o.parsed.root)), std::string("body\0with nul\r\n", 15));
        // What a message list shows must be valid UTF-8 whatever the bytes.
        const QByteArray subject = QByteArray::fromStdString(o.digest.subject);
        QCOMPARE(QString::fromUtf8(subject).toUtf8(), subject);
        QVERIFY(o.digest.subject.starts_with("caf"));
    }

    void tenMegabyteHeaderLine()
    {
        std::string raw = "From: a@example.org\r\nSubject: ";
        raw.append(10 * 1024 * 1024, 'x');
        raw += "\r\nX-Long: ";
        raw.append(1024 * 1024, ';');
        raw += "\r\n\r\nbody\r\n";
        const Outcome o = parseAndCheck(raw);
        QVERIFY(o.treeOk);
        QCOMPARE(std::string(bodyOf(raw, o.parsed.root)), std::string("body\r\n"));
        QVERIFY(o.digest.subject.starts_with("xxxx"));
        QVERIFY2(o.digest.subject.size() <= kMaxHeaderTextBytes, std::to_string(o.digest.subject.size()).c_str());
        QCOMPARE(o.digest.fromAddresses, std::vector<std::string>{"a@example.org"});
    }

    // Each level its own boundary, so that every one opens a new multipart;
    // fixed width, because "b9" would be a prefix of "b98" and end it early.
    void thousandDeepNesting()
    {
        constexpr int kDepth = 1000;
        const auto boundary = [](int level) { return QString::asprintf("b%04d", level).toStdString(); };
        std::string raw = "Subject: deep\r\n";
        for (int i = 0; i < kDepth; ++i)
            raw += "Content-Type: multipart/mixed; boundary=" + boundary(i) + "\r\n\r\n--" + boundary(i) + "\r\n";
        raw += "Content-Type: text/plain\r\n\r\ninnermost\r\n";
        for (int i = kDepth - 1; i >= 0; --i)
            raw += "--" + boundary(i) + "--\r\n";

        const MimeLimits limits;
        const Outcome o = parseAndCheck(raw);
        QVERIFY(o.treeOk);
        QVERIFY2(o.stats.depth <= limits.maxNestingDepth + 2, std::to_string(o.stats.depth).c_str());
        QVERIFY(o.stats.depth >= limits.maxNestingDepth - 1); // it opened containers up to the cap
        QCOMPARE(o.parsed.root.bodyEnd, raw.size());
        QVERIFY(o.parsed.bodyStructure.starts_with("(("));
        QCOMPARE(o.digest.subject, std::string("deep"));
    }

    // Same boundary at every level: the innermost match wins, nothing deepens.
    void thousandDeepEmbeddedMessages()
    {
        std::string raw;
        for (int i = 0; i < 1000; ++i)
            raw += "Subject: level " + std::to_string(i) + "\r\nContent-Type: message/rfc822\r\n\r\n";
        raw += "Subject: bottom\r\n\r\nbottom body\r\n";
        const Outcome o = parseAndCheck(raw);
        QVERIFY(o.treeOk);
        QVERIFY2(o.stats.depth <= MimeLimits{}.maxNestingDepth + 2, std::to_string(o.stats.depth).c_str());
        QCOMPARE(o.parsed.root.bodyEnd, raw.size());
        QCOMPARE(o.digest.subject, std::string("level 0"));
    }

    void twentyThousandParts()
    {
        std::string raw = "Subject: many\r\nContent-Type: multipart/mixed; boundary=p\r\n\r\n";
        for (int i = 0; i < 20000; ++i)
            raw += "--p\r\nContent-Type: text/plain\r\n\r\npart " + std::to_string(i) + "\r\n";
        raw += "--p--\r\n";
        const MimeLimits limits;
        const Outcome o = parseAndCheck(raw);
        QVERIFY(o.treeOk);
        QVERIFY2(o.parsed.root.children.size() <= limits.maxParts, std::to_string(o.parsed.root.children.size()).c_str());
        QVERIFY(o.stats.entities <= limits.maxParts + 1);
        QVERIFY(o.parsed.root.children.size() >= 1000); // the parts below the limit are real parts
        QCOMPARE(std::string(bodyOf(raw, o.parsed.root.children[0])), std::string("part 0"));
        // Past the limit the last part runs to the end of the message.
        QCOMPARE(o.parsed.root.children.back().bodyEnd, raw.size());
        QCOMPARE(o.digest.subject, std::string("many"));
    }

    void binaryGarbage_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<uint>("seed");
        for (int size : {1, 2, 3, 17, 100, 1000, 4096, 65536, 1 << 20})
            for (uint seed : {1u, 42u})
                QTest::addRow("%d bytes, seed %u", size, seed) << size << seed;
    }

    void binaryGarbage()
    {
        QFETCH(int, size);
        QFETCH(uint, seed);
        std::mt19937 rng(seed);
        const std::string raw = randomBytes(rng, static_cast<std::size_t>(size));
        const Outcome o = parseAndCheck(raw);
        QVERIFY(o.treeOk);
        QCOMPARE(o.parsed.root.bodyEnd, raw.size());
        QVERIFY(o.digest.bodyText.size() <= kMaxDigestBodyTextBytes);
    }

    // Garbage made of MIME syntax reaches deeper into the scanner than random bytes.
    void syntaxGarbage()
    {
        static const std::string pieces[] = {"--a\r\n", "--a--\r\n", "--b\r\n", "\r\n", "\n",
                                             "Content-Type: multipart/mixed; boundary=a\r\n",
                                             "Content-Type: multipart/digest; boundary=b\r\n",
                                             "Content-Type: message/rfc822\r\n",
                                             "Content-Transfer-Encoding: base64\r\n", "x", "=?utf-8?q?a?=", "\r"};
        std::mt19937 rng(7);
        for (int round = 0; round < 2000; ++round) {
            std::string raw;
            const std::size_t count = rng() % 60;
            for (std::size_t i = 0; i < count; ++i)
                raw += pieces[rng() % std::size(pieces)];
            const Outcome o = parseAndCheck(raw);
            if (!o.treeOk)
                QFAIL(qPrintable("tree out of bounds for: " + QByteArray::fromStdString(raw).toPercentEncoding()));
        }
    }

    void emptyInput()
    {
        const Outcome o = parseAndCheck(std::string_view());
        QVERIFY(o.treeOk);
        QCOMPARE(o.parsed.root.bodyEnd, std::size_t{0});
        QCOMPARE(QByteArray::fromStdString(o.parsed.bodyStructure),
                 QByteArray("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)"));
        QVERIFY(o.digest.subject.empty());
        QVERIFY(notAMessageReason("").has_value());
    }

    void onlyCrlf()
    {
        const std::string raw = "\r\n";
        const Outcome o = parseAndCheck(raw);
        QVERIFY(o.treeOk);
        QCOMPARE(o.parsed.root.headerEnd, std::size_t{0});
        QCOMPARE(o.parsed.root.bodyBegin, std::size_t{2});
        QCOMPARE(o.parsed.root.bodyEnd, std::size_t{2});
        QVERIFY(!notAMessageReason(raw).has_value()); // an empty header and an empty body
    }

    void notAMessage_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<bool>("isMessage");
        QTest::newRow("PNG") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << false;
        std::mt19937 rng(3);
        QTest::newRow("random binary") << QByteArray::fromStdString(randomBytes(rng, 4096)) << false;
        QTest::newRow("prose") << QByteArray("Dear Bob,\nthis is a letter: no header.\n") << false;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("mbox From line only") << QByteArray("From alice@example.org Mon Jan  1 10:00:00 2024")
                                             << false;
        QTest::newRow("colon first") << QByteArray(": value\n\nbody") << false;
        QTest::newRow("message") << QByteArray("From: a@example.org\r\nSubject: s\r\n\r\nbody\r\n") << true;
        QTest::newRow("LF message") << QByteArray("Subject: s\n\nbody\n") << true;
        QTest::newRow("space before colon") << QByteArray("Subject : s\r\n\r\nbody") << true;
        QTest::newRow("empty header then body") << QByteArray("\r\nonly a body\r\n") << true;
        QTest::newRow("LF empty header then body") << QByteArray("\nonly a body\n") << true;
        QTest::newRow("mbox From line then message")
            << QByteArray("From alice@example.org Mon Jan  1 10:00:00 2024\nSubject: s\n\nbody\n") << true;
        QTest::newRow("mbox From line then prose")
            << QByteArray("From alice@example.org Mon Jan  1 10:00:00 2024\nhello there\n") << false;
    }

    void notAMessage()
    {
        QFETCH(QByteArray, raw);
        QFETCH(bool, isMessage);
        const auto reason = notAMessageReason(std::string_view(raw.constData(), static_cast<std::size_t>(raw.size())));
        if (isMessage)
            QVERIFY2(!reason, reason ? reason->c_str() : "");
        else
            QVERIFY(reason.has_value() && !reason->empty());
    }
};

QTEST_GUILESS_MAIN(MimeParserTest)
#include "tst_mime_parser.moc"
