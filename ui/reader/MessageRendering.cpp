// The project's own MIME scanner and decoders do the reading (offsets into
// the raw bytes, lenient decoders, bounded output); VMime would copy the
// whole tree and does not tell where a part is. Qt only names file types.

#include "reader/MessageRendering.h"

#include "reader/HtmlSanitizer.h"
#include "reader/PlainTextHtml.h"
#include "reader/UrlPolicy.h"

#include "mime/Decoding.h"
#include "mime/HeaderBlock.h"
#include "mime/MimeParser.h"
#include "text/AsciiText.h"

#include <QCoreApplication>
#include <QMimeDatabase>

#include <algorithm>
#include <set>

namespace cachet::ui {

namespace {

using mime::MimeEntity;

// The parser's bounds on nesting and parts (MimeParser.h), for every reading.
const mime::MimeLimits kLimits{};

// "All headers" shows at most this much: a header block can be megabytes of junk.
constexpr int kMaxShownHeaderFields = 1000;
constexpr qsizetype kMaxAllHeadersChars = 512 * 1024;

QString tr(const char* text)
{
    return QCoreApplication::translate("cachet::ui::MessageRendering", text);
}

QString fromUtf8(const std::string& s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// raw[begin, end), or empty when the offsets do not fit.
std::string_view slice(std::string_view raw, std::size_t begin, std::size_t end)
{
    if (begin > end || end > raw.size())
        return {};
    return raw.substr(begin, end - begin);
}

std::string_view headerOf(std::string_view raw, const MimeEntity& e)
{
    return slice(raw, e.headerBegin, e.headerEnd);
}

std::string_view bodyOf(std::string_view raw, const MimeEntity& e)
{
    return slice(raw, e.bodyBegin, e.bodyEnd);
}

// Content-ID without its angle brackets (RFC 2045 §7), or empty.
std::string contentIdOf(std::string_view raw, const MimeEntity& e)
{
    std::string id = mime::HeaderBlock::unfold(mime::HeaderBlock(headerOf(raw, e)).value("Content-ID"));
    if (id.size() >= 2 && id.front() == '<' && id.back() == '>')
        id = id.substr(1, id.size() - 2);
    return id;
}

// RFC 2045 §5.2: a Content-Type that cannot be read means text/plain.
bool isPlainText(const MimeEntity& e)
{
    return (e.type == "text" && e.subtype == "plain") || e.type.empty();
}

bool isHtml(const MimeEntity& e)
{
    return e.type == "text" && e.subtype == "html";
}

bool isPlaceholder(const MimeEntity& e)
{
    // The parser's empty part for a multipart without parts: nothing was written there.
    return e.headerBegin == e.headerEnd && e.bodyBegin == e.bodyEnd;
}

// The part a mail client shows as the body (RFC 2046 §5.1): in an
// alternative the richest, HTML before plain text, later before earlier; in
// a related the start part; in a mixed or any other the first text part.
const MimeEntity* chooseBody(std::string_view raw, const MimeEntity& e)
{
    if (e.isEmbeddedMessage())
        return nullptr; // a forwarded message is an attachment
    if (e.isLeaf()) {
        if (e.disposition == "attachment" || isPlaceholder(e))
            return nullptr;
        return isPlainText(e) || isHtml(e) ? &e : nullptr;
    }
    if (!e.isMultipart())
        return nullptr;
    if (e.subtype == "alternative") {
        const MimeEntity* plain = nullptr;
        for (auto it = e.children.rbegin(); it != e.children.rend(); ++it) {
            const MimeEntity* found = chooseBody(raw, *it);
            if (found && isHtml(*found))
                return found;
            if (found && !plain)
                plain = found;
        }
        return plain;
    }
    if (e.subtype == "related") {
        // RFC 2387 §3.2: "start" names the root part by Content-ID; the first part otherwise.
        if (const std::string* start = e.param("start")) {
            std::string id = *start;
            if (id.size() >= 2 && id.front() == '<' && id.back() == '>')
                id = id.substr(1, id.size() - 2);
            for (const MimeEntity& child : e.children)
                if (contentIdOf(raw, child) == id)
                    return chooseBody(raw, child);
        }
        return chooseBody(raw, e.children.front());
    }
    if (e.subtype == "encrypted")
        return nullptr; // not decrypted: there is no text to show
    for (const MimeEntity& child : e.children) {
        if (child.disposition == "attachment")
            continue;
        if (const MimeEntity* found = chooseBody(raw, child))
            return found;
    }
    return nullptr;
}

bool contains(const MimeEntity& e, const MimeEntity* target)
{
    if (&e == target)
        return true;
    return std::any_of(e.children.begin(), e.children.end(),
                       [&](const MimeEntity& child) { return contains(child, target); });
}

bool isSignatureOrControlPart(const MimeEntity& parent, const MimeEntity& child)
{
    // RFC 3156 §4-5: the signature and the "Version: 1" part are OpenPGP's
    // business; the security banner tells what they mean.
    return (parent.subtype == "signed" && child.type == "application" && child.subtype == "pgp-signature")
        || (parent.subtype == "encrypted" && child.type == "application" && child.subtype == "pgp-encrypted");
}

// A name that cannot pretend to be something else when shown or saved:
// control and format characters (a right-to-left override turns
// "gpj.exe" around) removed, path separators replaced.
QString cleanFileName(const QString& name)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        const auto category = c.category();
        if (category == QChar::Other_Control || category == QChar::Other_Format)
            continue;
        out += c == '/' || c == '\\' ? QChar('_') : c;
    }
    return out;
}

AttachmentLocator locatorOf(const MimeEntity& e)
{
    return AttachmentLocator{e.bodyBegin, e.bodyEnd, e.transferEncoding};
}

class AttachmentCollector {
public:
    AttachmentCollector(std::string_view raw, const MimeEntity* body, const std::vector<std::string>& shownIds)
        : m_raw(raw), m_body(body), m_shownIds(shownIds.begin(), shownIds.end())
    {
    }

