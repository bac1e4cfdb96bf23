#include "actions/MessageActions.h"

#include "engine/Session.h"

#include "store/LocalChanges.h"
#include "store/Mailboxes.h"

#include <map>

namespace cachet::ui {

namespace {

std::map<std::int64_t, std::vector<std::uint32_t>> byMailbox(const MessageKeys& keys)
{
    std::map<std::int64_t, std::vector<std::uint32_t>> out;
    for (const MessageKey& k : keys)
        out[k.mailboxId].push_back(k.uid);
    return out;
}

struct MoveOutcome {
    int moved = 0;
    int removed = 0;
    QString target;
};

} // namespace

MessageActions::MessageActions(Session& session, QObject* parent) : QObject(parent), m_session(session) {}

void MessageActions::setFlags(const MessageKeys& keys, std::uint32_t add, std::uint32_t remove)
{
    if (keys.empty())
        return;
    m_session.writer().run<int>(
        this,
        [groups = byMailbox(keys), add, remove](store::Database& db) {
            int changed = 0;
            for (const auto& [mailbox, uids] : groups)
                changed += store::LocalChanges(db).setFlags(mailbox, uids, add, remove);
            return changed;
        },
        [this](int changed) {
            if (changed > 0) {
                m_session.noteLocalChange();
                emit committed();
            }
        },
        [this](const QString& error) { emit failed(tr("The change could not be saved: %1").arg(error)); });
}

void MessageActions::move(const MessageKeys& keys, std::int64_t targetMailboxId)
{
    if (keys.empty())
        return;
    m_session.writer().run<MoveOutcome>(
        this,
        [groups = byMailbox(keys), targetMailboxId](store::Database& db) {
            MoveOutcome out;
            for (const auto& [mailbox, uids] : groups)
                out.moved += store::LocalChanges(db).move(mailbox, uids, targetMailboxId);
            if (auto target = store::Mailboxes(db).byId(targetMailboxId))
                out.target = QString::fromStdString(target->name);
            return out;
        },
        [this](MoveOutcome out) {
            if (out.moved == 0)
                return;
            m_session.noteLocalChange();
            emit committed();
            emit done(tr("%n message(s) moved to %1", nullptr, out.moved).arg(out.target));
        },
        [this](const QString& error) { emit failed(tr("The messages could not be moved: %1").arg(error)); });
}

void MessageActions::deleteMessages(const MessageKeys& keys)
{
    moveToSpecial(keys, "\\Trash", "Trash", true);
}

void MessageActions::archive(const MessageKeys& keys)
{
    moveToSpecial(keys, "\\Archive", "Archive", false);
}

void MessageActions::markJunk(const MessageKeys& keys)
{
    moveToSpecial(keys, "\\Junk", "Junk", false);
}

void MessageActions::moveToSpecial(const MessageKeys& keys, const char* specialUse, const char* fallbackName,
                                   bool expungeThere)
{
    if (keys.empty())
        return;
    m_session.writer().run<MoveOutcome>(
        this,
        [groups = byMailbox(keys), use = std::string(specialUse), fallback = std::string(fallbackName),
         expungeThere](store::Database& db) {
            store::LocalChanges changes(db);
            const store::Mailbox target = changes.specialMailbox(use, fallback);
            MoveOutcome out;
            out.target = QString::fromStdString(target.name);
            for (const auto& [mailbox, uids] : groups) {
                if (mailbox == target.id) {
                    if (expungeThere)
                        out.removed += changes.expunge(mailbox, uids);
                    continue;
                }
                out.moved += changes.move(mailbox, uids, target.id);
            }
            return out;
        },
        [this](MoveOutcome out) {
            if (out.moved == 0 && out.removed == 0)
                return;
            m_session.noteLocalChange();
            emit committed();
            if (out.removed > 0)
                emit done(tr("%n message(s) deleted", nullptr, out.removed));
            else
                emit done(tr("%n message(s) moved to %1", nullptr, out.moved).arg(out.target));
        },
        [this](const QString& error) { emit failed(tr("The messages could not be moved: %1").arg(error)); });
}

} // namespace cachet::ui
