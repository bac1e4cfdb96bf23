#include "mime/MimeEntity.h"

#include "text/AsciiText.h"

namespace cachet::mime {

namespace {
const std::string* findParam(const std::vector<MimeParameter>& params, const std::string& name)
{
    for (const auto& p : params) {
        if (text::equalsIgnoreCase(p.name, name))
            return &p.value;
    }
    return nullptr;
}
} // namespace

const std::string* MimeEntity::param(const std::string& lowerName) const
{
    return findParam(params, lowerName);
}

const std::string* MimeEntity::dispositionParam(const std::string& lowerName) const
{
    return findParam(dispositionParams, lowerName);
}

} // namespace cachet::mime
