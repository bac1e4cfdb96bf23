#include "store/Flags.h"

#include "text/AsciiText.h"

namespace cachet::store {

std::optional<std::uint32_t> systemFlagBit(std::string_view name)
{
    static const std::pair<std::string_view, std::uint32_t> system[] = {
        {"\\seen", FlagSeen},       {"\\answered", FlagAnswered}, {"\\flagged", FlagFlagged},
        {"\\deleted", FlagDeleted}, {"\\draft", FlagDraft},       {"\\recent", 0},
    };
    for (const auto& [flag, bit] : system) {
        if (text::equalsIgnoreCase(name, flag))
            return bit;
    }
    return std::nullopt;
}

std::string formatFlags(std::uint32_t flags)
{
    static const std::pair<Flag, const char*> names[] = {
        {FlagSeen, "\\Seen"}, {FlagAnswered, "\\Answered"}, {FlagFlagged, "\\Flagged"},
        {FlagDeleted, "\\Deleted"}, {FlagDraft, "\\Draft"},
    };
    std::string out;
    for (const auto& [bit, name] : names) {
        if (flags & bit) {
            if (!out.empty())
                out += ' ';
            out += name;
        }
    }
    return out;
}

// Maildir letters (https://cr.yp.to/proto/maildir.html): D draft, F flagged,
// P passed, R replied, S seen, T trashed.
std::string formatFlagsAndKeywords(std::uint32_t flags, const std::string& keywords)
{
    std::string out = formatFlags(flags);
    if (!keywords.empty()) {
        if (!out.empty())
            out += ' ';
        out += keywords;
    }
    return out;
}

std::string maildirFlagLetters(std::uint32_t flags)
{
    std::string out;
    if (flags & FlagDraft) out += 'D';
    if (flags & FlagFlagged) out += 'F';
    if (flags & FlagAnswered) out += 'R';
    if (flags & FlagSeen) out += 'S';
    if (flags & FlagDeleted) out += 'T';
    return out;
}

std::uint32_t flagsFromMaildirLetters(std::string_view letters)
{
    std::uint32_t flags = 0;
    for (char c : letters) {
        switch (c) {
        case 'D': flags |= FlagDraft; break;
        case 'F': flags |= FlagFlagged; break;
        case 'R': flags |= FlagAnswered; break;
        case 'S': flags |= FlagSeen; break;
        case 'T': flags |= FlagDeleted; break;
        default: break; // P (passed) and lower-case keywords have no IMAP system flag
        }
    }
    return flags;
}

} // namespace cachet::store
