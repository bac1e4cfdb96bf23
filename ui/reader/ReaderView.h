#pragma once
// One message, as the reader pane shows it: who, when and what about (or
// every header field), what OpenPGP said about it, the body with remote
// content blocked until the user allows it, and the attachments.
//
// Rendering is the caller's to do on a worker thread (renderMessage) for big
// messages; showRendered only puts the result on screen. Re-rendering after
// "Show images" runs on a worker too.

#include "reader/MessageRendering.h"
#include "reader/ReaderSecurity.h"

#include <QWidget>

#include <memory>
#include <string>

class QFrame;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QToolButton;
class QUrl;

namespace cachet::ui {

class AttachmentList;
class ReaderBrowser;
class SecurityBanner;

class ReaderView : public QWidget {
    Q_OBJECT
public:
    explicit ReaderView(QWidget* parent = nullptr);
    ~ReaderView() override;

    // Renders on the calling thread: fine for ordinary mail; use showRendered for big messages.
    void showMessage(const std::string& raw, const ReaderSecurity& security);
    // `rendered` made by renderMessage(raw, ...) on any thread.
    void showRendered(RenderedMessage rendered, std::string raw, const ReaderSecurity& security);
    void clear();

    void setSecurity(const ReaderSecurity& security);

    // Whether the sender of the message shown (and of those shown next, until
    // changed) may load remote content: the caller keeps that preference per
    // sender and sets it before showing each message. True re-renders what
    // is shown with remote images if it had any blocked.
    void setRemoteContentAllowed(bool allowed);

    const RenderedMessage& rendered() const { return m_rendered; }

    // Writes attachment `index`'s decoded bytes to `path` (what "Save…" does
    // after its dialog); false with `error` set on failure.
    bool saveAttachment(int index, const QString& path, QString* error = nullptr);
    // Writes attachment `index` into the private folder and opens it with the
    // desktop's program (what "Open" does); the file's path, or empty.
    QString openAttachment(int index, QString* error = nullptr);
    // Removes every attachment opened so far (also done at application exit).
    static void removeOpenedAttachments();

signals:
    // The user allowed remote content for this message, and with
    // `forSender` for every message from its sender (the caller stores that).
    void remoteContentAllowed(bool forSender);

private:
    void buildHeaderArea();
    void buildRemoteContentBar();
    void showHeaders();
    void showBody(bool keepScrollPosition);
    void updateRemoteContentBar();
    void allowRemoteContent(bool forSender);
    void rerenderWithRemoteContent();
    void openLink(const QUrl& url);
    void saveAttachmentWithDialog(int index);
    void openAttachmentReporting(int index);

    SecurityBanner* m_banner = nullptr;
    QWidget* m_headerSummary = nullptr;
    QLabel* m_from = nullptr;
    QLabel* m_to = nullptr;
    QLabel* m_ccCaption = nullptr;
    QLabel* m_cc = nullptr;
    QLabel* m_date = nullptr;
    QLabel* m_subject = nullptr;
    QToolButton* m_allHeadersToggle = nullptr;
    QPlainTextEdit* m_allHeaders = nullptr;
    QFrame* m_remoteBar = nullptr;
    QPushButton* m_showRemote = nullptr;
    QPushButton* m_alwaysRemote = nullptr;
    ReaderBrowser* m_body = nullptr;
    AttachmentList* m_attachments = nullptr;

    std::shared_ptr<const std::string> m_raw;
    RenderedMessage m_rendered;
    ReaderSecurity m_security;
    bool m_senderAllowed = false;  // setRemoteContentAllowed
    bool m_messageAllowed = false; // "Show images for this message" on the message shown
    quint64 m_generation = 0;      // which message is shown: late re-renders of another are dropped
};

} // namespace cachet::ui
