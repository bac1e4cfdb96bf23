#pragma once
// A stored message made ready for reading: its summary headers decoded, the
// body a mail client would show (as safe HTML for QTextBrowser), and its
// attachments. Pure functions of the raw bytes, no widgets, so the caller can
// run them on a worker thread (ARCHITECTURE.md, "Threads").
//
// The bytes are untrusted: whatever they are, nothing here crashes and every
// output is bounded (kMaxShownBodyBytes, the parser's MimeLimits, the caps in
// mime/Decoding.h).

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <cstddef>
#include <optional>
#include <string>

namespace cachet::ui {

// A body longer than this (decoded text) is cut and shown with a notice:
// QTextBrowser::setHtml runs on the GUI thread, and a hostile megabyte (all
// of it in one table cell) already takes it about a second.
inline constexpr std::size_t kMaxShownBodyBytes = 1024 * 1024;
// More attachments than this are not listed (a hostile message may have 10,000 parts).
inline constexpr qsizetype kMaxListedAttachments = 1000;

// Where a part's body is in the raw message and how it is encoded: enough to
// decode it again without reading the message's structure a second time.
// Valid for the raw bytes it was made from.
struct AttachmentLocator {
    std::size_t bodyBegin = 0;
    std::size_t bodyEnd = 0;
    std::string transferEncoding; // lower case: "base64", "quoted-printable", "7bit", ...
    friend bool operator==(const AttachmentLocator&, const AttachmentLocator&) = default;
};

struct AttachmentInfo {
    QString fileName;   // decoded (RFC 2231, RFC 2047); "attachment-N.ext" when the part has none
    QString mimeType;   // lower case, e.g. "application/pdf"
    qint64 size = 0;    // decoded bytes
    AttachmentLocator locator;
};

struct RenderedMessage {
    QString from;        // "Name <address>, ..." decoded
    QString fromAddress; // the first From address alone, for "Always for <sender>"
    QString to;
    QString cc;
    QDateTime date;      // UTC; invalid when the Date field cannot be read
    QString subject;
    QString allHeaders;  // every header field, one per line, encoded words decoded

    bool bodyIsHtml = false;   // the body shown came from a text/html part
    QString bodyHtml;          // what to give QTextBrowser::setHtml: sanitized, or plain text as HTML
    bool bodyTruncated = false; // the body was longer than kMaxShownBodyBytes
    bool hasRemoteContent = false; // the HTML refers to remote images or styles
    bool remoteAllowed = false;    // rendered with them kept (http and https only)

    QList<AttachmentInfo> attachments;
};

// `raw` as stored (LF or CRLF line ends). With `allowRemote`, remote images
// and CSS url()s stay in the HTML as http(s) URLs; otherwise they are removed
// and `hasRemoteContent` tells that there were some.
RenderedMessage renderMessage(const std::string& raw, bool allowRemote = false);

// The decoded bytes of the part at `locator` (base64 and quoted-printable
// undone); empty if the locator does not fit `raw`.
QByteArray attachmentBytes(const std::string& raw, const AttachmentLocator& locator);

// Every part with a Content-ID, by that id (no angle brackets): one reading
// of the message serves all of its cid: images.
struct InlinePartRef {
    AttachmentLocator locator;
    QString mimeType;
};
QHash<QString, InlinePartRef> partsByContentId(const std::string& raw);

struct InlinePart {
    QByteArray bytes;  // decoded
    QString mimeType;
};

// The part whose Content-ID is `contentId` (RFC 2392: the "cid:" URL's text,
// percent-decoded, without angle brackets), for the images an HTML body
// shows inline; nullopt if none has it.
std::optional<InlinePart> inlinePart(const std::string& raw, const QString& contentId);

} // namespace cachet::ui
