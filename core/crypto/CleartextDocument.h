#pragma once
// Builds the documents shown and served in place of an OpenPGP message
// (ARCHITECTURE.md, "The store"): the original with Cachet's own result
// fields, or the decrypted message under the original's header. Only header
// lines are rewritten; bodies are copied byte for byte.
//
// Any X-Cachet-* field the original carried is dropped, wherever it was:
// a sender must not be able to state a result Cachet did not reach.

#include "mime/MimeEntity.h"

#include <string>
#include <string_view>
#include <vector>

namespace cachet::crypto {

// "X-Cachet-..." names, for the fields Cachet adds.
bool isCachetField(std::string_view name);

// The line ending `raw` uses ("\r\n" unless its first line ends in a bare LF).
std::string_view lineEndingOf(std::string_view raw);

// `raw` with its top-level X-Cachet-* fields replaced by `fields` (each one
// "Name: value", without a line end). `root` must come from parsing `raw`.
std::string withCachetFields(std::string_view raw, const mime::MimeEntity& root, const std::vector<std::string>& fields);

// A decrypted message: the outer header without its Content-* fields, with
// the protected header fields (RFC 9788 / "protected-headers=v1": Subject,
// From, To, Cc, Date, Reply-To) of `content`'s header taking the place of the
// outer ones, then `fields`, then `content` (an entity of `inner`: its MIME
// fields and its body). Other inner fields are kept unless the outer header
// has one of the same name.
std::string decryptedDocument(std::string_view outerRaw, const mime::MimeEntity& outerRoot, std::string_view inner,
                              const mime::MimeEntity& content, const std::vector<std::string>& fields);

// `raw` with the body of the leaf `leaf` replaced by `text` (sent as 8bit, or
// 7bit if it is ASCII), for inline PGP.
std::string withLeafText(std::string_view raw, const mime::MimeEntity& leaf, std::string_view text);

// `raw` with its top-level `name` fields replaced by the one field `field`
// ("Name: value", without a line end).
std::string withTopField(std::string_view raw, const mime::MimeEntity& root, std::string_view name,
                         const std::string& field);

// A quoted-string (RFC 5322 §3.2.4) on one line, for a reason in a field.
std::string quotedValue(std::string_view text);

} // namespace cachet::crypto
