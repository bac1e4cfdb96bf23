// The desktop app end to end, as a user drives it, against the test provider
// (Dovecot and OpenSMTPD on loopback): create a profile, add the account in
// the first-run dialog, see the corpus arrive in the Inbox, open a message,
// mark it read and unread and see the flag at the provider, search by a body
// word, and reply with encryption to a peer whose key came by Autocrypt: the
// reply reaches the peer's mailbox encrypted, and the peer's gpg decrypts it.
// Screenshots of the window, the composer and the bridge panel go into the
// build folder.

#include "account/AccountSetupDialog.h"
#include "bridge/BridgePanel.h"
#include "bridge/BridgeRunner.h"
#include "composer/ComposerLauncher.h"
#include "composer/ComposerWindow.h"
#include "actions/FolderActions.h"
#include "engine/Session.h"
#include "messages/MessageDrag.h"
#include "unlock/ChangePassphraseDialog.h"
#include "folders/FolderModel.h"
#include "messages/MessageListModel.h"
#include "reader/ReaderView.h"
#include "unlock/UnlockDialog.h"
#include "window/DesktopApp.h"
#include "window/MainWindow.h"

#include "Screenshots.h"
#include "provider/DovecotServer.h"
#include "provider/OpenSmtpdServer.h"
#include "support/ImapTestClient.h"
#include "support/TestCorpus.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QStatusBar>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeView>
#include <QtTest>

using namespace cachet;

namespace {

const QByteArray kAlice = "alice@example.test";
const QByteArray kBob = "bob@example.test";
const QByteArray kPassword = "secret";

QByteArray run(const QString& program, const QStringList& args, const QByteArray& input = {},
               const QString& gnupgHome = {})
{
    QProcess p;
    if (!gnupgHome.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("GNUPGHOME", gnupgHome);
        p.setProcessEnvironment(env);
    }
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    return p.readAllStandardOutput();
}

// The first of the flags of the message with this Message-ID in `user`'s INBOX at the provider.
QByteArray flagsAtProvider(quint16 port, const QByteArray& user, const QByteArray& messageId)
{
    test::ImapTestClient imap;
    if (!imap.connectTo(port) || !imap.login(user, kPassword) || !imap.command("SELECT INBOX").ok())
        return "no connection";
    const test::ImapReply search = imap.command("UID SEARCH HEADER Message-ID \"" + messageId + "\"");
    for (const QByteArray& line : search.untagged) {
        const QList<QByteArray> words = line.split(' ');
        if (words.size() >= 3 && words[1] == "SEARCH") {
            const test::ImapReply fetch = imap.command("UID FETCH " + words[2] + " (FLAGS)");
            return fetch.untagged.value(0);
        }
    }
    return "not found";
}

// How many messages in `mailbox` at the provider have `subject` in their Subject.
int countAtProvider(quint16 port, const QByteArray& user, const QByteArray& mailbox, const QByteArray& subject)
{
    test::ImapTestClient imap;
    if (!imap.connectTo(port) || !imap.login(user, kPassword) || !imap.command("SELECT \"" + mailbox + "\"").ok())
        return -1;
    const test::ImapReply search = imap.command("UID SEARCH SUBJECT \"" + subject + "\"");
    for (const QByteArray& line : search.untagged)
        if (line.startsWith("* SEARCH"))
            return int(line.mid(8).simplified().split(' ').size() - (line.mid(8).simplified().isEmpty() ? 1 : 0));
    return -1;
}

// Every message in `user`'s INBOX at the provider, whole.
QList<QByteArray> messagesAtProvider(quint16 port, const QByteArray& user)
{
    QList<QByteArray> out;
    test::ImapTestClient imap;
    if (!imap.connectTo(port) || !imap.login(user, kPassword) || !imap.command("SELECT INBOX").ok())
        return out;
    const test::ImapReply fetch = imap.command("FETCH 1:* (BODY.PEEK[])");
    for (const QByteArray& line : fetch.untagged)
        if (line.contains("FETCH"))
            out << line;
    return out;
}

template <class T>
T* modal()
{
    return qobject_cast<T*>(QApplication::activeModalWidget());
}

} // namespace

