// The first window: creating a profile and unlocking it, as a user does it.

#include "unlock/PassphraseStrength.h"
#include "unlock/UnlockDialog.h"

#include "Screenshots.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace cachet;

class TestUnlock : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString profileDir() const { return m_dir.path() + "/profile"; }

    static void type(QWidget& dialog, const char* name, const QString& text)
    {
        auto* edit = dialog.findChild<QLineEdit*>(name);
        QVERIFY(edit);
        edit->clear();
        QTest::keyClicks(edit, text);
    }

private slots:
    void createsAProfileWithThePassphraseTypedTwice()
    {
        ui::UnlockDialog dialog(profileDir(), store::KdfCost::interactive());
        dialog.show();
        QVERIFY(dialog.creating());
        auto* submit = dialog.findChild<QPushButton*>("submitButton");
        auto* strength = dialog.findChild<QLabel*>("strengthLabel");
        type(dialog, "passphraseEdit", "correct horse battery staple");
        type(dialog, "repeatEdit", "correct horse battery stapel");
        QVERIFY(!submit->isEnabled()); // they differ
        QVERIFY(strength->text().contains("Strong"));
        type(dialog, "repeatEdit", "correct horse battery staple");
        QVERIFY(submit->isEnabled());
        QVERIFY(test::saveScreenshot(dialog, "create-profile"));
        QTest::mouseClick(submit, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 60000);
        auto profile = dialog.takeProfile();
        QVERIFY(profile);
        QVERIFY(QFileInfo::exists(profileDir() + "/store.db"));
    }

    void weakPassphrasesAreCalledWeak()
    {
        QCOMPARE(ui::ratePassphrase("password").level, ui::PassphraseStrength::Level::Weak);
        QCOMPARE(ui::ratePassphrase("aaaaaaaaaaaaaaaaaaaa").level, ui::PassphraseStrength::Level::Weak);
        QCOMPARE(ui::ratePassphrase("horse123").level, ui::PassphraseStrength::Level::Fair);
    }

    void aWrongPassphraseIsSaidAndTheUserTriesAgain()
    {
        ui::UnlockDialog dialog(profileDir(), store::KdfCost::interactive());
        dialog.show();
        QVERIFY(!dialog.creating());
        auto* submit = dialog.findChild<QPushButton*>("submitButton");
        auto* error = dialog.findChild<QLabel*>("errorLabel");
        type(dialog, "passphraseEdit", "not it");
        QTest::mouseClick(submit, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 60000);
        QVERIFY(error->text().contains("Wrong passphrase"));
        QVERIFY(dialog.isVisible()); // still open, for another try
        QVERIFY(test::saveScreenshot(dialog, "wrong-passphrase"));

        type(dialog, "passphraseEdit", "correct horse battery staple");
        QTest::mouseClick(submit, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 60000);
        QVERIFY(dialog.takeProfile());
    }
};

QTEST_MAIN(TestUnlock)
#include "tst_unlock.moc"
