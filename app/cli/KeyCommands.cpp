// keys list|generate|import|export|setup-message: the profile's own OpenPGP
// keys and what it knows of its peers' (docs/openpgp.md, "Keys and Autocrypt").

#include "Arguments.h"
#include "CliError.h"
#include "Commands.h"
#include "Context.h"
#include "Passphrase.h"
#include "ProfileGnupg.h"

#include "crypto/AutocryptRecommendation.h"
#include "crypto/AutocryptSetupMessage.h"
#include "crypto/CryptoError.h"
#include "crypto/KeyFileImport.h"
#include "crypto/Keyring.h"
#include "crypto/OpenPgpPackets.h"
#include "crypto/OwnKeySetup.h"
#include "crypto/PeerKeyImport.h"
#include "crypto/SecretKeyExport.h"
#include "store/Accounts.h"
#include "store/AutocryptPeers.h"
#include "store/OwnKeys.h"
#include "store/PeerKeys.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

namespace cachet::cli {

namespace {

// The profile unlocked and its GNUPGHOME open for one command.
struct KeyProfile {
    store::Profile profile;
    ProfileGnupg home;
    explicit KeyProfile(store::Profile p) : profile(std::move(p)), home(profile) {}
    store::Database& db() { return profile.store().db(); }
    const QString& gnupg() const { return home.directory(); }
};

std::int64_t now()
{
    return QDateTime::currentSecsSinceEpoch();
}

QString day(std::int64_t secs)
{
    return secs > 0 ? QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString("yyyy-MM-dd") : QString("-");
}

// FILE, or standard input for "-" (so a key piped from gpg never touches the disk).
std::string readInput(const QString& path, std::size_t limit)
{
    QFile file;
    if (path == "-") {
        if (!file.open(stdin, QIODevice::ReadOnly))
            throw CliError("cannot read standard input");
        const QByteArray data = file.read(static_cast<qint64>(limit) + 1);
        if (static_cast<std::size_t>(data.size()) > limit)
            throw CliError("standard input is larger than " + std::to_string(limit / 1024) + " KiB");
        return data.toStdString();
    }
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly))
        throw CliError("cannot read " + path.toStdString() + ": " + file.errorString().toStdString());
    if (static_cast<std::size_t>(file.size()) > limit)
        throw CliError(path.toStdString() + " is larger than " + std::to_string(limit / 1024) + " KiB");
    return file.readAll().toStdString();
}

// --address, else the account's address.
std::string ownAddressOption(const Arguments& a, store::Database& db)
{
    if (auto address = a.value("--address"))
        return address->trimmed().toLower().toStdString();
    if (auto account = store::Accounts(db).only())
        return QString::fromStdString(account->address).toLower().toStdString();
    throw CliError("this profile has no account: give --address");
}

std::string ownPreferEncrypt(store::Database& db)
{
    const auto own = store::OwnKeys(db).all();
    return own.empty() ? "nopreference" : own.front().preferEncrypt;
}

const char* recommendationName(crypto::Recommendation r)
{
    switch (r) {
    case crypto::Recommendation::Encrypt: return "encrypt";
    case crypto::Recommendation::Available: return "available";
    case crypto::Recommendation::Discourage: return "discourage";
    case crypto::Recommendation::Disable: break;
    }
    return "disable";
}

