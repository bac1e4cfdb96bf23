#include "imap/SearchResponse.h"

#include "text/AsciiText.h"

namespace cachet::imap {

std::optional<SearchData> readSearch(const Response& response)
{
    // mailbox-data =/ "SEARCH" *(SP nz-number) [SP "(" "MODSEQ" SP mod-sequence-value ")"]
    if (!response.isData("SEARCH"))
        return std::nullopt;
    SearchData data;
    data.numbers.reserve(response.args.size());
    for (std::size_t i = 0; i < response.args.size(); ++i) {
        const ImapArg& arg = response.args[i];
        if (arg.type == ImapArg::Type::List && i + 1 == response.args.size() && arg.items.size() == 2
            && arg.items[0].isAtom("MODSEQ")) {
            data.modSeq = number64Of(arg.items[1]);
            if (!data.modSeq)
                return std::nullopt;
            continue;
        }
        const auto number = numberOf(arg);
        if (!number || *number == 0)
            return std::nullopt;
        data.numbers.push_back(*number);
    }
    return data;
}

std::optional<ESearchData> readESearch(const Response& response)
{
    // esearch-response = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)
    if (!response.isData("ESEARCH"))
        return std::nullopt;
    const std::vector<ImapArg>& args = response.args;
    ESearchData data;
    std::size_t i = 0;
    if (i < args.size() && args[i].type == ImapArg::Type::List) { // search-correlator = "(" "TAG" SP tag-string ")"
        const ImapArg& correlator = args[i];
        if (correlator.items.size() != 2 || !correlator.items[0].isAtom("TAG") || !correlator.items[1].isAString())
            return std::nullopt;
        data.tag = correlator.items[1].text;
        ++i;
    }
    if (i < args.size() && args[i].isAtom("UID")) {
        data.uid = true;
        ++i;
    }
    for (; i < args.size(); i += 2) {
        if (args[i].type != ImapArg::Type::Atom || i + 1 >= args.size())
            return std::nullopt;
        const std::string name = text::asciiUpper(args[i].text);
        const ImapArg& value = args[i + 1];
        if (name == "MIN" || name == "MAX" || name == "COUNT") {
            auto& field = name == "MIN" ? data.min : name == "MAX" ? data.max : data.count;
            field = numberOf(value);
            if (!field)
                return std::nullopt;
        } else if (name == "ALL") {
            if (value.type != ImapArg::Type::Atom)
                return std::nullopt;
            data.all = SequenceSet::parse(value.text, value.text.size());
            if (!data.all)
                return std::nullopt;
        } else if (name == "MODSEQ") {
            data.modSeq = number64Of(value);
            if (!data.modSeq)
                return std::nullopt;
        } else {
            data.other.emplace_back(name, value);
        }
    }
    return data;
}

} // namespace cachet::imap
