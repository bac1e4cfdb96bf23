#include "reader/ReaderBrowser.h"

#include "reader/BoundedImage.h"
#include "reader/RemoteImageLoader.h"
#include "reader/UrlPolicy.h"

#include <QScrollBar>
#include <QTextDocument>

namespace cachet::ui {

namespace {

// "data:image/png;base64,...." to its bytes (RFC 2397).
QByteArray dataUrlBytes(const QUrl& url)
{
    const QByteArray encoded = url.toEncoded();
    const qsizetype comma = encoded.indexOf(',');
    if (comma < 0)
        return {};
    const QByteArray header = encoded.left(comma).toLower();
    const QByteArray payload = QByteArray::fromPercentEncoding(encoded.mid(comma + 1));
    return header.endsWith(";base64") ? QByteArray::fromBase64(payload) : payload;
}

} // namespace

ReaderBrowser::ReaderBrowser(QWidget* parent)
    : QTextBrowser(parent), m_remoteImages(new RemoteImageLoader(this))
{
    setObjectName(QStringLiteral("readerBody"));
    setOpenLinks(false); // the owner opens a clicked link with QDesktopServices
    setOpenExternalLinks(false);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere); // long URLs and tokens still wrap
    connect(m_remoteImages, &RemoteImageLoader::imageLoaded, this, &ReaderBrowser::remoteImageLoaded);
}

void ReaderBrowser::setMessage(std::shared_ptr<const std::string> raw)
{
    m_raw = std::move(raw);
    m_partsById.reset();
    m_inlineImages.clear();
    m_loadedRemoteImages.clear();
    m_imageBytes = 0;
    m_remoteImages->reset();
}

void ReaderBrowser::setRemoteAllowed(bool allowed)
{
    m_remoteAllowed = allowed;
    if (!allowed)
        m_remoteImages->reset();
}

QVariant ReaderBrowser::loadResource(int type, const QUrl& url)
{
    if (type == QTextDocument::ImageResource) {
        const QString scheme = url.scheme().toLower();
        if (scheme == QLatin1String("cid"))
            return inlineImage(url);
        if (scheme == QLatin1String("data"))
            return withinBudget(decodeBoundedImage(dataUrlBytes(url)));
        if (m_remoteAllowed && (scheme == QLatin1String("http") || scheme == QLatin1String("https"))) {
            const auto loaded = m_loadedRemoteImages.constFind(url);
            if (loaded != m_loadedRemoteImages.constEnd())
                return *loaded;
            m_remoteImages->request(url); // shown when it arrives (remoteImageLoaded)
        }
        return QImage();
    }
    // Nothing else is loaded, ever: a null answer would make QTextDocument
    // read the URL from the disk itself.
    return type == QTextDocument::StyleSheetResource ? QVariant(QString()) : QVariant(QByteArray());
}

QImage ReaderBrowser::inlineImage(const QUrl& url)
{
    const QString id = QString::fromStdString(contentIdOfCidUrl(url.toString(QUrl::FullyEncoded).toStdString()));
    const auto cached = m_inlineImages.constFind(id);
    if (cached != m_inlineImages.constEnd())
        return *cached;
    if (!m_raw)
        return {};
    if (!m_partsById)
        m_partsById = partsByContentId(*m_raw);
    QImage image;
    const auto part = m_partsById->constFind(id);
    if (part != m_partsById->constEnd())
        image = withinBudget(decodeBoundedImage(attachmentBytes(*m_raw, part->locator)));
    m_inlineImages.insert(id, image);
    return image;
}

QImage ReaderBrowser::withinBudget(const QImage& image)
{
    if (image.isNull() || m_imageBytes + image.sizeInBytes() > kMaxImageMemoryBytes)
        return {};
    m_imageBytes += image.sizeInBytes();
    return image;
}

void ReaderBrowser::remoteImageLoaded(const QUrl& url, const QImage& image)
{
    if (!m_remoteAllowed || withinBudget(image).isNull())
        return;
    m_loadedRemoteImages.insert(url, image);
    document()->addResource(QTextDocument::ImageResource, url, image);
    // The layout asked for the image before it was there: lay it out again
    // where it stands, keeping the reader's place.
    const int scroll = verticalScrollBar()->value();
    document()->markContentsDirty(0, document()->characterCount());
    verticalScrollBar()->setValue(scroll);
    emit remoteImageShown(url);
}

} // namespace cachet::ui
