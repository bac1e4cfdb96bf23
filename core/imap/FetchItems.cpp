#include "imap/FetchItems.h"

#include "text/AsciiText.h"

#include <string_view>

namespace cachet::imap {

namespace {

bool readNumber(std::string_view text, std::size_t& pos, std::uint32_t& out)
{
    const std::size_t begin = pos;
    std::uint64_t value = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && pos - begin < 11) {
        value = value * 10 + static_cast<std::uint64_t>(text[pos] - '0');
        ++pos;
    }
    if (pos == begin || value > 0xffffffffu)
        return false;
    out = static_cast<std::uint32_t>(value);
    return true;
}

// header-list = "(" header-fld-name *(SP header-fld-name) ")"; names are astrings.
bool readFieldList(std::string_view text, std::vector<std::string>& fields)
{
    if (text.size() < 2 || text.front() != '(' || text.back() != ')')
        return false;
    text = text.substr(1, text.size() - 2);
    std::size_t pos = 0;
    while (pos < text.size()) {
        while (pos < text.size() && text[pos] == ' ')
            ++pos;
        if (pos >= text.size())
            break;
        std::string name;
        if (text[pos] == '"') {
            const std::size_t close = text.find('"', pos + 1);
            if (close == std::string_view::npos)
                return false;
            name = std::string(text.substr(pos + 1, close - pos - 1));
            pos = close + 1;
        } else {
            const std::size_t end = std::min(text.find(' ', pos), text.size());
            name = std::string(text.substr(pos, end - pos));
            pos = end;
        }
        if (name.empty())
            return false;
        fields.push_back(std::move(name));
    }
    return !fields.empty();
}

// section-spec = section-msgtext / (section-part ["." section-text])
bool parseSection(std::string_view spec, BodySection& section)
{
    std::size_t pos = 0;
    while (pos < spec.size() && spec[pos] >= '1' && spec[pos] <= '9') {
        std::uint32_t n = 0;
        if (!readNumber(spec, pos, n) || section.part.size() >= 100)
            return false;
        section.part.push_back(n);
        if (pos == spec.size())
            return true;
        if (spec[pos] != '.')
            return false;
        ++pos;
    }
    const std::size_t space = spec.find(' ', pos);
    const std::string keyword = text::asciiUpper(spec.substr(pos, space == std::string_view::npos ? spec.npos : space - pos));
    const std::string_view rest = space == std::string_view::npos ? std::string_view() : spec.substr(space + 1);
    using Text = BodySection::Text;
    if (keyword.empty() && section.part.empty())
        section.text = Text::Whole;
    else if (keyword == "HEADER")
        section.text = Text::Header;
    else if (keyword == "TEXT")
        section.text = Text::Text;
    else if (keyword == "MIME" && !section.part.empty()) // MIME only names a part's header
        section.text = Text::Mime;
    else if (keyword == "HEADER.FIELDS")
        section.text = Text::HeaderFields;
    else if (keyword == "HEADER.FIELDS.NOT")
        section.text = Text::HeaderFieldsNot;
    else
        return false;
    const bool wantsList = section.text == Text::HeaderFields || section.text == Text::HeaderFieldsNot;
    if (wantsList)
        return readFieldList(rest, section.fields);
    return space == std::string_view::npos;
}

std::optional<FetchItem> parseItem(const CommandArg& arg, std::string& error)
{
    if (arg.type != CommandArg::Type::Atom) {
        error = "a FETCH item is an atom";
        return std::nullopt;
    }
    const std::string& text = arg.text;
    const std::size_t bracket = text.find('[');
    const std::string name = text::asciiUpper(std::string_view(text).substr(0, bracket));
    FetchItem item;
    using Kind = FetchItem::Kind;
    if (bracket == std::string::npos) {
        static const std::pair<const char*, Kind> simple[] = {
            {"ENVELOPE", Kind::Envelope}, {"FLAGS", Kind::Flags}, {"INTERNALDATE", Kind::InternalDate},
            {"UID", Kind::Uid}, {"MODSEQ", Kind::ModSeq}, {"RFC822", Kind::Rfc822},
            {"RFC822.HEADER", Kind::Rfc822Header}, {"RFC822.SIZE", Kind::Rfc822Size},
            {"RFC822.TEXT", Kind::Rfc822Text}, {"BODY", Kind::Body}, {"BODYSTRUCTURE", Kind::BodyStructure}};
        for (const auto& [n, kind] : simple) {
            if (name == n) {
                item.kind = kind;
                return item;
            }
        }
        error = "unknown FETCH item " + text.substr(0, 64);
        return std::nullopt;
    }
    if (name != "BODY" && name != "BODY.PEEK") {
        error = "only BODY and BODY.PEEK take a section";
        return std::nullopt;
    }
    item.kind = Kind::Section;
    item.peek = name == "BODY.PEEK";
    const std::size_t close = text.rfind(']');
    if (close == std::string::npos || close < bracket
        || !parseSection(std::string_view(text).substr(bracket + 1, close - bracket - 1), item.section)) {
        error = "bad section in " + text.substr(0, 64);
        return std::nullopt;
    }
    std::string_view partial = std::string_view(text).substr(close + 1);
    if (!partial.empty()) { // "<" number "." nz-number ">"
        std::size_t pos = 1;
        std::uint32_t origin = 0;
        if (partial.front() != '<' || partial.back() != '>' || !readNumber(partial, pos, origin) || pos >= partial.size()
            || partial[pos] != '.' || !readNumber(partial, ++pos, item.partialOctets) || pos != partial.size() - 1
            || item.partialOctets == 0) {
            error = "bad partial in " + text.substr(0, 64);
            return std::nullopt;
        }
        item.partialOrigin = origin;
    }
    return item;
}

} // namespace

