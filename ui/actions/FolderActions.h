#pragma once
// Creating, renaming and deleting folders from the folder tree: each one a
// store::LocalChanges call on the writer worker (journaled for the provider),
// then the sync is woken. Refusals (INBOX, a taken name) come back as failed
// with the reason.

#include <QObject>
#include <QString>

#include <cstdint>

namespace cachet::ui {

class Session;

class FolderActions : public QObject {
    Q_OBJECT
public:
    explicit FolderActions(Session& session, QObject* parent = nullptr);

    // `parentName` empty: at the top level.
    void create(const QString& parentName, const QString& name);
    void rename(std::int64_t mailboxId, const QString& newFullName);
    void remove(std::int64_t mailboxId);

signals:
    void created(std::int64_t mailboxId);
    void done(const QString& summary);
    void failed(const QString& error);

private:
    Session& m_session;
};

} // namespace cachet::ui
