#include "reader/ReaderView.h"

#include "reader/AttachmentList.h"
#include "reader/OpenedAttachments.h"
#include "reader/ReaderBrowser.h"
#include "reader/SecurityBanner.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFrame>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QStandardPaths>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace cachet::ui {

namespace {

// Message text goes into labels as plain text: a Subject of "<img src=...>"
// must not become markup.
QLabel* valueLabel(QWidget* parent, const char* objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QLabel* captionLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setAlignment(Qt::AlignRight | Qt::AlignTop);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    return label;
}

} // namespace

ReaderView::ReaderView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("readerView"));
    m_banner = new SecurityBanner(this);
    buildHeaderArea();
    buildRemoteContentBar();
    m_body = new ReaderBrowser(this);
    m_attachments = new AttachmentList(this);
    m_attachments->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_banner);
    auto* headerRow = new QHBoxLayout;
    headerRow->addWidget(m_headerSummary, 1);
    headerRow->addWidget(m_allHeaders, 1);
    headerRow->addWidget(m_allHeadersToggle, 0, Qt::AlignTop);
    layout->addLayout(headerRow);
    layout->addWidget(m_remoteBar);
    layout->addWidget(m_body, 1);
    layout->addWidget(m_attachments);

    connect(m_body, &QTextBrowser::anchorClicked, this, &ReaderView::openLink);
    connect(m_attachments, &AttachmentList::saveRequested, this, &ReaderView::saveAttachmentWithDialog);
    connect(m_attachments, &AttachmentList::openRequested, this, &ReaderView::openAttachmentReporting);
    clear();
}

ReaderView::~ReaderView() = default;

void ReaderView::buildHeaderArea()
{
    m_headerSummary = new QWidget(this);
    m_headerSummary->setObjectName(QStringLiteral("headerSummary"));
    m_from = valueLabel(m_headerSummary, "fromLabel");
    m_to = valueLabel(m_headerSummary, "toLabel");
    m_cc = valueLabel(m_headerSummary, "ccLabel");
    m_date = valueLabel(m_headerSummary, "dateLabel");
    m_subject = valueLabel(m_headerSummary, "subjectLabel");
    QFont subjectFont = m_subject->font();
    subjectFont.setBold(true);
    subjectFont.setPointSizeF(subjectFont.pointSizeF() * 1.15);
    m_subject->setFont(subjectFont);
    m_ccCaption = captionLabel(tr("Cc:"), m_headerSummary);

    auto* grid = new QGridLayout(m_headerSummary);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(2);
    grid->addWidget(m_subject, 0, 0, 1, 2);
    grid->addWidget(captionLabel(tr("From:"), m_headerSummary), 1, 0);
    grid->addWidget(m_from, 1, 1);
    grid->addWidget(captionLabel(tr("To:"), m_headerSummary), 2, 0);
    grid->addWidget(m_to, 2, 1);
    grid->addWidget(m_ccCaption, 3, 0);
    grid->addWidget(m_cc, 3, 1);
    grid->addWidget(captionLabel(tr("Date:"), m_headerSummary), 4, 0);
    grid->addWidget(m_date, 4, 1);
    grid->setColumnStretch(1, 1);

    m_allHeaders = new QPlainTextEdit(this);
    m_allHeaders->setObjectName(QStringLiteral("allHeadersView"));
    m_allHeaders->setReadOnly(true);
    m_allHeaders->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_allHeaders->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_allHeaders->setMaximumHeight(220);
    m_allHeaders->hide();

    m_allHeadersToggle = new QToolButton(this);
    m_allHeadersToggle->setObjectName(QStringLiteral("allHeadersToggle"));
    m_allHeadersToggle->setText(tr("All headers"));
    m_allHeadersToggle->setToolTip(tr("Show every header field of the message instead of the summary"));
    m_allHeadersToggle->setCheckable(true);
    connect(m_allHeadersToggle, &QToolButton::toggled, this, [this](bool all) {
        m_headerSummary->setVisible(!all);
        m_allHeaders->setVisible(all);
    });
}

