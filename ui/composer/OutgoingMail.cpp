#include "composer/OutgoingMail.h"

#include "crypto/AutocryptRecommendation.h"
#include "crypto/KeyringCache.h"
#include "crypto/OutgoingSubmission.h"
#include "store/Flags.h"
#include "store/LocalChanges.h"
#include "store/OwnKeys.h"
#include "store/ReplyToEncrypted.h"

#include <QCoreApplication>

namespace cachet::ui {

namespace {

QString tr(const char* text, int n = -1)
{
    return QCoreApplication::translate("cachet::ui::OutgoingMail", text, nullptr, n);
}

QString listed(const std::vector<std::string>& addresses)
{
    QStringList out;
    for (const std::string& a : addresses)
        out << QString::fromStdString(a);
    return out.join(QStringLiteral(", "));
}

} // namespace

SendOutcome sendMessage(store::Database& db, const QString& gnupgHome, const std::string& raw,
                        const std::string& mailFrom, const std::vector<std::string>& recipients,
                        const std::optional<MessageKey>& draft)
{
    using Refusal = crypto::ProtectedSubmission::Refusal;
    crypto::KeyringCache keyring(gnupgHome);
    const crypto::ProtectedSubmission submission = crypto::protectSubmission(db, keyring, raw, mailFrom, recipients);
    SendOutcome out;
    switch (submission.refusal) {
    case Refusal::None: break;
    case Refusal::NoKeyForRecipients:
        out.refusal = tr("The message cannot be encrypted: there is no key for %1. Turn encryption off to send it "
                         "unencrypted, or ask them for their key.")
                          .arg(listed(submission.keyless));
        return out;
    case Refusal::NoOwnKey:
        out.refusal = tr("The message cannot be encrypted: this profile has no OpenPGP key. Generate or import one "
                         "under Keys.");
        return out;
    case Refusal::CryptoFailed:
        out.refusal = tr("The message could not be signed or encrypted: %1").arg(QString::fromStdString(submission.detail));
        return out;
    case Refusal::NotPrepared:
        out.refusal = tr("The message could not be prepared for sending: %1").arg(QString::fromStdString(submission.detail));
        return out;
    }
    out.outboxId = crypto::queueSubmission(db, submission.bytes, mailFrom, recipients);
    out.queued = true;
    out.note = submission.encrypted ? tr("signed and encrypted")
             : submission.note == "signed" ? tr("signed")
                                           : QString::fromStdString(submission.note);
    if (draft)
        store::LocalChanges(db).expunge(draft->mailboxId, {draft->uid});
    return out;
}

MessageKey saveDraft(store::Database& db, const std::string& raw, const std::optional<MessageKey>& replacing)
{
    store::LocalChanges changes(db);
    const store::Mailbox drafts = changes.specialMailbox("\\Drafts", "Drafts");
    // A draft opened from another folder is not removed from there: only an earlier save here is replaced.
    const std::uint32_t earlier = replacing && replacing->mailboxId == drafts.id ? replacing->uid : 0;
    const std::uint32_t uid = changes.append(drafts.id, raw, store::FlagDraft | store::FlagSeen, earlier);
    return {drafts.id, uid};
}

EncryptionPreview previewEncryption(store::Database& db, const QString& gnupgHome, const std::string& fromAddress,
                                    const std::vector<std::string>& recipientAddresses,
                                    const std::vector<std::string>& inReplyTo)
{
    EncryptionPreview out;
    const auto own = store::OwnKeys(db).byAddress(fromAddress);
    out.ownKey = own.has_value();
    const std::set<std::string> encryptable = crypto::keysGpgCanEncryptTo(gnupgHome);
    const crypto::EncryptionRecommendation r = crypto::recommendEncryption(
        db, recipientAddresses, own ? own->preferEncrypt : std::string("nopreference"),
        store::answersDecryptedMessage(db, inReplyTo), &encryptable);
    out.canEncrypt = out.ownKey && !recipientAddresses.empty() && r.overall != crypto::Recommendation::Disable;
    out.recommended = out.canEncrypt && r.overall == crypto::Recommendation::Encrypt;
    for (const crypto::RecipientRecommendation& rr : r.recipients)
        out.recipients.push_back({rr.address, rr.recommendation != crypto::Recommendation::Disable});
    return out;
}

} // namespace cachet::ui
