#include "bridge/SubmissionProtection.h"

#include "crypto/AutocryptRecommendation.h"
#include "crypto/OutgoingOpenPgp.h"
#include "crypto/SubmittedMessage.h"
#include "store/OwnKeys.h"
#include "store/ReplyToEncrypted.h"

#include <algorithm>

namespace cachet::bridge {

namespace {

// The one place outgoing mail asks Autocrypt what to do. Keys gpg would refuse
// (expired, revoked) count as none, so the decision and a 550 name them truly.
crypto::EncryptionRecommendation askRecommendation(BridgeContext& context, const std::vector<std::string>& recipients,
                                                   const std::string& ownPreferEncrypt, bool replyToEncrypted)
{
    return crypto::recommendEncryption(context.store.db(), recipients, ownPreferEncrypt, replyToEncrypted,
                                       &context.keyring.encryptable());
}

std::string listed(const std::vector<std::string>& addresses)
{
    constexpr std::size_t kShown = 10; // an SMTP reply line stays short (RFC 5321 §4.5.3.1.5)
    std::string out;
    for (std::size_t i = 0; i < addresses.size() && i < kShown; ++i)
        out += (i ? ", <" : "<") + addresses[i].substr(0, 200) + ">";
    if (addresses.size() > kShown)
        out += " and " + std::to_string(addresses.size() - kShown) + " more";
    return out;
}

std::string oneLine(std::string text)
{
    std::replace_if(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
    return text.substr(0, 300);
}

} // namespace

ProtectedSubmission protectSubmission(BridgeContext& context, std::string_view data, const std::string& mailFrom,
                                      const std::vector<std::string>& recipients)
{
    ProtectedSubmission out;
    try {
        const crypto::SubmittedMessage message(data, mailFrom, recipients);
        store::Database& db = context.store.db();
        store::OwnKeys ownKeys(db);
        std::optional<store::OwnKey> own;
        if (!message.fromAddress().empty())
            own = ownKeys.byAddress(message.fromAddress());
        if (!own)
            own = ownKeys.byAddress(mailFrom);

        const bool replyToEncrypted = store::answersDecryptedMessage(db, message.inReplyTo());
        crypto::OutgoingRequest request{message, own, {}, {}};
        // Asked without an own key too when encryption is required: the refusal
        // must name the recipients truly without a key.
        if (own || message.encryptRequest() == crypto::EncryptRequest::Require)
            request.decision = crypto::decisionFrom(askRecommendation(
                context, message.recipients(), own ? own->preferEncrypt : std::string("nopreference"), replyToEncrypted));
        if (own)
            request.ownPublicKey = context.keyring.ownPublicKey(own->fingerprint);
        crypto::OutgoingMessage protectedMessage = crypto::protectOutgoing(context.gnupgHome, request);
        out.accepted = true;
        out.bytes = std::move(protectedMessage.bytes);
        out.note = protectedMessage.isEncrypted ? "signed and encrypted"
                 : protectedMessage.isSigned   ? "signed"
                                               : protectedMessage.note;
    } catch (const crypto::EncryptionRefused& e) {
        out.reply = e.keyless().empty()
            ? "550 5.7.1 Encryption is required, but this profile has no OpenPGP key to send with; nothing was queued."
            : "550 5.7.1 Encryption is required, but there is no key for " + listed(e.keyless())
                + "; nothing was queued.";
    } catch (const crypto::CryptoError& e) {
        out.reply = "451 4.7.0 The message could not be signed or encrypted (" + oneLine(e.what())
            + "); nothing was queued.";
    } catch (const std::exception& e) {
        // The store (own key, In-Reply-To lookup) or the MIME encoders.
        out.reply = "451 4.3.0 The message could not be prepared for sending (" + oneLine(e.what())
            + "); nothing was queued.";
    }
    return out;
}

} // namespace cachet::bridge
