#include "reader/BoundedImage.h"

#include <QBuffer>
#include <QImageReader>

namespace cachet::ui {

QImage decodeBoundedImage(const QByteArray& bytes)
{
    QByteArray copy = bytes; // QBuffer wants a non-const array; shares the data
    QBuffer buffer(&copy);
    if (!buffer.open(QIODevice::ReadOnly))
        return {};
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid()) {
        if (static_cast<qint64>(size.width()) * size.height() > kMaxImagePixels)
            return {};
        if (size.width() > kMaxImageSide || size.height() > kMaxImageSide)
            reader.setScaledSize(size.scaled(kMaxImageSide, kMaxImageSide, Qt::KeepAspectRatio));
    }
    return reader.read();
}

} // namespace cachet::ui
