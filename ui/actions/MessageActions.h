#pragma once
// What the window's message actions do: read/unread, flag, move, delete,
// archive, junk. Each is one store::LocalChanges call on the writer worker (so
// it is journaled for the provider in the same transaction), then the sync is
// woken. The views follow through Session::storeChanged.
//
// Delete moves to Trash (made if the account has none), and removes for good
// only what is already in Trash, as Thunderbird does. Archive and Junk move to
// the folders marked \Archive and \Junk (RFC 6154), made as "Archive" and
// "Junk" if missing.

#include "messages/MessageKey.h"

#include <QObject>
#include <QString>

#include <cstdint>

namespace cachet::ui {

class Session;

class MessageActions : public QObject {
    Q_OBJECT
public:
    explicit MessageActions(Session& session, QObject* parent = nullptr);

    void setFlags(const MessageKeys& keys, std::uint32_t add, std::uint32_t remove);
    void move(const MessageKeys& keys, std::int64_t targetMailboxId);
    void deleteMessages(const MessageKeys& keys);
    void archive(const MessageKeys& keys);
    void markJunk(const MessageKeys& keys);

signals:
    // One short sentence for the status bar ("3 messages moved to Archive").
    void done(const QString& summary);
    void failed(const QString& error);
    // A change is in the store: the views read it now rather than at the next poll.
    void committed();

private:
    void moveToSpecial(const MessageKeys& keys, const char* specialUse, const char* fallbackName, bool expungeThere);

    Session& m_session;
};

} // namespace cachet::ui
