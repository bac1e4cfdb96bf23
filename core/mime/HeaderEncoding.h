#pragma once
// Writing header values that must be 7-bit (RFC 2047): a header copied into a
// signed MIME part keeps the signature only if no transport changes it, and a
// relay may mangle raw 8-bit bytes. Used by the outgoing OpenPGP pipeline for
// the protected headers; values that are ASCII already are left as they are.

#include <string>
#include <string_view>

namespace cachet::mime {

bool isSevenBit(std::string_view bytes);

// An unstructured value (Subject) as UTF-8 encoded words, "=?utf-8?B?...?=",
// each at most 75 characters and cut between characters, separated by a
// folding CRLF SP. `utf8` is the decoded text.
std::string encodeUnstructured(std::string_view utf8);

// An address list (From, To, Cc, Reply-To) whose raw value holds 8-bit bytes,
// rewritten with encoded-word display names and one address per line.
// Groups are flattened (their members kept), as parseAddressList reads them.
std::string encodeAddressList(std::string_view rawValue);

} // namespace cachet::mime
