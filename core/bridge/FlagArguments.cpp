#include "bridge/FlagArguments.h"

#include "imap/ImapWriter.h"
#include "store/Flags.h"
#include "text/AsciiText.h"

#include <algorithm>
#include <sstream>

namespace cachet::bridge {

namespace {

constexpr std::size_t kMaxKeywords = 100; // per message; Dovecot's default is about as many

std::vector<std::string> split(const std::string& keywords)
{
    std::vector<std::string> out;
    std::istringstream in(keywords);
    std::string word;
    while (in >> word)
        out.push_back(word);
    return out;
}

bool containsKeyword(const std::vector<std::string>& list, const std::string& keyword)
{
    return std::any_of(list.begin(), list.end(), [&](const std::string& k) { return text::equalsIgnoreCase(k, keyword); });
}

bool addFlag(FlagArguments& out, const std::string& name, std::string& error)
{
    if (auto bit = store::systemFlagBit(name)) {
        out.flags |= *bit;
        return true;
    }
    // A keyword is an atom without '\' (RFC 3501 §9 "flag-keyword").
    if (name.empty() || name[0] == '\\' || !imap::isAtom(name) || name.find_first_of("]") != std::string::npos) {
        error = "invalid flag " + name.substr(0, 40);
        return false;
    }
    if (!containsKeyword(out.keywords, name))
        out.keywords.push_back(name);
    if (out.keywords.size() > kMaxKeywords) {
        error = "too many keywords";
        return false;
    }
    return true;
}

} // namespace

std::optional<FlagArguments> parseFlagArguments(const std::vector<imap::CommandArg>& args, std::size_t first,
                                                std::string& error)
{
    FlagArguments out;
    if (first >= args.size()) {
        error = "flags missing";
        return std::nullopt;
    }
    const bool isList = args[first].type == imap::CommandArg::Type::List;
    if (isList && first + 1 != args.size()) {
        error = "unexpected argument after the flag list";
        return std::nullopt;
    }
    const std::vector<imap::CommandArg> bare(args.begin() + static_cast<std::ptrdiff_t>(first), args.end());
    for (const imap::CommandArg& arg : isList ? args[first].items : bare) {
        if (arg.type != imap::CommandArg::Type::Atom || !addFlag(out, arg.text, error)) {
            if (error.empty())
                error = "flags must be atoms";
            return std::nullopt;
        }
    }
    return out;
}

std::string joinKeywords(const std::vector<std::string>& keywords)
{
    return text::joined(keywords, ' ');
}

std::string addKeywords(const std::string& current, const std::vector<std::string>& add)
{
    std::vector<std::string> list = split(current);
    for (const std::string& k : add) {
        if (!containsKeyword(list, k))
            list.push_back(k);
    }
    return joinKeywords(list);
}

std::string removeKeywords(const std::string& current, const std::vector<std::string>& remove)
{
    std::vector<std::string> list = split(current);
    list.erase(std::remove_if(list.begin(), list.end(), [&](const std::string& k) { return containsKeyword(remove, k); }),
               list.end());
    return joinKeywords(list);
}

} // namespace cachet::bridge