bool FetchItem::setsSeen() const
{
    return (kind == Kind::Section && !peek) || kind == Kind::Rfc822 || kind == Kind::Rfc822Text;
}

std::string FetchItem::responseName() const
{
    switch (kind) {
    case Kind::Envelope: return "ENVELOPE";
    case Kind::Flags: return "FLAGS";
    case Kind::InternalDate: return "INTERNALDATE";
    case Kind::Uid: return "UID";
    case Kind::ModSeq: return "MODSEQ";
    case Kind::Rfc822: return "RFC822";
    case Kind::Rfc822Header: return "RFC822.HEADER";
    case Kind::Rfc822Size: return "RFC822.SIZE";
    case Kind::Rfc822Text: return "RFC822.TEXT";
    case Kind::Body: return "BODY";
    case Kind::BodyStructure: return "BODYSTRUCTURE";
    case Kind::Section: break;
    }
    std::string out = "BODY[";
    for (std::size_t i = 0; i < section.part.size(); ++i)
        out += (i ? "." : "") + std::to_string(section.part[i]);
    const char* text = nullptr;
    switch (section.text) {
    case BodySection::Text::Whole: break;
    case BodySection::Text::Header: text = "HEADER"; break;
    case BodySection::Text::HeaderFields: text = "HEADER.FIELDS"; break;
    case BodySection::Text::HeaderFieldsNot: text = "HEADER.FIELDS.NOT"; break;
    case BodySection::Text::Text: text = "TEXT"; break;
    case BodySection::Text::Mime: text = "MIME"; break;
    }
    if (text) {
        out += section.part.empty() ? "" : ".";
        out += text;
    }
    if (!section.fields.empty()) {
        out += " (";
        for (std::size_t i = 0; i < section.fields.size(); ++i)
            out += (i ? " " : "") + section.fields[i];
        out += ')';
    }
    out += ']';
    if (partialOrigin)
        out += '<' + std::to_string(*partialOrigin) + '>';
    return out;
}

std::optional<std::vector<FetchItem>> parseFetchItems(const CommandArg& arg, std::string& error)
{
    using Kind = FetchItem::Kind;
    std::vector<FetchItem> items;
    if (arg.type == CommandArg::Type::Atom) {
        // Macros (RFC 3501 §6.4.5); they cannot appear inside a list.
        const std::string macro = text::asciiUpper(arg.text);
        const auto add = [&](std::initializer_list<Kind> kinds) {
            for (Kind k : kinds) {
                FetchItem i;
                i.kind = k;
                items.push_back(i);
            }
            return items;
        };
        if (macro == "ALL")
            return add({Kind::Flags, Kind::InternalDate, Kind::Rfc822Size, Kind::Envelope});
        if (macro == "FAST")
            return add({Kind::Flags, Kind::InternalDate, Kind::Rfc822Size});
        if (macro == "FULL")
            return add({Kind::Flags, Kind::InternalDate, Kind::Rfc822Size, Kind::Envelope, Kind::Body});
        auto one = parseItem(arg, error);
        if (!one)
            return std::nullopt;
        items.push_back(std::move(*one));
        return items;
    }
    if (arg.type != CommandArg::Type::List || arg.items.empty()) {
        error = "FETCH wants an item or a list of items";
        return std::nullopt;
    }
    for (const CommandArg& a : arg.items) {
        auto one = parseItem(a, error);
        if (!one)
            return std::nullopt;
        items.push_back(std::move(*one));
    }
    return items;
}

} // namespace cachet::imap
