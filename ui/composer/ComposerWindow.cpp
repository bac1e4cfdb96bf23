#include "composer/ComposerWindow.h"

#include "composer/KnownAddresses.h"
#include "composer/RecipientEdit.h"
#include "engine/Session.h"
#include "settings/AppSettings.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QMimeDatabase>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace cachet::ui {

namespace {

// Attachments are read into memory to be encoded; beyond this a mail provider refuses them anyway.
constexpr qint64 kMaxAttachmentBytes = 100LL * 1024 * 1024;
constexpr int kAutosaveMs = 60 * 1000;

QString escaped(const std::string& s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

} // namespace

ComposerWindow::ComposerWindow(Session& session, ComposeRequest request, QWidget* parent)
    : QMainWindow(parent), m_session(session), m_request(std::move(request))
{
    setObjectName(QStringLiteral("composerWindow"));
    setWindowFlag(Qt::Window); // a top-level window even with the main window as its parent
    setAttribute(Qt::WA_DeleteOnClose);
    setAcceptDrops(true);
    m_draft = m_request.draft;
    m_fromAddress = mime::bareAddress(m_request.message.from);

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    auto* form = new QFormLayout;
    m_from = new QLabel(QString::fromStdString(m_request.message.from));
    m_from->setObjectName(QStringLiteral("fromLabel"));
    m_to = new RecipientEdit;
    m_to->setObjectName(QStringLiteral("toEdit"));
    m_cc = new RecipientEdit;
    m_cc->setObjectName(QStringLiteral("ccEdit"));
    m_bcc = new RecipientEdit;
    m_bcc->setObjectName(QStringLiteral("bccEdit"));
    m_subject = new QLineEdit;
    m_subject->setObjectName(QStringLiteral("subjectEdit"));
    form->addRow(tr("From:"), m_from);
    form->addRow(tr("&To:"), m_to);
    form->addRow(tr("&Cc:"), m_cc);
    form->addRow(tr("&Bcc:"), m_bcc);
    form->addRow(tr("&Subject:"), m_subject);
    layout->addLayout(form);

    auto* security = new QHBoxLayout;
    m_encrypt = new QCheckBox(tr("&Encrypt"));
    m_encrypt->setObjectName(QStringLiteral("encryptToggle"));
    m_keyState = new QLabel;
    m_keyState->setObjectName(QStringLiteral("recipientKeysLabel"));
    m_keyState->setWordWrap(true);
    m_keyState->setTextFormat(Qt::RichText);
    security->addWidget(m_encrypt);
    security->addWidget(m_keyState, 1);
    layout->addLayout(security);

    m_body = new QPlainTextEdit;
    m_body->setObjectName(QStringLiteral("bodyEdit"));
    m_body->installEventFilter(this); // files dropped on the text are attached, not pasted as names
    m_body->viewport()->installEventFilter(this);
    layout->addWidget(m_body, 1);

    m_attachmentList = new QListWidget;
    m_attachmentList->setObjectName(QStringLiteral("attachmentList"));
    m_attachmentList->setMaximumHeight(90);
    m_attachmentList->hide();
    layout->addWidget(m_attachmentList);
    setCentralWidget(central);

    QToolBar* bar = addToolBar(tr("Compose"));
    m_sendAction = bar->addAction(QIcon::fromTheme(QStringLiteral("mail-send")), tr("&Send"), this, &ComposerWindow::send);
    m_sendAction->setObjectName(QStringLiteral("sendAction"));
    m_sendAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    QAction* save = bar->addAction(QIcon::fromTheme(QStringLiteral("document-save")), tr("Save &Draft"), this,
                                   [this] { saveDraft(false); });
    save->setObjectName(QStringLiteral("saveDraftAction"));
    save->setShortcut(QKeySequence::Save);
    QAction* attachAction = bar->addAction(QIcon::fromTheme(QStringLiteral("mail-attachment")), tr("&Attach…"), this,
                                           &ComposerWindow::attach);
    attachAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    auto* removeAction = new QAction(tr("Remove Attachment"), m_attachmentList);
    removeAction->setShortcut(QKeySequence::Delete);
    removeAction->setShortcutContext(Qt::WidgetShortcut);
    connect(removeAction, &QAction::triggered, this, &ComposerWindow::removeAttachment);
    m_attachmentList->addAction(removeAction);
    m_attachmentList->setContextMenuPolicy(Qt::ActionsContextMenu);

    fill(m_request);

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(300);
    connect(&m_previewTimer, &QTimer::timeout, this, &ComposerWindow::refreshPreview);
    for (RecipientEdit* edit : {m_to, m_cc, m_bcc}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            markModified();
            m_previewTimer.start();
        });
    }
    connect(m_subject, &QLineEdit::textChanged, this, [this](const QString& text) {
        setWindowTitle(text.isEmpty() ? tr("Write: (no subject)") : tr("Write: %1").arg(text));
        markModified();
    });
    connect(m_body, &QPlainTextEdit::textChanged, this, &ComposerWindow::markModified);
    connect(m_encrypt, &QCheckBox::clicked, this, [this] {
        m_encryptTouched = true;
        markModified();
    });
    m_autosave.setInterval(kAutosaveMs);
    connect(&m_autosave, &QTimer::timeout, this, [this] {
        if (m_modified && !m_busy)
            saveDraft(true);
    });
    m_autosave.start();

    // Completion from the addresses already in the store.
    m_session.reader().run<QStringList>(this, [](store::Database& db) { return knownAddresses(db); },
                                        [this](QStringList addresses) {
                                            for (RecipientEdit* edit : {m_to, m_cc, m_bcc})
                                                edit->setKnownAddresses(addresses);
                                        });
    setWindowTitle(m_subject->text().isEmpty() ? tr("Write: (no subject)") : tr("Write: %1").arg(m_subject->text()));
    m_modified = false;
    refreshPreview();
    resize(760, 620);
    if (m_to->text().isEmpty())
        m_to->setFocus();
    else
        m_body->setFocus();
}

