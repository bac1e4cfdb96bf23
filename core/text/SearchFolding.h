#pragma once
// Text made comparable for IMAP SEARCH's case-insensitive substring match
// (RFC 3501 §6.4.4). Dovecot, the reference, compares Unicode text decomposed
// and case-mapped (uni_utf8_to_decomposed_titlecase), so "cafe" finds "Café"
// and "STRASSE" finds "straße" only where the mapping says so. Here: NFKD
// then Unicode case folding. Both the searched text and the search string go
// through this, and a match is a plain byte substring of the results.

#include <string>
#include <string_view>

namespace cachet::text {

// `utf8` decomposed and case folded, as UTF-8. ASCII text takes a fast path
// (ASCII lower-case, which is what the Unicode path gives for it).
std::string foldForSearch(std::string_view utf8);

} // namespace cachet::text
