#pragma once
// Finds the OpenPGP data in a message: PGP/MIME encrypted (RFC 3156 §4,
// multipart/encrypted with application/pgp-encrypted), PGP/MIME signed
// (RFC 3156 §5, multipart/signed with application/pgp-signature), or inline
// PGP (an armored block in a text/plain body, RFC 4880 §6.2 and §7). No gpg
// here: it only cuts bytes, bounded, and never throws on garbage.

#include "mime/MimeEntity.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cachet::crypto {

// Ciphertext or signed text beyond this is not looked at (left as it is).
inline constexpr std::size_t kMaxOpenPgpDataBytes = 64u * 1024 * 1024;

struct PgpLocation {
    enum class Kind { None, Encrypted, Signed, InlineEncrypted, InlineSigned };
    Kind kind = Kind::None;
    // Encrypted: the encrypted part's body, transfer-decoded. Inline: the
    // armored block (BEGIN to END line, inclusive).
    std::string openPgpData;
    // Signed: the exact bytes of the signed part (its header and body), with
    // every line ending made CRLF (RFC 3156 §5: signed as canonical text), and
    // the signature part's body, transfer-decoded.
    std::string signedBytes;
    std::string signature;
    // Inline: the text/plain leaf, its decoded text, and where the block sits in it.
    mime::MimeEntity leaf;
    std::string leafText;
    std::size_t blockBegin = 0;
    std::size_t blockEnd = 0;
};

// `root` must come from parsing `raw`.
PgpLocation locateOpenPgp(std::string_view raw, const mime::MimeEntity& root);

// Some senders write a Content-Type the MIME parser (strict, as Dovecot)
// cannot read: Delta Chat's "multipart/signed; protocol=...; protected;
// boundary=...", whose boundary it then loses. The same message with the
// root's Content-Type parameters that have no value dropped; nullopt if that
// changes nothing or the type names no OpenPGP protocol.
std::optional<std::string> withLenientContentType(std::string_view raw, const mime::MimeEntity& root);

// Is `entity` multipart/signed with protocol application/pgp-signature and the two parts RFC 3156 asks for?
bool isPgpSigned(const mime::MimeEntity& entity);

} // namespace cachet::crypto
