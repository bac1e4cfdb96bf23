#pragma once
// Parsing of the MIME structured header fields (RFC 2045 §5.1, §6; RFC 2183;
// RFC 2231) the way Dovecot does, since the bridge must answer BODYSTRUCTURE as
// Dovecot would: case kept as written, comments dropped, and parameters with a
// '*' in their name moved after the others with their continuations joined.

#include "mime/MimeEntity.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cachet::mime {

struct ContentType {
    std::string type;     // as written
    std::string subtype;  // as written; empty for "Content-Type: text"
    std::vector<MimeParameter> params;
};

// nullopt when the value is not "type[/subtype] *(; param)": Dovecot then
// reports an empty type and subtype.
std::optional<ContentType> parseContentType(std::string_view rawValue);

struct ContentDisposition {
    std::string type;
    std::vector<MimeParameter> params;
};
std::optional<ContentDisposition> parseContentDisposition(std::string_view rawValue);

// The first token of the value, comments dropped ("base64 (x)" -> "base64").
std::string parseMimeToken(std::string_view rawValue);
// Content-Language: the comma separated tags.
std::vector<std::string> parseLanguageList(std::string_view rawValue);

} // namespace cachet::mime
