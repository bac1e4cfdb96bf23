#pragma once
// The header block of a message or MIME entity, split into fields without
// decoding anything (RFC 5322 §2.2). Field values keep their folding and raw
// bytes, so callers decide how to decode: ENVELOPE wants raw values, the
// search index wants decoded ones.

#include <string>
#include <string_view>
#include <vector>

namespace cachet::mime {

struct HeaderField {
    std::string_view name;      // as written, without the colon
    std::string_view rawValue;  // everything after the colon up to the line end of the
                                // last continuation line, folding CR/LF kept
};

class HeaderBlock {
public:
    HeaderBlock() = default;
    // `block` is the header text up to (not including) the empty line. Lines
    // that are neither fields nor continuations are skipped, as Dovecot does.
    explicit HeaderBlock(std::string_view block);

    const std::vector<HeaderField>& fields() const { return m_fields; }

    // The first field with this name (case-insensitive), or nullptr.
    const HeaderField* find(std::string_view name) const;
    // Raw value of the first field with this name, or an empty view.
    std::string_view value(std::string_view name) const;
    bool has(std::string_view name) const { return find(name) != nullptr; }
    // How many fields have this name (Autocrypt and ENVELOPE care).
    std::size_t count(std::string_view name) const;

    // Removes CR/LF of folding (RFC 5322 §2.2.3) and trims surrounding whitespace.
    static std::string unfold(std::string_view rawValue);

private:
    std::vector<HeaderField> m_fields;
};

} // namespace cachet::mime
