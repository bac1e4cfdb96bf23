#include "crypto/IncomingOpenPgp.h"

#include "crypto/AutocryptLearning.h"
#include "crypto/CleartextDocument.h"
#include "crypto/OpenPgpOperations.h"
#include "crypto/PgpMimeLocator.h"
#include "mime/Decoding.h"
#include "mime/HeaderBlock.h"
#include "mime/MimeParser.h"

#include <QDateTime>

#include <algorithm>

namespace cachet::crypto {

namespace {

// The decrypted entity is parsed with tighter bounds than stored mail: it is
// only cut and copied here, and the served document is parsed again when stored.
const mime::MimeLimits kInnerLimits{32, 2000};

mime::HeaderBlock topHeader(std::string_view raw, const mime::MimeEntity& root)
{
    return mime::HeaderBlock(raw.substr(0, std::min(root.headerEnd, raw.size())));
}

// Does the From address of `document` appear among the addresses of the key
// that made a valid signature? (Of a bad one it says nothing.)
bool fromMatches(std::string_view document, const SignatureCheck& check)
{
    if (check.status != SignatureCheck::Status::Valid || check.signerAddresses.empty())
        return false;
    const mime::MimeEntity root = mime::parseMimeTree(document, kInnerLimits);
    const std::vector<std::string> from = mime::addressesIn(topHeader(document, root), {"From"});
    return !from.empty() && std::all_of(from.begin(), from.end(), [&](const std::string& a) {
        return std::find(check.signerAddresses.begin(), check.signerAddresses.end(), a) != check.signerAddresses.end();
    });
}

void recordSignature(store::OpenPgpRecord& record, const SignatureCheck& check, bool matches)
{
    record.signature = statusName(check.status);
    record.signerFingerprint = check.fingerprint;
    record.signedAt = check.signedAt;
    record.signerMatchesFrom = matches;
}

std::string failedField(const std::string& reason)
{
    return "X-Cachet-Encryption: failed; reason=" + quotedValue(reason);
}

bool hasCachetField(const mime::HeaderBlock& header)
{
    return std::any_of(header.fields().begin(), header.fields().end(),
                       [](const mime::HeaderField& f) { return isCachetField(f.name); });
}

} // namespace

std::string signatureField(const SignatureCheck& check, bool matches)
{
    std::string field = std::string("X-Cachet-Signature: ") + statusName(check.status);
    if (!check.fingerprint.empty())
        field += "; signer=" + check.fingerprint;
    if (check.status == SignatureCheck::Status::Valid)
        field += matches ? "; from-matches=yes" : "; from-matches=no";
    return field;
}

IncomingOpenPgp::IncomingOpenPgp(QString gnupgHome, store::Database& db)
    : IncomingOpenPgp(std::move(gnupgHome), store::OwnKeys(db).all())
{
}

IncomingOpenPgp::IncomingOpenPgp(QString gnupgHome, std::vector<store::OwnKey> ownKeys)
    : m_home(std::move(gnupgHome)), m_ownKeys(std::move(ownKeys))
{
    std::vector<std::string> ownAddresses;
    for (const store::OwnKey& k : m_ownKeys)
        ownAddresses.push_back(k.address);
    m_keyImports = std::make_unique<ArrivalKeyImports>(m_home, std::move(ownAddresses));
}

Decrypted IncomingOpenPgp::decrypt(std::string_view cipherText, const std::vector<std::string>& recipients) const
{
    // Each own key has its own passphrase and gpg asks for one at a time: the
    // key of an address the message was sent to goes first, the others only if
    // that one could not decrypt it (a profile has one address, so one try).
    std::vector<const store::OwnKey*> order;
    for (const store::OwnKey& k : m_ownKeys)
        if (std::find(recipients.begin(), recipients.end(), k.address) != recipients.end())
            order.push_back(&k);
    for (const store::OwnKey& k : m_ownKeys)
        if (std::find(order.begin(), order.end(), &k) == order.end())
            order.push_back(&k);

    if (order.empty())
        return OpenPgpOperations(m_home, "").decryptAndVerify(cipherText, kMaxPlaintextBytes);
    Decrypted first;
    for (const store::OwnKey* key : order) {
        Decrypted d = OpenPgpOperations(m_home, key->passphrase).decryptAndVerify(cipherText, kMaxPlaintextBytes);
        if (d.ok)
            return d;
        // The first reason that is not about a missing key tells most (a
        // modified message stays modified whichever key opens it).
        const bool noKey = d.failure.rfind("no secret key", 0) == 0;
        if (first.failure.empty() || !noKey)
            first = std::move(d);
        if (!noKey)
            break;
    }
    return first;
}

IncomingOutcome IncomingOpenPgp::process(std::string_view raw) const
{
    IncomingOutcome out;
    const mime::MimeEntity root = mime::parseMimeTree(raw);
    const mime::HeaderBlock header = topHeader(raw, root);
    // The sender's Autocrypt key is imported first: it may be the one that signed.
    out.learning = m_keyImports->readSender(header, QDateTime::currentSecsSinceEpoch());
    using Kind = PgpLocation::Kind;
    PgpLocation where = locateOpenPgp(raw, root);
    if (where.kind == Kind::None) {
        // Read past a Content-Type the strict parser refused; only the parts'
        // bytes are taken from the copy, every header edit works on `raw`.
        if (const auto lenient = withLenientContentType(raw, root)) {
            PgpLocation retry = locateOpenPgp(*lenient, mime::parseMimeTree(*lenient));
            if (retry.kind == Kind::Signed || retry.kind == Kind::Encrypted)
                where = std::move(retry);
        }
    }
    if (where.kind == Kind::None) {
        m_keyImports->readAttachedKeys(out.learning, raw, root);
        if (hasCachetField(header))
            out.served = withCachetFields(raw, root, {});
        return out;
    }

    const bool encrypted = where.kind == Kind::Encrypted || where.kind == Kind::InlineEncrypted;
    Decrypted decrypted;
    if (encrypted) {
        decrypted = decrypt(where.openPgpData,
                            mime::addressesIn(header, {"To", "Cc", "Bcc", "Delivered-To", "X-Original-To"}));
        if (!decrypted.ok) {
            out.record.encryption = "failed";
            out.record.failure = decrypted.failure;
            out.served = withCachetFields(raw, root, {failedField(decrypted.failure)});
            return out;
        }
        out.record.encryption = "decrypted";
    }

    const OpenPgpOperations verifier(m_home, "");
    SignatureCheck check = decrypted.signature;
    std::string served;
    if (where.kind != Kind::Encrypted)
        m_keyImports->readAttachedKeys(out.learning, raw, root);
    switch (where.kind) {
    case Kind::Signed:
        check = verifier.verifyDetached(where.signedBytes, where.signature);
        break;
    case Kind::InlineSigned:
        check = verifier.verifyClearSigned(where.openPgpData).signature;
        break;
    case Kind::InlineEncrypted:
        served = withLeafText(raw, where.leaf,
                              where.leafText.substr(0, where.blockBegin) + decrypted.plaintext
                                  + where.leafText.substr(where.blockEnd));
        break;
    case Kind::Encrypted: {
        const std::string& inner = decrypted.plaintext;
        const mime::MimeEntity innerRoot = mime::parseMimeTree(inner, kInnerLimits);
        const mime::MimeEntity* content = &innerRoot;
        // Gossip and attached keys are learned before the inner signature is
        // checked. (A signature made in the same layer as the encryption was
        // checked by gpg while decrypting, with the keys known before.)
        m_keyImports->readGossip(out.learning, header, headerBlockOf(inner));
        m_keyImports->readAttachedKeys(out.learning, inner, innerRoot);
        // Signed, then encrypted as two layers (RFC 3156 §6.1, what Thunderbird
        // sends): the signed part is what the reader sees, the field says it was signed.
        if (check.status == SignatureCheck::Status::None && isPgpSigned(innerRoot)) {
            const PgpLocation signedInner = locateOpenPgp(inner, innerRoot);
            if (signedInner.kind == Kind::Signed) {
                check = verifier.verifyDetached(signedInner.signedBytes, signedInner.signature);
                content = &innerRoot.children[0];
            }
        }
        served = decryptedDocument(raw, root, inner, *content, {});
        break;
    }
    case Kind::None:
        break;
    }

    if (!encrypted) {
        // Signed only: the original, with the result.
        const bool matches = fromMatches(raw, check);
        recordSignature(out.record, check, matches);
        out.served = withCachetFields(raw, root, {signatureField(check, matches)});
        return out;
    }
    const bool matches = fromMatches(served, check);
    recordSignature(out.record, check, matches);
    const mime::MimeEntity servedRoot = mime::parseMimeTree(served, kInnerLimits);
    out.served = withCachetFields(served, servedRoot, {"X-Cachet-Encryption: decrypted", signatureField(check, matches)});
    return out;
}

} // namespace cachet::crypto
