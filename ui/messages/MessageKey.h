#pragma once
// One message as the window names it: an entry (mailbox, UID). A search's
// virtual folder lists entries of many mailboxes, so a UID alone is not enough.

#include <QMetaType>

#include <cstdint>
#include <vector>

namespace cachet::ui {

struct MessageKey {
    std::int64_t mailboxId = 0;
    std::uint32_t uid = 0;

    friend bool operator==(const MessageKey&, const MessageKey&) = default;
    friend bool operator<(const MessageKey& a, const MessageKey& b)
    {
        return a.mailboxId != b.mailboxId ? a.mailboxId < b.mailboxId : a.uid < b.uid;
    }
};

using MessageKeys = std::vector<MessageKey>;

} // namespace cachet::ui

Q_DECLARE_METATYPE(cachet::ui::MessageKey)
