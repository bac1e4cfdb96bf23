#include "crypto/AutocryptSetupMessage.h"

#include "crypto/AutocryptHeader.h"
#include "crypto/AutocryptLearning.h"
#include "crypto/CryptoError.h"
#include "crypto/Keyring.h"
#include "crypto/OpenPgpOperations.h"
#include "crypto/OpenPgpPackets.h"
#include "crypto/OwnKeySetup.h"
#include "crypto/SecretKeyExport.h"
#include "mime/Decoding.h"
#include "mime/HeaderBlock.h"
#include "mime/MimeParser.h"
#include "store/OwnKeys.h"
#include "store/Sqlite.h"
#include "text/AsciiText.h"

#include <sodium.h>

#include <QDateTime>
#include <QLocale>

namespace cachet::crypto {

namespace {

constexpr std::size_t kCodeDigits = 36;
constexpr int kSecretKeyTag = 5;
constexpr std::size_t kMaxSearchDepth = 16;

// Wipes a string holding key material when it goes.
struct Wiped {
    std::string value;
    ~Wiped() { sodium_memzero(value.data(), value.size()); }
};

std::string randomHex(std::size_t bytes)
{
    std::string out;
    static const char* hex = "0123456789abcdef";
    for (std::size_t i = 0; i < bytes; ++i) {
        const std::uint32_t b = randombytes_uniform(256);
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out;
}

// Armor headers go right after the "-----BEGIN PGP ...-----" line (RFC 4880 §6.2).
std::string withArmorHeaders(const std::string& armored, const std::string& headerLines)
{
    const std::size_t firstLineEnd = armored.find('\n');
    if (armored.rfind("-----BEGIN PGP ", 0) != 0 || firstLineEnd == std::string::npos)
        throw CryptoError("gpg gave no ASCII armor");
    return armored.substr(0, firstLineEnd + 1) + headerLines + armored.substr(firstLineEnd + 1);
}

std::string crlf(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
            out += '\r';
        out += text[i];
    }
    return out;
}

std::string rfc5322Date(std::int64_t secs)
{
    const QDateTime at = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
    return QLocale::c().toString(at, "ddd, dd MMM yyyy hh:mm:ss").toStdString() + " +0000";
}

const mime::MimeEntity* findSetupPart(const mime::MimeEntity& e, std::size_t depth)
{
    if (depth > kMaxSearchDepth)
        return nullptr;
    if (e.isLeaf())
        return e.type == "application" && e.subtype == "autocrypt-setup" ? &e : nullptr;
    for (const mime::MimeEntity& child : e.children)
        if (const mime::MimeEntity* found = findSetupPart(child, depth + 1))
            return found;
    return nullptr;
}

// The PGP MESSAGE armor of the setup file, its armor headers (Passphrase-Format,
// Passphrase-Begin) dropped: they are for people, and gpg need not judge them.
std::string encryptedArmorOf(std::string_view body)
{
    constexpr std::string_view begin = "-----BEGIN PGP MESSAGE-----";
    constexpr std::string_view end = "-----END PGP MESSAGE-----";
    const std::size_t b = body.find(begin);
    const std::size_t e = b == std::string_view::npos ? b : body.find(end, b);
    if (e == std::string_view::npos)
        throw CryptoError("the setup message holds no encrypted setup file");
    std::string out = std::string(begin) + "\n\n";
    bool inHeaders = true;
    std::size_t pos = b + begin.size();
    while (pos < e) {
        std::size_t eol = body.find('\n', pos);
        if (eol == std::string_view::npos || eol > e)
            eol = e;
        std::string_view line = body.substr(pos, eol - pos);
        pos = eol + 1;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.remove_suffix(1);
        if (inHeaders && (line.empty() || line.find(':') != std::string_view::npos))
            continue;
        inHeaders = false;
        if (!line.empty())
            out.append(line).append("\n");
    }
    return out + std::string(end) + "\n";
}

// Autocrypt-Prefer-Encrypt from the armor headers of the decrypted key, if given.
std::optional<std::string> preferEncryptOf(std::string_view armoredKey)
{
    constexpr std::string_view name = "Autocrypt-Prefer-Encrypt:";
    std::size_t pos = armoredKey.find('\n');
    while (pos != std::string_view::npos && pos + 1 < armoredKey.size()) {
        const std::size_t next = armoredKey.find('\n', pos + 1);
        std::string_view line = armoredKey.substr(pos + 1, (next == std::string_view::npos ? armoredKey.size() : next) - pos - 1);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.remove_suffix(1);
        if (line.empty())
            break; // end of the armor headers
        if (line.size() >= name.size() && text::equalsIgnoreCase(line.substr(0, name.size()), name)) {
            const std::string value = text::asciiLower(mime::HeaderBlock::unfold(line.substr(name.size())));
            return value == kPreferEncryptMutual ? kPreferEncryptMutual : kPreferEncryptNoPreference;
        }
        pos = next;
    }
    return std::nullopt;
}

bool holdsSecretKey(std::string_view armoredKey)
{
    const auto binary = dearmoredKeyData(armoredKey);
    const auto tags = binary ? packetTags(*binary) : std::nullopt;
    return tags && !tags->empty() && tags->front() == kSecretKeyTag;
}

} // namespace

std::string generateSetupCode()
{
    std::string code;
    for (std::size_t i = 0; i < kCodeDigits; ++i) {
        if (i > 0 && i % 4 == 0)
            code += '-';
        code += static_cast<char>('0' + randombytes_uniform(10));
    }
    return code;
}

std::optional<std::string> normalizedSetupCode(std::string_view typed)
{
    if (typed.size() > 200)
        return std::nullopt;
    std::string digits;
    for (char c : typed) {
        if (c >= '0' && c <= '9')
            digits += c;
        else if (c != '-' && c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return std::nullopt;
    }
    if (digits.size() != kCodeDigits)
        return std::nullopt;
    std::string code;
    for (std::size_t i = 0; i < kCodeDigits; ++i) {
        if (i > 0 && i % 4 == 0)
            code += '-';
        code += digits[i];
    }
    return code;
}

CreatedSetupMessage createSetupMessage(const QString& gnupgHome, store::Database& db, const std::string& address,
                                       std::int64_t now)
{
    const auto own = store::OwnKeys(db).byAddress(address);
    if (!own)
        throw CryptoError("no own key for " + address);
    CreatedSetupMessage out;
    out.setupCode = generateSetupCode();
    // Level 1 has the key inside unprotected; gpg 2.2 cannot export it so while
    // its agent holds it protected, so it is protected by the setup code too
    // (crypto/SecretKeyExport.h). Cachet's import tries the code on it.
    Wiped key{withArmorHeaders(exportSecretKeyProtectedWith(gnupgHome, db, *own, out.setupCode),
                               "Autocrypt-Prefer-Encrypt: " + own->preferEncrypt + "\n")};
    const std::string encrypted = withArmorHeaders(OpenPgpOperations(gnupgHome, {}).encryptSymmetric(key.value, out.setupCode),
                                                   "Passphrase-Format: numeric9x4\nPassphrase-Begin: "
                                                       + out.setupCode.substr(0, 2) + "\n");
    const std::string boundary = "setup-" + randomHex(12);
    const std::string domain = own->address.substr(own->address.rfind('@') + 1);
    std::string m;
    m += "From: <" + own->address + ">\n";
    m += "To: <" + own->address + ">\n";
    m += "Subject: Autocrypt Setup Message\n";
    m += "Date: " + rfc5322Date(now) + "\n";
    m += "Message-ID: <" + randomHex(16) + "@" + domain + ">\n";
    m += "Autocrypt-Setup-Message: v1\n";
    m += "MIME-Version: 1.0\n";
    m += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\n\n";
    m += "--" + boundary + "\n";
    m += "Content-Type: text/plain; charset=utf-8\n\n";
    m += "This message holds your secret OpenPGP key, encrypted with a Setup Code,\n"
         "to set up Autocrypt on another device or mail program.\n\n"
         "Open it there and type the Setup Code that was shown when it was made.\n"
         "You may keep this message as a backup of your key; keep the Setup Code\n"
         "somewhere safe then.\n";
    m += "--" + boundary + "\n";
    m += "Content-Type: application/autocrypt-setup\n";
    m += "Content-Disposition: attachment; filename=\"autocrypt-setup-message.html\"\n\n";
    m += "<html><body>\n<p>\nThis is the Autocrypt setup file used to transfer settings and keys between\n"
         "clients. You can decrypt it using the Setup Code presented on your old device,\n"
         "and then import the contained key into your keyring.\n</p>\n\n<pre>\n";
    m += encrypted;
    if (!encrypted.empty() && encrypted.back() != '\n')
        m += "\n";
    m += "</pre></body></html>\n";
    m += "--" + boundary + "--\n";
    out.message = crlf(m);
    return out;
}

ImportedSetup importSetupMessage(const QString& gnupgHome, store::Database& db, std::string_view rawMessage,
                                 std::string_view setupCode)
{
    if (rawMessage.size() > kMaxSetupMessageBytes)
        throw CryptoError("the file is too large to be an Autocrypt Setup Message");
    const auto code = normalizedSetupCode(setupCode);
    if (!code)
        throw CryptoError("a setup code is 36 digits (nine groups of four, as 1234-5678-...)");
    const mime::HeaderBlock header(headerBlockOf(rawMessage));
    if (!text::equalsIgnoreCase(mime::HeaderBlock::unfold(header.value("Autocrypt-Setup-Message")), "v1"))
        throw CryptoError("not an Autocrypt Setup Message (no \"Autocrypt-Setup-Message: v1\" header)");
    const mime::MimeEntity root = mime::parseMimeTree(rawMessage);
    const mime::MimeEntity* part = findSetupPart(root, 0);
    if (!part)
        throw CryptoError("the setup message has no application/autocrypt-setup part");
    const std::string body = mime::decodeTransferEncoding(
        rawMessage.substr(part->bodyBegin, part->bodyEnd - part->bodyBegin), part->transferEncoding, kMaxSetupMessageBytes);

    const Decrypted decrypted = OpenPgpOperations(gnupgHome, {}).decryptSymmetric(encryptedArmorOf(body), *code);
    if (!decrypted.ok)
        throw CryptoError(decrypted.failure == "wrong setup code"
                              ? "wrong setup code: nothing was imported"
                              : "the setup message cannot be decrypted: " + decrypted.failure);
    Wiped key{decrypted.plaintext};
    if (!holdsSecretKey(key.value))
        throw CryptoError("the setup message does not hold a secret key");
    const ImportedKeys imported = Keyring(gnupgHome).import(key.value);
    if (imported.secret.size() != 1)
        throw CryptoError("the setup message holds " + std::to_string(imported.secret.size()) + " secret keys, not one");

    ImportedSetup out;
    out.fingerprint = imported.secret.front();
    // Level 1 keys come unprotected; Cachet's own are protected by the setup code.
    try {
        out.addresses = adoptOwnKey(gnupgHome, db, out.fingerprint, {});
    } catch (const CryptoError&) {
        out.addresses = adoptOwnKey(gnupgHome, db, out.fingerprint, *code);
    }
    if (const auto prefer = preferEncryptOf(key.value)) {
        out.preferEncrypt = *prefer;
        store::Transaction tx(db);
        store::OwnKeys keys(db);
        for (const std::string& address : out.addresses) {
            if (auto own = keys.byAddress(address)) {
                own->preferEncrypt = *prefer;
                keys.put(*own);
            }
        }
        tx.commit();
    }
    return out;
}

} // namespace cachet::crypto
