// cachet-gui-bench: the desktop window's figures on a profile the caller made
// (tests/bench/gui_bench.py builds it: a 100,000-message INBOX and the corpus
// in a folder named Corpus). Offscreen, one process, prints one JSON line:
//   unlock_s         the key derivation (Argon2id, the profile's cost)
//   first_paint_s    from the passphrase given to the first painted message list
//                    (unlock included): what a user waits for
//   scroll_s         paging through the whole INBOX, a screen at a time, each
//                    screen's rows read before the next
//   rss_after_scroll_mb, peak_rss_mb   memory after that (VmRSS, VmHWM)
//   open_largest_s   opening the largest corpus message: read, rendered, painted
//   largest_bytes    its size
// Not a test: see tests/bench/README.md.

#include "engine/Session.h"
#include "folders/FolderModel.h"
#include "messages/MessageListModel.h"
#include "window/MainWindow.h"

#include "store/Profile.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollBar>
#include <QTreeView>

#include <cstdio>
#include <functional>

using namespace cachet;

namespace {

// Runs the event loop until `done` or `seconds` pass; false on timeout.
bool waitFor(const std::function<bool()>& done, int seconds = 600)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > seconds * 1000)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

double statusMb(const char* field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

std::int64_t mailboxNamed(ui::FolderModel& folders, const char* name)
{
    for (const ui::FolderInfo& f : folders.folders())
        if (f.name == name)
            return f.id;
    return 0;
}

int fail(const char* what)
{
    std::fprintf(stderr, "gui_bench: %s\n", what);
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3)
        return fail("usage: cachet-gui-bench PROFILE_DIR PASSPHRASE");
    QJsonObject out;

    QElapsedTimer clock;
    clock.start();
    store::Profile profile = store::Profile::unlock(args[1], args[2].toStdString());
    out["unlock_s"] = clock.elapsed() / 1000.0;
    ui::Session session(std::move(profile));
    ui::MainWindow window(session);
    window.resize(1280, 800);
    window.show();
    auto* view = window.findChild<QTreeView*>(QStringLiteral("messageView"));
    ui::MessageListModel& list = window.messages();
    // The window opens the Inbox by itself; painted once its first screen of rows has arrived.
    if (!waitFor([&] {
            return list.loaded() && list.rowCount() > 0
                && list.index(0, ui::MessageListModel::Subject).data(ui::MessageListModel::LoadedRole).toBool();
        }))
        return fail("the Inbox did not show");
    view->viewport()->repaint();
    out["first_paint_s"] = clock.elapsed() / 1000.0;
    out["inbox_messages"] = list.rowCount();

    clock.restart();
    QScrollBar* bar = view->verticalScrollBar();
    for (int value = 0;; value += bar->pageStep()) {
        bar->setValue(std::min(value, bar->maximum()));
        const QModelIndex bottom = view->indexAt(view->viewport()->rect().bottomLeft() - QPoint(0, 2));
        const int row = bottom.isValid() ? bottom.row() : list.rowCount() - 1;
        if (!waitFor([&] { return list.index(row, ui::MessageListModel::Subject).data(ui::MessageListModel::LoadedRole).toBool(); }))
            return fail("a page of rows never came");
        view->viewport()->repaint();
        if (bar->value() >= bar->maximum())
            break;
    }
    out["scroll_s"] = clock.elapsed() / 1000.0;
    out["rss_after_scroll_mb"] = statusMb("VmRSS:");
    out["peak_rss_mb"] = statusMb("VmHWM:");

    const std::int64_t corpus = mailboxNamed(window.folders(), "Corpus");
    if (corpus == 0)
        return fail("no Corpus folder");
    window.selectMailbox(corpus);
    view->sortByColumn(ui::MessageListModel::Size, Qt::DescendingOrder);
    if (!waitFor([&] {
            return list.loaded() && list.mailboxId() == corpus && list.rowCount() > 0
                && list.index(0, 0).data(ui::MessageListModel::LoadedRole).toBool();
        }))
        return fail("the Corpus folder did not show");
    const ui::MessageKey largest = list.keyAt(0);
    bool shown = false;
    QObject::connect(&window, &ui::MainWindow::messageShown, [&](const ui::MessageKey& key) { shown = key == largest; });
    clock.restart();
    window.selectMessage(largest);
    if (!waitFor([&] { return shown; }))
        return fail("the largest message did not open");
    window.repaint();
    out["open_largest_s"] = clock.elapsed() / 1000.0;
    out["largest_size"] = list.index(0, ui::MessageListModel::Size).data().toString();

    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
