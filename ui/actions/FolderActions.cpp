#include "actions/FolderActions.h"

#include "engine/Session.h"

#include "store/LocalChanges.h"
#include "store/Mailboxes.h"

namespace cachet::ui {

FolderActions::FolderActions(Session& session, QObject* parent) : QObject(parent), m_session(session) {}

void FolderActions::create(const QString& parentName, const QString& name)
{
    const QString fullName = parentName.isEmpty() ? name : parentName + QLatin1Char(store::Mailboxes::kDelimiter) + name;
    m_session.writer().run<qint64>(
        this, [full = fullName.toStdString()](store::Database& db) { return store::LocalChanges(db).createMailbox(full).id; },
        [this, fullName](qint64 id) {
            m_session.noteLocalChange();
            emit created(id);
            emit done(tr("Folder %1 created").arg(fullName));
        },
        [this](const QString& error) { emit failed(tr("The folder could not be created: %1").arg(error)); });
}

void FolderActions::rename(std::int64_t mailboxId, const QString& newFullName)
{
    m_session.writer().run(
        this, [mailboxId, to = newFullName.toStdString()](store::Database& db) {
            store::LocalChanges(db).renameMailbox(mailboxId, to);
        },
        [this, newFullName] {
            m_session.noteLocalChange();
            emit done(tr("Folder renamed to %1").arg(newFullName));
        },
        [this](const QString& error) { emit failed(tr("The folder could not be renamed: %1").arg(error)); });
}

void FolderActions::remove(std::int64_t mailboxId)
{
    m_session.writer().run(
        this, [mailboxId](store::Database& db) { store::LocalChanges(db).deleteMailbox(mailboxId); },
        [this] {
            m_session.noteLocalChange();
            emit done(tr("Folder deleted"));
        },
        [this](const QString& error) { emit failed(tr("The folder could not be deleted: %1").arg(error)); });
}

} // namespace cachet::ui