void ReaderView::buildRemoteContentBar()
{
    m_remoteBar = new QFrame(this);
    m_remoteBar->setObjectName(QStringLiteral("remoteContentBar"));
    m_remoteBar->setFrameShape(QFrame::StyledPanel);
    m_remoteBar->setStyleSheet(QStringLiteral("#remoteContentBar { background: #fff8e1; border: 1px solid #f0d48a; }"
                                              "#remoteContentBar QLabel { color: #5d4200; }"));
    auto* text = new QLabel(tr("Remote content was blocked to protect your privacy."), m_remoteBar);
    text->setWordWrap(true);
    m_showRemote = new QPushButton(tr("Show images for this message"), m_remoteBar);
    m_showRemote->setObjectName(QStringLiteral("showRemoteContentButton"));
    m_alwaysRemote = new QPushButton(m_remoteBar);
    m_alwaysRemote->setObjectName(QStringLiteral("alwaysRemoteContentButton"));
    auto* layout = new QHBoxLayout(m_remoteBar);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->addWidget(text, 1);
    layout->addWidget(m_showRemote);
    layout->addWidget(m_alwaysRemote);
    connect(m_showRemote, &QPushButton::clicked, this, [this] { allowRemoteContent(false); });
    connect(m_alwaysRemote, &QPushButton::clicked, this, [this] { allowRemoteContent(true); });
    m_remoteBar->hide();
}

void ReaderView::showMessage(const std::string& raw, const ReaderSecurity& security)
{
    showRendered(renderMessage(raw, m_senderAllowed), raw, security);
}

void ReaderView::showRendered(RenderedMessage rendered, std::string raw, const ReaderSecurity& security)
{
    ++m_generation;
    m_raw = std::make_shared<const std::string>(std::move(raw));
    m_rendered = std::move(rendered);
    m_messageAllowed = false;
    m_body->setMessage(m_raw);
    showHeaders();
    setSecurity(security);
    showBody(false);
    m_attachments->setAttachments(m_rendered.attachments);
    updateRemoteContentBar();
    if (m_senderAllowed && m_rendered.hasRemoteContent && !m_rendered.remoteAllowed)
        rerenderWithRemoteContent();
}

void ReaderView::clear()
{
    ++m_generation;
    m_raw.reset();
    m_rendered = RenderedMessage();
    m_messageAllowed = false;
    m_body->setMessage(nullptr);
    m_body->setRemoteAllowed(false);
    m_body->clear();
    showHeaders();
    setSecurity(ReaderSecurity());
    m_attachments->setAttachments({});
    updateRemoteContentBar();
}

void ReaderView::setSecurity(const ReaderSecurity& security)
{
    m_security = security;
    m_banner->setSecurity(security, m_rendered.fromAddress);
}

void ReaderView::setRemoteContentAllowed(bool allowed)
{
    m_senderAllowed = allowed;
    updateRemoteContentBar();
    if (m_raw && allowed && m_rendered.hasRemoteContent && !m_rendered.remoteAllowed)
        rerenderWithRemoteContent();
}

void ReaderView::showHeaders()
{
    const RenderedMessage& r = m_rendered;
    m_subject->setText(r.subject.isEmpty() && m_raw ? tr("(no subject)") : r.subject);
    m_from->setText(r.from);
    m_to->setText(r.to);
    m_cc->setText(r.cc);
    m_cc->setVisible(!r.cc.isEmpty());
    m_ccCaption->setVisible(!r.cc.isEmpty());
    m_date->setText(r.date.isValid() ? QLocale().toString(r.date.toLocalTime(), QLocale::LongFormat) : QString());
    m_allHeaders->setPlainText(r.allHeaders);
    m_headerSummary->setEnabled(m_raw != nullptr);
    m_allHeadersToggle->setEnabled(m_raw != nullptr);
}

