#pragma once
// The message body's view: a QTextBrowser that loads nothing by itself.
// QTextBrowser would read file: and relative URLs from the disk and follow
// links in place; this one serves the message's own cid: images, data:
// images, and http(s) images only when remote content is allowed (fetched in
// the background, shown when they arrive). Links are opened by the owner,
// and only on a click.

#include "reader/MessageRendering.h"

#include <QHash>
#include <QImage>
#include <QTextBrowser>

#include <memory>
#include <optional>
#include <string>

namespace cachet::ui {

class RemoteImageLoader;

class ReaderBrowser : public QTextBrowser {
    Q_OBJECT
public:
    // Decoded images of one message together stay under this; later ones are not shown.
    static constexpr qint64 kMaxImageMemoryBytes = 256LL * 1024 * 1024;

    explicit ReaderBrowser(QWidget* parent = nullptr);

    // The raw message the cid: images come from; resets what was loaded for the previous one.
    void setMessage(std::shared_ptr<const std::string> raw);
    void setRemoteAllowed(bool allowed);
    bool remoteAllowed() const { return m_remoteAllowed; }

    QVariant loadResource(int type, const QUrl& url) override;

signals:
    // A remote image arrived and is now part of the document (tests wait for it).
    void remoteImageShown(const QUrl& url);

private:
    QImage inlineImage(const QUrl& url);
    // `image`, or a null one once the message's images would use more than kMaxImageMemoryBytes.
    QImage withinBudget(const QImage& image);
    void remoteImageLoaded(const QUrl& url, const QImage& image);

    std::shared_ptr<const std::string> m_raw;
    bool m_remoteAllowed = false;
    std::optional<QHash<QString, InlinePartRef>> m_partsById; // read on the first cid: image
    QHash<QString, QImage> m_inlineImages; // by Content-ID; a null image for a missing part
    QHash<QUrl, QImage> m_loadedRemoteImages; // kept across setHtml, which forgets the document's resources
    qint64 m_imageBytes = 0;
    RemoteImageLoader* m_remoteImages = nullptr;
};

} // namespace cachet::ui
