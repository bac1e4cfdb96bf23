#include "imap/FetchResponse.h"

#include "imap/DateTime.h"
#include "text/AsciiText.h"

namespace cachet::imap {

namespace {

constexpr const char* kSystemFlags[] = {"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft", "\\Recent"};

// flag-fetch = flag / "\Recent"; flag = "\Answered" / ... / flag-keyword / flag-extension
std::optional<FetchFlags> readFlags(const ImapArg& list)
{
    if (list.type != ImapArg::Type::List)
        return std::nullopt;
    FetchFlags flags;
    for (const ImapArg& flag : list.items) {
        if (flag.type != ImapArg::Type::Atom)
            return std::nullopt;
        if (!flag.text.starts_with('\\')) {
            flags.keywords.push_back(flag.text);
            continue;
        }
        std::string name = flag.text;
        for (const char* known : kSystemFlags) {
            if (text::equalsIgnoreCase(name, known))
                name = known;
        }
        flags.system.push_back(std::move(name));
    }
    return flags;
}

// "BODY[1.2]<0>": what is between the brackets, and the origin if any.
bool readSectionName(std::string_view name, std::size_t open, FetchedSection& out)
{
    const std::size_t close = name.rfind(']');
    if (close == std::string_view::npos || close < open)
        return false;
    out.section = std::string(name.substr(open + 1, close - open - 1));
    std::string_view rest = name.substr(close + 1);
    if (rest.empty())
        return true;
    if (rest.size() < 3 || rest.front() != '<' || rest.back() != '>')
        return false;
    ImapArg origin;
    origin.text = std::string(rest.substr(1, rest.size() - 2));
    out.origin = numberOf(origin);
    return out.origin.has_value();
}

bool readSectionValue(ImapArg&& value, FetchedSection& out)
{
    if (value.type == ImapArg::Type::Nil)
        return true;
    if (value.type != ImapArg::Type::String)
        return false;
    out.bytes = std::move(value.text);
    return true;
}

// One "name value" pair into `out`; false if a known item is malformed.
bool readItem(const std::string& rawName, ImapArg&& value, FetchData& out)
{
    const std::size_t open = rawName.find('[');
    const std::string name = text::asciiUpper(std::string_view(rawName).substr(0, open));
    if (open != std::string::npos && (name == "BODY" || name == "BINARY")) {
        FetchedSection section;
        section.binary = name == "BINARY";
        if (!readSectionName(rawName, open, section) || !readSectionValue(std::move(value), section))
            return false;
        out.sections.push_back(std::move(section));
        return true;
    }
    if (open != std::string::npos) { // BINARY.SIZE[1] and whatever else has a section
        out.other.emplace_back(text::asciiUpper(rawName), std::move(value));
        return true;
    }
    if (name == "UID") {
        out.uid = numberOf(value);
        return out.uid.has_value();
    }
    if (name == "FLAGS") {
        out.flags = readFlags(value);
        return out.flags.has_value();
    }
    if (name == "INTERNALDATE") {
        if (value.type != ImapArg::Type::String)
            return false;
        out.internalDate = parseDateTime(value.text);
        return out.internalDate.has_value();
    }
    if (name == "RFC822.SIZE") {
        out.rfc822Size = number64Of(value);
        return out.rfc822Size.has_value();
    }
    if (name == "MODSEQ") { // "MODSEQ (624140003)"
        if (value.type != ImapArg::Type::List || value.items.size() != 1)
            return false;
        out.modSeq = number64Of(value.items[0]);
        return out.modSeq.has_value();
    }
    if (name == "RFC822" || name == "RFC822.HEADER" || name == "RFC822.TEXT") {
        FetchedSection section;
        section.section = name == "RFC822" ? "" : name.substr(7); // "HEADER", "TEXT"
        if (!readSectionValue(std::move(value), section))
            return false;
        out.sections.push_back(std::move(section));
        return true;
    }
    if (name == "ENVELOPE") {
        if (value.type != ImapArg::Type::List)
            return false;
        out.envelope = std::move(value);
        return true;
    }
    if (name == "BODYSTRUCTURE" || name == "BODY") {
        if (value.type != ImapArg::Type::List)
            return false;
        out.bodyStructure = std::move(value);
        return true;
    }
    out.other.emplace_back(name, std::move(value));
    return true;
}

} // namespace

const FetchedSection* FetchData::section(std::string_view name) const
{
    for (const FetchedSection& s : sections) {
        if (s.section == name)
            return &s;
    }
    return nullptr;
}

std::optional<FetchData> readFetch(Response response)
{
    // message-data = nz-number SP "FETCH" SP msg-att; msg-att = "(" item *(SP item) ")"
    if (!response.isData("FETCH") || !response.number || *response.number == 0 || response.args.size() != 1
        || response.args[0].type != ImapArg::Type::List)
        return std::nullopt;
    std::vector<ImapArg>& items = response.args[0].items;
    if (items.size() % 2 != 0)
        return std::nullopt;
    FetchData data;
    data.sequenceNumber = *response.number;
    for (std::size_t i = 0; i < items.size(); i += 2) {
        if (items[i].type != ImapArg::Type::Atom || !readItem(items[i].text, std::move(items[i + 1]), data))
            return std::nullopt;
    }
    return data;
}

} // namespace cachet::imap
