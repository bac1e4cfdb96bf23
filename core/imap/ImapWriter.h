#pragma once
// Writers for the IMAP string types (RFC 3501 §4.3, §9), one per type, as in
// Dovecot's lib-imap: callers never quote by hand. Shared by the bridge's
// responses, the sync client's commands and the stored ENVELOPE/BODYSTRUCTURE.

#include <cstddef>
#include <string>
#include <string_view>

namespace cachet::imap {

// nil = "NIL"
void appendNil(std::string& out);
// quoted = DQUOTE *QUOTED-CHAR DQUOTE; QUOTED-CHAR = <any TEXT-CHAR except quoted-specials> / "\" quoted-specials.
// The caller must know `text` is quotable (see isQuotable).
void appendQuoted(std::string& out, std::string_view text);
// literal = "{" number "}" CRLF *CHAR8
void appendLiteral(std::string& out, std::string_view bytes);
// A literal's announcement alone, "{n}" CRLF, or "{n+}" CRLF when it does not wait
// for the server's "+" (LITERAL+ and LITERAL-, RFC 7888): the client sends the
// bytes after it, at once or once the server has answered "+".
void appendLiteralAnnouncement(std::string& out, std::size_t size, bool synchronising);
// string = quoted / literal: quoted when it can be, a literal otherwise (CR, LF, NUL, 8-bit, too long).
void appendString(std::string& out, std::string_view text);
// nstring = string / nil
void appendNString(std::string& out, const std::string_view* text);
// astring = 1*ASTRING-CHAR / string: an atom when it can be.
void appendAString(std::string& out, std::string_view text);

// True if `text` can be written as a quoted string: 7-bit, no CR, LF or NUL.
bool isQuotable(std::string_view text);
// True if `text` is a valid atom (RFC 3501 §9 ATOM-CHAR, non-empty, not "NIL").
bool isAtom(std::string_view text);

} // namespace cachet::imap