void ReaderView::showBody(bool keepScrollPosition)
{
    const int scroll = m_body->verticalScrollBar()->value();
    m_body->setRemoteAllowed(m_rendered.remoteAllowed);
    m_body->setHtml(m_rendered.bodyHtml);
    if (keepScrollPosition)
        m_body->verticalScrollBar()->setValue(scroll);
}

void ReaderView::updateRemoteContentBar()
{
    const bool blocked = m_raw && m_rendered.hasRemoteContent && !m_rendered.remoteAllowed
        && !m_senderAllowed && !m_messageAllowed;
    if (blocked) {
        m_alwaysRemote->setText(m_rendered.fromAddress.isEmpty() ? tr("Always for this sender")
                                                                 : tr("Always for %1").arg(m_rendered.fromAddress));
        m_alwaysRemote->setVisible(!m_rendered.fromAddress.isEmpty());
    }
    m_remoteBar->setVisible(blocked);
}

void ReaderView::allowRemoteContent(bool forSender)
{
    m_messageAllowed = true;
    updateRemoteContentBar();
    emit remoteContentAllowed(forSender);
    rerenderWithRemoteContent();
}

void ReaderView::rerenderWithRemoteContent()
{
    if (!m_raw)
        return;
    const quint64 generation = m_generation;
    auto* watcher = new QFutureWatcher<RenderedMessage>(this);
    connect(watcher, &QFutureWatcher<RenderedMessage>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // another message is shown by now
        RenderedMessage withRemote = watcher->result();
        // Only the body changes; the attachments and their list stay as they are.
        m_rendered.bodyHtml = std::move(withRemote.bodyHtml);
        m_rendered.remoteAllowed = true;
        showBody(true);
        updateRemoteContentBar();
    });
    watcher->setFuture(QtConcurrent::run([raw = m_raw] { return renderMessage(*raw, true); }));
}

void ReaderView::openLink(const QUrl& url)
{
    // Called only for a click: QTextBrowser follows nothing itself (setOpenLinks(false)).
    if (url.scheme().isEmpty() && url.hasFragment()) {
        m_body->scrollToAnchor(url.fragment());
        return;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https") || scheme == QLatin1String("mailto")
        || scheme == QLatin1String("ftp"))
        QDesktopServices::openUrl(url);
}

bool ReaderView::saveAttachment(int index, const QString& path, QString* error)
{
    if (!m_raw || index < 0 || index >= m_rendered.attachments.size()) {
        if (error)
            *error = tr("There is no such attachment.");
        return false;
    }
    const QByteArray bytes = attachmentBytes(*m_raw, m_rendered.attachments[index].locator);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

QString ReaderView::openAttachment(int index, QString* error)
{
    QString why;
    QString path;
    if (!m_raw || index < 0 || index >= m_rendered.attachments.size()) {
        why = tr("There is no such attachment.");
    } else {
        const AttachmentInfo& a = m_rendered.attachments[index];
        path = openedAttachments::write(a.fileName, attachmentBytes(*m_raw, a.locator), why);
        if (!path.isEmpty() && !QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
            why = tr("No program could open %1.").arg(QFileInfo(path).fileName());
    }
    if (error)
        *error = why;
    return path;
}

void ReaderView::removeOpenedAttachments()
{
    openedAttachments::removeAll();
}

void ReaderView::saveAttachmentWithDialog(int index)
{
    if (index < 0 || index >= m_rendered.attachments.size())
        return;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString suggested =
        QDir(folder).filePath(openedAttachments::safeFileName(m_rendered.attachments[index].fileName));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Attachment"), suggested);
    if (path.isEmpty())
        return;
    QString error;
    if (!saveAttachment(index, path, &error))
        QMessageBox::warning(this, tr("Save Attachment"), tr("Could not save %1: %2").arg(path, error));
}

void ReaderView::openAttachmentReporting(int index)
{
    QString error;
    openAttachment(index, &error);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Open Attachment"), error);
}

} // namespace cachet::ui
