#include "keys/KeysDialog.h"

#include "engine/Session.h"

#include "crypto/AutocryptRecommendation.h"
#include "crypto/AutocryptSetupMessage.h"
#include "crypto/CryptoError.h"
#include "crypto/KeyFileImport.h"
#include "crypto/Keyring.h"
#include "crypto/OpenPgpPackets.h"
#include "crypto/OwnKeySetup.h"
#include "store/Accounts.h"
#include "store/AutocryptPeers.h"
#include "store/OwnKeys.h"
#include "store/PeerKeys.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>

namespace cachet::ui {

namespace {

struct PeerRow {
    QString address;
    QString fingerprint;
    QString source;
    QString preferEncrypt;
    qint64 lastSeen = 0;
    QString recommendation;
};

struct KeysState {
    std::string accountAddress;
    std::optional<store::OwnKey> own;
    std::vector<PeerRow> peers;
};

// "ABCD 1234 ..." in groups of four, as people compare fingerprints.
QString grouped(const std::string& fingerprint)
{
    QString out;
    for (std::size_t i = 0; i < fingerprint.size(); i += 4)
        out += (out.isEmpty() ? "" : " ") + QString::fromStdString(fingerprint.substr(i, 4));
    return out;
}

QString recommendationText(crypto::Recommendation r)
{
    switch (r) {
    case crypto::Recommendation::Encrypt: return KeysDialog::tr("encrypts by default");
    case crypto::Recommendation::Available: return KeysDialog::tr("can encrypt");
    case crypto::Recommendation::Discourage: return KeysDialog::tr("can encrypt (key may be out of date)");
    case crypto::Recommendation::Disable: break;
    }
    return KeysDialog::tr("cannot encrypt");
}

bool writeFile(QWidget* parent, const QString& path, const std::string& bytes)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size())
        && file.commit())
        return true;
    QMessageBox::warning(parent, KeysDialog::tr("Save"), KeysDialog::tr("%1 could not be written: %2").arg(path, file.errorString()));
    return false;
}

} // namespace

KeysDialog::KeysDialog(Session& session, QWidget* parent) : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Keys"));
    setObjectName(QStringLiteral("keysDialog"));
    auto* layout = new QVBoxLayout(this);

    auto* ownBox = new QGroupBox(tr("Your key"));
    auto* ownLayout = new QVBoxLayout(ownBox);
    m_ownKey = new QLabel;
    m_ownKey->setObjectName(QStringLiteral("ownKeyLabel"));
    m_ownKey->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ownKey->setWordWrap(true);
    ownLayout->addWidget(m_ownKey);
    auto* ownButtons = new QHBoxLayout;
    m_exportButton = new QPushButton(tr("&Export Public Key…"));
    m_exportButton->setObjectName(QStringLiteral("exportPublicKeyButton"));
    m_setupButton = new QPushButton(tr("Create &Setup Message…"));
    m_setupButton->setObjectName(QStringLiteral("setupMessageButton"));
    m_setupButton->setToolTip(tr("Moves your key to another Autocrypt mail program (Thunderbird, K-9, Delta Chat)."));
    m_generateButton = new QPushButton(tr("&Create a Key"));
    m_generateButton->setObjectName(QStringLiteral("generateKeyButton"));
    for (QPushButton* b : {m_exportButton, m_setupButton, m_generateButton})
        ownButtons->addWidget(b);
    ownButtons->addStretch();
    ownLayout->addLayout(ownButtons);
    layout->addWidget(ownBox);

    auto* peersBox = new QGroupBox(tr("People's keys"));
    auto* peersLayout = new QVBoxLayout(peersBox);
    m_peers = new QTreeWidget;
    m_peers->setObjectName(QStringLiteral("peerKeysList"));
    m_peers->setRootIsDecorated(false);
    m_peers->setHeaderLabels({tr("Address"), tr("Writing to them"), tr("Prefers encryption"), tr("Key from"),
                              tr("Last seen"), tr("Fingerprint")});
    m_peers->header()->setStretchLastSection(true);
    m_peers->setSortingEnabled(true);
    peersLayout->addWidget(m_peers);
    auto* importButton = new QPushButton(tr("&Import Key File…"));
    importButton->setObjectName(QStringLiteral("importKeyButton"));
    auto* importRow = new QHBoxLayout;
    importRow->addWidget(importButton);
    importRow->addStretch();
    peersLayout->addLayout(importRow);
    layout->addWidget(peersBox, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_exportButton, &QPushButton::clicked, this, &KeysDialog::exportPublicKey);
    connect(m_setupButton, &QPushButton::clicked, this, &KeysDialog::createSetupMessage);
    connect(m_generateButton, &QPushButton::clicked, this, &KeysDialog::generateKey);
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import Key File"), QString(),
                                                          tr("OpenPGP keys (*.asc *.gpg *.pgp *.key);;All files (*)"));
        if (!path.isEmpty())
            importFile(path);
    });
    resize(820, 520);
    refresh();
}

