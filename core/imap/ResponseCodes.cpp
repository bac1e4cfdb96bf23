#include "imap/ResponseCodes.h"

#include <algorithm>

namespace cachet::imap {

namespace {

const ResponseCode* codeNamed(const Response& response, std::string_view name)
{
    return response.code && response.code->name == name ? &*response.code : nullptr;
}

// The number a code holds as its only argument: [UIDNEXT 4].
std::optional<std::uint32_t> numberCode(const Response& response, std::string_view name)
{
    const ResponseCode* code = codeNamed(response, name);
    if (!code || code->args.size() != 1)
        return std::nullopt;
    return numberOf(code->args[0]);
}

// uid-set = (uniqueid / uid-range) *("," uid-set): no "*" (RFC 4315 §4)
std::optional<SequenceSet> uidSet(const ImapArg& arg)
{
    if (arg.type != ImapArg::Type::Atom)
        return std::nullopt;
    auto set = SequenceSet::parse(arg.text, arg.text.size());
    if (!set)
        return std::nullopt;
    for (const SequenceSet::Range& r : set->ranges()) {
        if (r.first == 0 || r.last == 0)
            return std::nullopt;
    }
    return set;
}

// How many UIDs a set names.
std::uint64_t countOf(const SequenceSet& set)
{
    std::uint64_t n = 0;
    for (const SequenceSet::Range& r : set.ranges())
        n += std::max(r.first, r.last) - std::min(r.first, r.last) + 1ull;
    return n;
}

// Each UID of a set in the order the sets are written; within a range low to
// high, since "4:2" is the same range as "2:4" (RFC 4315 §4, uid-range).
template<typename Visit>
void forEachUid(const SequenceSet& set, Visit visit)
{
    for (const SequenceSet::Range& r : set.ranges()) {
        const std::uint64_t last = std::max(r.first, r.last);
        for (std::uint64_t uid = std::min(r.first, r.last); uid <= last; ++uid)
            visit(static_cast<std::uint32_t>(uid));
    }
}

} // namespace

std::optional<std::uint32_t> uidValidityCode(const Response& response)
{
    return numberCode(response, "UIDVALIDITY");
}

std::optional<std::uint32_t> uidNextCode(const Response& response)
{
    return numberCode(response, "UIDNEXT");
}

std::optional<std::uint32_t> unseenCode(const Response& response)
{
    return numberCode(response, "UNSEEN");
}

std::optional<std::uint64_t> highestModSeqCode(const Response& response)
{
    const ResponseCode* code = codeNamed(response, "HIGHESTMODSEQ");
    if (!code || code->args.size() != 1)
        return std::nullopt;
    return number64Of(code->args[0]);
}

std::optional<std::vector<std::string>> permanentFlagsCode(const Response& response)
{
    const ResponseCode* code = codeNamed(response, "PERMANENTFLAGS");
    if (!code || code->args.size() != 1 || code->args[0].type != ImapArg::Type::List)
        return std::nullopt;
    std::vector<std::string> flags;
    for (const ImapArg& flag : code->args[0].items) {
        if (flag.type != ImapArg::Type::Atom)
            return std::nullopt;
        flags.push_back(flag.text);
    }
    return flags;
}

std::optional<AppendUid> appendUidCode(const Response& response)
{
    const ResponseCode* code = codeNamed(response, "APPENDUID");
    if (!code || code->args.size() != 2)
        return std::nullopt;
    const auto validity = numberOf(code->args[0]);
    auto uids = uidSet(code->args[1]);
    if (!validity || !uids)
        return std::nullopt;
    return AppendUid{*validity, std::move(*uids)};
}

std::optional<CopyUid> copyUidCode(const Response& response)
{
    const ResponseCode* code = codeNamed(response, "COPYUID");
    if (!code || code->args.size() != 3)
        return std::nullopt;
    const auto validity = numberOf(code->args[0]);
    auto source = uidSet(code->args[1]);
    auto destination = uidSet(code->args[2]);
    if (!validity || !source || !destination)
        return std::nullopt;
    return CopyUid{*validity, std::move(*source), std::move(*destination)};
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> CopyUid::pairs(std::size_t maxPairs) const
{
    const std::uint64_t count = countOf(source);
    if (count != countOf(destination) || count > maxPairs)
        return {};
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    out.reserve(static_cast<std::size_t>(count));
    forEachUid(source, [&](std::uint32_t uid) { out.emplace_back(uid, 0); });
    std::size_t i = 0;
    forEachUid(destination, [&](std::uint32_t uid) { out[i++].second = uid; });
    return out;
}

} // namespace cachet::imap