    QList<AttachmentInfo> collect(const MimeEntity& root)
    {
        visit(root, false);
        return std::move(m_found);
    }

private:
    // `otherAlternative`: inside an alternative the reader does not show,
    // where text parts say again what the body says.
    void visit(const MimeEntity& e, bool otherAlternative)
    {
        if (m_found.size() >= kMaxListedAttachments)
            return;
        if (e.isMultipart()) {
            for (const MimeEntity& child : e.children) {
                if (isSignatureOrControlPart(e, child))
                    continue;
                visit(child, otherAlternative || (e.subtype == "alternative" && !contains(child, m_body)));
            }
            return;
        }
        if (&e == m_body || isPlaceholder(e))
            return;
        if (otherAlternative && (isPlainText(e) || isHtml(e)))
            return;
        if (e.type == "image" && m_shownIds.count(contentIdOf(m_raw, e)) > 0)
            return; // shown in the body, where the HTML asks for it
        add(e);
    }

    void add(const MimeEntity& e)
    {
        AttachmentInfo info;
        info.mimeType = e.type.empty() ? QStringLiteral("application/octet-stream")
                                       : fromUtf8(e.type + '/' + e.subtype);
        QString name = cleanFileName(fromUtf8(mime::attachmentFileName(m_raw, e)));
        if (name.isEmpty() && e.isEmbeddedMessage() && !e.children.empty()) {
            const mime::HeaderBlock inner(headerOf(m_raw, e.children.front()));
            const QString subject = cleanFileName(fromUtf8(mime::decodeHeaderText(inner.value("Subject"))));
            if (!subject.trimmed().isEmpty())
                name = subject.trimmed().left(100) + QStringLiteral(".eml");
        }
        if (name.isEmpty()) {
            name = tr("attachment-%1").arg(m_found.size() + 1);
            const QString suffix = m_mimeTypes.mimeTypeForName(info.mimeType).preferredSuffix();
            if (!suffix.isEmpty())
                name += '.' + suffix;
        }
        info.fileName = name;
        const std::string_view body = bodyOf(m_raw, e);
        info.size = static_cast<qint64>(mime::decodeTransferEncoding(body, e.transferEncoding, body.size()).size());
        info.locator = locatorOf(e);
        m_found.push_back(std::move(info));
    }

