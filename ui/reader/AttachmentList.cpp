#include "reader/AttachmentList.h"

#include <QAction>
#include <QHBoxLayout>
#include <QIcon>
#include <QListWidget>
#include <QLocale>
#include <QMimeDatabase>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace cachet::ui {

namespace {
constexpr int kIndexRole = Qt::UserRole + 1;
}

AttachmentList::AttachmentList(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("attachmentArea"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("attachmentList"));
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(true);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setSpacing(2);
    m_list->setUniformItemSizes(false);
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_save = new QPushButton(tr("Save…"), this);
    m_save->setObjectName(QStringLiteral("saveAttachmentButton"));
    m_open = new QPushButton(tr("Open"), this);
    m_open->setObjectName(QStringLiteral("openAttachmentButton"));

    auto* saveAction = new QAction(tr("Save…"), m_list);
    auto* openAction = new QAction(tr("Open"), m_list);
    m_list->addAction(openAction);
    m_list->addAction(saveAction);

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_open);
    buttons->addWidget(m_save);
    buttons->addStretch();
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    const auto save = [this] {
        if (currentIndex() >= 0)
            emit saveRequested(currentIndex());
    };
    const auto open = [this] {
        if (currentIndex() >= 0)
            emit openRequested(currentIndex());
    };
    connect(m_save, &QPushButton::clicked, this, save);
    connect(saveAction, &QAction::triggered, this, save);
    connect(m_open, &QPushButton::clicked, this, open);
    connect(openAction, &QAction::triggered, this, open);
    connect(m_list, &QListWidget::itemActivated, this, open);
    connect(m_list, &QListWidget::currentRowChanged, this, &AttachmentList::updateButtons);
    updateButtons();
}

QString AttachmentList::label(const AttachmentInfo& attachment)
{
    return tr("%1 (%2)").arg(attachment.fileName,
                             QLocale().formattedDataSize(attachment.size, 1, QLocale::DataSizeTraditionalFormat));
}

void AttachmentList::setAttachments(const QList<AttachmentInfo>& attachments)
{
    m_list->clear();
    const QMimeDatabase mimeTypes;
    for (qsizetype i = 0; i < attachments.size(); ++i) {
        const AttachmentInfo& a = attachments[i];
        const QMimeType type = mimeTypes.mimeTypeForName(a.mimeType);
        auto* item = new QListWidgetItem(QIcon::fromTheme(type.iconName(), QIcon::fromTheme(type.genericIconName())),
                                         label(a), m_list);
        item->setData(kIndexRole, static_cast<int>(i));
        item->setToolTip(a.mimeType);
    }
    if (!attachments.isEmpty()) {
        m_list->setCurrentRow(0);
        // Room for up to three rows: the strip stays a strip, the body keeps the space.
        const int rows = static_cast<int>(std::min<qsizetype>(attachments.size(), 3));
        const int rowHeight = m_list->sizeHintForRow(0) + 2 * m_list->spacing();
        m_list->setFixedHeight(std::max(rows * rowHeight + 2 * m_list->frameWidth() + 4, m_open->sizeHint().height() * 2));
    }
    setVisible(!attachments.isEmpty());
    updateButtons();
}

int AttachmentList::currentIndex() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(kIndexRole).toInt() : -1;
}

void AttachmentList::updateButtons()
{
    const bool any = currentIndex() >= 0;
    m_save->setEnabled(any);
    m_open->setEnabled(any);
}

} // namespace cachet::ui
