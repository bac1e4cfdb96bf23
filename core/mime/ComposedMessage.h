#pragma once
// A message the desktop composer wrote, as RFC 5322 bytes (CRLF): headers with
// encoded words where the text is not ASCII (RFC 2047), a UTF-8 text body in
// quoted-printable, and attachments in base64 with RFC 2231 file names, under
// multipart/mixed when there are any. The outgoing pipeline
// (crypto/OutgoingSubmission) then signs and encrypts it; it removes Bcc and
// X-Cachet-Encrypt on the way out, so a draft can keep them.

#include <cstdint>
#include <string>
#include <vector>

namespace cachet::mime {

struct ComposedAttachment {
    std::string fileName; // UTF-8
    std::string mimeType; // "application/pdf"; empty: application/octet-stream
    std::string bytes;
};

struct ComposedMessage {
    std::string from;                          // "Name <address>" or "address", UTF-8
    std::vector<std::string> to, cc, bcc;      // the same form, one address each
    std::string subject;                       // UTF-8
    std::string body;                          // UTF-8 text, any line ends
    std::string inReplyTo;                     // msg-id without angle brackets
    std::vector<std::string> references;       // msg-ids, oldest first
    std::vector<ComposedAttachment> attachments;
    std::vector<std::string> attachedMessages; // whole messages forwarded as message/rfc822
    std::string encrypt;                       // X-Cachet-Encrypt: "require", "never" or empty (Autocrypt decides)
    std::int64_t date = 0;                     // seconds since the epoch; 0: now
    std::string messageId;                     // without brackets; empty: a new one
};

// `withBcc`: keep the Bcc field (a draft); a message to send has it too, and
// the pipeline strips it after taking its addresses as recipients.
std::string buildMessage(const ComposedMessage& message, bool withBcc = true);
// A new msg-id at the domain of `fromAddress` (random, 128 bits).
std::string newMessageId(const std::string& fromAddress);
// The bare address of "Name <address>" or "address", lower-cased.
std::string bareAddress(const std::string& mailbox);

} // namespace cachet::mime
