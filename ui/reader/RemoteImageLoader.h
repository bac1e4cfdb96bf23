#pragma once
// Fetches the remote images of one message once the user allowed them:
// asynchronously (the GUI thread never waits on the network), http and https
// only, without cookies (no tracking from one message to the next), a size
// cap per image and a cap on how many, decoded on a worker thread.

#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace cachet::ui {

class RemoteImageLoader : public QObject {
    Q_OBJECT
public:
    // Bigger downloads are aborted: no mail image needs more.
    static constexpr qint64 kMaxImageBytes = 10 * 1024 * 1024;
    // A message asking for more images than this gets the first ones only.
    static constexpr int kMaxImagesPerMessage = 200;

    explicit RemoteImageLoader(QObject* parent = nullptr);
    ~RemoteImageLoader() override;

    // Starts fetching `url` unless it was asked for already since the last reset().
    void request(const QUrl& url);
    // Forgets every request and drops the answers still on their way (another message is shown).
    void reset();

signals:
    // A null image when the download or the decoding failed.
    void imageLoaded(const QUrl& url, const QImage& image);

private:
    void finished(QNetworkReply* reply, const QUrl& url);

    QNetworkAccessManager* m_network = nullptr;
    QSet<QUrl> m_requested;
    QSet<QNetworkReply*> m_replies;
    quint64 m_generation = 0;
};

} // namespace cachet::ui
