#pragma once
// Mailbox names on the wire are modified UTF-7 (RFC 3501 §5.1.3); the store
// keeps them as UTF-8. Shared by the bridge and the sync client.

#include <optional>
#include <string>
#include <string_view>

namespace cachet::imap {

// UTF-8 to modified UTF-7. Invalid UTF-8 sequences become U+FFFD.
std::string encodeMailboxName(std::string_view utf8);
// Modified UTF-7 to UTF-8; nullopt for anything RFC 3501 does not allow: raw
// 8-bit or control bytes, an unterminated or empty shift, bad base64, left-over
// bits, printable ASCII written in base64, or a broken UTF-16 surrogate pair.
std::optional<std::string> decodeMailboxName(std::string_view mutf7);

// A name as a server wrote it (LIST, LSUB, STATUS) to UTF-8, for the sync
// client: modified UTF-7, or UTF-8 once UTF8=ACCEPT is enabled (RFC 6855 §3).
// Never fails: a name that is neither (servers that send raw UTF-8 regardless)
// is read as UTF-8, bad bytes as U+FFFD; the client keeps the wire name to
// address the mailbox. "INBOX" in any case is "INBOX" (RFC 3501 §5.1).
std::string mailboxNameFromServer(std::string_view wire, bool utf8Accepted);

} // namespace cachet::imap
