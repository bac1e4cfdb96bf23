#pragma once
// The composer's writes, run on the writer worker: a draft saved to Drafts
// (replacing its earlier version), and a message sent through the same
// pipeline as the bridge's SMTP server (crypto/OutgoingSubmission): signed,
// encrypted where the user asked or Autocrypt says, stored and queued for the
// relay, its draft removed in the same breath. And the encryption preview the
// composer shows while recipients are typed, from the same recommendation.

#include "messages/MessageKey.h"

#include "store/Sqlite.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cachet::ui {

struct SendOutcome {
    bool queued = false;
    std::int64_t outboxId = 0;
    QString note;     // queued: "signed and encrypted", ...
    QString refusal;  // not queued: a sentence for the user naming what is missing
};

// `draft`: the draft this message was written from, removed once queued.
SendOutcome sendMessage(store::Database& db, const QString& gnupgHome, const std::string& raw,
                        const std::string& mailFrom, const std::vector<std::string>& recipients,
                        const std::optional<MessageKey>& draft);

// Stores the draft in Drafts (made if missing) and returns its key.
MessageKey saveDraft(store::Database& db, const std::string& raw, const std::optional<MessageKey>& replacing);

struct RecipientKeyState {
    std::string address;
    bool hasKey = false;
};

struct EncryptionPreview {
    bool ownKey = false;          // the profile can sign and encrypt at all
    bool canEncrypt = false;      // every recipient has a usable key
    bool recommended = false;     // Autocrypt says encrypt (both sides prefer it, or a reply to encrypted mail)
    bool encryptByDefault = true; // the user's setting for when Autocrypt only says it is possible
    std::vector<RecipientKeyState> recipients;
};

EncryptionPreview previewEncryption(store::Database& db, const QString& gnupgHome, const std::string& fromAddress,
                                    const std::vector<std::string>& recipientAddresses,
                                    const std::vector<std::string>& inReplyTo);

} // namespace cachet::ui
