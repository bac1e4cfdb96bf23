#pragma once
// The sync's state in the status bar: a progress bar with mailboxes, messages
// and bytes while a pass downloads, "Up to date" after, and "Offline" (with the
// provider's exact error in the tooltip and the time to the next try) when
// the provider cannot be reached.

#include <QWidget>

class QLabel;
class QProgressBar;

namespace cachet::ui {

class Session;

class SyncStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit SyncStatusWidget(Session& session, QWidget* parent = nullptr);

private:
    void update();

    Session& m_session;
    QLabel* m_label = nullptr;
    QProgressBar* m_progress = nullptr;
};

} // namespace cachet::ui
