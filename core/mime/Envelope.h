#pragma once
// IMAP ENVELOPE (RFC 3501 §7.4.2) of a header block, as Dovecot answers it.

#include <string>
#include <string_view>

namespace cachet::mime {

class HeaderBlock;

// Appends "(date subject from sender reply-to to cc bcc in-reply-to message-id)".
void appendEnvelope(std::string& out, const HeaderBlock& header);

} // namespace cachet::mime
