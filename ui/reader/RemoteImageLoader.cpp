#include "reader/RemoteImageLoader.h"

#include "reader/BoundedImage.h"

#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace cachet::ui {

namespace {

// Neither keeps nor sends cookies: a cookie set by one sender's image would
// otherwise follow the reader to every other message using that server.
class NoCookieJar : public QNetworkCookieJar {
public:
    using QNetworkCookieJar::QNetworkCookieJar;
    QList<QNetworkCookie> cookiesForUrl(const QUrl&) const override { return {}; }
    bool setCookiesFromUrl(const QList<QNetworkCookie>&, const QUrl&) override { return false; }
};

constexpr int kTransferTimeoutMs = 30 * 1000;
constexpr int kMaxRedirects = 5;

} // namespace

RemoteImageLoader::RemoteImageLoader(QObject* parent) : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    m_network->setCookieJar(new NoCookieJar(m_network));
    m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy); // never https -> http
}

RemoteImageLoader::~RemoteImageLoader()
{
    reset();
}

void RemoteImageLoader::request(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    if ((scheme != QLatin1String("http") && scheme != QLatin1String("https")) || m_requested.contains(url)
        || m_requested.size() >= kMaxImagesPerMessage)
        return;
    m_requested.insert(url);
    QNetworkRequest request(url);
    request.setMaximumRedirectsAllowed(kMaxRedirects);
    request.setTransferTimeout(kTransferTimeoutMs);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    QNetworkReply* reply = m_network->get(request);
    m_replies.insert(reply);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64 total) {
        if (received > kMaxImageBytes || total > kMaxImageBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, url] { finished(reply, url); });
}

void RemoteImageLoader::reset()
{
    ++m_generation;
    m_requested.clear();
    const QSet<QNetworkReply*> replies = std::exchange(m_replies, {});
    for (QNetworkReply* reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void RemoteImageLoader::finished(QNetworkReply* reply, const QUrl& url)
{
    m_replies.remove(reply);
    reply->deleteLater();
    QByteArray bytes;
    if (reply->error() == QNetworkReply::NoError)
        bytes = reply->read(kMaxImageBytes + 1);
    if (bytes.isEmpty() || bytes.size() > kMaxImageBytes) {
        emit imageLoaded(url, QImage());
        return;
    }
    // Decoding a large JPEG takes long enough to be felt: a worker does it.
    auto* watcher = new QFutureWatcher<QImage>(this);
    const quint64 generation = m_generation;
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, url, generation] {
        watcher->deleteLater();
        if (generation == m_generation)
            emit imageLoaded(url, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(decodeBoundedImage, bytes));
}

} // namespace cachet::ui