void ComposerWindow::fill(const ComposeRequest& request)
{
    const mime::ComposedMessage& m = request.message;
    m_to->setText(QString::fromStdString(displayList(m.to)));
    m_cc->setText(QString::fromStdString(displayList(m.cc)));
    m_bcc->setText(QString::fromStdString(displayList(m.bcc)));
    m_subject->setText(QString::fromStdString(m.subject));
    m_body->setPlainText(QString::fromStdString(m.body));
    m_body->moveCursor(QTextCursor::Start);
    for (const mime::ComposedAttachment& a : m.attachments) {
        m_attachments.push_back(a);
        m_attachmentList->addItem(tr("%1 (%2)").arg(QString::fromStdString(a.fileName),
                                                    QLocale().formattedDataSize(qint64(a.bytes.size()))));
    }
    if (!m.attachedMessages.empty())
        m_attachmentList->addItem(tr("Forwarded message"));
    m_attachmentList->setVisible(m_attachmentList->count() > 0);
}

void ComposerWindow::markModified()
{
    m_modified = true;
}

std::vector<std::string> ComposerWindow::recipientAddresses() const
{
    std::vector<std::string> out;
    for (RecipientEdit* edit : {m_to, m_cc, m_bcc})
        for (const std::string& m : splitRecipients(edit->text().toStdString()))
            out.push_back(mime::bareAddress(m));
    return out;
}

void ComposerWindow::refreshPreview()
{
    const quint64 generation = ++m_previewGeneration;
    // gpg lists the keys it can encrypt to: on the reader worker, never here.
    m_session.reader().run<EncryptionPreview>(
        this,
        [home = m_session.gnupgHome(), from = m_fromAddress, recipients = recipientAddresses(),
         inReplyTo = std::vector<std::string>(m_request.message.inReplyTo.empty()
                                                  ? std::vector<std::string>{}
                                                  : std::vector<std::string>{m_request.message.inReplyTo})](
            store::Database& db) {
            EncryptionPreview preview = previewEncryption(db, home, from, recipients, inReplyTo);
            preview.encryptByDefault = AppSettings::load(db).encryptByDefault;
            return preview;
        },
        [this, generation](EncryptionPreview preview) {
            if (generation == m_previewGeneration)
                showPreview(preview);
        });
}

