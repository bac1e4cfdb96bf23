#include "reader/ReaderSecurity.h"

#include "crypto/SignatureCheck.h"
#include "store/MessageOpenPgp.h"

namespace cachet::ui {

namespace {

ReaderSecurity::Signature signatureFrom(crypto::SignatureCheck::Status status)
{
    using Status = crypto::SignatureCheck::Status;
    using Signature = ReaderSecurity::Signature;
    switch (status) {
    case Status::None: return Signature::None;
    case Status::Valid: return Signature::Valid;
    case Status::Bad: return Signature::Bad;
    case Status::UnknownKey: return Signature::UnknownKey;
    case Status::Expired: return Signature::Expired;
    case Status::Revoked: return Signature::Revoked;
    case Status::Error: return Signature::Error;
    }
    return Signature::Error;
}

} // namespace

ReaderSecurity ReaderSecurity::fromRecord(const store::OpenPgpRecord& record)
{
    ReaderSecurity s;
    if (record.encryption == "decrypted")
        s.encryption = Encryption::Decrypted;
    else if (record.encryption == "failed")
        s.encryption = Encryption::Failed;
    s.failure = QString::fromStdString(record.failure);
    s.signature = signatureFrom(crypto::statusFromName(record.signature));
    s.signerFingerprint = QString::fromStdString(record.signerFingerprint);
    if (record.signedAt)
        s.signedAt = QDateTime::fromSecsSinceEpoch(*record.signedAt, Qt::UTC);
    s.signerMatchesFrom = record.signerMatchesFrom;
    return s;
}

} // namespace cachet::ui