class TestDesktop : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::DovecotServer> m_dovecot;
    std::unique_ptr<test::OpenSmtpdServer> m_smtp;
    QString m_bobHome; // bob's gpg, outside Cachet
    QTemporaryDir m_bobHomeDir{"/tmp/cachet-ui-bob-XXXXXX"};
    QByteArray m_bobMessageId = "bob-asks-1@example.test";
    int m_seeded = 0;
    std::unique_ptr<ui::DesktopApp> m_app;

    ui::MainWindow& window() { return *m_app->window(); }

    void waitForMessageCount(int count)
    {
        QTRY_VERIFY_WITH_TIMEOUT(window().messages().loaded() && window().messages().rowCount() >= count, 120000);
    }

    int rowWithSubject(const QString& subject)
    {
        ui::MessageListModel& model = window().messages();
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, ui::MessageListModel::Subject);
            if (!QTest::qWaitFor([&] { return index.data(ui::MessageListModel::LoadedRole).toBool(); }, 20000))
                return -2; // the row never came
            if (index.data().toString().contains(subject))
                return row;
        }
        return -1;
    }

    void openRow(int row)
    {
        const ui::MessageKey key = window().messages().keyAt(row);
        window().selectMessage(key);
        QTRY_VERIFY_WITH_TIMEOUT(window().shownMessage() == key, 30000);
    }

    // A key pressed with the message list focused, as a user does after clicking a message
    // (in a text field the same letter is typing, not a shortcut).
    void pressKey(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        auto* list = window().findChild<QTreeView*>("messageView");
        // Shortcuts go to the active window: after a composer closed, the user clicks back in.
        QApplication::setActiveWindow(&window());
        QVERIFY(QTest::qWaitForWindowActive(&window()));
        list->setFocus();
        QTest::keyClick(list, key, modifiers);
    }

    // What a failed wait on the provider prints: the sync's state and the status bar.
    QByteArray diagnosis()
    {
        const ui::SyncStatus& s = m_app->session()->syncStatus();
        return "sync state " + QByteArray::number(int(s.state)) + ", error \"" + s.error.toUtf8() + "\", status bar \""
            + window().statusBar()->currentMessage().toUtf8() + "\"";
    }

    QString readerText()
    {
        auto* body = window().reader().findChild<QTextBrowser*>("readerBody");
        return body ? body->toPlainText() : QString();
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<ui::ComposerWindow*>();
        QVERIFY(m_dir.isValid());
        QVERIFY2(!test::corpusDir().isEmpty(), "the corpus (../shared/corpus) is needed");
        // The provider, as tests/provider/tool runs it.
        QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                                | QFileDevice::ReadOther | QFileDevice::ExeOther);
        m_dovecot = std::make_unique<test::DovecotServer>(m_dir.path());
        m_smtp = std::make_unique<test::OpenSmtpdServer>(m_dir.path());
        for (const QByteArray& user : {kAlice, kBob}) {
            m_dovecot->addUser(user, kPassword);
            m_smtp->addUser(user, kPassword);
        }
        QVERIFY2(m_dovecot->start(), qPrintable(m_dovecot->errorString()));
        m_smtp->setLmtpDelivery(m_dovecot->lmtpSocketPath(), m_dovecot->lmtpSocketUser());
        m_smtp->setCertificate(m_dovecot->certificate());
        QVERIFY2(m_smtp->start(), qPrintable(m_smtp->errorString()));

        // Alice's INBOX at the provider: the corpus.
        test::ImapTestClient imap;
        QVERIFY(imap.connectTo(m_dovecot->imapPort()));
        QVERIFY(imap.login(kAlice, kPassword));
        for (const QString& path : test::corpusMessageFiles()) {
            if (test::corpusNonMessageNames().contains(QFileInfo(path).fileName()))
                continue;
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            if (imap.append("INBOX", file.readAll()).ok())
                ++m_seeded;
        }
        QVERIFY(m_seeded > 90);

        // Bob, a peer with gpg of his own, writes to alice with his key in an Autocrypt header.
        m_bobHome = m_bobHomeDir.path();
        run("gpg", {"--batch", "--passphrase", "", "--quick-gen-key", kBob, "ed25519", "cert,sign", "never"}, {}, m_bobHome);
        QByteArray fpr;
        for (const QByteArray& line : run("gpg", {"--batch", "--with-colons", "--list-keys", kBob}, {}, m_bobHome).split('\n'))
            if (line.startsWith("fpr:") && fpr.isEmpty())
                fpr = line.split(':').value(9);
        QVERIFY(!fpr.isEmpty());
        run("gpg", {"--batch", "--passphrase", "", "--quick-add-key", fpr, "cv25519", "encr", "never"}, {}, m_bobHome);
        const QByteArray key = run("gpg", {"--batch", "--export", kBob}, {}, m_bobHome).toBase64();
        QVERIFY(!key.isEmpty());
        QByteArray folded;
        for (int i = 0; i < key.size(); i += 72)
            folded += "\r\n " + key.mid(i, 72);
        const QByteArray fromBob = "From: Bob <" + kBob + ">\r\nTo: Alice <" + kAlice
            + ">\r\nSubject: Lunch on Thursday?\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\nMessage-ID: <"
            + m_bobMessageId + ">\r\nAutocrypt: addr=" + kBob + "; prefer-encrypt=mutual; keydata=" + folded
            + "\r\n\r\nShall we try the zanzibarian place near the station?\r\n";
        QVERIFY(imap.append("INBOX", fromBob).ok());
        ++m_seeded;
    }

    void cleanupTestCase()
    {
        // Bob's gpg-agent ends with his folder, not on its own when the test ends.
        run("gpgconf", {"--kill", "gpg-agent"}, {}, m_bobHome);
        m_app.reset();
        m_smtp.reset();
        m_dovecot.reset();
    }

    void createProfileAndAddTheAccount()
    {
        m_app = std::make_unique<ui::DesktopApp>(m_dir.path() + "/profile", store::KdfCost::interactive());
        // The dialogs are modal: a timer plays the user, step by step, whatever is on screen.
        int step = 0;
        bool fingerprintShown = false;
        QTimer user;
        user.setInterval(100);
        connect(&user, &QTimer::timeout, this, [&] {
            if (auto* unlock = modal<ui::UnlockDialog>(); unlock && step == 0) {
                unlock->findChild<QLineEdit*>("passphraseEdit")->setText("a long demo passphrase");
                unlock->findChild<QLineEdit*>("repeatEdit")->setText("a long demo passphrase");
                unlock->findChild<QPushButton*>("submitButton")->click();
                step = 1;
            } else if (auto* account = modal<ui::AccountSetupDialog>(); account && step == 1) {
                account->findChild<QLineEdit*>("addressEdit")->setText(kAlice);
                account->findChild<QLineEdit*>("passwordEdit")->setText(kPassword);
                account->findChild<QLineEdit*>("imapHostEdit")->setText("127.0.0.1");
                account->findChild<QSpinBox*>("imapPortSpin")->setValue(m_dovecot->imapsPort());
                account->findChild<QLineEdit*>("smtpHostEdit")->setText("127.0.0.1");
                account->findChild<QSpinBox*>("smtpPortSpin")->setValue(m_smtp->smtpsPort());
                account->findChild<QPushButton*>("testButton")->click();
                step = 2;
            } else if (auto* box = modal<QDialog>(); box && step == 2 && box->objectName() == "certificatePinDialog") {
                // The provider's self-signed certificate: the user compares and trusts it.
                const QString shown = box->findChild<QLabel*>("fingerprintLabel")->text().remove('\n').remove(':').toLower();
                fingerprintShown = shown.contains(m_dovecot->certificateSha256());
                box->findChild<QPushButton*>("trustButton")->click();
            } else if (auto* account2 = modal<ui::AccountSetupDialog>(); account2 && step == 2) {
                auto* add = account2->findChild<QPushButton*>("addButton");
                if (add->isEnabled()) {
                    QVERIFY(test::saveScreenshot(*account2, "account-added"));
                    add->click();
                    step = 3;
                }
            } else if (auto* question = modal<QMessageBox>(); question && step == 3) {
                question->button(QMessageBox::Yes)->click(); // make my OpenPGP key
                step = 4;
            }
        });
        user.start();
        QSignalSpy keyReady(m_app.get(), &ui::DesktopApp::ownKeyReady);
        QVERIFY(m_app->unlockAndStart());
        user.stop();
        QCOMPARE(step, 4);
        QVERIFY(fingerprintShown);
        QVERIFY(m_app->window()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!keyReady.isEmpty(), 60000);
    }

    void theInboxFillsWithTheCorpus()
    {
        QTRY_VERIFY_WITH_TIMEOUT(window().folders().unseenInInbox() >= m_seeded, 180000);
        waitForMessageCount(m_seeded);
        QCOMPARE(window().messages().rowCount(), m_seeded);
        QVERIFY(rowWithSubject("Lunch on Thursday?") >= 0);
    }

    void openAMessageAndMarkItReadAndUnreadAtTheProvider()
    {
        const int row = rowWithSubject("Lunch on Thursday?");
        QVERIFY(row >= 0);
        openRow(row);

        QVERIFY(readerText().contains("zanzibarian place"));
        QVERIFY(test::saveScreenshot(window(), "main-window"));
        // Opening marks it read, here and, through the journal and the sync, at the provider.
        QTRY_VERIFY2_WITH_TIMEOUT(flagsAtProvider(m_dovecot->imapPort(), kAlice, m_bobMessageId).contains("\\Seen"), diagnosis().constData(), 60000);
        pressKey(Qt::Key_M); // Mark as Read/Unread
        QTRY_VERIFY2_WITH_TIMEOUT(!flagsAtProvider(m_dovecot->imapPort(), kAlice, m_bobMessageId).contains("\\Seen"), diagnosis().constData(), 60000);
        pressKey(Qt::Key_S); // Flag
        QTRY_VERIFY2_WITH_TIMEOUT(flagsAtProvider(m_dovecot->imapPort(), kAlice, m_bobMessageId).contains("\\Flagged"), diagnosis().constData(), 60000);
    }

    void searchFindsABodyWord()
    {
        window().search("zanzibarian");
        QTRY_VERIFY_WITH_TIMEOUT(window().messages().showingSearch() && window().messages().loaded()
                                     && window().messages().rowCount() == 1,
                                 30000);
        QVERIFY(rowWithSubject("Lunch on Thursday?") == 0);
        window().search("");
        waitForMessageCount(m_seeded);
    }

    void replyEncryptedToAPeerWhoseKeyCameByAutocrypt()
    {
        const int row = rowWithSubject("Lunch on Thursday?");
        openRow(row);
        QSignalSpy opened(m_app->composer(), &ui::ComposerLauncher::opened);
        pressKey(Qt::Key_R, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty(), 30000);
        auto* composer = opened.first().first().value<ui::ComposerWindow*>();
        QVERIFY(composer);
        QCOMPARE(composer->findChild<QLineEdit*>("toEdit")->text(), QString("Bob <bob@example.test>"));
        QCOMPARE(composer->findChild<QLineEdit*>("subjectEdit")->text(), QString("Re: Lunch on Thursday?"));
        // Bob's key came with his message: the composer offers to encrypt, and does by default.
        QTRY_VERIFY_WITH_TIMEOUT(composer->encryptionPreview().canEncrypt, 30000);
        QVERIFY(composer->encryptChecked());
        QVERIFY(composer->findChild<QLabel*>("recipientKeysLabel")->text().contains("bob@example.test"));
        auto* body = composer->findChild<QPlainTextEdit*>("bodyEdit");
        body->moveCursor(QTextCursor::Start);
        QTest::keyClicks(body, "Yes, Thursday at noon works for me.");
        QVERIFY(body->toPlainText().contains("> Shall we try the zanzibarian place"));
        QVERIFY(test::saveScreenshot(*composer, "composer"));

        QSignalSpy sent(m_app->composer(), &ui::ComposerLauncher::sent);
        composer->findChild<QAction*>("sendAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!sent.isEmpty(), 60000);
        QVERIFY(sent.first().first().toString().contains("encrypted"));

        // It reaches bob's mailbox, encrypted; bob's own gpg reads it.
        QByteArray arrived;
        QTRY_VERIFY_WITH_TIMEOUT(!(arrived = messagesAtProvider(m_dovecot->imapPort(), kBob).value(0)).isEmpty(), 120000);
        QVERIFY(arrived.contains("multipart/encrypted"));
        QVERIFY(!arrived.contains("Thursday at noon"));
        const int begin = arrived.indexOf("-----BEGIN PGP MESSAGE-----");
        const int end = arrived.indexOf("-----END PGP MESSAGE-----");
        QVERIFY(begin > 0 && end > begin);
        const QByteArray armored = arrived.mid(begin, end - begin + 25).replace("\r\n", "\n");
        const QByteArray plain = run("gpg", {"--batch", "--decrypt"}, armored, m_bobHome);
        QVERIFY2(plain.contains("Yes, Thursday at noon works for me."), plain.left(400).constData());
        QVERIFY(plain.contains("In-Reply-To") || plain.contains("Lunch on Thursday?"));
    }

    void archiveDeleteAndDragToAFolderReachTheProvider()
    {
        const quint16 port = m_dovecot->imapPort();
        openRow(rowWithSubject("Vorteile sind zum Teilen da!"));
        pressKey(Qt::Key_A); // Archive
        QTRY_COMPARE_WITH_TIMEOUT(countAtProvider(port, kAlice, "Archive", "Vorteile sind zum Teilen"), 1, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(countAtProvider(port, kAlice, "INBOX", "Vorteile sind zum Teilen"), 0, 60000);

        openRow(rowWithSubject("[REPOST] Some subject"));
        pressKey(Qt::Key_Delete); // to Trash
        QTRY_COMPARE_WITH_TIMEOUT(countAtProvider(port, kAlice, "Trash", "[REPOST] Some subject"), 1, 60000);

        // A folder made here, then a message dropped on it from the list.
        QSignalSpy created(&window().folderActions(), &ui::FolderActions::created);
        window().folderActions().create({}, "Projects");
        QTRY_VERIFY_WITH_TIMEOUT(!created.isEmpty(), 30000);
        const qint64 projects = created.first().first().toLongLong();
        QTRY_VERIFY_WITH_TIMEOUT(window().folders().indexOfMailbox(projects).isValid(), 30000);
        const int row = rowWithSubject("Subject was here");
        QVERIFY(row >= 0);
        std::unique_ptr<QMimeData> drag(ui::messageDragData({window().messages().keyAt(row)}));
        const QModelIndex target = window().folders().indexOfMailbox(projects);
        QVERIFY(window().folders().canDropMimeData(drag.get(), Qt::MoveAction, -1, -1, target));
        window().folders().dropMimeData(drag.get(), Qt::MoveAction, -1, -1, target);
        QTRY_COMPARE_WITH_TIMEOUT(countAtProvider(port, kAlice, "Projects", "Subject was here"), 1, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(rowWithSubject("Subject was here") == -1, 30000);
    }

    void theBridgePanelShowsHowToConnect()
    {
        QDialog* dialog = nullptr;
        QTimer::singleShot(0, this, [&] {
            dialog = modal<QDialog>();
            if (!dialog)
                return;
            auto* panel = dialog->findChild<ui::BridgePanel*>();
            QTRY_VERIFY_WITH_TIMEOUT(!panel->findChild<QLabel*>("imapPortLabel")->text().isEmpty(), 20000);
            QVERIFY(test::saveScreenshot(*dialog, "bridge-panel"));
            dialog->accept();
        });
        auto* action = window().findChild<QAction*>("bridgeAction");
        QVERIFY(action);
        action->trigger();
        QVERIFY(dialog);
    }

    void changingThePassphraseKeepsEverythingWorking()
    {
        QSignalSpy changed(m_app.get(), &ui::DesktopApp::passphraseChanged);
        QTimer::singleShot(0, this, [] {
            auto* dialog = modal<ui::ChangePassphraseDialog>();
            QVERIFY(dialog);
            dialog->findChild<QLineEdit*>("currentPassphraseEdit")->setText("a long demo passphrase");
            dialog->findChild<QLineEdit*>("newPassphraseEdit")->setText("another long passphrase");
            dialog->findChild<QLineEdit*>("repeatPassphraseEdit")->setText("another long passphrase");
            dialog->accept();
        });
        m_app->changePassphrase();
        QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 120000);
        QVERIFY(m_app->session()->profile().isPassphrase("another long passphrase"));
        QVERIFY(!m_app->session()->profile().isPassphrase("a long demo passphrase"));
        // The reader, the writer, the sync and the bridge carry on with the new key.
        window().search("from:bob@example.test zanzibarian");
        QTRY_VERIFY_WITH_TIMEOUT(window().messages().showingSearch() && window().messages().loaded()
                                     && window().messages().rowCount() == 1,
                                 30000);
        QTRY_VERIFY_WITH_TIMEOUT(m_app->bridge()->running(), 30000);
        QVERIFY(store::Profile::unlock(m_dir.path() + "/profile", "another long passphrase").isPassphrase(
            "another long passphrase"));
    }
};

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