void ComposerWindow::showPreview(const EncryptionPreview& preview)
{
    m_preview = preview;
    if (!m_encryptTouched) {
        // Autocrypt's recommendation, and the user's "encrypt when possible" setting for the rest.
        const QSignalBlocker block(m_encrypt);
        m_encrypt->setChecked(preview.recommended || (preview.canEncrypt && preview.encryptByDefault));
    }
    QStringList parts;
    if (!preview.ownKey) {
        parts << tr("This profile has no OpenPGP key: mail goes out unsigned and unencrypted.");
    } else {
        QStringList keyless;
        for (const RecipientKeyState& r : preview.recipients)
            parts << (r.hasKey ? tr("<span style='color:#1a7f37'>✓ %1 (key)</span>").arg(escaped(r.address))
                               : tr("<span style='color:#b00020'>✗ %1 (no key)</span>").arg(escaped(r.address)));
        for (const RecipientKeyState& r : preview.recipients)
            if (!r.hasKey)
                keyless << escaped(r.address);
        if (!keyless.isEmpty())
            parts << tr("Cannot encrypt: no key for %1.").arg(keyless.join(QStringLiteral(", ")));
    }
    m_keyState->setText(parts.join(QStringLiteral("&nbsp;&nbsp;")));
    m_encrypt->setToolTip(preview.canEncrypt ? tr("Every recipient has a key: the message can be encrypted.")
                                             : tr("Encryption needs a key for every recipient."));
    emit encryptionPreviewUpdated();
}

bool ComposerWindow::encryptChecked() const
{
    return m_encrypt->isChecked();
}

mime::ComposedMessage ComposerWindow::currentMessage(QStringList* problems) const
{
    mime::ComposedMessage m = m_request.message;
    std::vector<std::string> invalid;
    m.to = splitRecipients(m_to->text().toStdString(), &invalid);
    m.cc = splitRecipients(m_cc->text().toStdString(), &invalid);
    m.bcc = splitRecipients(m_bcc->text().toStdString(), &invalid);
    m.subject = m_subject->text().toStdString();
    m.body = m_body->toPlainText().toStdString();
    m.attachments = m_attachments;
    m.encrypt = m_encrypt->isChecked() ? "require" : "never";
    m.date = 0;
    m.messageId.clear();
    if (problems) {
        for (const std::string& bad : invalid)
            *problems << tr("\"%1\" is not an email address.").arg(QString::fromStdString(bad));
        if (m.to.empty() && m.cc.empty() && m.bcc.empty())
            *problems << tr("Add at least one recipient.");
    }
    return m;
}

void ComposerWindow::send()
{
    if (m_busy)
        return;
    QStringList problems;
    const mime::ComposedMessage message = currentMessage(&problems);
    if (!problems.isEmpty()) {
        QMessageBox::warning(this, tr("Send"), problems.join('\n'));
        return;
    }
    if (message.subject.empty()
        && QMessageBox::question(this, tr("Send"), tr("Send this message without a subject?")) != QMessageBox::Yes)
        return;
    std::vector<std::string> recipients = recipientAddresses();
    m_busy = true;
    m_sendAction->setEnabled(false);
    statusBar()->showMessage(m_encrypt->isChecked() ? tr("Signing and encrypting…") : tr("Signing…"));
    // gpg signs and encrypts on the writer worker; the window stays responsive meanwhile.
    m_session.writer().run<SendOutcome>(
        this,
        [home = m_session.gnupgHome(), raw = mime::buildMessage(message, true), from = m_fromAddress,
         recipients = std::move(recipients), draft = m_draft](store::Database& db) {
            return sendMessage(db, home, raw, from, recipients, draft);
        },
        [this](SendOutcome outcome) {
            m_busy = false;
            m_sendAction->setEnabled(true);
            statusBar()->clearMessage();
            if (!outcome.queued) {
                QMessageBox::warning(this, tr("Send"), outcome.refusal);
                return;
            }
            m_session.noteLocalChange(); // the sync relays it now
            m_modified = false;
            emit sent(outcome.note);
            close();
        },
        [this](const QString& error) {
            m_busy = false;
            m_sendAction->setEnabled(true);
            statusBar()->clearMessage();
            QMessageBox::warning(this, tr("Send"), tr("The message could not be queued: %1").arg(error));
        });
}

