#include "crypto/OutgoingSubmission.h"

#include "crypto/AutocryptRecommendation.h"
#include "crypto/CryptoError.h"
#include "crypto/OutgoingOpenPgp.h"
#include "crypto/SubmittedMessage.h"
#include "store/Messages.h"
#include "store/Outbox.h"
#include "store/OwnKeys.h"
#include "store/PreparedMessage.h"
#include "store/ReplyToEncrypted.h"

#include <algorithm>

namespace cachet::crypto {

namespace {

std::string oneLine(std::string text)
{
    std::replace_if(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
    return text.substr(0, 300);
}

} // namespace

ProtectedSubmission protectSubmission(store::Database& db, KeyringCache& keyring, std::string_view data,
                                      const std::string& mailFrom, const std::vector<std::string>& recipients)
{
    ProtectedSubmission out;
    try {
        const SubmittedMessage message(data, mailFrom, recipients);
        store::OwnKeys ownKeys(db);
        std::optional<store::OwnKey> own;
        if (!message.fromAddress().empty())
            own = ownKeys.byAddress(message.fromAddress());
        if (!own)
            own = ownKeys.byAddress(mailFrom);

        const bool replyToEncrypted = store::answersDecryptedMessage(db, message.inReplyTo());
        OutgoingRequest request{message, own, {}, {}};
        // The one place outgoing mail asks Autocrypt what to do; asked without
        // an own key too when encryption is required, so a refusal names the
        // keyless recipients truly. Keys gpg would refuse (expired, revoked) count as none.
        if (own || message.encryptRequest() == EncryptRequest::Require)
            request.decision = decisionFrom(recommendEncryption(
                db, message.recipients(), own ? own->preferEncrypt : std::string("nopreference"), replyToEncrypted,
                &keyring.encryptable()));
        if (own)
            request.ownPublicKey = keyring.ownPublicKey(own->fingerprint);
        OutgoingMessage protectedMessage = protectOutgoing(keyring.gnupgHome(), request);
        out.bytes = std::move(protectedMessage.bytes);
        out.encrypted = protectedMessage.isEncrypted;
        out.note = protectedMessage.isEncrypted ? "signed and encrypted"
                 : protectedMessage.isSigned   ? "signed"
                                               : protectedMessage.note;
    } catch (const EncryptionRefused& e) {
        out.refusal = e.keyless().empty() ? ProtectedSubmission::Refusal::NoOwnKey
                                          : ProtectedSubmission::Refusal::NoKeyForRecipients;
        out.keyless = e.keyless();
    } catch (const CryptoError& e) {
        out.refusal = ProtectedSubmission::Refusal::CryptoFailed;
        out.detail = oneLine(e.what());
    } catch (const std::exception& e) {
        // The store (own key, In-Reply-To lookup) or the MIME encoders.
        out.refusal = ProtectedSubmission::Refusal::NotPrepared;
        out.detail = oneLine(e.what());
    }
    return out;
}

std::int64_t queueSubmission(store::Database& db, const std::string& bytes, const std::string& mailFrom,
                             const std::vector<std::string>& recipients)
{
    const store::PreparedMessage prepared = store::prepareMessage(bytes);
    store::Transaction tx(db);
    const std::int64_t messageId = store::Messages(db).store(prepared).id;
    const std::int64_t queued = store::Outbox(db).enqueue(messageId, mailFrom, recipients);
    tx.commit();
    return queued;
}

} // namespace cachet::crypto
