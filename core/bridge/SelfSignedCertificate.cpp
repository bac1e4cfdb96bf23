#include "bridge/SelfSignedCertificate.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <climits>
#include <memory>
#include <stdexcept>

namespace cachet::bridge {

namespace {

template <auto FreeFunction>
struct OpenSslFree {
    template <typename T>
    void operator()(T* p) const { FreeFunction(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpenSslFree<EVP_PKEY_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslFree<X509_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpenSslFree<X509_EXTENSION_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslFree<BN_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslFree<BIO_free_all>>;

// Throws with OpenSSL's first queued error, and leaves the queue empty for the next caller.
[[noreturn]] void fail(const char* what)
{
    const unsigned long code = ERR_get_error();
    char reason[256] = "no OpenSSL error";
    if (code != 0)
        ERR_error_string_n(code, reason, sizeof reason);
    ERR_clear_error();
    throw std::runtime_error(std::string("self-signed certificate: ") + what + ": " + reason);
}

void check(int rc, const char* what)
{
    if (rc != 1)
        fail(what);
}

PkeyPtr makeP256Key()
{
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    if (!ctx)
        fail("EVP_PKEY_CTX_new_from_name");
    check(EVP_PKEY_keygen_init(ctx.get()), "EVP_PKEY_keygen_init");
    check(EVP_PKEY_CTX_set_group_name(ctx.get(), "P-256"), "EVP_PKEY_CTX_set_group_name");
    EVP_PKEY* key = nullptr;
    check(EVP_PKEY_generate(ctx.get(), &key), "EVP_PKEY_generate");
    return PkeyPtr(key);
}

// A random positive serial of up to 128 bits (RFC 5280 §4.1.2.2 allows 20 octets;
// randomness keeps two certificates with the same name apart in a client's cache).
void setRandomSerial(X509* cert)
{
    BignumPtr serial(BN_new());
    if (!serial)
        fail("BN_new");
    do {
        check(BN_rand(serial.get(), 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY), "BN_rand");
    } while (BN_is_zero(serial.get()));
    if (!BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)))
        fail("BN_to_ASN1_INTEGER");
}

void setName(X509* cert, std::string_view commonName)
{
    if (commonName.size() > INT_MAX)
        throw std::runtime_error("self-signed certificate: common name too long");
    X509_NAME* name = X509_get_subject_name(cert);
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>(commonName.data()),
                                     static_cast<int>(commonName.size()), -1, 0),
          "X509_NAME_add_entry_by_txt");
    check(X509_set_issuer_name(cert, name), "X509_set_issuer_name");
}

void addExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value)
{
    ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, ctx, nid, value));
    if (!extension)
        fail(value);
    check(X509_add_ext(cert, extension.get(), -1), "X509_add_ext");
}

std::string drain(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    if (size <= 0 || !data)
        fail("BIO_get_mem_data");
    return std::string(data, static_cast<std::size_t>(size));
}

} // namespace

CertificateAndKey makeSelfSignedCertificate(std::string_view commonName, int validDays)
{
    const PkeyPtr key = makeP256Key();
    X509Ptr cert(X509_new());
    if (!cert)
        fail("X509_new");
    check(X509_set_version(cert.get(), X509_VERSION_3), "X509_set_version");
    setRandomSerial(cert.get());
    // An hour back, so a client whose clock is a little behind still accepts it.
    if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60 * 60))
        fail("X509_gmtime_adj");
    if (!X509_time_adj_ex(X509_getm_notAfter(cert.get()), validDays, 0, nullptr))
        fail("X509_time_adj_ex");
    setName(cert.get(), commonName);
    check(X509_set_pubkey(cert.get(), key.get()), "X509_set_pubkey");

    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    // Clients check the name they connected to against subjectAltName, never the CN
    // (RFC 6125 §6.4.4): every loopback spelling a mail program may be given.
    addExtension(cert.get(), &ctx, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
    addExtension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:FALSE");
    addExtension(cert.get(), &ctx, NID_key_usage, "critical,digitalSignature");
    addExtension(cert.get(), &ctx, NID_ext_key_usage, "serverAuth");
    addExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash");

    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        fail("X509_sign");

    CertificateAndKey out;
    BioPtr certBio(BIO_new(BIO_s_mem()));
    if (!certBio)
        fail("BIO_new");
    check(PEM_write_bio_X509(certBio.get(), cert.get()), "PEM_write_bio_X509");
    out.certificatePem = drain(certBio.get());

    // Secure memory: the BIO's buffer is wiped when it is freed. The key is stored
    // unencrypted because the store around it is encrypted.
    BioPtr keyBio(BIO_new(BIO_s_secmem()));
    if (!keyBio)
        fail("BIO_new");
    check(PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr),
          "PEM_write_bio_PrivateKey");
    out.privateKeyPem = drain(keyBio.get());
    return out;
}

std::string certificateSha256(std::string_view certificatePem)
{
    if (certificatePem.size() > INT_MAX)
        return {};
    BioPtr bio(BIO_new_mem_buf(certificatePem.data(), static_cast<int>(certificatePem.size())));
    if (!bio)
        return {};
    const X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) {
        ERR_clear_error();
        return {};
    }
    // X509_digest hashes the DER encoding, which is what browsers and Qt's digest() show.
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(cert.get(), EVP_sha256(), digest, &length) != 1) {
        ERR_clear_error();
        return {};
    }
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(length * 3);
    for (unsigned int i = 0; i < length; ++i) {
        if (i > 0)
            out.push_back(':');
        out.push_back(kHex[digest[i] >> 4]);
        out.push_back(kHex[digest[i] & 0xf]);
    }
    return out;
}

} // namespace cachet::bridge