int keysList(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {}, {"--json"});
    a.expectPositionals(0, "keys list [--json]");
    KeyProfile p(ctx.unlock());
    const auto own = store::OwnKeys(p.db()).all();
    std::map<std::string, store::AutocryptPeer> peers;
    for (store::AutocryptPeer& peer : store::AutocryptPeers(p.db()).all())
        peers[peer.address] = std::move(peer);
    std::map<std::string, std::vector<store::PeerKey>> keys;
    for (store::PeerKey& k : store::PeerKeys(p.db()).all())
        keys[k.address].push_back(std::move(k));
    std::set<std::string> addresses;
    for (const auto& [address, _] : peers)
        addresses.insert(address);
    for (const auto& [address, _] : keys)
        addresses.insert(address);
    const std::string preference = ownPreferEncrypt(p.db());

    QJsonArray json;
    for (const store::OwnKey& k : own) {
        json.append(QJsonObject{{"address", QString::fromStdString(k.address)}, {"own", true},
                                {"fingerprint", QString::fromStdString(k.fingerprint)},
                                {"prefer_encrypt", QString::fromStdString(k.preferEncrypt)},
                                {"created", static_cast<qint64>(k.created)}});
        if (!a.flag("--json"))
            std::printf("own   %s  %s  prefer-encrypt %s\n", k.address.c_str(), k.fingerprint.c_str(),
                        k.preferEncrypt.c_str());
    }
    for (const std::string& address : addresses) {
        const crypto::EncryptionRecommendation r = crypto::recommendEncryption(p.db(), {address}, preference, false);
        const crypto::RecipientRecommendation& rec = r.recipients.front();
        QJsonObject row{{"address", QString::fromStdString(address)}, {"own", false},
                        {"fingerprint", QString::fromStdString(rec.fingerprint)},
                        {"recommendation", recommendationName(rec.recommendation)}};
        std::string state;
        if (auto it = peers.find(address); it != peers.end()) {
            const store::AutocryptPeer& peer = it->second;
            if (!peer.publicKeyFingerprint.empty()) {
                row["autocrypt"] = QJsonObject{{"fingerprint", QString::fromStdString(peer.publicKeyFingerprint)},
                                               {"prefer_encrypt", QString::fromStdString(peer.preferEncrypt)},
                                               {"autocrypt_timestamp", static_cast<qint64>(peer.autocryptTimestamp)},
                                               {"last_seen", static_cast<qint64>(peer.lastSeen)}};
                state += "autocrypt " + peer.preferEncrypt + ", header " + day(peer.autocryptTimestamp).toStdString()
                    + ", seen " + day(peer.lastSeen).toStdString() + "; ";
            }
            if (!peer.gossipKeyFingerprint.empty()) {
                row["gossip"] = QJsonObject{{"fingerprint", QString::fromStdString(peer.gossipKeyFingerprint)},
                                            {"gossip_timestamp", static_cast<qint64>(peer.gossipTimestamp)}};
                state += "gossip " + day(peer.gossipTimestamp).toStdString() + "; ";
            }
        }
        QJsonArray keyRows;
        for (const store::PeerKey& k : keys[address]) {
            keyRows.append(QJsonObject{{"fingerprint", QString::fromStdString(k.fingerprint)},
                                       {"source", QString::fromStdString(k.source)}});
            state += k.source + "; ";
        }
        row["keys"] = keyRows;
        json.append(row);
        if (!a.flag("--json"))
            std::printf("peer  %s  %s  %s%s\n", address.c_str(), rec.fingerprint.empty() ? "-" : rec.fingerprint.c_str(),
                        state.c_str(), recommendationName(rec.recommendation));
    }
    if (a.flag("--json"))
        std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    else if (own.empty() && addresses.empty())
        std::printf("no keys; `cachet-cli keys generate` makes your own\n");
    return 0;
}

int keysGenerate(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {"--address"}, {});
    a.expectPositionals(0, "keys generate [--address A]");
    KeyProfile p(ctx.unlock());
    const std::string address = ownAddressOption(a, p.db());
    if (address.find('@') == std::string::npos)
        throw usageError("--address needs a mail address");
    if (auto existing = store::OwnKeys(p.db()).byAddress(address))
        throw CliError(address + " already has an own key (" + existing->fingerprint + ")");
    const store::OwnKey key = crypto::generateOwnKey(p.gnupg(), p.db(), address);
    std::printf("generated %s for %s\n", key.fingerprint.c_str(), key.address.c_str());
    return 0;
}

void printLearned(const std::vector<crypto::LearnedPeerKey>& learned)
{
    for (const crypto::LearnedPeerKey& k : learned) {
        std::string joined;
        for (const std::string& address : k.addresses)
            joined += (joined.empty() ? "" : ", ") + address;
        std::printf("imported %s for %s\n", k.fingerprint.c_str(), joined.c_str());
    }
}

int keysImport(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {"--key-passphrase-fd"}, {});
    a.expectPositionals(1, "keys import FILE|- [--key-passphrase-fd N]");
    std::optional<int> keyPassphraseFd;
    if (auto fd = a.value("--key-passphrase-fd")) {
        bool ok = false;
        keyPassphraseFd = fd->toInt(&ok);
        if (!ok || *keyPassphraseFd < 0)
            throw usageError("--key-passphrase-fd needs a file descriptor number");
    }
    const std::string data = readInput(a.positionals().front(), crypto::kMaxKeyDataBytes);
    KeyProfile p(ctx.unlock());
    // Asked for only if a secret key in the file is protected.
    const crypto::KeyFileImportResult result = crypto::importKeyFile(
        p.gnupg(), p.db(), data, now(), [&](const std::string&) -> std::optional<std::string> {
            return readPassphrase({keyPassphraseFd, "CACHET_KEY_PASSPHRASE", "Passphrase of the imported key: ", false})
                .value();
        });
    for (const crypto::AdoptedOwnKey& own : result.own) {
        std::string joined;
        for (const std::string& address : own.addresses)
            joined += (joined.empty() ? "" : ", ") + address;
        std::printf(own.alreadyOwn ? "%s is already the own key of %s\n" : "%s is now the own key of %s\n",
                    own.fingerprint.c_str(), joined.c_str());
    }
    if (result.peers.empty() && result.own.empty())
        std::printf("nothing imported: the keys are for this profile's own addresses\n");
    printLearned(result.peers);
    return 0;
}

