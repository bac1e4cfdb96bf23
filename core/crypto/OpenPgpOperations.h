#pragma once
// The OpenPGP work on message bytes, through GPGME on a profile's GNUPGHOME:
// decrypting and verifying what arrives, signing and encrypting what leaves,
// and the symmetric encryption of Autocrypt Setup Messages. No MIME here: the
// callers (crypto/IncomingOpenPgp, crypto/OutgoingOpenPgp) cut and build the
// parts (RFC 3156).

#include "crypto/SignatureCheck.h"

#include <QString>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::crypto {

struct Decrypted {
    bool ok = false;
    std::string plaintext;      // empty unless ok: never the output of a failed decryption
    std::string failure;        // why not, in words a user can read
    SignatureCheck signature;   // of a signed-and-encrypted message; None if it was not signed
};

struct DetachedSignature {
    std::string armored;        // application/pgp-signature body
    std::string micalg;         // "pgp-sha256": multipart/signed's micalg parameter
};

class OpenPgpOperations {
public:
    // `ownPassphrase` unlocks the profile's secret key (empty: none is used).
    OpenPgpOperations(QString gnupgHome, std::string ownPassphrase)
        : m_home(std::move(gnupgHome)), m_passphrase(std::move(ownPassphrase)) {}

    // Decrypts and verifies an OpenPGP message (armored or binary). A message
    // without integrity protection (no MDC), a failed MDC check or any other
    // error gives ok = false and no plaintext. A plaintext longer than
    // `maxPlaintext` (a compression bomb) is a failure too, and never held whole.
    Decrypted decryptAndVerify(std::string_view cipherText,
                               std::size_t maxPlaintext = static_cast<std::size_t>(-1)) const;
    SignatureCheck verifyDetached(std::string_view signedBytes, std::string_view signature) const;
    // A clear-signed text (inline PGP): the check, and the text without the armor.
    Decrypted verifyClearSigned(std::string_view clearSigned) const;

    DetachedSignature signDetached(std::string_view bytes, const std::string& signerFingerprint) const;
    // Signed by `signerFingerprint` and encrypted to `recipients` and to
    // `hiddenRecipients`, whose key ids are left out of the message (gpg's
    // --hidden-recipient) so that the others cannot tell who they are (Bcc).
    std::string signAndEncrypt(std::string_view bytes, const std::string& signerFingerprint,
                               const std::vector<std::string>& recipients,
                               const std::vector<std::string>& hiddenRecipients) const;

    std::string encryptSymmetric(std::string_view bytes, const std::string& passphrase) const;
    Decrypted decryptSymmetric(std::string_view cipherText, const std::string& passphrase) const;

private:
    QString m_home;
    std::string m_passphrase;
};

} // namespace cachet::crypto
