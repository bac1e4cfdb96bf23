#pragma once
// The bytes of a BODY[section] (RFC 3501 §6.4.5) cut from a stored message with
// the MIME tree's offsets, as the bridge serves them: bare LF line ends become
// CRLF, as Dovecot serves them, so sizes and partials count what is sent.

#include "imap/FetchItems.h"
#include "mime/MimeEntity.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace cachet::imap {

// nullopt if the section names a part the message does not have (the bridge
// answers such a section with NIL, as Dovecot does).
std::optional<std::string> sectionBytes(std::string_view raw, const mime::MimeEntity& root, const BodySection& section);
// The same with the tree made only if the section needs it: BODY[], by far the
// commonest, is the whole message and needs none.
std::optional<std::string> sectionBytes(std::string_view raw, const std::function<const mime::MimeEntity&()>& tree,
                                        const BodySection& section);

// `bytes` with every LF that lacks its CR given one.
std::string withCrlf(std::string_view bytes);

} // namespace cachet::imap
