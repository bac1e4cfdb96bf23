// The bridge panel over a running bridge, as its user meets it: the ports,
// username and password it shows are the ones a mail program logs in with;
// copy, regenerate, off and on, and the exported certificate do what they say.
//
// The IMAP clients here block the test's (the GUI) thread in waitForReadyRead
// without processing its events: they are answered only because the bridge
// serves from a thread of its own.

#include "bridge/BridgePanel.h"
#include "bridge/BridgeRunner.h"

#include "store/Profile.h"
#include "support/ImapTestClient.h"
#include "ui/Screenshots.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCryptographicHash>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTabWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

using namespace cachet;
using cachet::bridge::BridgePorts;
using cachet::ui::BridgePanel;
using cachet::ui::BridgeRunner;

namespace {

const std::string kPassphrase = "a long and private passphrase";
// Generous: the machine is shared with other builds. Only a guard against hanging.
constexpr int kWaitMs = 60000;

// Calls `act` with the modal dialog of type T once it is open (inside its exec()). Gives up after
// `triesLeft` looks, so a dialog that never opens cannot have a later one answered in its place.
template <typename T>
void whenModalOpens(std::function<void(T*)> act, int triesLeft = 1000)
{
    QTimer::singleShot(10, [act = std::move(act), triesLeft]() mutable {
        if (auto* dialog = qobject_cast<T*>(QApplication::activeModalWidget()))
            act(dialog);
        else if (triesLeft > 1)
            whenModalOpens<T>(std::move(act), triesLeft - 1);
    });
}

} // namespace

class BridgePanelTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void showsThePortsTheBridgeGot();
    void screenshot(); // early, before any button has been pressed
    void aMailProgramLogsInWithTheShownUsernameAndPassword();
    void passwordIsHiddenUntilShown();
    void copyPutsThePasswordOnTheClipboard();
    void regenerateReplacesThePasswordAndDropsConnections();
    void switchingOffClosesThePortsAndOnServesAgain();
    void exportedCertificateIsTheOneTheBridgePresents();
    void setupStepsNameTheRealPortsAndUsername();
    void localChangeIsEmittedOnTheBridgeThread();

private:
    template <typename T>
    T* child(const char* name) const { return m_panel->findChild<T*>(QString::fromLatin1(name)); }
    quint16 shownPort(const char* labelName) const { return child<QLabel>(labelName)->text().toUShort(); }
    QByteArray shownUsername() const { return child<QLabel>("usernameLabel")->text().toUtf8(); }
    QByteArray shownPassword() const { return child<QLineEdit>("passwordEdit")->text().toUtf8(); }
    QString stepsText(const char* page) const { return child<QTextBrowser>(page)->toPlainText(); }

    QTemporaryDir m_dir;
    std::optional<store::Profile> m_profile;
    std::unique_ptr<BridgeRunner> m_runner;
    std::unique_ptr<BridgePanel> m_panel;
    QStringList m_failures;
};

void BridgePanelTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_profile.emplace(store::Profile::create(m_dir.path() + "/profile", kPassphrase, store::KdfCost::interactive()));
    m_runner = std::make_unique<BridgeRunner>(m_profile->storePath(), m_profile->key(), m_profile->gnupgHome());
    connect(m_runner.get(), &BridgeRunner::failed, this, [this](const QString& reason) { m_failures << reason; });
    m_runner->start(BridgePorts{0, 0, 0, 0});
    QTRY_VERIFY_WITH_TIMEOUT(m_runner->running(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_runner->password().isEmpty(), kWaitMs);

    m_panel = std::make_unique<BridgePanel>(*m_runner);
    m_panel->resize(820, 900);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    for (const char* name : {"enabledSwitch", "imapPortLabel", "imapsPortLabel", "smtpPortLabel", "smtpsPortLabel",
                             "usernameLabel", "passwordEdit", "copyPasswordButton", "regenerateButton",
                             "exportCertificateButton", "setupStepsTabs"})
        QVERIFY2(m_panel->findChild<QWidget*>(QString::fromLatin1(name)), name);
}

void BridgePanelTest::cleanup()
{
    QVERIFY2(m_failures.isEmpty(), qPrintable(m_failures.join('\n')));
}

void BridgePanelTest::cleanupTestCase()
{
    m_panel.reset();
    if (m_runner)
        m_runner->stop();
    QVERIFY(!m_runner || !m_runner->running());
    m_runner.reset();
}