    std::string_view m_raw;
    const MimeEntity* m_body;
    std::set<std::string> m_shownIds;
    QMimeDatabase m_mimeTypes;
    QList<AttachmentInfo> m_found;
};

QString addressList(const mime::HeaderBlock& header, std::string_view field)
{
    std::vector<mime::DisplayAddress> all;
    for (const mime::HeaderField& f : header.fields()) {
        if (!text::equalsIgnoreCase(f.name, field))
            continue;
        for (mime::DisplayAddress& a : mime::parseAddressList(f.rawValue)) {
            if (all.size() >= mime::kMaxAddressesPerField)
                break;
            all.push_back(std::move(a));
        }
    }
    return fromUtf8(mime::formatAddressList(all));
}

QString decodedHeaderBlock(const mime::HeaderBlock& header)
{
    QString out;
    int fields = 0;
    for (const mime::HeaderField& f : header.fields()) {
        if (++fields > kMaxShownHeaderFields || out.size() > kMaxAllHeadersChars) {
            out += tr("[more header fields not shown]") + '\n';
            break;
        }
        out += fromUtf8(mime::decodeHeaderText(f.name)) + QStringLiteral(": ")
            + fromUtf8(mime::decodeHeaderText(f.rawValue)) + '\n';
    }
    return out;
}

void renderBody(std::string_view raw, const MimeEntity& body, bool allowRemote, RenderedMessage& out,
                std::vector<std::string>& shownIds)
{
    // One byte more than shown tells whether there was more.
    std::string bytes = mime::decodeTransferEncoding(bodyOf(raw, body), body.transferEncoding, kMaxShownBodyBytes + 1);
    out.bodyTruncated = bytes.size() > kMaxShownBodyBytes;
    bytes.resize(std::min(bytes.size(), kMaxShownBodyBytes));
    const std::string* charset = body.param("charset");
    const std::string text = mime::decodeBody(bytes, "binary", charset ? *charset : std::string(), kMaxShownBodyBytes);
    // A charset whose UTF-8 is longer than its bytes may fill the limit first.
    out.bodyTruncated = out.bodyTruncated || text.size() + 4 > kMaxShownBodyBytes;

    std::string html;
    if (isHtml(body)) {
        SanitizedHtml sanitized = sanitizeHtml(text, allowRemote);
        html = std::move(sanitized.html);
        out.bodyIsHtml = true;
        out.hasRemoteContent = sanitized.hasRemoteContent;
        shownIds = std::move(sanitized.contentIds);
    } else {
        PlainTextFormat format;
        const std::string* formatParam = body.param("format");
        const std::string* delSp = body.param("delsp");
        format.flowed = formatParam && text::equalsIgnoreCase(*formatParam, "flowed");
        format.delSp = delSp && text::equalsIgnoreCase(*delSp, "yes");
        html = plainTextToHtml(text, format);
    }
    out.bodyHtml = fromUtf8(html);
    if (out.bodyTruncated) {
        out.bodyHtml += QStringLiteral("<p style=\"color: #6b6b6b;\"><i>")
            + tr("This message is longer than %1 MB: only its beginning is shown.")
                  .arg(kMaxShownBodyBytes / (1024 * 1024))
                  .toHtmlEscaped()
            + QStringLiteral("</i></p>");
    }
}

void collectContentIds(std::string_view raw, const MimeEntity& e, QHash<QString, InlinePartRef>& out)
{
    if (!e.isLeaf()) {
        for (const MimeEntity& child : e.children)
            collectContentIds(raw, child, out);
        return;
    }
    const std::string id = contentIdOf(raw, e);
    if (!id.empty() && !out.contains(fromUtf8(id)))
        out.insert(fromUtf8(id), InlinePartRef{locatorOf(e), fromUtf8(e.type + '/' + e.subtype)});
}

} // namespace

RenderedMessage renderMessage(const std::string& raw, bool allowRemote)
{
    RenderedMessage out;
    out.remoteAllowed = allowRemote;
    const MimeEntity root = mime::parseMimeTree(raw, kLimits);
    const mime::HeaderBlock header(headerOf(raw, root));

    out.from = addressList(header, "From");
    const std::vector<mime::DisplayAddress> from = mime::parseAddressList(header.value("From"));
    if (!from.empty())
        out.fromAddress = fromUtf8(from.front().address);
    out.to = addressList(header, "To");
    out.cc = addressList(header, "Cc");
    out.subject = fromUtf8(mime::decodeHeaderText(header.value("Subject")));
    if (const auto date = mime::parseDate(header.value("Date")))
        out.date = QDateTime::fromSecsSinceEpoch(*date, Qt::UTC);
    out.allHeaders = decodedHeaderBlock(header);

    std::vector<std::string> shownIds;
    const MimeEntity* body = chooseBody(raw, root);
    if (body)
        renderBody(raw, *body, allowRemote, out, shownIds);
    out.attachments = AttachmentCollector(raw, body, shownIds).collect(root);
    return out;
}

QByteArray attachmentBytes(const std::string& raw, const AttachmentLocator& locator)
{
    const std::string_view body = slice(raw, locator.bodyBegin, locator.bodyEnd);
    const std::string bytes = mime::decodeTransferEncoding(body, locator.transferEncoding, body.size());
    return QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size()));
}

QHash<QString, InlinePartRef> partsByContentId(const std::string& raw)
{
    QHash<QString, InlinePartRef> out;
    collectContentIds(raw, mime::parseMimeTree(raw, kLimits), out);
    return out;
}

std::optional<InlinePart> inlinePart(const std::string& raw, const QString& contentId)
{
    const QHash<QString, InlinePartRef> parts = partsByContentId(raw);
    const auto found = parts.constFind(fromUtf8(contentIdOfCidUrl(contentId.toStdString())));
    if (found == parts.constEnd())
        return std::nullopt;
    return InlinePart{attachmentBytes(raw, found->locator), found->mimeType};
}

} // namespace cachet::ui
