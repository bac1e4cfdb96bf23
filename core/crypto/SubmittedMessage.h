#pragma once
// A message as a mail program submitted it, read for the outgoing OpenPGP
// pipeline (crypto/OutgoingOpenPgp): its MIME tree, who sees whom (To and Cc
// against the SMTP envelope, so the Bcc recipients are known even when the
// mail program left no Bcc header), and what the user asked for encryption.
// The bytes are untrusted: the parser is bounded (mime::MimeLimits) and the
// bridge has already capped the size.

#include "mime/HeaderBlock.h"
#include "mime/MimeEntity.h"

#include <string>
#include <string_view>
#include <vector>

namespace cachet::crypto {

// X-Cachet-Encrypt: require | never (or no) | absent; Autocrypt-Draft-State:
// encrypt=yes | encrypt=no when that is absent.
enum class EncryptRequest { Auto, Require, Never };

class SubmittedMessage {
public:
    // `raw`: the DATA; line ends are made CRLF. `rcptTo`: the SMTP envelope's
    // recipients, in order.
    SubmittedMessage(std::string_view raw, std::string mailFrom, const std::vector<std::string>& rcptTo);
    // The header and tree point into m_raw: never copied or moved.
    SubmittedMessage(const SubmittedMessage&) = delete;
    SubmittedMessage& operator=(const SubmittedMessage&) = delete;

    const std::string& raw() const { return m_raw; }
    const mime::MimeEntity& root() const { return m_root; }
    const mime::HeaderBlock& header() const { return m_header; }

    const std::string& mailFrom() const { return m_mailFrom; }
    // The first From address, lower case (empty if none).
    const std::string& fromAddress() const { return m_fromAddress; }
    // The envelope's recipients, lower case, each once, in order.
    const std::vector<std::string>& recipients() const { return m_recipients; }
    // Those named in To or Cc, and the others (Bcc: never shown to anyone).
    const std::vector<std::string>& visibleRecipients() const { return m_visible; }
    const std::vector<std::string>& hiddenRecipients() const { return m_hidden; }

    EncryptRequest encryptRequest() const { return m_request; }
    // In-Reply-To's message ids, without angle brackets.
    const std::vector<std::string>& inReplyTo() const { return m_inReplyTo; }

private:
    std::string m_raw;
    std::string m_mailFrom;
    mime::MimeEntity m_root;
    mime::HeaderBlock m_header;
    std::string m_fromAddress;
    std::vector<std::string> m_recipients, m_visible, m_hidden;
    EncryptRequest m_request = EncryptRequest::Auto;
    std::vector<std::string> m_inReplyTo;
};

} // namespace cachet::crypto
