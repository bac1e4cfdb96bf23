#include "crypto/OutgoingOpenPgp.h"

#include "crypto/AutocryptHeader.h"
#include "crypto/Keyring.h"
#include "crypto/OpenPgpOperations.h"
#include "crypto/PgpMime.h"
#include "crypto/ProtectedHeaders.h"
#include "mime/HeaderEncoding.h"
#include "mime/SevenBitTransfer.h"
#include "text/AsciiText.h"

#include <algorithm>
#include <map>

namespace cachet::crypto {

namespace {

using KeyMap = std::map<std::string, std::string>; // address -> fingerprint

KeyMap keysOf(const OutgoingRequest& request)
{
    KeyMap keys;
    for (const RecipientKey& k : request.decision.keys)
        if (!k.fingerprint.empty())
            keys[text::asciiLower(k.address)] = k.fingerprint;
    // Mail to oneself is readable with one's own key.
    if (request.ownKey)
        keys.emplace(request.ownKey->address, request.ownKey->fingerprint);
    return keys;
}

std::vector<std::string> keylessOf(const SubmittedMessage& message, const KeyMap& keys)
{
    std::vector<std::string> keyless;
    for (const std::string& r : message.recipients())
        if (!keys.count(r))
            keyless.push_back(r);
    return keyless;
}

void addOnce(std::vector<std::string>& list, const std::string& fingerprint)
{
    if (std::find(list.begin(), list.end(), fingerprint) == list.end())
        list.push_back(fingerprint);
}

// Level 1 gossip: the To and Cc recipients' keys, for each other, when there
// is more than one of them; never a Bcc recipient's. Counted over To and Cc
// only, so gossip about a lone To recipient never hints at a Bcc.
std::string gossipFields(const QString& gnupgHome, const SubmittedMessage& message, const KeyMap& keys,
                         const std::string& ownAddress)
{
    std::vector<std::string> others;
    for (const std::string& r : message.visibleRecipients())
        if (r != ownAddress)
            others.push_back(r);
    if (others.size() < 2)
        return {};
    const Keyring keyring(gnupgHome);
    std::string out;
    for (const std::string& r : others)
        out += formatAutocryptField({r, kPreferEncryptNoPreference, keyring.exportPublic(keys.at(r), true, false)},
                                    AutocryptField::Gossip)
            + "\r\n";
    return out;
}

} // namespace

EncryptionDecision decisionFrom(const EncryptionRecommendation& recommendation)
{
    EncryptionDecision decision;
    decision.recommended = recommendation.overall == Recommendation::Encrypt;
    for (const RecipientRecommendation& r : recommendation.recipients)
        if (r.recommendation != Recommendation::Disable && !r.fingerprint.empty())
            decision.keys.push_back({text::asciiLower(r.address), r.fingerprint});
    return decision;
}

OutgoingMessage protectOutgoing(const QString& gnupgHome, const OutgoingRequest& request)
{
    const SubmittedMessage& message = request.message;
    const KeyMap keys = keysOf(request);
    const std::vector<std::string> keyless = keylessOf(message, keys);
    const EncryptRequest asked = message.encryptRequest();

    if (asked == EncryptRequest::Require && !keyless.empty())
        throw EncryptionRefused("encryption is required, but there is no key for " + text::joined(keyless, ','),
                                keyless);
    OutgoingMessage out;
    if (!request.ownKey) {
        if (asked == EncryptRequest::Require)
            throw EncryptionRefused("encryption is required, but this profile has no OpenPGP key for "
                                        + (message.fromAddress().empty() ? message.mailFrom() : message.fromAddress()),
                                    {});
        // Sent as it came (X-Cachet-Encrypt and Bcc still go: they were never for the recipients).
        // Without a key there is nothing to sign with; the user hears of it in the reply.
        const mime::HeaderBlock& header = message.header();
        std::string fields;
        for (const mime::HeaderField& f : header.fields())
            if (!text::equalsIgnoreCase(f.name, "Bcc") && !text::equalsIgnoreCase(f.name, "X-Cachet-Encrypt")
                && !text::equalsIgnoreCase(f.name, "Autocrypt-Draft-State"))
                fields += std::string(f.name) + ":" + std::string(f.rawValue) + "\r\n";
        const std::string& raw = message.raw();
        out.bytes = fields + raw.substr(std::min(raw.size(), message.root().headerEnd));
        out.note = "not signed: this profile has no OpenPGP key for "
            + (message.fromAddress().empty() ? message.mailFrom() : message.fromAddress());
        return out;
    }
    const store::OwnKey& own = *request.ownKey;
    const bool encrypt = keyless.empty()
        && (asked == EncryptRequest::Require || (asked == EncryptRequest::Auto && request.decision.recommended));

    // The inner part: the submitted body made 7-bit safe, under the protected headers.
    const std::string& raw = message.raw();
    const mime::SevenBitBody body = mime::sevenBitBody(raw, message.root());
    SplitOptions options;
    options.encrypting = encrypt;
    options.transferEncoding = body.transferEncoding;
    options.eightBitBody = !mime::isSevenBit(
        std::string_view(raw).substr(message.root().bodyBegin, message.root().bodyEnd - message.root().bodyBegin));
    const SplitHeader header = splitHeader(message.header(), options);
    const std::string outerFields =
        header.outer
        + formatAutocryptField({own.address, own.preferEncrypt, request.ownPublicKey}, AutocryptField::Autocrypt) + "\r\n";

    const OpenPgpOperations gpg(gnupgHome, own.passphrase);
    out.isSigned = true;
    if (!encrypt) {
        const std::string inner = header.inner + "\r\n" + body.body;
        out.bytes = multipartSigned(outerFields, inner, gpg.signDetached(inner, own.fingerprint));
        return out;
    }
    const std::string inner = header.inner + gossipFields(gnupgHome, message, keys, own.address) + "\r\n" + body.body;
    // To the visible recipients and the sender (the Sent copy stays readable);
    // the Bcc recipients' key ids are left out, so nobody else learns of them.
    std::vector<std::string> visible{own.fingerprint};
    for (const std::string& r : message.visibleRecipients())
        addOnce(visible, keys.at(r));
    std::vector<std::string> hidden;
    for (const std::string& r : message.hiddenRecipients())
        if (std::find(visible.begin(), visible.end(), keys.at(r)) == visible.end())
            addOnce(hidden, keys.at(r));
    out.bytes = multipartEncrypted(outerFields, gpg.signAndEncrypt(inner, own.fingerprint, visible, hidden));
    out.isEncrypted = true;
    return out;
}

} // namespace cachet::crypto
