#pragma once
// Messages dragged from the message list onto a folder: the drag's payload.

#include "messages/MessageKey.h"

#include <QString>

class QMimeData;

namespace cachet::ui {

QString messageDragMimeType();
QMimeData* messageDragData(const MessageKeys& keys);
// The keys carried, empty if `data` is not a message drag (or is damaged).
MessageKeys messageDragKeys(const QMimeData* data);

} // namespace cachet::ui
