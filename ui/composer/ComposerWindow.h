#pragma once
// The composer: From (the account), To/Cc/Bcc with completion, Subject, a
// plain-text body, attachments (by dialog or dropped on the window), and the
// encryption toggle with each recipient's key state, kept up to date as
// recipients are typed. Send queues the message through the bridge's own
// pipeline (OutgoingMail); Save puts a draft in Drafts, also every minute
// while there are unsaved changes. All store and gpg work is on the session's
// workers.

#include "composer/ComposeRequest.h"
#include "composer/OutgoingMail.h"

#include <QMainWindow>
#include <QTimer>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace cachet::ui {

class RecipientEdit;
class Session;

class ComposerWindow : public QMainWindow {
    Q_OBJECT
public:
    ComposerWindow(Session& session, ComposeRequest request, QWidget* parent = nullptr);

    void addAttachmentFile(const QString& path);
    // For tests: what the encryption toggle says and whether Send is possible now.
    bool encryptChecked() const;
    const EncryptionPreview& encryptionPreview() const { return m_preview; }

signals:
    void sent(const QString& note);
    void draftSaved(const cachet::ui::MessageKey& key);
    // The preview for the recipients typed arrived.
    void encryptionPreviewUpdated();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fill(const ComposeRequest& request);
    mime::ComposedMessage currentMessage(QStringList* problems) const;
    void refreshPreview();
    void showPreview(const EncryptionPreview& preview);
    void send();
    void saveDraft(bool quiet);
    void attach();
    void removeAttachment();
    void markModified();
    std::vector<std::string> recipientAddresses() const;

    Session& m_session;
    ComposeRequest m_request;
    std::optional<MessageKey> m_draft;
    std::string m_fromAddress;
    std::vector<mime::ComposedAttachment> m_attachments;
    bool m_modified = false;
    bool m_busy = false;
    bool m_encryptTouched = false; // the user chose: the preview no longer sets the toggle
    EncryptionPreview m_preview;
    quint64 m_previewGeneration = 0;

    QLabel* m_from = nullptr;
    RecipientEdit* m_to = nullptr;
    RecipientEdit* m_cc = nullptr;
    RecipientEdit* m_bcc = nullptr;
    QLineEdit* m_subject = nullptr;
    QPlainTextEdit* m_body = nullptr;
    QListWidget* m_attachmentList = nullptr;
    QCheckBox* m_encrypt = nullptr;
    QLabel* m_keyState = nullptr;
    QAction* m_sendAction = nullptr;
    QTimer m_previewTimer;
    QTimer m_autosave;
};

} // namespace cachet::ui