void BridgePanelTest::showsThePortsTheBridgeGot()
{
    const BridgePorts ports = m_runner->ports();
    QVERIFY(ports.imap != 0 && ports.imaps != 0 && ports.smtp != 0 && ports.smtps != 0);
    QCOMPARE(shownPort("imapPortLabel"), ports.imap);
    QCOMPARE(shownPort("imapsPortLabel"), ports.imaps);
    QCOMPARE(shownPort("smtpPortLabel"), ports.smtp);
    QCOMPARE(shownPort("smtpsPortLabel"), ports.smtps);
    QVERIFY(child<QCheckBox>("enabledSwitch")->isChecked());
}

void BridgePanelTest::aMailProgramLogsInWithTheShownUsernameAndPassword()
{
    QVERIFY(!shownUsername().isEmpty());
    QCOMPARE(shownPassword().size(), 24);
    test::ImapTestClient client;
    QVERIFY(client.connectTo(shownPort("imapPortLabel")));
    QVERIFY(client.login(shownUsername(), shownPassword()));
    QVERIFY(client.command("LIST \"\" \"*\"").ok()); // a command for logged-in sessions only

    test::ImapTestClient wrong;
    QVERIFY(wrong.connectTo(shownPort("imapPortLabel")));
    QCOMPARE(wrong.command("LOGIN \"" + shownUsername() + "\" \"" + shownPassword() + "x\"").status, "NO");
}

void BridgePanelTest::passwordIsHiddenUntilShown()
{
    auto* edit = child<QLineEdit>("passwordEdit");
    auto* show = child<QPushButton>("showPasswordButton");
    QVERIFY(show);
    const QString password = m_runner->password();
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    QVERIFY(!stepsText("muttSteps").contains(password));

    show->click();
    QCOMPARE(edit->echoMode(), QLineEdit::Normal);
    QVERIFY(stepsText("muttSteps").contains("set imap_pass = \"" + password + "\""));

    show->click();
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    QVERIFY(!stepsText("muttSteps").contains(password));
}

void BridgePanelTest::copyPutsThePasswordOnTheClipboard()
{
    QGuiApplication::clipboard()->setText(QStringLiteral("something else"));
    child<QPushButton>("copyPasswordButton")->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), m_runner->password());
    QCOMPARE(QGuiApplication::clipboard()->text().toUtf8(), shownPassword());
}

void BridgePanelTest::regenerateReplacesThePasswordAndDropsConnections()
{
    const QByteArray user = shownUsername();
    const QByteArray oldPassword = shownPassword();
    const quint16 port = shownPort("imapPortLabel");
    test::ImapTestClient loggedIn;
    QVERIFY(loggedIn.connectTo(port));
    QVERIFY(loggedIn.login(user, oldPassword));

    auto confirmationAsked = std::make_shared<bool>(false);
    whenModalOpens<QMessageBox>([confirmationAsked](QMessageBox* box) {
        *confirmationAsked = box->objectName() == "regenerateConfirmation"
                             && box->informativeText().contains("must then be given the new password");
        for (QAbstractButton* button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::AcceptRole)
                button->click();
        }
    });
    child<QPushButton>("regenerateButton")->click();
    QVERIFY(*confirmationAsked);
    QTRY_VERIFY_WITH_TIMEOUT(shownPassword() != oldPassword, kWaitMs);
    const QByteArray newPassword = shownPassword();
    QCOMPARE(newPassword.size(), 24);

    // The session logged in with the old password was closed: no answer comes.
    QVERIFY(loggedIn.command("NOOP").status.isEmpty());

    test::ImapTestClient withOld;
    QVERIFY(withOld.connectTo(port));
    QCOMPARE(withOld.command("LOGIN \"" + user + "\" \"" + oldPassword + "\"").status, "NO");
    test::ImapTestClient withNew;
    QVERIFY(withNew.connectTo(port));
    QVERIFY(withNew.login(user, newPassword));
}

void BridgePanelTest::switchingOffClosesThePortsAndOnServesAgain()
{
    auto* enabled = child<QCheckBox>("enabledSwitch");
    const BridgePorts before = m_runner->ports();

    enabled->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_runner->state(), BridgeRunner::State::Off, kWaitMs);
    QVERIFY(!enabled->isChecked());
    QCOMPARE(child<QLabel>("imapPortLabel")->text(), BridgePanel::tr("off"));
    for (const quint16 port : {before.imap, before.imaps, before.smtp, before.smtps}) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY2(!socket.waitForConnected(kWaitMs), qPrintable(QString::number(port)));
        QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);
    }

    enabled->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_runner->running(), kWaitMs);
    QVERIFY(enabled->isChecked());
    // On again, it asks for the ports it had, so configured mail programs find it where they left it.
    QCOMPARE(shownPort("imapPortLabel"), m_runner->ports().imap);
    test::ImapTestClient client;
    QVERIFY(client.connectTo(shownPort("imapPortLabel")));
    QVERIFY(client.login(shownUsername(), shownPassword()));
}