void ComposerWindow::saveDraft(bool quiet)
{
    if (m_busy)
        return;
    m_busy = true;
    const mime::ComposedMessage message = currentMessage(nullptr);
    m_session.writer().run<MessageKey>(
        this,
        [raw = mime::buildMessage(message, true), draft = m_draft](store::Database& db) {
            return ui::saveDraft(db, raw, draft);
        },
        [this, quiet](MessageKey key) {
            m_busy = false;
            m_draft = key;
            m_modified = false;
            m_session.noteLocalChange(); // Drafts at the provider follows
            statusBar()->showMessage(quiet ? tr("Draft saved automatically") : tr("Draft saved"), 4000);
            emit draftSaved(key);
        },
        [this](const QString& error) {
            m_busy = false;
            QMessageBox::warning(this, tr("Save Draft"), tr("The draft could not be saved: %1").arg(error));
        });
}

void ComposerWindow::addAttachmentFile(const QString& path)
{
    QFile file(path);
    const QFileInfo info(path);
    if (info.size() > kMaxAttachmentBytes) {
        QMessageBox::warning(this, tr("Attach"), tr("%1 is larger than %2.")
                                                     .arg(info.fileName(), QLocale().formattedDataSize(kMaxAttachmentBytes)));
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Attach"), tr("%1 cannot be read: %2").arg(info.fileName(), file.errorString()));
        return;
    }
    const QByteArray bytes = file.readAll();
    const QString type = QMimeDatabase().mimeTypeForFileNameAndData(path, bytes.left(4096)).name();
    m_attachments.push_back({info.fileName().toStdString(), type.toStdString(), bytes.toStdString()});
    // Files come before a forwarded message's row, so rows and m_attachments stay aligned.
    m_attachmentList->insertItem(static_cast<int>(m_attachments.size()) - 1,
                                 tr("%1 (%2)").arg(info.fileName(), QLocale().formattedDataSize(bytes.size())));
    m_attachmentList->show();
    markModified();
}

void ComposerWindow::attach()
{
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Attach Files"));
    for (const QString& path : paths)
        addAttachmentFile(path);
}

void ComposerWindow::removeAttachment()
{
    const int row = m_attachmentList->currentRow();
    if (row < 0 || row >= static_cast<int>(m_attachments.size()))
        return;
    m_attachments.erase(m_attachments.begin() + row);
    delete m_attachmentList->takeItem(row);
    m_attachmentList->setVisible(m_attachmentList->count() > 0);
    markModified();
}

void ComposerWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void ComposerWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            addAttachmentFile(url.toLocalFile());
    event->acceptProposedAction();
}

bool ComposerWindow::eventFilter(QObject* watched, QEvent* event)
{
    // Files dropped on the body are attachments, as in Thunderbird.
    if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
        auto* drag = static_cast<QDragMoveEvent*>(event);
        if (drag->mimeData()->hasUrls()) {
            drag->acceptProposedAction();
            return true;
        }
    } else if (event->type() == QEvent::Drop) {
        auto* drop = static_cast<QDropEvent*>(event);
        if (drop->mimeData()->hasUrls()) {
            dropEvent(drop);
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void ComposerWindow::closeEvent(QCloseEvent* event)
{
    if (m_busy) {
        // A send or save under way finishes first; its result needs this window.
        event->ignore();
        return;
    }
    if (!m_modified) {
        event->accept();
        return;
    }
    const auto answer = QMessageBox::question(this, tr("Close"), tr("Save this message as a draft?"),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                              QMessageBox::Save);
    if (answer == QMessageBox::Cancel) {
        event->ignore();
        return;
    }
    if (answer == QMessageBox::Save) {
        event->ignore();
        connect(this, &ComposerWindow::draftSaved, this, [this] { close(); }, Qt::SingleShotConnection);
        saveDraft(false);
        return;
    }
    event->accept();
}

} // namespace cachet::ui
