#include "messages/MessageDrag.h"

#include <QDataStream>
#include <QIODevice>
#include <QMimeData>

namespace cachet::ui {

QString messageDragMimeType()
{
    return QStringLiteral("application/x-cachet-messages");
}

QMimeData* messageDragData(const MessageKeys& keys)
{
    QByteArray payload;
    QDataStream out(&payload, QIODevice::WriteOnly);
    for (const MessageKey& key : keys)
        out << qint64(key.mailboxId) << quint32(key.uid);
    auto* mime = new QMimeData;
    mime->setData(messageDragMimeType(), payload);
    return mime;
}

MessageKeys messageDragKeys(const QMimeData* data)
{
    MessageKeys keys;
    if (!data || !data->hasFormat(messageDragMimeType()))
        return keys;
    const QByteArray payload = data->data(messageDragMimeType());
    QDataStream in(payload);
    while (!in.atEnd()) {
        qint64 mailbox = 0;
        quint32 uid = 0;
        in >> mailbox >> uid;
        if (in.status() != QDataStream::Ok)
            return {};
        keys.push_back({mailbox, uid});
    }
    return keys;
}

} // namespace cachet::ui