void KeysDialog::refresh()
{
    m_session.reader().run<KeysState>(
        this,
        [](store::Database& db) {
            KeysState state;
            if (auto account = store::Accounts(db).only())
                state.accountAddress = account->address;
            const auto own = store::OwnKeys(db).all();
            for (const store::OwnKey& k : own)
                if (!state.own || k.address == state.accountAddress)
                    state.own = k;
            const std::string preference = state.own ? state.own->preferEncrypt : std::string("nopreference");
            std::map<std::string, PeerRow> rows;
            for (const store::AutocryptPeer& p : store::AutocryptPeers(db).all()) {
                PeerRow& r = rows[p.address];
                r.address = QString::fromStdString(p.address);
                r.preferEncrypt = p.preferEncrypt == "mutual" ? tr("yes") : tr("no preference");
                r.lastSeen = p.lastSeen;
                r.fingerprint = grouped(!p.publicKeyFingerprint.empty() ? p.publicKeyFingerprint : p.gossipKeyFingerprint);
                r.source = !p.publicKeyFingerprint.empty() ? tr("Autocrypt") : !p.gossipKeyFingerprint.empty() ? tr("gossip") : QString();
            }
            for (const store::PeerKey& k : store::PeerKeys(db).all()) {
                PeerRow& r = rows[k.address];
                r.address = QString::fromStdString(k.address);
                if (r.fingerprint.isEmpty()) {
                    r.fingerprint = grouped(k.fingerprint);
                    r.source = k.source == store::kPeerKeyManual ? tr("imported") : tr("attached to a message");
                }
            }
            for (auto& [address, row] : rows)
                row.recommendation =
                    recommendationText(crypto::recommendEncryption(db, {address}, preference, false).recipients.front().recommendation);
            for (auto& [address, row] : rows)
                state.peers.push_back(std::move(row));
            return state;
        },
        [this](KeysState state) {
            m_accountAddress = state.accountAddress;
            m_ownAddress = state.own ? state.own->address : std::string();
            m_ownFingerprint = state.own ? state.own->fingerprint : std::string();
            if (state.own)
                m_ownKey->setText(tr("%1\nFingerprint: %2\nCreated %3")
                                      .arg(QString::fromStdString(state.own->address), grouped(state.own->fingerprint),
                                           QLocale().toString(QDateTime::fromSecsSinceEpoch(state.own->created),
                                                              QLocale::ShortFormat)));
            else
                m_ownKey->setText(tr("No key yet: your mail goes out unsigned, and nobody can encrypt to you. "
                                     "Create a key, or import yours from a file or a setup message."));
            m_exportButton->setEnabled(state.own.has_value());
            m_setupButton->setEnabled(state.own.has_value());
            m_generateButton->setVisible(!state.own && !state.accountAddress.empty());
            m_peers->clear();
            for (const PeerRow& r : state.peers) {
                auto* item = new QTreeWidgetItem({r.address, r.recommendation, r.preferEncrypt, r.source,
                                                  r.lastSeen ? QLocale().toString(QDateTime::fromSecsSinceEpoch(r.lastSeen).date(), QLocale::ShortFormat) : QString(),
                                                  r.fingerprint});
                m_peers->addTopLevelItem(item);
            }
            m_peers->sortByColumn(0, Qt::AscendingOrder);
            emit refreshed();
        });
}

