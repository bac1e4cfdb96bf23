// The message reader (issue 6): what a user sees of a stored message. Quote
// levels, HTML stripped of everything active, remote images that stay
// unloaded until allowed (checked with a real server on 127.0.0.1),
// attachments with their real names and bytes, the OpenPGP banner, the full
// header block, and survival on every corpus message and on hostile input.

#include "Screenshots.h"
#include "support/TestCorpus.h"

#include "reader/BreakOpportunities.h"
#include "reader/HtmlSanitizer.h"
#include "reader/MessageRendering.h"
#include "reader/OpenedAttachments.h"
#include "reader/PlainTextHtml.h"
#include "reader/ReaderBrowser.h"
#include "reader/ReaderView.h"
#include "reader/SecurityBanner.h"
#include "store/MessageOpenPgp.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QNetworkProxyFactory>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolButton>

#include <random>

using namespace cachet::ui;

namespace {

// Test messages are written with "\n"; this gives the CRLF form most real mail has.
std::string crlf(std::string_view lf)
{
    std::string out;
    for (char c : lf) {
        if (c == '\n')
            out += '\r';
        out += c;
    }
    return out;
}

std::string readCorpus(const QString& relativePath)
{
    QFile f(cachet::test::corpusDir() + '/' + relativePath);
    return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
}

QString sha256(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QByteArray pngBytes(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// The base64 of `bytes` in 76-character lines (RFC 2045 §6.8), written here
// rather than by the code under test.
std::string base64Lines(const QByteArray& bytes)
{
    const QByteArray b64 = bytes.toBase64();
    std::string out;
    for (qsizetype i = 0; i < b64.size(); i += 76)
        out += b64.mid(i, 76).toStdString() + "\n";
    return out;
}

// How deep elements nest in `html` (the sanitizer's output: every element closed).
int maxElementDepth(const QString& html)
{
    static const QRegularExpression tag(QStringLiteral("<(/?)([a-z0-9]+)[^>]*>"));
    int depth = 0;
    int deepest = 0;
    for (auto it = tag.globalMatch(html); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (QStringList{"br", "hr", "img", "col", "wbr"}.contains(m.captured(2)))
            continue;
        depth += m.captured(1).isEmpty() ? 1 : -1;
        deepest = std::max(deepest, depth);
    }
    return deepest;
}

QColor textColourAt(QTextDocument* document, const QString& needle)
{
    const QTextCursor found = document->find(needle);
    return found.isNull() ? QColor() : found.charFormat().foreground().color();
}

// Receives QDesktopServices::openUrl calls instead of the desktop.
class UrlCatcher : public QObject {
    Q_OBJECT
public:
    QList<QUrl> opened;
public slots:
    void open(const QUrl& url) { opened << url; }
};

// A web server on 127.0.0.1 that answers every request with a small PNG and
// remembers the request lines.
class ImageServer : public QObject {
    Q_OBJECT
public:
    ImageServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                ++connections;
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { answer(socket); });
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    bool listening() const { return m_server.isListening(); }

    int connections = 0;
    QStringList requestLines;

private:
    void answer(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        if (!buffer.contains("\r\n\r\n"))
            return;
        requestLines << QString::fromLatin1(buffer.left(buffer.indexOf("\r\n")));
        const QByteArray png = pngBytes(40, 20);
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\nContent-Length: "
                      + QByteArray::number(png.size()) + "\r\n\r\n" + png);
        socket->disconnectFromHost();
        m_buffers.remove(socket);
    }

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

std::string trackingHtmlMessage(quint16 port)
{
    const std::string host = "127.0.0.1:" + std::to_string(port);
    return crlf("From: Shop <news@shop.example>\n"
                "To: alice@example.org\n"
                "Subject: Offers\n"
                "Date: Tue, 02 Jan 2024 10:00:00 +0100\n"
                "MIME-Version: 1.0\n"
                "Content-Type: text/html; charset=utf-8\n"
                "\n"
                "<html><head>"
                "<meta http-equiv=\"refresh\" content=\"0; url=http://" + host + "/refresh\">"
                "<base href=\"http://" + host + "/base/\">"
                "<link rel=\"stylesheet\" href=\"http://" + host + "/sheet.css\">"
                "<style>@import url(http://" + host + "/import.css);\n"
                "body { background: url(http://" + host + "/body.png) } p.x { color: #336699 }</style>"
                "<script>document.write('<img src=http://" + host + "/script.png>')</script>"
                "</head>\n"
                "<body onload=\"alert('onload')\">\n"
                "<p class=\"x\" style=\"color: red; background-image: url('http://" + host + "/css.png')\">Hello"
                " <b>world</b></p>\n"
                "<img src=\"http://" + host + "/x.png\" alt=\"tracker\" onerror=\"alert('onerror')\">\n"
                "<img src=\"//" + host + "/relative.png\"><img src=\"ftp://" + host + "/f.png\">\n"
                "<a href=\"javascript:alert('link')\">bad link</a>"
                " <a href=\"&#106;avascript:alert('encoded')\">encoded bad link</a>"
                " <a href=\"https://example.org/offers\" onclick=\"alert('click')\">good link</a>\n"
                "<iframe src=\"http://" + host + "/frame\"></iframe>"
                "<form action=\"http://" + host + "/form\"><input name=\"q\"><button>Send</button></form>\n"
                "<object data=\"http://" + host + "/object\"></object><embed src=\"http://" + host + "/embed\">\n"
                "<img src=\"file:///etc/passwd\"><IMG SRC=\"jav&#x09;ascript:alert('img')\">\n"
                "</body></html>\n");
}

} // namespace

class TestMessageReader : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The test talks to its own server on 127.0.0.1: never through a proxy from the environment.
        QNetworkProxyFactory::setUseSystemConfiguration(false);
        QDesktopServices::setUrlHandler(QStringLiteral("file"), &m_urls, "open");
        QDesktopServices::setUrlHandler(QStringLiteral("https"), &m_urls, "open");
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_urls, "open");
        QDesktopServices::setUrlHandler(QStringLiteral("mailto"), &m_urls, "open");
    }

    void cleanupTestCase()
    {
        ReaderView::removeOpenedAttachments();
        for (const char* scheme : {"file", "https", "http", "mailto"})
            QDesktopServices::unsetUrlHandler(QString::fromLatin1(scheme));
    }

    void init() { m_urls.opened.clear(); }

    // ---- plain text

    void plainTextReplyNestsQuoteLevels()
    {
        const std::string raw = crlf("From: Bob <bob@example.org>\n"
                                     "To: Alice <alice@example.org>\n"
                                     "Subject: Re: Lunch\n"
                                     "Date: Wed, 03 Jan 2024 12:00:00 +0000\n"
                                     "Content-Type: text/plain; charset=utf-8\n"
                                     "\n"
                                     "Yes, see you there: https://example.org/map?a=1&b=2.\n"
                                     "\n"
                                     "Alice wrote:\n"
                                     "> Shall we meet at noon?\n"
                                     ">\n"
                                     "> > Lunch on Friday?\n"
                                     ">> <b>Carol</b>\n"
                                     "> Noon it is.\n"
                                     "Thanks\n");
        const RenderedMessage r = renderMessage(raw);
        QVERIFY(!r.bodyIsHtml);
        QCOMPARE(r.from, QStringLiteral("Bob <bob@example.org>"));
        QCOMPARE(r.subject, QStringLiteral("Re: Lunch"));
        QCOMPARE(r.date, QDateTime(QDate(2024, 1, 3), QTime(12, 0), Qt::UTC));

        // Level 2 opens inside level 1 and closes before level 1 does.
        const QString& html = r.bodyHtml;
        const qsizetype level1 = html.indexOf(QLatin1String("quote-level-1"));
        const qsizetype level2 = html.indexOf(QLatin1String("quote-level-2"));
        QVERIFY(level1 >= 0);
        QVERIFY(level2 > level1);
        QCOMPARE(html.left(level2).count(QLatin1String("<table")) - html.left(level2).count(QLatin1String("</table>")), 2);
        QVERIFY(!html.contains(QLatin1String("quote-level-3")));
        QVERIFY(html.contains(QLatin1String("&lt;b&gt;Carol&lt;/b&gt;"))); // text, not markup
        QVERIFY(html.contains(QLatin1String("<a href=\"https://example.org/map?a=1&amp;b=2\">")));

        // What a reader sees: each level in its own colour, the reply in the default one.
        ReaderView view;
        view.resize(700, 500);
        view.showMessage(raw, {});
        auto* body = view.findChild<QTextBrowser*>(QStringLiteral("readerBody"));
        QVERIFY(body);
        QTextDocument* doc = body->document();
        QVERIFY(doc->toPlainText().contains(QLatin1String("Lunch on Friday?")));
        QVERIFY(!doc->toPlainText().contains(QLatin1String("> Shall"))); // the markers became bars
        const QColor level1Colour = textColourAt(doc, QStringLiteral("Shall we meet"));
        const QColor level2Colour = textColourAt(doc, QStringLiteral("Lunch on Friday"));
        const QColor replyColour = textColourAt(doc, QStringLiteral("Thanks"));
        QCOMPARE(level1Colour, QColor(QString::fromLatin1(quoteColour(1))));
        QCOMPARE(level2Colour, QColor(QString::fromLatin1(quoteColour(2))));
        QVERIFY(level1Colour != level2Colour);
        QVERIFY(replyColour != level1Colour && replyColour != level2Colour);
        QCOMPARE(textColourAt(doc, QStringLiteral("Noon it is")), level1Colour);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(cachet::test::saveScreenshot(view, QStringLiteral("reader-quotes")));
    }

    void formatFlowedJoinsSoftLineBreaks()
    {
        const std::string raw = crlf("From: a@example.org\n"
                                     "Content-Type: text/plain; charset=utf-8; format=flowed; delsp=no\n"
                                     "\n"
                                     "This paragraph was \n"
                                     "wrapped by the sender.\n"
                                     "> quoted and \n"
                                     "> flowed too\n"
                                     "-- \n"
                                     "Sig\n");
        ReaderView view;
        view.showMessage(raw, {});
        const QString text = view.findChild<QTextBrowser*>(QStringLiteral("readerBody"))->toPlainText();
        QVERIFY2(text.contains(QLatin1String("This paragraph was wrapped by the sender.")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("quoted and flowed too")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("-- ")));
        QVERIFY(!text.contains(QLatin1String("-- Sig"))); // the signature separator is no soft break
    }

    void bodyIsChosenAsAMailClientWould()
    {
        // multipart/mixed [ multipart/alternative [ plain, related [ html, image ] ], text attachment, pdf ]
        const std::string raw = crlf("From: a@example.org\n"
                                     "Content-Type: multipart/mixed; boundary=m\n"
                                     "\n"
                                     "--m\n"
                                     "Content-Type: multipart/alternative; boundary=a\n"
                                     "\n"
                                     "--a\n"
                                     "Content-Type: text/plain\n"
                                     "\n"
                                     "PLAIN VERSION\n"
                                     "--a\n"
                                     "Content-Type: multipart/related; boundary=r\n"
                                     "\n"
                                     "--r\n"
                                     "Content-Type: text/html; charset=utf-8\n"
                                     "\n"
                                     "<p>HTML VERSION <img src=\"cid:logo@x\"></p>\n"
                                     "--r\n"
                                     "Content-Type: image/png\n"
                                     "Content-ID: <logo@x>\n"
                                     "Content-Transfer-Encoding: base64\n"
                                     "\n"
                                     + base64Lines(pngBytes(2, 2))
                                     + "--r\n"
                                       "Content-Type: image/png; name=unused.png\n"
                                       "Content-ID: <unused@x>\n"
                                       "Content-Transfer-Encoding: base64\n"
                                       "\n"
                                     + base64Lines(pngBytes(2, 2))
                                     + "--r--\n"
                                       "--a--\n"
                                       "--m\n"
                                       "Content-Type: text/plain; name=notes.txt\n"
                                       "Content-Disposition: attachment\n"
                                       "\n"
                                       "notes\n"
                                       "--m\n"
                                       "Content-Type: application/pdf\n"
                                       "Content-Disposition: attachment; filename=\"doc.pdf\"\n"
                                       "\n"
                                       "%PDF-1.4\n"
                                       "--m--\n");
        const RenderedMessage r = renderMessage(raw);
        QVERIFY(r.bodyIsHtml);
        QVERIFY(r.bodyHtml.contains(QLatin1String("HTML VERSION")));
        QVERIFY(!r.bodyHtml.contains(QLatin1String("PLAIN VERSION")));
        QStringList names;
        for (const AttachmentInfo& a : r.attachments)
            names << a.fileName;
        // The shown image and the plain alternative are no attachments; an unused image is.
        QCOMPARE(names, (QStringList{"unused.png", "notes.txt", "doc.pdf"}));
        QCOMPARE(attachmentBytes(raw, r.attachments[2].locator), QByteArray("%PDF-1.4"));
        QCOMPARE(inlinePart(raw, QStringLiteral("cid:logo@x"))->bytes, pngBytes(2, 2));
        QVERIFY(!inlinePart(raw, QStringLiteral("cid:missing@x")));

        // Without an HTML alternative, the plain one.
        const std::string plainOnly = crlf("Content-Type: multipart/alternative; boundary=a\n\n"
                                           "--a\nContent-Type: text/plain\n\nfirst\n"
                                           "--a\nContent-Type: text/enriched\n\n<bold>rich</bold>\n--a--\n");
        const RenderedMessage p = renderMessage(plainOnly);
        QVERIFY(!p.bodyIsHtml);
        QVERIFY(p.bodyHtml.contains(QLatin1String("first")));
    }

    void charsetsAreConvertedAndUnknownOnesSurvive_data()
    {
        QTest::addColumn<QByteArray>("charset");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("shown");
        QTest::newRow("iso-8859-1") << QByteArray("iso-8859-1") << QByteArray("caf\xE9") << QString::fromUtf8("café");
        QTest::newRow("koi8-r") << QByteArray("koi8-r") << QByteArray("\xF0\xD2\xC9\xD7\xC5\xD4")
                                << QString::fromUtf8("Привет");
        QTest::newRow("unknown, UTF-8 bytes") << QByteArray("x-no-such-charset") << QByteArray("caf\xC3\xA9")
                                              << QString::fromUtf8("café");
        QTest::newRow("unknown, 8-bit bytes") << QByteArray("x-no-such-charset") << QByteArray("caf\xE9")
                                              << QString::fromUtf8("café");
        QTest::newRow("utf-8, broken") << QByteArray("utf-8") << QByteArray("caf\xC3") << QString::fromUtf8("caf\uFFFD");
    }

    void charsetsAreConvertedAndUnknownOnesSurvive()
    {
        QFETCH(QByteArray, charset);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, shown);
        const std::string raw = "Content-Type: text/plain; charset=" + charset.toStdString()
            + "\nContent-Transfer-Encoding: 8bit\n\n" + bytes.toStdString() + "!\n";
        ReaderView view;
        view.showMessage(raw, {});
        const QString text = view.findChild<QTextBrowser*>(QStringLiteral("readerBody"))->toPlainText();
        QCOMPARE(text, shown + '!');
    }

    // ---- HTML and remote content

    void htmlIsSanitized()
    {
        const std::string raw = trackingHtmlMessage(8);
        const RenderedMessage blocked = renderMessage(raw);
        QVERIFY(blocked.bodyIsHtml);
        QVERIFY(blocked.hasRemoteContent);
        QVERIFY(!blocked.remoteAllowed);
        const QString html = blocked.bodyHtml.toLower();
        for (const char* gone : {"<script", "alert", "onload", "onerror", "onclick", "javascript", "127.0.0.1",
                                 "url(", "<iframe", "<form", "<input", "<button", "<object", "<embed", "<meta",
                                 "<base", "<link", "@import", "file:", "ftp:"})
            QVERIFY2(!html.contains(QLatin1String(gone)), gone);
        QVERIFY(html.contains(QLatin1String("<b>world</b>")));
        QVERIFY(html.contains(QLatin1String("href=\"https://example.org/offers\"")));
        QVERIFY(html.contains(QLatin1String("color: red;")));
        QVERIFY(html.contains(QLatin1String("tracker"))); // a blocked image's alt text stays
        QVERIFY(html.contains(QLatin1String("p.x { color: #336699; }")));

        const RenderedMessage allowed = renderMessage(raw, true);
        QVERIFY(allowed.remoteAllowed);
        const QString allowedHtml = allowed.bodyHtml.toLower();
        QVERIFY(allowedHtml.contains(QLatin1String("<img src=\"http://127.0.0.1:8/x.png\"")));
        QVERIFY(allowedHtml.contains(QLatin1String("src=\"https://127.0.0.1:8/relative.png\"")));
        QVERIFY(allowedHtml.contains(QLatin1String("url('http://127.0.0.1:8/css.png')")));
        QVERIFY(allowedHtml.contains(QLatin1String("url('http://127.0.0.1:8/body.png')")));
        for (const char* gone : {"<script", "alert", "onload", "javascript", "ftp:", "file:", "/frame", "/form",
                                 "/object", "/embed", "/refresh", "/base/", "sheet.css", "import.css", "script.png"})
            QVERIFY2(!allowedHtml.contains(QLatin1String(gone)), gone);
    }

    void hostileSizesAreCut()
    {
        const SanitizedHtml s = sanitizeHtml(
            "<table border=\"99999999\"><tr><td colspan=\"100000\" rowspan=\"3\" width=\"100%\">x</td></tr></table>"
            "<img src=\"cid:a@b\" width=\"1000000000\" height=\"20\">"
            "<p style=\"font-size: 99999px; color: #336699; margin-left: -123456px; width: 600px\">y</p>",
            false);
        const QString html = QString::fromStdString(s.html);
        QVERIFY2(html.contains(QLatin1String("<td colspan=\"100\" rowspan=\"3\" width=\"100%\">")), qPrintable(html));
        QVERIFY(html.contains(QLatin1String("<table>")));
        QVERIFY(html.contains(QLatin1String("<img src=\"cid:a@b\" height=\"20\">")));
        QVERIFY(html.contains(QLatin1String("style=\"color: #336699; width: 600px;\"")));
        QCOMPARE(s.contentIds, std::vector<std::string>{"a@b"});
        QVERIFY(!s.hasRemoteContent);
    }

    void remoteImagesLoadOnlyWhenAllowed()
    {
        ImageServer server;
        QVERIFY(server.listening());
        const std::string raw = trackingHtmlMessage(server.port());
        ReaderView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy allowedSpy(&view, &ReaderView::remoteContentAllowed);
        view.showMessage(raw, {});

        auto* bar = view.findChild<QWidget*>(QStringLiteral("remoteContentBar"));
        auto* show = view.findChild<QPushButton*>(QStringLiteral("showRemoteContentButton"));
        auto* always = view.findChild<QPushButton*>(QStringLiteral("alwaysRemoteContentButton"));
        QVERIFY(bar && show && always);
        QVERIFY(bar->isVisible());
        QCOMPARE(always->text(), QStringLiteral("Always for news@shop.example"));

        // Laid out, painted, scrolled through, and given time: still no request.
        auto* body = view.findChild<ReaderBrowser*>(QStringLiteral("readerBody"));
        body->document()->adjustSize();
        body->repaint();
        QTest::qWait(1500);
        QCOMPARE(server.connections, 0);

        QVERIFY(cachet::test::saveScreenshot(view, QStringLiteral("reader-remote-blocked")));

        QTest::mouseClick(show, Qt::LeftButton);
        QCOMPARE(allowedSpy.count(), 1);
        QCOMPARE(allowedSpy.at(0).at(0).toBool(), false);
        QVERIFY(!bar->isVisible());
        QSignalSpy shownSpy(body, &ReaderBrowser::remoteImageShown);
        QTRY_VERIFY_WITH_TIMEOUT(server.requestLines.contains(QStringLiteral("GET /x.png HTTP/1.1")), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!shownSpy.isEmpty(), 60000);
        // The image the server sent is in the document now.
        const QUrl imageUrl(QStringLiteral("http://127.0.0.1:%1/x.png").arg(server.port()));
        const QImage image = qvariant_cast<QImage>(body->document()->resource(QTextDocument::ImageResource, imageUrl));
        QCOMPARE(image.size(), QSize(40, 20));
        // Nothing that was refused outright is asked for even now.
        for (const QString& line : std::as_const(server.requestLines))
            for (const char* never : {"/script.png", "/frame", "/object", "/embed", "/refresh", "/sheet.css",
                                      "/import.css", "/f.png"})
                QVERIFY2(!line.contains(QLatin1String(never)), qPrintable(line));
        QVERIFY(m_urls.opened.isEmpty()); // no link was followed by itself
    }

    void senderAlreadyAllowedLoadsWithoutAsking()
    {
        ImageServer server;
        QVERIFY(server.listening());
        ReaderView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setRemoteContentAllowed(true);
        view.showMessage(trackingHtmlMessage(server.port()), {});
        QVERIFY(!view.findChild<QWidget*>(QStringLiteral("remoteContentBar"))->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(server.requestLines.contains(QStringLiteral("GET /x.png HTTP/1.1")), 60000);
    }

    void alwaysForSenderAsksTheCallerToRemember()
    {
        ReaderView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy allowedSpy(&view, &ReaderView::remoteContentAllowed);
        // Port 9 (discard): nothing listens; only the signal matters here.
        view.showMessage(trackingHtmlMessage(9), {});
        QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("alwaysRemoteContentButton")), Qt::LeftButton);
        QCOMPARE(allowedSpy.count(), 1);
        QCOMPARE(allowedSpy.at(0).at(0).toBool(), true);
        QTRY_VERIFY(view.rendered().remoteAllowed);
    }

    void linksOpenOnlyWhenClicked()
    {
        ReaderView view;
        view.showMessage(trackingHtmlMessage(9), {});
        auto* body = view.findChild<QTextBrowser*>(QStringLiteral("readerBody"));
        QVERIFY(m_urls.opened.isEmpty());
        emit body->anchorClicked(QUrl(QStringLiteral("https://example.org/offers")));
        emit body->anchorClicked(QUrl(QStringLiteral("javascript:alert(1)")));
        emit body->anchorClicked(QUrl(QStringLiteral("file:///etc/passwd")));
        QCOMPARE(m_urls.opened, QList<QUrl>{QUrl(QStringLiteral("https://example.org/offers"))});
    }

    void inlineCidImageIsShownNotListed()
    {
        const std::string raw = readCorpus(QStringLiteral("deltachat/message/apple_cid_jpg.eml"));
        if (raw.empty())
            QSKIP("corpus not present");
        const RenderedMessage r = renderMessage(raw);
        QVERIFY(r.bodyIsHtml);
        QVERIFY(!r.hasRemoteContent);
        QCOMPARE(r.from, QStringLiteral("Björn Petersen <somewhere-apple@me.com>"));
        const QString cid = QStringLiteral("cid:8AE052EF-BC90-486F-BB78-58D3590308EC@fritz.box");
        QVERIFY(r.bodyHtml.contains(cid));
        QVERIFY(r.attachments.isEmpty());
        const std::optional<InlinePart> part = inlinePart(raw, cid);
        QVERIFY(part);
        QCOMPARE(part->mimeType, QStringLiteral("image/jpeg"));
        QVERIFY(part->bytes.startsWith("\xFF\xD8"));

        ReaderView view;
        view.showMessage(raw, {});
        auto* body = view.findChild<QTextBrowser*>(QStringLiteral("readerBody"));
        const QImage image = qvariant_cast<QImage>(body->document()->resource(QTextDocument::ImageResource, QUrl(cid)));
        QCOMPARE(image.size(), QSize(8, 8));
    }

    // ---- attachments

    void corpusAttachmentNameSizeAndBytes_data()
    {
        // Names, sizes and SHA-256 of the decoded parts from Python's email
        // module (message_from_bytes, get_payload(decode=True)).
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("mimeType");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QString>("hash");
        QTest::newRow("pdf") << "pdf_filename_simple.eml" << "simple.pdf" << "application/pdf" << qint64(7836)
                             << "fbef046d9753e8ec1ed3fce414e68f30596852ef2f2d4ab3be0e7e6887a196a9";
        QTest::newRow("pdf, RFC 2231 continued") << "pdf_filename_continuation.eml"
                                                 << QString::fromUtf8("test pdf a\xcc\x88o\xcc\x88u\xcc\x88\xc3\x9f.pdf")
                                                 << "application/pdf" << qint64(8117)
                                                 << "0a1dc682e29e201dd8ecf54b3881a10313868d4dc158f7b7f51378a5b4fd5a1a";
        QTest::newRow("jpeg as octet-stream") << "jpeg-as-application-octet-stream.eml" << "rusty_deltachat_logo.jpeg"
                                              << "application/octet-stream" << qint64(2611)
                                              << "0d916221974ad0b033d9d0cc530baad6339bbca22abe241b82c95903a38e4996";
        QTest::newRow("text in a reply") << "quote_attach.eml" << "attachment.txt" << "text/plain" << qint64(12)
                                         << "b6b46dc30204bb9743b93da6c387b13e7172f2dd25949790bb28e04bcef9a207";
    }

    void corpusAttachmentNameSizeAndBytes()
    {
        QFETCH(QString, file);
        QFETCH(QString, name);
        QFETCH(QString, mimeType);
        QFETCH(qint64, size);
        QFETCH(QString, hash);
        const std::string raw = readCorpus("deltachat/message/" + file);
        if (raw.empty())
            QSKIP("corpus not present");
        const RenderedMessage r = renderMessage(raw);
        QCOMPARE(r.attachments.size(), 1);
        const AttachmentInfo& a = r.attachments.front();
        QCOMPARE(a.fileName, name);
        QCOMPARE(a.mimeType, mimeType);
        QCOMPARE(a.size, size);
        const QByteArray bytes = attachmentBytes(raw, a.locator);
        QCOMPARE(qint64(bytes.size()), size);
        QCOMPARE(sha256(bytes), hash);

        // The list shows it, and "Save…" writes exactly those bytes.
        ReaderView view;
        view.showMessage(raw, {});
        auto* list = view.findChild<QListWidget*>(QStringLiteral("attachmentList"));
        QVERIFY(list);
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->text().startsWith(name));
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("saved"));
        QVERIFY(view.saveAttachment(0, target));
        QFile saved(target);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(sha256(saved.readAll()), hash);
    }

    void builtAttachmentsDecodeExactly()
    {
        // Every byte value, base64; and quoted-printable text with soft breaks and =XX.
        QByteArray binary;
        for (int i = 0; i < 3 * 256; ++i)
            binary += static_cast<char>(i % 256);
        const std::string raw = crlf("From: Alice <alice@example.org>\n"
                                     "To: bob@example.net\n"
                                     "Subject: Files\n"
                                     "MIME-Version: 1.0\n"
                                     "Content-Type: multipart/mixed; boundary=\"outer\"\n"
                                     "\n"
                                     "--outer\n"
                                     "Content-Type: text/plain; charset=iso-8859-1\n"
                                     "Content-Transfer-Encoding: quoted-printable\n"
                                     "\n"
                                     "Gr=FC=DFe, two files.\n"
                                     "--outer\n"
                                     "Content-Type: application/octet-stream\n"
                                     "Content-Disposition: attachment; filename*=UTF-8''b%C3%BCcher%20%E2%82%AC.bin\n"
                                     "Content-Transfer-Encoding: base64\n"
                                     "\n"
                                     + base64Lines(binary)
                                     + "--outer\n"
                                       "Content-Type: text/csv; name=\"=?iso-8859-1?Q?Pr=E4sentation=2Ecsv?=\"\n"
                                       "Content-Disposition: attachment\n"
                                       "Content-Transfer-Encoding: quoted-printable\n"
                                       "\n"
                                       "a;b;=C3=A4=\n"
                                       "c\n"
                                       "1;2;3\n"
                                       "--outer\n"
                                       "Content-Type: image/png\n"
                                       "Content-Transfer-Encoding: base64\n"
                                       "\n"
                                     + base64Lines(pngBytes(3, 3)) + "--outer--\n");
        const RenderedMessage r = renderMessage(raw);
        QVERIFY(r.bodyHtml.contains(QString::fromUtf8("Grüße, two files.")));
        QCOMPARE(r.attachments.size(), 3);
        QCOMPARE(r.attachments[0].fileName, QString::fromUtf8("bücher €.bin"));
        QCOMPARE(r.attachments[0].size, qint64(binary.size()));
        QCOMPARE(attachmentBytes(raw, r.attachments[0].locator), binary);
        QCOMPARE(r.attachments[1].fileName, QString::fromUtf8("Präsentation.csv"));
        QCOMPARE(r.attachments[1].mimeType, QStringLiteral("text/csv"));
        QCOMPARE(attachmentBytes(raw, r.attachments[1].locator), QByteArray("a;b;\xC3\xA4" "c\r\n1;2;3"));
        QCOMPARE(r.attachments[2].fileName, QStringLiteral("attachment-3.png")); // no name given
        QCOMPARE(attachmentBytes(raw, r.attachments[2].locator), pngBytes(3, 3));
    }

    void rfc2231AndEncodedWordFileNames_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("shown");
        QTest::newRow("simple") << "attach_filename_simple.eml" << "test.html";
        QTest::newRow("encoded words") << "attach_filename_encoded_words.eml" << QString::fromUtf8("Maßnahmen Okt. 2020.html");
        QTest::newRow("encoded words, windows-1251") << "attach_filename_encoded_words_windows1251.eml"
                                                     << QString::fromUtf8("file Что нового 2020.pdf");
        QTest::newRow("encoded words, continued") << "attach_filename_encoded_words_cont.eml"
                                                  << QString::fromUtf8("Maßn'ah'men Okt. 2020.html");
        QTest::newRow("apostrophed") << "attach_filename_apostrophed.eml" << QString::fromUtf8("Maßnahmen Okt. 2021.html");
        QTest::newRow("apostrophed, continued") << "attach_filename_apostrophed_cont.eml"
                                                << QString::fromUtf8("Maßnahmen März 2022.html");
        QTest::newRow("apostrophed, cp1252") << "attach_filename_apostrophed_cp1252.eml"
                                             << QString::fromUtf8("Auftragsbestätigung.pdf");
        QTest::newRow("apostrophed, windows-1251") << "attach_filename_apostrophed_windows1251.eml"
                                                   << QString::fromUtf8("программирование.HTM");
        QTest::newRow("combined") << "attach_filename_combined.eml" << QString::fromUtf8("Maßnahmen Okt. 2020.html");
    }

    void rfc2231AndEncodedWordFileNames()
    {
        QFETCH(QString, file);
        QFETCH(QString, shown);
        const std::string raw = readCorpus("deltachat/message/" + file);
        if (raw.empty())
            QSKIP("corpus not present");
        const RenderedMessage r = renderMessage(raw);
        // An HTML attachment is listed, not taken for the body.
        QVERIFY(!r.bodyIsHtml);
        QCOMPARE(r.attachments.size(), 1);
        QCOMPARE(r.attachments.front().fileName, shown);
        QCOMPARE(attachmentBytes(raw, r.attachments.front().locator), QByteArray("<html><body>text</body>data"));
    }

    void openWritesAPrivateFileAndRemovesIt()
    {
        const std::string raw = readCorpus(QStringLiteral("deltachat/message/pdf_filename_simple.eml"));
        if (raw.empty())
            QSKIP("corpus not present");
        ReaderView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showMessage(raw, {});
        QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("openAttachmentButton")), Qt::LeftButton);
        QCOMPARE(m_urls.opened.size(), 1);
        const QString path = m_urls.opened.front().toLocalFile();
        const QFileInfo file(path);
        QCOMPARE(file.fileName(), QStringLiteral("simple.pdf"));
        QCOMPARE(file.absolutePath(), openedAttachments::folderPath());
        QVERIFY(file.absolutePath().contains(QStringLiteral("/cachet-open-")));
        // Only its owner may read it, nobody may run it, nobody else may enter the folder.
        const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
            | QFile::WriteOther | QFile::ExeOther;
        QVERIFY(file.permissions().testFlag(QFile::ReadOwner));
        QCOMPARE(file.permissions() & (others | QFile::ExeOwner), QFile::Permissions());
        QCOMPARE(QFileInfo(file.absolutePath()).permissions() & others, QFile::Permissions());
        QFile opened(path);
        QVERIFY(opened.open(QIODevice::ReadOnly));
        QCOMPARE(sha256(opened.readAll()), QStringLiteral("fbef046d9753e8ec1ed3fce414e68f30596852ef2f2d4ab3be0e7e6887a196a9"));

        // Opened twice: a second file, the first one untouched.
        const QString second = view.openAttachment(0);
        QCOMPARE(QFileInfo(second).fileName(), QStringLiteral("simple (2).pdf"));

        ReaderView::removeOpenedAttachments();
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(file.absolutePath()));
    }

    void openedFileNamesCannotLeaveTheFolder()
    {
        QCOMPARE(openedAttachments::safeFileName(QStringLiteral("../../.bashrc")), QStringLiteral("_.._.bashrc"));
        QCOMPARE(openedAttachments::safeFileName(QStringLiteral(".hidden")), QStringLiteral("hidden"));
        QCOMPARE(openedAttachments::safeFileName(QString()), QStringLiteral("attachment"));
        QCOMPARE(openedAttachments::safeFileName(QString::fromUtf8("invoice\u202Efdp.exe")), QStringLiteral("invoicefdp.exe"));
        QVERIFY(openedAttachments::safeFileName(QString(500, 'x') + ".pdf").endsWith(QLatin1String(".pdf")));
        QVERIFY(openedAttachments::safeFileName(QString(500, 'x') + ".pdf").size() <= 120);
    }

    // ---- every corpus message, and garbage

    void everyCorpusMessageRenders()
    {
        QStringList files = cachet::test::corpusMessageFiles();
        if (files.isEmpty())
            QSKIP("corpus not present");
        QVERIFY(files.size() >= 101);
        const QDir autocrypt(cachet::test::corpusDir() + "/autocrypt");
        for (const QFileInfo& fi : autocrypt.entryInfoList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name))
            files << fi.absoluteFilePath();
        ReaderView view;
        view.resize(700, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        int withBody = 0;
        for (const QString& path : std::as_const(files)) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const std::string raw = f.readAll().toStdString();
            const RenderedMessage r = renderMessage(raw);
            QVERIFY2(static_cast<std::size_t>(r.bodyHtml.size()) < 8 * kMaxShownBodyBytes, qPrintable(path));
            if (!r.bodyHtml.isEmpty())
                ++withBody;
            for (const AttachmentInfo& a : r.attachments) {
                QVERIFY2(!a.fileName.isEmpty(), qPrintable(path));
                QCOMPARE(qint64(attachmentBytes(raw, a.locator).size()), a.size);
            }
            view.showRendered(r, raw, {});
            QCoreApplication::processEvents();
        }
        // Nearly all of them have text to show; the encrypted ones and the
        // non-messages may not.
        QVERIFY2(withBody > files.size() * 3 / 4, qPrintable(QString::number(withBody)));
    }

    void garbageGivesBoundedResults()
    {
        std::mt19937 rng(20240601);
        std::string random(1024 * 1024, '\0');
        for (char& c : random)
            c = static_cast<char>(rng() & 0xFF);

        std::string longLine = "From: a@example.org\nSubject: long\n\n" + std::string(5 * 1024 * 1024, 'a');
        std::string longHeader = "Subject: " + std::string(5 * 1024 * 1024, 'b');

        std::string nestedMultiparts = "From: a@example.org\n";
        for (int i = 0; i < 10000; ++i)
            nestedMultiparts += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\n\n--b"
                + std::to_string(i) + "\n";
        nestedMultiparts += "Content-Type: text/plain\n\ndeep\n";

        std::string nestedHtml = "Content-Type: text/html\n\n"; // 800 KB: within kMaxShownBodyBytes
        for (int i = 0; i < 40000; ++i)
            nestedHtml += "<div><table><tr><td>";
        nestedHtml += "deep";

        const std::string deepQuote = "Content-Type: text/plain\n\n" + std::string(10000, '>') + " deep\n";

        std::string manyParts = "Content-Type: multipart/mixed; boundary=x\n\n";
        for (int i = 0; i < 20000; ++i)
            manyParts += "--x\nContent-Type: application/octet-stream\n\nAAAA\n";

        struct Case {
            const char* name;
            const std::string* raw;
        };
        const Case cases[] = {{"random bytes", &random},           {"5 MB line", &longLine},
                              {"5 MB header", &longHeader},         {"10,000 nested multiparts", &nestedMultiparts},
                              {"160,000 nested elements", &nestedHtml}, {"10,000 quote levels", &deepQuote},
                              {"20,000 parts", &manyParts}};
        ReaderView view;
        for (const Case& c : cases) {
            const RenderedMessage r = renderMessage(*c.raw);
            QVERIFY2(static_cast<std::size_t>(r.bodyHtml.size()) < 8 * kMaxShownBodyBytes, c.name);
            QVERIFY2(r.allHeaders.size() < 1024 * 1024, c.name);
            QVERIFY2(r.subject.size() <= 64 * 1024, c.name);
            QVERIFY2(r.attachments.size() <= kMaxListedAttachments, c.name);
            view.showRendered(r, *c.raw, {});
        }

        const RenderedMessage line = renderMessage(longLine);
        QVERIFY(line.bodyTruncated);
        QVERIFY(line.bodyHtml.contains(QLatin1String("only its beginning is shown")));
        // The line got break opportunities (QTextLayout is quadratic in a word without them).
        QVERIFY(line.bodyHtml.count(QChar(0x200B)) >= static_cast<qsizetype>(kMaxShownBodyBytes / kMaxUnbrokenRun) - 1);
        const QString html = renderMessage(nestedHtml).bodyHtml;
        QVERIFY(maxElementDepth(html) <= static_cast<int>(kMaxHtmlNesting));
        QVERIFY(maxElementDepth(html) >= 32); // the cap, not an early stop, did it
        QVERIFY(html.contains(QLatin1String("deep")));
        const QString quotes = renderMessage(deepQuote).bodyHtml;
        QCOMPARE(quotes.count(QLatin1String("<table")), qsizetype(kMaxQuoteLevels));
        QVERIFY(quotes.contains(QLatin1String("deep")));
    }

    // ---- headers and security

    void securityBannerSaysWhatHappened()
    {
        const std::string raw = crlf("From: Alice <alice@example.org>\nTo: bob@example.net\nSubject: Hi\n\nHello\n");
        ReaderView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* banner = view.findChild<QLabel*>(QStringLiteral("securityBanner"));
        QVERIFY(banner);

        view.showMessage(raw, {});
        QVERIFY(!banner->isVisible());

        ReaderSecurity valid;
        valid.encryption = ReaderSecurity::Encryption::Decrypted;
        valid.signature = ReaderSecurity::Signature::Valid;
        valid.signerFingerprint = QStringLiteral("1234567890ABCDEF1234567890ABCDEF12345678");
        valid.signerMatchesFrom = true;
        view.showMessage(raw, valid);
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->property("level").toString(), QStringLiteral("good"));
        QVERIFY2(banner->text().contains(QLatin1String("Encrypted.")), qPrintable(banner->text()));
        QVERIFY2(banner->text().contains(QStringLiteral("Signed by alice@example.org (fingerprint 1234 5678 90AB CDEF 1234 "
                                                        "5678 90AB CDEF 1234 5678) — valid")),
                 qPrintable(banner->text()));

        ReaderSecurity notSender = valid;
        notSender.signerMatchesFrom = false;
        view.setSecurity(notSender);
        QCOMPARE(banner->property("level").toString(), QStringLiteral("warning"));
        QVERIFY(banner->text().contains(QLatin1String("Signed by a key that is not the sender's")));

        ReaderSecurity bad;
        bad.signature = ReaderSecurity::Signature::Bad;
        view.setSecurity(bad);
        QCOMPARE(banner->property("level").toString(), QStringLiteral("bad"));
        QCOMPARE(banner->text(), QStringLiteral("Bad signature: the message was changed after signing."));

        ReaderSecurity failed;
        failed.encryption = ReaderSecurity::Encryption::Failed;
        failed.failure = QStringLiteral("No secret key");
        view.setSecurity(failed);
        QCOMPARE(banner->property("level").toString(), QStringLiteral("bad"));
        QCOMPARE(banner->text(), QStringLiteral("Could not decrypt: No secret key"));

        view.setSecurity({});
        QVERIFY(!banner->isVisible());

        // From the store's record, word for word as IncomingOpenPgp writes it.
        cachet::store::OpenPgpRecord record;
        record.encryption = "none";
        record.signature = "revoked";
        record.signerFingerprint = "ABCD";
        const ReaderSecurity fromStore = ReaderSecurity::fromRecord(record);
        QCOMPARE(fromStore.signature, ReaderSecurity::Signature::Revoked);
        QCOMPARE(SecurityBanner::verdict(fromStore, {}).level, SecurityBanner::Level::Bad);
        record.encryption = "failed";
        record.signature = "unknown-key";
        QCOMPARE(ReaderSecurity::fromRecord(record).encryption, ReaderSecurity::Encryption::Failed);
        QCOMPARE(ReaderSecurity::fromRecord(record).signature, ReaderSecurity::Signature::UnknownKey);
    }

    void allHeadersToggleShowsTheWholeHeader()
    {
        const std::string raw = crlf("Received: from mx.example.net by mx.example.org; Wed, 03 Jan 2024 12:00:01 +0000\n"
                                     "Message-ID: <unique-4711@example.org>\n"
                                     "From: =?utf-8?q?J=C3=B6rg?= <joerg@example.org>\n"
                                     "To: bob@example.net\n"
                                     "Cc: \"Carol, C.\" <carol@example.org>\n"
                                     "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\n"
                                     "X-Mailer: Test\n"
                                     "\n"
                                     "Hi\n");
        ReaderView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showMessage(raw, {});
        auto* summary = view.findChild<QWidget*>(QStringLiteral("headerSummary"));
        auto* all = view.findChild<QPlainTextEdit*>(QStringLiteral("allHeadersView"));
        auto* toggle = view.findChild<QToolButton*>(QStringLiteral("allHeadersToggle"));
        QVERIFY(summary && all && toggle);
        QVERIFY(summary->isVisible());
        QVERIFY(!all->isVisible());
        QCOMPARE(view.findChild<QLabel*>(QStringLiteral("subjectLabel"))->text(), QString::fromUtf8("Grüße"));
        QCOMPARE(view.findChild<QLabel*>(QStringLiteral("fromLabel"))->text(), QString::fromUtf8("Jörg <joerg@example.org>"));
        QCOMPARE(view.findChild<QLabel*>(QStringLiteral("ccLabel"))->text(), QStringLiteral("\"Carol, C.\" <carol@example.org>"));
        for (const QLabel* label : summary->findChildren<QLabel*>())
            QVERIFY(!label->text().contains(QLatin1String("unique-4711")));

        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(toggle->isChecked());
        QVERIFY(all->isVisible());
        QVERIFY(!summary->isVisible());
        const QString text = all->toPlainText();
        QVERIFY(text.contains(QLatin1String("Message-ID: <unique-4711@example.org>")));
        QVERIFY(text.contains(QLatin1String("Received: from mx.example.net")));
        QVERIFY(text.contains(QString::fromUtf8("Subject: Grüße")));

        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(summary->isVisible());
        QVERIFY(!all->isVisible());
    }

    void screenshot()
    {
        // Gmail's bounce: HTML with an inline icon (cid:), the delivery
        // report and the returned message as attachments.
        const std::string raw = readCorpus(QStringLiteral("deltachat/message/gmail_ndn.eml"));
        if (raw.empty())
            QSKIP("corpus not present");
        ReaderView view;
        view.resize(860, 640);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ReaderSecurity security;
        security.signature = ReaderSecurity::Signature::Valid;
        security.signerMatchesFrom = true;
        security.signerFingerprint = QStringLiteral("5F1A2B3C4D5E6F708192A3B4C5D6E7F801234567");
        view.showMessage(raw, security);
        const RenderedMessage& r = view.rendered();
        QVERIFY(r.bodyIsHtml);
        QVERIFY(r.bodyHtml.contains(QLatin1String("src=\"cid:icon.png\"")));
        QStringList names;
        for (const AttachmentInfo& a : r.attachments)
            names << a.fileName + ' ' + a.mimeType;
        QVERIFY2(std::none_of(r.attachments.begin(), r.attachments.end(),
                              [](const AttachmentInfo& a) { return a.fileName == QLatin1String("icon.png"); }),
                 qPrintable(names.join(", ")));
        QVERIFY2(std::any_of(r.attachments.begin(), r.attachments.end(),
                             [](const AttachmentInfo& a) { return a.mimeType == QLatin1String("message/rfc822"); }),
                 qPrintable(names.join(", ")));
        auto* list = view.findChild<QListWidget*>(QStringLiteral("attachmentList"));
        QVERIFY(list->isVisible());
        QCOMPARE(list->count(), r.attachments.size());
        QVERIFY(cachet::test::saveScreenshot(view, QStringLiteral("reader")));
    }

private:
    UrlCatcher m_urls;
};

QTEST_MAIN(TestMessageReader)
#include "tst_message_reader.moc"
