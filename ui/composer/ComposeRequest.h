#pragma once
// What a composer window starts from: a new message, a reply, a reply to all,
// a forward (the text inline with the original's attachments, or the whole
// original attached), or a draft opened again. Built from the original's raw
// bytes (the decrypted document for an encrypted message, so quoting never
// needs gpg again), off the GUI thread.

#include "messages/MessageKey.h"

#include "mime/ComposedMessage.h"

#include <optional>
#include <string>

namespace cachet::ui {

enum class ComposeKind { New, Reply, ReplyAll, ForwardInline, ForwardAttached, Draft };

struct ComposeRequest {
    ComposeKind kind = ComposeKind::New;
    mime::ComposedMessage message; // fields to show; body with the quote; From is the account's
    std::optional<MessageKey> draft; // editing this draft: replaced when saved, removed when sent
};

struct OwnIdentity {
    std::string name;
    std::string address; // lower case
};

// `original` is required for every kind but New. Addresses of `own` are never
// among the recipients of a reply to all.
ComposeRequest composeRequest(ComposeKind kind, const OwnIdentity& own, const std::string& original = {});

// The address-list text of a field ("Name <a@b>, c@d"), as the recipient
// fields show it.
std::string displayList(const std::vector<std::string>& mailboxes);
// The reverse: one "Name <addr>" (or "addr") entry per address typed; entries
// without an '@' are returned in `invalid`.
std::vector<std::string> splitRecipients(const std::string& text, std::vector<std::string>* invalid = nullptr);

} // namespace cachet::ui
