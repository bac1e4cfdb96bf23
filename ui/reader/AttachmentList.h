#pragma once
// The strip under a message listing its attachments: name, size, and the
// two things a user does with one, "Save…" and "Open" (also a double click
// and the context menu). It only asks; ReaderView does the saving and opening.

#include "reader/MessageRendering.h"

#include <QWidget>

class QListWidget;
class QPushButton;

namespace cachet::ui {

class AttachmentList : public QWidget {
    Q_OBJECT
public:
    explicit AttachmentList(QWidget* parent = nullptr);

    void setAttachments(const QList<AttachmentInfo>& attachments);
    // "name (size)", as the list shows it.
    static QString label(const AttachmentInfo& attachment);

signals:
    void saveRequested(int index);
    void openRequested(int index);

private:
    int currentIndex() const;
    void updateButtons();

    QListWidget* m_list = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_open = nullptr;
};

} // namespace cachet::ui