void BridgePanelTest::exportedCertificateIsTheOneTheBridgePresents()
{
    const QString path = m_dir.path() + "/exported-bridge.pem";
    whenModalOpens<QFileDialog>([path](QFileDialog* dialog) {
        // selectFile leaves the name box alone while it has the focus (as a user is typing there).
        if (QWidget* focused = dialog->focusWidget())
            focused->clearFocus();
        dialog->selectFile(path);
        static_cast<QDialog*>(dialog)->accept(); // public in QDialog; QFileDialog's override runs
    });
    child<QPushButton>("exportCertificateButton")->click();
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const QList<QSslCertificate> exported = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    QCOMPARE(exported.size(), 1);

    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone); // self-signed: the digest is compared instead
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), shownPort("imapsPortLabel"));
    QVERIFY2(socket.waitForEncrypted(kWaitMs), qPrintable(socket.errorString()));
    QCOMPARE(socket.peerCertificate().digest(QCryptographicHash::Sha256),
             exported.first().digest(QCryptographicHash::Sha256));
    const QString shownFingerprint = child<QLabel>("certificateFingerprintLabel")->text().remove('\n');
    QVERIFY2(shownFingerprint.contains(
                 QString::fromLatin1(exported.first().digest(QCryptographicHash::Sha256).toHex(':').toUpper())),
             qPrintable(shownFingerprint));
}

void BridgePanelTest::setupStepsNameTheRealPortsAndUsername()
{
    auto* tabs = child<QTabWidget>("setupStepsTabs");
    QCOMPARE(tabs->count(), 4);
    QCOMPARE(tabs->tabText(0), QStringLiteral("Thunderbird"));
    QCOMPARE(tabs->tabText(1), QStringLiteral("Apple Mail"));
    QCOMPARE(tabs->tabText(2), QStringLiteral("Outlook"));
    QCOMPARE(tabs->tabText(3), QStringLiteral("mutt"));

    const BridgePorts ports = m_runner->ports();
    const QString user = m_runner->username();
    const QString thunderbird = stepsText("thunderbirdSteps");
    QVERIFY2(thunderbird.contains(QString::number(ports.imap)), qPrintable(thunderbird));
    QVERIFY2(thunderbird.contains(QString::number(ports.smtp)), qPrintable(thunderbird));
    QVERIFY2(thunderbird.contains(user), qPrintable(thunderbird));
    QVERIFY2(thunderbird.contains(m_runner->certificateSha256()), qPrintable(thunderbird));

    const QString mutt = stepsText("muttSteps");
    QVERIFY2(mutt.contains(QStringLiteral("set folder = \"imap://%1@127.0.0.1:%2/\"")
                               .arg(QString::fromLatin1(QUrl::toPercentEncoding(user)))
                               .arg(ports.imap)),
             qPrintable(mutt));
    QVERIFY2(mutt.contains(QStringLiteral(":%1/\"").arg(ports.smtp)), qPrintable(mutt));
    QVERIFY2(mutt.contains(QStringLiteral("set imap_user = \"%1\"").arg(user)), qPrintable(mutt));

    for (const char* page : {"appleMailSteps", "outlookSteps"}) {
        const QString text = stepsText(page);
        QVERIFY2(text.contains(QString::number(ports.imaps)), qPrintable(text));
        QVERIFY2(text.contains(QString::number(ports.smtps)), qPrintable(text));
        QVERIFY2(text.contains(user), qPrintable(text));
    }
}

void BridgePanelTest::localChangeIsEmittedOnTheBridgeThread()
{
    // Shared: an emission under way on the bridge's thread may outlast this function.
    auto emittedOn = std::make_shared<std::atomic<QThread*>>(nullptr);
    const QMetaObject::Connection connection = connect(
        m_runner.get(), &BridgeRunner::localChange, this, [emittedOn] { *emittedOn = QThread::currentThread(); },
        Qt::DirectConnection);
    test::ImapTestClient client;
    QVERIFY(client.connectTo(shownPort("imapPortLabel")));
    QVERIFY(client.login(shownUsername(), shownPassword()));
    QVERIFY(client.command("CREATE Archive").ok());
    QTRY_VERIFY_WITH_TIMEOUT(emittedOn->load() != nullptr, kWaitMs);
    disconnect(connection);
    QVERIFY(emittedOn->load() != QThread::currentThread());
}

void BridgePanelTest::screenshot()
{
    QVERIFY(cachet::test::saveScreenshot(*m_panel, QStringLiteral("bridge-panel")));
}

QTEST_MAIN(BridgePanelTest)
#include "tst_bridge_panel.moc"
