#pragma once
// The SASL exchanges the bridge accepts, shared by IMAP AUTHENTICATE and SMTP
// AUTH: PLAIN (RFC 4616) and LOGIN (draft-murchison-sasl-login), both base64.

#include <optional>
#include <string>
#include <string_view>

namespace cachet::bridge {

struct SaslCredentials {
    std::string user;
    std::string password;
};

// PLAIN: base64 of authzid NUL authcid NUL passwd. An authzid other than the
// user itself is refused: the bridge has one user.
std::optional<SaslCredentials> decodeSaslPlain(std::string_view base64);
// Strict base64, as LOGIN's answers are.
std::optional<std::string> decodeSaslBase64(std::string_view base64);

// The LOGIN mechanism's two prompts, base64 ("Username:", "Password:").
inline constexpr const char* kSaslLoginUserPrompt = "VXNlcm5hbWU6";
inline constexpr const char* kSaslLoginPasswordPrompt = "UGFzc3dvcmQ6";

} // namespace cachet::bridge
