// The account dialog (ui/account) offscreen, against the real test provider:
// Dovecot and OpenSMTPD on loopback with one self-signed certificate, user
// alice@example.test. Typing an address suggests a provider's servers without
// overwriting the user's own edits; the connection test runs on a worker
// thread while the GUI thread keeps going; a wrong password, a closed port and
// an untrusted certificate each fail as what they are; trusting the
// certificate by its fingerprint (the provider's own SHA-256) pins it and the
// test passes, which allows "Add account"; editing keeps what is not changed.

#include "account/AccountSetupDialog.h"
#include "account/AccountTestRunner.h"
#include "account/CertificatePinDialog.h"
#include "account/WellKnownProviders.h"
#include "provider/DovecotServer.h"
#include "provider/LoopbackPorts.h"
#include "provider/OpenSmtpdServer.h"
#include "sync/CertificatePolicy.h"

#include "Screenshots.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QtTest>

#include <memory>

using namespace cachet;
using cachet::ui::AccountSetupDialog;
using cachet::ui::CertificatePinDialog;

namespace {

const QString kUser = QStringLiteral("alice@example.test");
const QString kPassword = QStringLiteral("secret");
// How long to wait for a test against loopback before giving up (a bound, not a measurement):
// ImapConnection's own timeout is 30 s, and a test has IMAP and SMTP in turn.
constexpr int kWaitMs = 90000;

template <typename T>
T* field(QWidget& dialog, const char* name)
{
    return dialog.findChild<T*>(QString::fromLatin1(name));
}

// The visible window of type T: the active modal one, or any shown.
template <typename T>
T* shownWindow()
{
    if (auto* modal = qobject_cast<T*>(QApplication::activeModalWidget()))
        return modal;
    for (QWidget* window : QApplication::topLevelWidgets()) {
        auto* found = qobject_cast<T*>(window);
        if (found && found->isVisible())
            return found;
    }
    return nullptr;
}

void setServer(QWidget& dialog, const char* prefix, const store::ServerAddress& server)
{
    const QByteArray p(prefix);
    field<QLineEdit>(dialog, p + "HostEdit")->setText(QString::fromStdString(server.host));
    auto* security = field<QComboBox>(dialog, p + "SecurityCombo");
    security->setCurrentIndex(security->findData(static_cast<int>(server.security)));
    field<QSpinBox>(dialog, p + "PortSpin")->setValue(server.port);
}

// Types an address and password as a user would, then sets the servers.
void fillIn(AccountSetupDialog& dialog, const QString& password, const store::ServerAddress& imap,
            const store::ServerAddress& smtp)
{
    QTest::keyClicks(field<QLineEdit>(dialog, "nameEdit"), "Alice");
    QTest::keyClicks(field<QLineEdit>(dialog, "addressEdit"), kUser);
    QTest::keyClicks(field<QLineEdit>(dialog, "passwordEdit"), password);
    setServer(dialog, "imap", imap);
    setServer(dialog, "smtp", smtp);
}

store::ServerAddress loopback(quint16 port, store::Security security)
{
    return {"127.0.0.1", port, security};
}

// Takes connections and says nothing until released; then drops them all and
// stops listening, so later ones are refused. A server that keeps a test
// waiting for as long as the test wants.
class SilentServer : public QTcpServer {
public:
    SilentServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = nextPendingConnection()) {
                if (m_released)
                    socket->abort();
                else
                    m_held.append(socket);
            }
        });
    }
    int held() const { return static_cast<int>(m_held.size()); }
    void release()
    {
        m_released = true;
        close();
        for (QTcpSocket* socket : std::as_const(m_held))
            socket->abort();
        m_held.clear();
    }

private:
    QList<QTcpSocket*> m_held;
    bool m_released = false;
};

} // namespace

class AccountSetupTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_folder; // both servers' folders
    std::unique_ptr<test::DovecotServer> m_dovecot;
    std::unique_ptr<test::OpenSmtpdServer> m_smtpd;

    // Runs a test from the button and waits until its result is shown and no question is open.
    static bool clickTestAndWait(AccountSetupDialog& dialog)
    {
        QSignalSpy finished(&dialog, &AccountSetupDialog::testFinished);
        QTest::mouseClick(field<QPushButton>(dialog, "testButton"), Qt::LeftButton);
        return finished.wait(kWaitMs) || finished.count() > 0;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_folder.isValid());
        // The servers' unprivileged processes pass through it (QTemporaryDir makes it 0700).
        QVERIFY(QFile::setPermissions(m_folder.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                           | QFileDevice::ExeOwner | QFileDevice::ReadGroup
                                                           | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                                           | QFileDevice::ExeOther));
        m_dovecot = std::make_unique<test::DovecotServer>(m_folder.path());
        m_dovecot->addUser(kUser, kPassword);
        QVERIFY2(m_dovecot->start(), qPrintable(m_dovecot->errorString()));
        m_smtpd = std::make_unique<test::OpenSmtpdServer>(m_folder.path());
        m_smtpd->addUser(kUser, kPassword);
        m_smtpd->setLmtpDelivery(m_dovecot->lmtpSocketPath(), m_dovecot->lmtpSocketUser());
        m_smtpd->setCertificate(m_dovecot->certificate());
        QVERIFY2(m_smtpd->start(), qPrintable(m_smtpd->errorString()));
    }

    void cleanupTestCase()
    {
        m_smtpd.reset();
        m_dovecot.reset();
    }

    void providerTable()
    {
        const ui::MailServerSettings gmail = ui::serverSettingsForDomain("GoogleMail.COM");
        QCOMPARE(gmail.provider, QString("Gmail"));
        QVERIFY(!gmail.guessed);
        QCOMPARE(gmail.imap.host, std::string("imap.gmail.com"));
        QVERIFY(!gmail.note.isEmpty()); // the app password
        QCOMPARE(ui::serverSettingsForDomain("icloud.com").smtp.security, store::Security::StartTls);
        QCOMPARE(ui::serverSettingsForDomain("riseup.net").usernameFor("someone@riseup.net"), QString("someone"));
        QCOMPARE(ui::mailDomain("  Someone@Example.ORG "), QString("example.org"));
        QCOMPARE(ui::mailDomain("no-domain"), QString());

        const ui::MailServerSettings guess = ui::serverSettingsForDomain("example.org");
        QVERIFY(guess.guessed);
        QVERIFY(guess.provider.isEmpty());
        QCOMPARE(guess.imap.host, std::string("imap.example.org"));
        QCOMPARE(guess.imap.port, std::uint16_t(993));
        QCOMPARE(guess.smtp.host, std::string("smtp.example.org"));
        QCOMPARE(guess.smtp.port, std::uint16_t(465));
        QCOMPARE(guess.usernameFor("me@example.org"), QString("me@example.org"));
    }

    void knownDomainFillsTheServers()
    {
        AccountSetupDialog dialog;
        dialog.show();
        QTest::keyClicks(field<QLineEdit>(dialog, "addressEdit"), "someone@gmail.com");
        QCOMPARE(field<QLineEdit>(dialog, "imapHostEdit")->text(), QString("imap.gmail.com"));
        QCOMPARE(field<QSpinBox>(dialog, "imapPortSpin")->value(), 993);
        QCOMPARE(field<QComboBox>(dialog, "imapSecurityCombo")->currentData().toInt(),
                 static_cast<int>(store::Security::Tls));
        QCOMPARE(field<QLineEdit>(dialog, "smtpHostEdit")->text(), QString("smtp.gmail.com"));
        QCOMPARE(field<QSpinBox>(dialog, "smtpPortSpin")->value(), 465);
        QCOMPARE(field<QLineEdit>(dialog, "usernameEdit")->text(), QString("someone@gmail.com"));
        QVERIFY(!field<QCheckBox>(dialog, "sentCopyCheck")->isChecked()); // Gmail files sent mail itself
        QVERIFY(field<QLabel>(dialog, "providerNoteLabel")->text().contains("Gmail"));
        // Nothing tested yet: adding needs a test or a confirmation.
        QVERIFY(!field<QPushButton>(dialog, "addButton")->isEnabled());
        QVERIFY(!field<QPushButton>(dialog, "testButton")->isEnabled()); // no password yet
        QTest::keyClicks(field<QLineEdit>(dialog, "passwordEdit"), "app-password");
        QVERIFY(field<QPushButton>(dialog, "testButton")->isEnabled());
        QVERIFY(!field<QPushButton>(dialog, "addButton")->isEnabled());
        QCOMPARE(field<QLineEdit>(dialog, "passwordEdit")->echoMode(), QLineEdit::Password);
    }

    void handEditSurvivesAnAddressChange()
    {
        AccountSetupDialog dialog;
        dialog.show();
        auto* address = field<QLineEdit>(dialog, "addressEdit");
        auto* imapHost = field<QLineEdit>(dialog, "imapHostEdit");
        QTest::keyClicks(address, "someone@gmail.com");
        imapHost->selectAll();
        QTest::keyClicks(imapHost, "mail.example.net");
        QCOMPARE(imapHost->text(), QString("mail.example.net"));

        address->selectAll();
        QTest::keyClicks(address, "someone@fastmail.com");
        QCOMPARE(imapHost->text(), QString("mail.example.net")); // the user's
        QCOMPARE(field<QLineEdit>(dialog, "smtpHostEdit")->text(), QString("smtp.fastmail.com"));
        QCOMPARE(field<QSpinBox>(dialog, "imapPortSpin")->value(), 993);
        QCOMPARE(field<QLineEdit>(dialog, "usernameEdit")->text(), QString("someone@fastmail.com"));

        // An unknown domain: a guess, said to be one; the user's host still stays.
        address->selectAll();
        QTest::keyClicks(address, "me@example.org");
        QCOMPARE(imapHost->text(), QString("mail.example.net"));
        QCOMPARE(field<QLineEdit>(dialog, "smtpHostEdit")->text(), QString("smtp.example.org"));
        QVERIFY(field<QLabel>(dialog, "providerNoteLabel")->text().contains("guess"));
        QCOMPARE(dialog.account().imap.host, std::string("mail.example.net"));
        QCOMPARE(dialog.account().smtp.host, std::string("smtp.example.org"));
    }

    void securityChoiceMovesTheUsualPort()
    {
        AccountSetupDialog dialog;
        QTest::keyClicks(field<QLineEdit>(dialog, "addressEdit"), "someone@posteo.de");
        auto* security = field<QComboBox>(dialog, "smtpSecurityCombo");
        security->setCurrentIndex(security->findData(static_cast<int>(store::Security::StartTls)));
        QCOMPARE(field<QSpinBox>(dialog, "smtpPortSpin")->value(), 587);
        QCOMPARE(dialog.account().smtp.security, store::Security::StartTls);
    }

    void noTlsOnlyToThisComputer()
    {
        AccountSetupDialog dialog;
        dialog.show();
        fillIn(dialog, kPassword, {"imap.example.org", 143, store::Security::Plain},
               {"smtp.example.org", 465, store::Security::Tls});
        QVERIFY(!field<QPushButton>(dialog, "testButton")->isEnabled());
        QVERIFY(!field<QPushButton>(dialog, "addUntestedButton")->isEnabled());
        QVERIFY(field<QLabel>(dialog, "missingLabel")->isVisible());
        setServer(dialog, "imap", loopback(143, store::Security::Plain));
        QVERIFY(field<QPushButton>(dialog, "testButton")->isEnabled());
        QVERIFY(!field<QLabel>(dialog, "missingLabel")->isVisible());
    }

    void wrongPasswordIsAnAuthenticationFailure()
    {
        AccountSetupDialog dialog;
        dialog.show();
        // Without TLS, as allowed on loopback: the login itself is what fails.
        fillIn(dialog, "not-the-password", loopback(m_dovecot->imapPort(), store::Security::Plain),
               loopback(m_smtpd->smtpPort(), store::Security::Plain));
        QVERIFY(clickTestAndWait(dialog));
        QVERIFY(dialog.lastCheck());
        const sync::AccountCheckResult& check = *dialog.lastCheck();
        QVERIFY(!check.imap.ok);
        QCOMPARE(check.imap.stage, std::string("authentication"));
        QVERIFY2(field<QLabel>(dialog, "imapResultLabel")->text().contains("authentication"),
                 qPrintable(field<QLabel>(dialog, "imapResultLabel")->text()));
        QVERIFY(!check.smtp.ok);
        QCOMPARE(check.smtp.stage, std::string("authentication"));
        QVERIFY(shownWindow<CertificatePinDialog>() == nullptr);
        QVERIFY(!field<QPushButton>(dialog, "addButton")->isEnabled());
        QVERIFY(!dialog.loginApproved());
    }

    void untrustedCertificateLeftUntrustedFails()
    {
        AccountSetupDialog dialog;
        dialog.show();
        fillIn(dialog, kPassword, loopback(m_dovecot->imapPort(), store::Security::StartTls),
               loopback(m_smtpd->smtpPort(), store::Security::StartTls));
        QSignalSpy finished(&dialog, &AccountSetupDialog::testFinished);
        QTest::mouseClick(field<QPushButton>(dialog, "testButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(shownWindow<CertificatePinDialog>() != nullptr, kWaitMs);
        CertificatePinDialog* question = shownWindow<CertificatePinDialog>();
        QCOMPARE(question->fingerprint().toStdString(),
                 sync::colonSeparated(m_dovecot->certificateSha256().toStdString()));
        QTest::mouseClick(field<QPushButton>(*question, "cancelButton"), Qt::LeftButton);

        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!dialog.lastCheck()->imap.ok);
        QCOMPARE(dialog.lastCheck()->imap.stage, std::string("TLS"));
        QVERIFY(field<QLabel>(dialog, "imapResultLabel")->text().contains("TLS"));
        QVERIFY(!dialog.lastCheck()->smtp.ok);
        QVERIFY(!field<QPushButton>(dialog, "addButton")->isEnabled());
        QVERIFY(dialog.account().pins.empty());
        QVERIFY(!dialog.testing());
    }

    void trustedCertificatePassesTheTest()
    {
        AccountSetupDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        fillIn(dialog, kPassword, loopback(m_dovecot->imapsPort(), store::Security::Tls),
               loopback(m_smtpd->smtpsPort(), store::Security::Tls));
        QSignalSpy finished(&dialog, &AccountSetupDialog::testFinished);
        int questions = 0;
        // Answers each certificate question as it comes; IMAP and SMTP show the same certificate: one question.
        QString shownFingerprint;
        bool questionSaved = false;
        QTimer answerer;
        connect(&answerer, &QTimer::timeout, this, [&] {
            auto* question = shownWindow<CertificatePinDialog>();
            if (!question || question->property("answered").toBool())
                return;
            question->setProperty("answered", true);
            ++questions;
            shownFingerprint = field<QLabel>(*question, "fingerprintLabel")->text().remove('\n');
            questionSaved = test::saveScreenshot(*question, "certificate-pin");
            QTest::mouseClick(field<QPushButton>(*question, "trustButton"), Qt::LeftButton);
        });
        answerer.start(10);
        QTest::mouseClick(field<QPushButton>(dialog, "testButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
        answerer.stop();

        const QString expected =
            QString::fromStdString(sync::colonSeparated(m_dovecot->certificateSha256().toStdString()));
        QCOMPARE(questions, 1);
        QCOMPARE(shownFingerprint, expected);
        QVERIFY(questionSaved);
        QCOMPARE(finished.first().first().toBool(), true);
        const sync::AccountCheckResult& check = *dialog.lastCheck();
        QVERIFY2(check.imap.ok, check.imap.detail.c_str());
        QVERIFY2(check.smtp.ok, check.smtp.detail.c_str());
        QVERIFY(field<QLabel>(dialog, "imapResultLabel")->text().startsWith("Works"));
        QVERIFY(field<QLabel>(dialog, "smtpResultLabel")->text().startsWith("Works"));
        auto* add = field<QPushButton>(dialog, "addButton");
        QVERIFY(add->isEnabled());
        QVERIFY(test::saveScreenshot(dialog, "account-setup"));

        const store::Account account = dialog.account();
        QCOMPARE(account.address, kUser.toStdString());
        QCOMPARE(account.displayName, std::string("Alice"));
        QCOMPARE(account.username, kUser.toStdString());
        QCOMPARE(account.password, kPassword.toStdString());
        QCOMPARE(account.pins, std::vector<std::string>{m_dovecot->certificateSha256().toStdString()});
        QCOMPARE(account.imap.host, std::string("127.0.0.1"));
        QCOMPARE(account.imap.port, m_dovecot->imapsPort());
        QCOMPARE(account.imap.security, store::Security::Tls);
        QCOMPARE(account.smtp.port, m_smtpd->smtpsPort());
        QCOMPARE(account.smtp.security, store::Security::Tls);

        // Another password is not what passed: adding needs a new test.
        auto* password = field<QLineEdit>(dialog, "passwordEdit");
        QTest::keyClick(password, Qt::Key_X);
        QVERIFY(!add->isEnabled());
        QTest::keyClick(password, Qt::Key_Backspace);
        QVERIFY(add->isEnabled());

        QTest::mouseClick(add, Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void closedPortIsAConnectionFailure()
    {
        AccountSetupDialog dialog;
        dialog.show();
        const quint16 closed = test::freeLoopbackPort();
        QVERIFY(closed != 0);
        fillIn(dialog, kPassword, loopback(closed, store::Security::Tls), loopback(closed, store::Security::Tls));
        QVERIFY(clickTestAndWait(dialog));
        const sync::AccountCheckResult& check = *dialog.lastCheck();
        QVERIFY(!check.imap.ok);
        QCOMPARE(check.imap.stage, std::string("connect"));
        QVERIFY(!check.smtp.ok);
        QCOMPARE(check.smtp.stage, std::string("connect"));
        QVERIFY(field<QLabel>(dialog, "imapResultLabel")->text().contains("connect"));
        QVERIFY(!field<QPushButton>(dialog, "addButton")->isEnabled());
    }

    void guiKeepsGoingWhileTesting()
    {
        SilentServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        AccountSetupDialog dialog;
        dialog.show();
        fillIn(dialog, kPassword, loopback(server.serverPort(), store::Security::Plain),
               loopback(server.serverPort(), store::Security::Plain));

        // The server lets the test end only once this timer has fired a few
        // times during it: on a blocked GUI thread it could not.
        int ticksWhileTesting = 0;
        bool busyShown = false;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] {
            if (!dialog.testing())
                return;
            busyShown = field<QProgressBar>(dialog, "busyIndicator")->isVisible()
                && !field<QPushButton>(dialog, "testButton")->isEnabled()
                && !field<QPushButton>(dialog, "addButton")->isEnabled();
            if (++ticksWhileTesting >= 5 && server.held() > 0)
                server.release();
        });
        ticker.start(10);
        QVERIFY(clickTestAndWait(dialog));
        ticker.stop();

        QVERIFY(ticksWhileTesting >= 5);
        QVERIFY(busyShown);
        QVERIFY(!dialog.testing());
        QVERIFY(!field<QProgressBar>(dialog, "busyIndicator")->isVisible());
        QVERIFY(!dialog.lastCheck()->imap.ok); // the server hung up before its greeting
        QVERIFY(!dialog.lastCheck()->smtp.ok);
    }

    void closingWhileTestingIsSafe()
    {
        SilentServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        auto closed = std::make_unique<AccountSetupDialog>();
        auto deleted = std::make_unique<AccountSetupDialog>();
        QSignalSpy closedFinished(closed.get(), &AccountSetupDialog::testFinished);
        for (AccountSetupDialog* dialog : {closed.get(), deleted.get()}) {
            dialog->show();
            fillIn(*dialog, kPassword, loopback(server.serverPort(), store::Security::Plain),
                   loopback(server.serverPort(), store::Security::Plain));
            QTest::mouseClick(field<QPushButton>(*dialog, "testButton"), Qt::LeftButton);
            QVERIFY(dialog->testing());
        }
        QTRY_COMPARE_WITH_TIMEOUT(server.held(), 2, kWaitMs); // both tests wait on the network
        // Painting goes on meanwhile: Qt's painting uses its global thread pool,
        // which two tests blocked there would have filled (this froze once).
        QVERIFY(!closed->grab().isNull());

        // One closed (as by its Cancel button), the other gone altogether, both while their tests run.
        QTest::mouseClick(field<QPushButton>(*closed, "cancelButton"), Qt::LeftButton);
        QCOMPARE(closed->result(), int(QDialog::Rejected));
        QVERIFY(!closed->testing());
        deleted.reset();

        server.release();
        QTRY_VERIFY_WITH_TIMEOUT(ui::AccountTestRunner::waitForWorkers(0), kWaitMs);
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QCOMPARE(closedFinished.count(), 0); // the closed dialog's test is forgotten
        QVERIFY(!closed->lastCheck());
    }

    void addWithoutTestingAsksFirst()
    {
        AccountSetupDialog dialog;
        dialog.show();
        fillIn(dialog, kPassword, {"imap.example.org", 993, store::Security::Tls},
               {"smtp.example.org", 587, store::Security::StartTls});
        auto* addUntested = field<QPushButton>(dialog, "addUntestedButton");
        QVERIFY(addUntested->isEnabled());

        QTest::mouseClick(addUntested, Qt::LeftButton);
        QTRY_VERIFY(shownWindow<QMessageBox>() != nullptr);
        QMessageBox* box = shownWindow<QMessageBox>();
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        QTRY_VERIFY(shownWindow<QMessageBox>() == nullptr);
        QVERIFY(dialog.isVisible());

        QTest::mouseClick(addUntested, Qt::LeftButton);
        QTRY_VERIFY(shownWindow<QMessageBox>() != nullptr);
        QTest::mouseClick(field<QPushButton>(*shownWindow<QMessageBox>(), "confirmUntestedButton"), Qt::LeftButton);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const store::Account account = dialog.account();
        QCOMPARE(account.smtp.host, std::string("smtp.example.org"));
        QCOMPARE(account.smtp.security, store::Security::StartTls);
        QVERIFY(account.pins.empty());
        QVERIFY(!dialog.lastCheck());
    }

    void editingKeepsWhatIsNotChanged()
    {
        store::Account existing;
        existing.id = 7;
        existing.created = 1700000000;
        existing.address = "someone@gmail.com";
        existing.displayName = "Someone";
        existing.imap = {"imap.example.net", 1993, store::Security::Tls};
        existing.smtp = {"smtp.example.net", 1587, store::Security::StartTls};
        existing.username = "someone";
        existing.password = "old password";
        existing.pins = {std::string(64, 'a')};
        existing.sentCopy = true;

        AccountSetupDialog dialog(existing);
        dialog.show();
        QVERIFY(dialog.editing());
        QCOMPARE(field<QLineEdit>(dialog, "addressEdit")->text(), QString("someone@gmail.com"));
        // The account's own servers, not Gmail's.
        QCOMPARE(field<QLineEdit>(dialog, "imapHostEdit")->text(), QString("imap.example.net"));
        QCOMPARE(field<QSpinBox>(dialog, "imapPortSpin")->value(), 1993);
        QCOMPARE(field<QSpinBox>(dialog, "smtpPortSpin")->value(), 1587);
        QCOMPARE(field<QLineEdit>(dialog, "usernameEdit")->text(), QString("someone"));
        QVERIFY(field<QCheckBox>(dialog, "sentCopyCheck")->isChecked());
        QVERIFY(field<QLineEdit>(dialog, "passwordEdit")->text().isEmpty());

        // Unchanged settings may be saved as they are; an empty password keeps the old one.
        auto* save = field<QPushButton>(dialog, "addButton");
        QVERIFY(save->isEnabled());
        QTest::keyClicks(field<QLineEdit>(dialog, "nameEdit"), " Else");
        QVERIFY(save->isEnabled());
        store::Account edited = dialog.account();
        QCOMPARE(edited.id, std::int64_t(7));
        QCOMPARE(edited.created, std::int64_t(1700000000));
        QCOMPARE(edited.displayName, std::string("Someone Else"));
        QCOMPARE(edited.password, std::string("old password"));
        QCOMPARE(edited.pins, existing.pins);
        QCOMPARE(edited.imap.host, std::string("imap.example.net"));

        // Changed login settings need a test (or a confirmation) again.
        field<QSpinBox>(dialog, "imapPortSpin")->setValue(993);
        QVERIFY(!save->isEnabled());
        field<QSpinBox>(dialog, "imapPortSpin")->setValue(1993);
        QVERIFY(save->isEnabled());
        QTest::keyClicks(field<QLineEdit>(dialog, "passwordEdit"), "new password");
        QVERIFY(!save->isEnabled());
        QCOMPARE(dialog.account().password, std::string("new password"));
    }
};

QTEST_MAIN(AccountSetupTest)
#include "tst_account_setup.moc"
