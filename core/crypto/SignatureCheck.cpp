#include "crypto/SignatureCheck.h"

namespace cachet::crypto {

namespace {
struct Name {
    SignatureCheck::Status status;
    const char* name;
};
constexpr Name kNames[] = {
    {SignatureCheck::Status::None, "none"},       {SignatureCheck::Status::Valid, "valid"},
    {SignatureCheck::Status::Bad, "bad"},         {SignatureCheck::Status::UnknownKey, "unknown-key"},
    {SignatureCheck::Status::Expired, "expired"}, {SignatureCheck::Status::Revoked, "revoked"},
    {SignatureCheck::Status::Error, "error"},
};
} // namespace

const char* statusName(SignatureCheck::Status status)
{
    for (const Name& n : kNames)
        if (n.status == status)
            return n.name;
    return "error";
}

SignatureCheck::Status statusFromName(const std::string& name)
{
    for (const Name& n : kNames)
        if (name == n.name)
            return n.status;
    return SignatureCheck::Status::Error;
}

} // namespace cachet::crypto
