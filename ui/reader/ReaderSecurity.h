#pragma once
// What decrypting and verifying a message gave, as the reader shows it: the
// store's OpenPGP result (store::OpenPgpRecord, computed once on arrival) in
// types a widget can switch on.

#include <QDateTime>
#include <QString>

namespace cachet::store {
struct OpenPgpRecord;
}

namespace cachet::ui {

struct ReaderSecurity {
    enum class Encryption { None, Decrypted, Failed };
    // crypto::SignatureCheck::Status, one to one.
    enum class Signature { None, Valid, Bad, UnknownKey, Expired, Revoked, Error };

    Encryption encryption = Encryption::None;
    QString failure;           // why decryption failed, in gpg's or the store's words
    Signature signature = Signature::None;
    QString signerFingerprint; // upper-case hex, may be empty
    QDateTime signedAt;        // invalid when unknown
    bool signerMatchesFrom = false; // the signing key carries the From address

    static ReaderSecurity fromRecord(const store::OpenPgpRecord& record);
};

} // namespace cachet::ui