void KeysDialog::exportPublicKey()
{
    if (m_ownFingerprint.empty())
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Public Key"),
                                                      QString::fromStdString(m_ownAddress) + QStringLiteral(".asc"));
    if (path.isEmpty())
        return;
    m_session.reader().run<std::string>(
        this, [home = m_session.gnupgHome(), fpr = m_ownFingerprint](store::Database&) {
            return crypto::Keyring(home).exportPublic(fpr, false, true);
        },
        [this, path](std::string armored) { writeFile(this, path, armored); },
        [this](const QString& error) { QMessageBox::warning(this, tr("Export"), error); });
}

void KeysDialog::createSetupMessage()
{
    if (m_ownAddress.empty())
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Setup Message"), QStringLiteral("autocrypt-setup.eml"));
    if (path.isEmpty())
        return;
    m_session.writer().run<crypto::CreatedSetupMessage>(
        this,
        [home = m_session.gnupgHome(), address = m_ownAddress](store::Database& db) {
            return crypto::createSetupMessage(home, db, address, QDateTime::currentSecsSinceEpoch());
        },
        [this, path](crypto::CreatedSetupMessage made) {
            if (!writeFile(this, path, made.message))
                return;
            // The code is shown once and never stored (Autocrypt Level 1 §4.4).
            QMessageBox box(QMessageBox::Information, tr("Setup Message"),
                            tr("Open the setup message in your other mail program and enter this setup code:\n\n%1\n\n"
                               "Write it down now: Cachet does not keep it.").arg(QString::fromStdString(made.setupCode)),
                            QMessageBox::Ok, this);
            box.setTextInteractionFlags(Qt::TextSelectableByMouse);
            box.exec();
        },
        [this](const QString& error) { QMessageBox::warning(this, tr("Setup Message"), error); });
}

void KeysDialog::generateKey()
{
    if (m_accountAddress.empty())
        return;
    m_generateButton->setEnabled(false);
    m_session.writer().run(
        this, [home = m_session.gnupgHome(), address = m_accountAddress](store::Database& db) {
            crypto::generateOwnKey(home, db, address);
        },
        [this] {
            m_generateButton->setEnabled(true);
            refresh();
        },
        [this](const QString& error) {
            m_generateButton->setEnabled(true);
            QMessageBox::warning(this, tr("Create a Key"), error);
        });
}

void KeysDialog::importFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > qint64(crypto::kMaxKeyDataBytes)) {
        QMessageBox::warning(this, tr("Import"), tr("%1 cannot be read as a key file.").arg(path));
        return;
    }
    runImport(file.readAll().toStdString(), std::nullopt);
}

void KeysDialog::runImport(std::string keyData, std::optional<std::string> passphrase)
{
    m_session.writer().run<crypto::KeyFileImportResult>(
        this,
        [home = m_session.gnupgHome(), keyData, passphrase](store::Database& db) {
            return crypto::importKeyFile(home, db, keyData, QDateTime::currentSecsSinceEpoch(),
                                         [&](const std::string&) { return passphrase; });
        },
        [this, keyData](crypto::KeyFileImportResult result) {
            if (!result.needPassphrase.empty()) {
                // Asked here, on the GUI thread, then the import runs again with it.
                bool ok = false;
                const QString entered = QInputDialog::getText(
                    this, tr("Import"),
                    tr("The secret key %1 is protected. Its passphrase:").arg(QString::fromStdString(result.needPassphrase.front())),
                    QLineEdit::Password, QString(), &ok);
                if (ok)
                    runImport(keyData, entered.toStdString());
                return;
            }
            QStringList lines;
            for (const crypto::AdoptedOwnKey& own : result.own)
                for (const std::string& address : own.addresses)
                    lines << tr("Your key for %1").arg(QString::fromStdString(address));
            for (const crypto::LearnedPeerKey& peer : result.peers)
                for (const std::string& address : peer.addresses)
                    lines << tr("Key of %1").arg(QString::fromStdString(address));
            const QString summary = lines.isEmpty() ? tr("Nothing new was imported.") : tr("Imported: %1").arg(lines.join(QStringLiteral("; ")));
            emit imported(summary);
            QMessageBox::information(this, tr("Import"), summary);
            refresh();
        },
        [this](const QString& error) { QMessageBox::warning(this, tr("Import"), error); });
}

} // namespace cachet::ui
