#include "mime/HeaderBlock.h"

#include "text/AsciiText.h"

namespace cachet::mime {

namespace {

// Field name characters: printable US-ASCII except colon (RFC 5322 §3.6.8 ftext).
bool isFieldNameChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u >= 33 && u <= 126 && c != ':';
}

std::string_view trimLineEnd(std::string_view line)
{
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.remove_suffix(1);
    return line;
}

} // namespace

HeaderBlock::HeaderBlock(std::string_view block)
{
    std::size_t pos = 0;
    HeaderField* current = nullptr; // re-taken after each push_back, which may reallocate
    const char* valueStart = nullptr;
    while (pos < block.size()) {
        std::size_t eol = block.find('\n', pos);
        std::size_t next = eol == std::string_view::npos ? block.size() : eol + 1;
        std::string_view line = block.substr(pos, next - pos);
        if (line.front() == ' ' || line.front() == '\t') {
            if (current) {
                // A continuation extends the current field's value up to its own line end.
                std::string_view trimmed = trimLineEnd(line);
                const char* end = trimmed.data() + trimmed.size();
                current->rawValue = std::string_view(valueStart, static_cast<std::size_t>(end - valueStart));
            }
        } else {
            std::size_t nameEnd = 0;
            while (nameEnd < line.size() && isFieldNameChar(line[nameEnd]))
                ++nameEnd;
            std::size_t colon = nameEnd;
            // Tolerate whitespace before the colon ("Subject : x"), as common parsers do.
            while (colon < line.size() && (line[colon] == ' ' || line[colon] == '\t'))
                ++colon;
            if (nameEnd > 0 && colon < line.size() && line[colon] == ':') {
                std::string_view value = trimLineEnd(line.substr(colon + 1));
                m_fields.push_back({line.substr(0, nameEnd), value});
                current = &m_fields.back();
                valueStart = value.data();
            } else {
                current = nullptr; // not a field: skipped
            }
        }
        pos = next;
    }
}

const HeaderField* HeaderBlock::find(std::string_view name) const
{
    for (const auto& f : m_fields) {
        if (text::equalsIgnoreCase(f.name, name))
            return &f;
    }
    return nullptr;
}

std::string_view HeaderBlock::value(std::string_view name) const
{
    const HeaderField* f = find(name);
    return f ? f->rawValue : std::string_view();
}

std::size_t HeaderBlock::count(std::string_view name) const
{
    std::size_t n = 0;
    for (const auto& f : m_fields) {
        if (text::equalsIgnoreCase(f.name, name))
            ++n;
    }
    return n;
}

std::string HeaderBlock::unfold(std::string_view rawValue)
{
    std::string out;
    out.reserve(rawValue.size());
    for (char c : rawValue) {
        if (c != '\r' && c != '\n')
            out.push_back(c);
    }
    std::size_t b = out.find_first_not_of(" \t");
    if (b == std::string::npos)
        return {};
    std::size_t e = out.find_last_not_of(" \t");
    return out.substr(b, e - b + 1);
}

} // namespace cachet::mime