int keysExport(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {}, {"--secret"});
    a.expectPositionals(1, "keys export ADDRESS [--secret]");
    const std::string address = a.positionals().front().trimmed().toLower().toStdString();
    if (!a.flag("--secret")) {
        KeyProfile p(ctx.unlock());
        std::string fingerprint;
        if (auto own = store::OwnKeys(p.db()).byAddress(address))
            fingerprint = own->fingerprint;
        else
            fingerprint = crypto::recommendEncryption(p.db(), {address}, "nopreference", false).recipients.front().fingerprint;
        if (fingerprint.empty())
            throw CliError("no key for " + address);
        const std::string armored = crypto::Keyring(p.gnupg()).exportPublic(fingerprint, false, true);
        std::fwrite(armored.data(), 1, armored.size(), stdout);
        return 0;
    }
    // The exported secret key is protected by the profile passphrase: asked
    // for here (and once more on a terminal), so that the user knows it.
    const Passphrase passphrase = ctx.readProfilePassphrase("Profile passphrase (it will protect the exported key): ");
    KeyProfile p(ctx.unlockWith(passphrase));
    if (!ctx.passphraseFd && isatty(0) && !std::getenv("CACHET_PASSPHRASE")) {
        const Passphrase again = readPassphrase({std::nullopt, "CACHET_PASSPHRASE_UNUSED", "Profile passphrase again: ", false});
        if (again.value() != passphrase.value())
            throw CliError("the passphrases differ; nothing exported");
    }
    const auto own = store::OwnKeys(p.db()).byAddress(address);
    if (!own)
        throw CliError(address + " has no own key in this profile (only own keys have a secret part)");
    std::string armored = crypto::exportSecretKeyProtectedWith(p.gnupg(), p.db(), *own, passphrase.value());
    std::fwrite(armored.data(), 1, armored.size(), stdout);
    std::fflush(stdout);
    std::fill(armored.begin(), armored.end(), '\0');
    return 0;
}

int setupMessageCreate(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {"--out", "--address"}, {});
    a.expectPositionals(0, "keys setup-message create [--out FILE] [--address A]");
    KeyProfile p(ctx.unlock());
    std::string address;
    const auto own = store::OwnKeys(p.db()).all();
    if (a.value("--address") || store::Accounts(p.db()).only() || own.empty())
        address = ownAddressOption(a, p.db());
    else
        address = own.front().address;
    const crypto::CreatedSetupMessage made = crypto::createSetupMessage(p.gnupg(), p.db(), address, now());
    if (auto out = a.value("--out")) {
        QSaveFile file(*out);
        if (!file.open(QIODevice::WriteOnly)
            || file.write(made.message.data(), static_cast<qint64>(made.message.size())) < 0 || !file.commit())
            throw CliError("cannot write " + out->toStdString());
        std::printf("Setup code: %s\n", made.setupCode.c_str());
    } else {
        std::fwrite(made.message.data(), 1, made.message.size(), stdout);
        std::fprintf(stderr, "Setup code: %s\n", made.setupCode.c_str());
    }
    return 0;
}

int setupMessageImport(const Context& ctx, const QStringList& args)
{
    Arguments a(args, {"--code"}, {});
    a.expectPositionals(1, "keys setup-message import FILE --code CODE");
    const auto code = a.value("--code");
    if (!code)
        throw usageError("keys setup-message import needs --code");
    const std::string message = readInput(a.positionals().front(), crypto::kMaxSetupMessageBytes);
    KeyProfile p(ctx.unlock());
    const crypto::ImportedSetup imported = crypto::importSetupMessage(p.gnupg(), p.db(), message, code->toStdString());
    std::string joined;
    for (const std::string& address : imported.addresses)
        joined += (joined.empty() ? "" : ", ") + address;
    std::printf("%s is now the own key of %s%s\n", imported.fingerprint.c_str(), joined.c_str(),
                imported.preferEncrypt.empty() ? "" : (" (prefer-encrypt " + imported.preferEncrypt + ")").c_str());
    return 0;
}

int keysSetupMessage(const Context& ctx, const QStringList& args)
{
    const QString verb = args.value(0);
    if (verb == "create")
        return setupMessageCreate(ctx, args.mid(1));
    if (verb == "import")
        return setupMessageImport(ctx, args.mid(1));
    throw usageError("keys setup-message create|import");
}

} // namespace

int runKeys(const Context& ctx, const QStringList& args)
{
    const QString verb = args.value(0);
    const QStringList rest = args.mid(1);
    try {
        if (verb == "list")
            return keysList(ctx, rest);
        if (verb == "generate")
            return keysGenerate(ctx, rest);
        if (verb == "import")
            return keysImport(ctx, rest);
        if (verb == "export")
            return keysExport(ctx, rest);
        if (verb == "setup-message")
            return keysSetupMessage(ctx, rest);
    } catch (const crypto::CryptoError& e) {
        throw CliError(e.what());
    }
    throw usageError("keys list|generate|import|export|setup-message");
}

} // namespace cachet::cli
