#include "imap/ImapArg.h"

#include "text/AsciiText.h"

namespace cachet::imap {

std::optional<std::uint64_t> decimalValue(std::string_view digits, std::uint64_t max)
{
    if (digits.empty() || digits.size() > 20)
        return std::nullopt;
    std::uint64_t value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (max - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

namespace {
std::optional<std::uint64_t> digitsValue(const ImapArg& arg, std::uint64_t max)
{
    if (arg.type != ImapArg::Type::Atom)
        return std::nullopt;
    return decimalValue(arg.text, max);
}
} // namespace

bool ImapArg::isAtom(std::string_view name) const
{
    return type == Type::Atom && text::equalsIgnoreCase(text, name);
}

std::optional<std::uint32_t> numberOf(const ImapArg& arg)
{
    const auto value = digitsValue(arg, 0xffffffffu);
    if (!value)
        return std::nullopt;
    return static_cast<std::uint32_t>(*value);
}

std::optional<std::uint64_t> number64Of(const ImapArg& arg)
{
    return digitsValue(arg, 0x7fffffffffffffffull);
}

} // namespace cachet::imap
