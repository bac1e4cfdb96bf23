#pragma once
// IMAP BODYSTRUCTURE and BODY (RFC 3501 §7.4.2) of a parsed message, with the
// figures Dovecot gives: sizes and line counts of the CRLF form of the bytes
// (a bare-LF message is served with CRLF), case as written, Dovecot's defaults.

#include "mime/MimeEntity.h"

#include <string>
#include <string_view>

namespace cachet::mime {

// `extended`: BODYSTRUCTURE (with MD5, disposition, language, location);
// otherwise the non-extended BODY form.
void appendBodyStructure(std::string& out, std::string_view raw, const MimeEntity& entity, bool extended);

// Size of raw[begin, end) once every bare LF is a CRLF.
std::size_t crlfSize(std::string_view raw, std::size_t begin, std::size_t end);
// RFC822.SIZE as the bridge serves a message: the whole of it with CRLF line ends.
inline std::size_t crlfSize(std::string_view raw) { return crlfSize(raw, 0, raw.size()); }

} // namespace cachet::mime
