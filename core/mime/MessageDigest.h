#pragma once
// What the store derives once from a message and keeps beside it (the
// "message" document of ARCHITECTURE.md): the decoded headers a message list
// shows, a preview, the attachment flag and names, and the text the full-text
// index reads. Computed from the raw bytes and the parser's MIME tree.

#include "mime/MimeEntity.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::mime {

// Bounds that keep a hostile message cheap to digest.
inline constexpr std::size_t kMaxDigestBodyTextBytes = 1024 * 1024; // bodyText
inline constexpr std::size_t kMaxDigestPreviewChars = 200;          // preview, in characters
inline constexpr std::size_t kMaxDigestParts = 5000;                // parts walked
inline constexpr std::size_t kMaxDigestDepth = 64;                  // nesting walked
inline constexpr std::size_t kMaxDigestAttachmentNames = 1000;
inline constexpr std::size_t kMaxDigestReferences = 500;

struct MessageDigest {
    std::optional<std::int64_t> date;          // Date: header, seconds since epoch
    std::string subject;                       // decoded
    std::string from, to, cc, bcc, replyTo;    // decoded, display form "Name <addr>, ..."
    std::vector<std::string> fromAddresses, recipientAddresses; // bare lower-case addresses (To, Cc, Bcc)
    std::string messageId, inReplyTo;          // without angle brackets
    std::vector<std::string> references;       // message-ids, without angle brackets
    std::string preview;                       // first ~200 characters of the body text, whitespace collapsed
    bool hasAttachment = false;                // any part with disposition attachment, or a named non-text leaf
    std::string bodyText;                      // text/plain parts (text/html converted when there is no
                                               // plain alternative), for the full-text index; capped
    std::vector<std::string> attachmentNames;  // decoded file names
    // The OpenPGP status (encrypted, signed, verified) will be added here by the
    // crypto module; until then the parts of multipart/encrypted are neither text
    // nor attachments, and signatures of multipart/signed are not attachments.
};

// Never throws; whatever the bytes, a digest comes back (maybe empty).
// `root` must come from parseMessage(raw).
MessageDigest digestMessage(std::string_view raw, const MimeEntity& root);

// The msg-ids of a Message-ID, In-Reply-To or References value (RFC 5322
// §3.6.4), without angle brackets: what MessageDigest::messageId holds.
std::vector<std::string> parseMessageIds(std::string_view rawValue);

} // namespace cachet::mime
