#include "crypto/OpenPgpOperations.h"

#include "crypto/CryptoError.h"
#include "crypto/GpgContext.h"
#include "crypto/Keyring.h"

#include <gpgme++/data.h>
#include <gpgme++/interfaces/dataprovider.h>
#include <gpgme++/decryptionresult.h>
#include <gpgme++/key.h>
#include <gpgme++/signingresult.h>
#include <gpgme++/verificationresult.h>
#include <gpgme.h>

#include <QFile>
#include <cerrno>
#include <cstring>
#include <ctime>

#include <algorithm>
#include <memory>

namespace cachet::crypto {

namespace {

GpgME::Data dataOf(std::string_view bytes)
{
    return GpgME::Data(bytes.data(), bytes.size(), true);
}

// gpg 2.2 keeps key times in 32 bits: a key made in 2022 "expiring after
// 100 years" (Thunderbird's default) ends past 2106, wraps, and is reported
// as expired in 1986. An expiry before the key's own creation can only be
// that. True if the primary key and the signing subkey have not expired but
// for such a wrapped time.
bool onlyWrappedExpiry(const GpgME::Key& key, const char* signingFingerprint)
{
    const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    bool wrapped = false;
    const std::vector<GpgME::Subkey> subkeys = key.subkeys();
    for (std::size_t i = 0; i < subkeys.size(); ++i) {
        const GpgME::Subkey& sub = subkeys[i];
        const bool signing = signingFingerprint && sub.fingerprint() && std::strcmp(sub.fingerprint(), signingFingerprint) == 0;
        if (i != 0 && !signing)
            continue;
        if (sub.neverExpires())
            continue;
        const auto expires = static_cast<std::int64_t>(sub.expirationTime());
        if (expires < static_cast<std::int64_t>(sub.creationTime()))
            wrapped = true;
        else if (expires <= now)
            return false;
    }
    return wrapped;
}

SignatureCheck checkOf(GpgContext& ctx, const GpgME::VerificationResult& result)
{
    SignatureCheck check;
    if (result.numSignatures() == 0) {
        if (result.error()) {
            check.status = SignatureCheck::Status::Error;
            check.detail = gpgErrorText(result.error());
        }
        return check;
    }
    // Mail carries one signature; the first decides.
    const GpgME::Signature s = result.signature(0);
    check.fingerprint = s.fingerprint() ? s.fingerprint() : "";
    if (s.creationTime() > 0)
        check.signedAt = static_cast<std::int64_t>(s.creationTime());
    const unsigned summary = s.summary();
    const unsigned code = s.status().code();
    using S = SignatureCheck::Status;
    if (code == GPG_ERR_NO_PUBKEY || (summary & GpgME::Signature::KeyMissing))
        check.status = S::UnknownKey;
    else if (code == GPG_ERR_BAD_SIGNATURE)
        check.status = S::Bad;
    else if (code == GPG_ERR_CERT_REVOKED || (summary & GpgME::Signature::KeyRevoked))
        check.status = S::Revoked;
    else if (code == GPG_ERR_KEY_EXPIRED || code == GPG_ERR_SIG_EXPIRED
             || (summary & (GpgME::Signature::KeyExpired | GpgME::Signature::SigExpired)))
        check.status = S::Expired;
    else if (code == GPG_ERR_NO_ERROR)
        check.status = S::Valid;
    else {
        check.status = S::Error;
        check.detail = gpgErrorText(s.status());
    }
    if (check.status != S::UnknownKey && !check.fingerprint.empty()) {
        // The signature names the signing subkey; the user knows the primary key and its addresses.
        GpgME::Error error;
        const GpgME::Key key = ctx->key(check.fingerprint.c_str(), error, false);
        if (!error && !key.isNull()) {
            const KeyInfo info = keyInfoOf(key);
            check.fingerprint = info.fingerprint;
            check.signerAddresses = info.addresses;
            if (check.status == S::Expired && code != GPG_ERR_SIG_EXPIRED && !(summary & GpgME::Signature::SigExpired)
                && onlyWrappedExpiry(key, s.fingerprint()))
                check.status = S::Valid;
        }
    }
    return check;
}

std::string failureOf(const GpgME::DecryptionResult& result, const GpgME::Error& error)
{
    if (result.isLegacyCipherNoMDC())
        return "the message has no integrity protection (no MDC), so it may have been modified; it is not shown";
    const unsigned code = error.code();
    if (code == GPG_ERR_NO_SECKEY) {
        std::string ids;
        for (const GpgME::DecryptionResult::Recipient& r : result.recipients())
            if (r.keyID())
                ids += std::string(ids.empty() ? "" : ", ") + r.keyID();
        return "no secret key for this message" + (ids.empty() ? std::string() : " (encrypted to " + ids + ")");
    }
    if (code == GPG_ERR_BAD_DATA || code == GPG_ERR_CHECKSUM || code == GPG_ERR_INV_PACKET)
        return "the message was modified or damaged (" + gpgErrorText(error) + "); it is not shown";
    if (code == GPG_ERR_NO_DATA)
        return "no OpenPGP message found";
    return "decryption failed: " + gpgErrorText(error);
}

// gpg's output in memory, refused beyond a bound: a small compressed message
// can expand to gigabytes, and what does not fit is never wanted.
class BoundedSink : public GpgME::DataProvider {
public:
    explicit BoundedSink(std::size_t max) : m_max(max) {}
    bool isSupported(Operation op) const override { return op == Write || op == Release; }
    ssize_t read(void*, size_t) override { errno = EINVAL; return -1; }
    ssize_t write(const void* buffer, size_t size) override
    {
        if (size > m_max - m_bytes.size()) {
            m_overflow = true;
            m_bytes.clear();
            errno = EFBIG;
            return -1;
        }
        m_bytes.append(static_cast<const char*>(buffer), size);
        return static_cast<ssize_t>(size);
    }
    off_t seek(off_t, int) override { errno = EINVAL; return -1; }
    void release() override {}
    std::string take() { return std::move(m_bytes); }
    bool overflowed() const { return m_overflow; }

private:
    std::size_t m_max;
    std::string m_bytes;
    bool m_overflow = false;
};

// Releases a gpgme_data_t made through the C API.
struct DataReleaser {
    void operator()(gpgme_data_t d) const { gpgme_data_release(d); }
};
using CData = std::unique_ptr<gpgme_data, DataReleaser>;

struct ContextReleaser {
    void operator()(gpgme_ctx_t c) const { gpgme_release(c); }
};
using CContext = std::unique_ptr<gpgme_context, ContextReleaser>;

gpgme_error_t giveLoopbackPassphrase(void* hook, const char*, const char*, int previousWasBad, int fd)
{
    const auto* passphrase = static_cast<const std::string*>(hook);
    if (previousWasBad || passphrase->empty())
        return gpg_error(GPG_ERR_CANCELED);
    const std::string line = *passphrase + "\n";
    return gpgme_io_writen(fd, line.data(), line.size()) == 0 ? 0 : gpg_error(GPG_ERR_EIO);
}

// A C API context with the same settings as makeGpgContext, for the one call
// gpgme++ does not wrap (a recipient string, which can mark keys hidden).
CContext makeCContext(const QString& home, const std::string* passphrase)
{
    const bool inherited = isProcessGnupgHome(home);
    gpgme_ctx_t raw = nullptr;
    if (gpgme_new(&raw) != 0)
        throw CryptoError("cannot create a GPGME context");
    CContext ctx(raw);
    const QByteArray dir = QFile::encodeName(home);
    if (gpgme_set_protocol(raw, GPGME_PROTOCOL_OpenPGP) != 0
        || (!inherited && gpgme_ctx_set_engine_info(raw, GPGME_PROTOCOL_OpenPGP, nullptr, dir.constData()) != 0)
        || gpgme_set_pinentry_mode(raw, GPGME_PINENTRY_MODE_LOOPBACK) != 0)
        throw CryptoError("cannot set up a GPGME context on " + home.toStdString());
    gpgme_set_armor(raw, 1);
    gpgme_set_offline(raw, 1);
    gpgme_set_passphrase_cb(raw, giveLoopbackPassphrase, const_cast<std::string*>(passphrase));
    return ctx;
}

std::string takeBytes(CData data)
{
    size_t length = 0;
    char* bytes = gpgme_data_release_and_get_mem(data.release(), &length);
    std::string out(bytes ? bytes : "", bytes ? length : 0);
    gpgme_free(bytes);
    return out;
}

} // namespace

Decrypted OpenPgpOperations::decryptAndVerify(std::string_view cipherText, std::size_t maxPlaintext) const
{
    GpgContext ctx = makeGpgContext(m_home, {m_passphrase});
    BoundedSink sink(maxPlaintext);
    GpgME::Data plain(&sink);
    const auto [decryption, verification] = ctx->decryptAndVerify(dataOf(cipherText), plain);
    Decrypted out;
    const GpgME::Error error = decryption.error();
    if (sink.overflowed()) {
        out.failure = "the decrypted message is larger than " + std::to_string(maxPlaintext >> 20)
            + " MB; it is not shown";
        return out;
    }
    // gpg may have written part of the plaintext before it found the damage:
    // anything but a clean result is thrown away unread.
    if (error || decryption.isLegacyCipherNoMDC()) {
        out.failure = failureOf(decryption, error);
        return out;
    }
    out.ok = true;
    out.plaintext = sink.take();
    out.signature = checkOf(ctx, verification);
    return out;
}

SignatureCheck OpenPgpOperations::verifyDetached(std::string_view signedBytes, std::string_view signature) const
{
    GpgContext ctx = makeGpgContext(m_home);
    const GpgME::VerificationResult result = ctx->verifyDetachedSignature(dataOf(signature), dataOf(signedBytes));
    SignatureCheck check = checkOf(ctx, result);
    if (check.status == SignatureCheck::Status::None) {
        check.status = SignatureCheck::Status::Error;
        check.detail = result.error() ? gpgErrorText(result.error()) : "no signature found";
    }
    return check;
}

Decrypted OpenPgpOperations::verifyClearSigned(std::string_view clearSigned) const
{
    GpgContext ctx = makeGpgContext(m_home);
    GpgME::Data plain;
    const GpgME::VerificationResult result = ctx->verifyOpaqueSignature(dataOf(clearSigned), plain);
    Decrypted out;
    out.signature = checkOf(ctx, result);
    if (out.signature.status == SignatureCheck::Status::None) {
        out.failure = result.error() ? gpgErrorText(result.error()) : "no signature found";
        return out;
    }
    out.ok = true;
    out.plaintext = plain.toString();
    return out;
}

DetachedSignature OpenPgpOperations::signDetached(std::string_view bytes, const std::string& signerFingerprint) const
{
    GpgContext ctx = makeGpgContext(m_home, {m_passphrase});
    GpgME::Error error;
    const GpgME::Key signer = ctx->key(signerFingerprint.c_str(), error, true);
    if (error || signer.isNull())
        throw CryptoError("no secret key " + signerFingerprint + " to sign with");
    ctx->addSigningKey(signer);
    GpgME::Data signature;
    const GpgME::SigningResult result = ctx->sign(dataOf(bytes), signature, GpgME::Detached);
    if (result.error() || result.createdSignatures().empty())
        throw CryptoError("signing failed: " + gpgErrorText(result.error()));
    DetachedSignature out;
    out.armored = signature.toString();
    std::string hash = result.createdSignature(0).hashAlgorithmAsString()
                           ? result.createdSignature(0).hashAlgorithmAsString() : "SHA256";
    std::transform(hash.begin(), hash.end(), hash.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    out.micalg = "pgp-" + hash;
    return out;
}

std::string OpenPgpOperations::signAndEncrypt(std::string_view bytes, const std::string& signerFingerprint,
                                              const std::vector<std::string>& recipients,
                                              const std::vector<std::string>& hiddenRecipients) const
{
    CContext ctx = makeCContext(m_home, &m_passphrase);
    gpgme_key_t signer = nullptr;
    if (gpgme_get_key(ctx.get(), signerFingerprint.c_str(), &signer, 1) != 0 || !signer)
        throw CryptoError("no secret key " + signerFingerprint + " to sign with");
    const gpgme_error_t added = gpgme_signers_add(ctx.get(), signer);
    gpgme_key_unref(signer);
    if (added != 0)
        throw CryptoError("cannot sign with key " + signerFingerprint + ": " + gpgme_strerror(added));
    // gpgme++ has no call taking a recipient string, which is what marks keys
    // as hidden: the C API does that one step.
    std::string recipientLines;
    for (const std::string& fpr : recipients)
        recipientLines += fpr + "\n";
    if (!hiddenRecipients.empty()) {
        recipientLines += "--hidden\n";
        for (const std::string& fpr : hiddenRecipients)
            recipientLines += fpr + "\n";
    }
    gpgme_data_t rawPlain = nullptr;
    gpgme_data_t rawCipher = nullptr;
    if (gpgme_data_new_from_mem(&rawPlain, bytes.data(), bytes.size(), 1) != 0 || gpgme_data_new(&rawCipher) != 0)
        throw CryptoError("out of memory");
    CData plain(rawPlain);
    CData cipher(rawCipher);
    const gpgme_error_t rc = gpgme_op_encrypt_sign_ext(ctx.get(), nullptr, recipientLines.c_str(),
                                                       GPGME_ENCRYPT_ALWAYS_TRUST, plain.get(), cipher.get());
    if (rc != 0) {
        std::string detail = gpgme_strerror(rc);
        if (gpgme_encrypt_result_t r = gpgme_op_encrypt_result(ctx.get()))
            for (gpgme_invalid_key_t k = r->invalid_recipients; k; k = k->next)
                detail += std::string("; unusable key ") + (k->fpr ? k->fpr : "?");
        throw CryptoError("signing and encrypting failed: " + detail);
    }
    return takeBytes(std::move(cipher));
}

std::string OpenPgpOperations::encryptSymmetric(std::string_view bytes, const std::string& passphrase) const
{
    GpgContext ctx = makeGpgContext(m_home, {passphrase});
    GpgME::Data cipher;
    if (const GpgME::Error e = ctx->encryptSymmetrically(dataOf(bytes), cipher))
        throw CryptoError("symmetric encryption failed: " + gpgErrorText(e));
    return cipher.toString();
}

Decrypted OpenPgpOperations::decryptSymmetric(std::string_view cipherText, const std::string& passphrase) const
{
    GpgContext ctx = makeGpgContext(m_home, {passphrase});
    GpgME::Data plain;
    const GpgME::DecryptionResult result = ctx->decrypt(dataOf(cipherText), plain);
    Decrypted out;
    if (result.error() || result.isLegacyCipherNoMDC()) {
        out.failure = result.error().code() == GPG_ERR_BAD_PASSPHRASE || result.error().code() == GPG_ERR_CANCELED
                          ? "wrong setup code"
                          : failureOf(result, result.error());
        return out;
    }
    out.ok = true;
    out.plaintext = plain.toString();
    return out;
}

} // namespace cachet::crypto
