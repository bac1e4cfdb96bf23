#pragma once
// Opens a composer for a new message, a reply, a forward or a draft: the
// original (the decrypted document where there is one) and the account's
// identity are read, and the request built, on the reader worker; the window
// appears when they are ready.

#include "composer/ComposeRequest.h"

#include <QObject>

#include <functional>
#include <optional>

class QWidget;

namespace cachet::ui {

class ComposerWindow;
class Session;

class ComposerLauncher : public QObject {
    Q_OBJECT
public:
    explicit ComposerLauncher(Session& session, QObject* parent = nullptr);

    void open(ComposeKind kind, std::optional<MessageKey> original);

signals:
    void opened(cachet::ui::ComposerWindow* composer);
    void failed(const QString& error);
    void sent(const QString& note);

private:
    Session& m_session;
};

} // namespace cachet::ui
