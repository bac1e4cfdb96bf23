#include "composer/ComposerLauncher.h"

#include "composer/ComposerWindow.h"
#include "engine/Session.h"

#include "store/Accounts.h"
#include "store/Entries.h"
#include "store/MessageOpenPgp.h"
#include "store/Messages.h"
#include "store/OwnKeys.h"
#include "store/StoreError.h"
#include "text/AsciiText.h"

#include <QWidget>

namespace cachet::ui {

ComposerLauncher::ComposerLauncher(Session& session, QObject* parent) : QObject(parent), m_session(session) {}

void ComposerLauncher::open(ComposeKind kind, std::optional<MessageKey> original)
{
    if (kind != ComposeKind::New && !original)
        return;
    m_session.reader().run<ComposeRequest>(
        this,
        [kind, original](store::Database& db) {
            OwnIdentity own;
            if (auto account = store::Accounts(db).only()) {
                own.address = text::asciiLower(account->address);
                own.name = account->displayName;
            } else {
                throw store::StoreError("add an account before writing mail");
            }
            std::string raw;
            if (original) {
                const auto entry = store::Entries(db).byUid(original->mailboxId, original->uid);
                if (!entry)
                    throw store::StoreError("the message is no longer there");
                raw = store::Messages(db).readRaw(store::MessageOpenPgp(db).servedId(entry->messageId));
            }
            ComposeRequest request = composeRequest(kind, own, raw);
            if (kind == ComposeKind::Draft)
                request.draft = original;
            return request;
        },
        [this](ComposeRequest request) {
            // A window of its own, owned by the main window: it goes when the app does.
            auto* composer = new ComposerWindow(m_session, std::move(request), qobject_cast<QWidget*>(parent()));
            connect(composer, &ComposerWindow::sent, this, &ComposerLauncher::sent);
            composer->show();
            emit opened(composer);
        },
        [this](const QString& error) { emit failed(error); });
}

} // namespace cachet::ui
