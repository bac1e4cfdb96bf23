#pragma once
// One message's bytes as the text keys of SEARCH see them (RFC 3501 §6.4.4),
// following Dovecot's scanning search (the reference, without an fts plugin):
//
// - header keys read the message's own header fields, every occurrence,
//   unfolded with RFC 2047 encoded words decoded; FROM, TO, CC and BCC read the
//   addresses in their written-out form ("Name <a@b>, <c@d>");
// - BODY reads the body of every text/* and message/* part (and parts without
//   a usable Content-Type), transfer encoding and charset decoded, HTML as it
//   is; other parts (images, application/*) and multipart preambles are not read;
// - TEXT reads BODY's text plus every header of the message and of its parts
//   and embedded messages, "Name: value" per field.
//
// The full-text index (search/SearchIndex) is not used: its tokens cannot
// answer a substring match, and its body column holds one alternative, HTML
// turned into text and a size cap, none of which the RFC's BODY asks for.
//
// Everything is computed on first use and kept, so several keys on one
// message parse it once.

#include "mime/HeaderBlock.h"
#include "mime/MimeEntity.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cachet::bridge {

class MessageSearchText {
public:
    explicit MessageSearchText(std::string raw);
    MessageSearchText(const MessageSearchText&) = delete;
    MessageSearchText& operator=(const MessageSearchText&) = delete;

    // RFC822.SIZE as the bridge serves it: every bare LF counts as CRLF (imap/SectionReader.h).
    std::size_t servedSize() const;

    // `foldedNeedle` comes from text::foldForSearch. An empty needle matches
    // any message that has the field (Dovecot: a test for the field's presence).
    bool headerContains(std::string_view field, bool addresses, std::string_view foldedNeedle);
    bool bodyContains(std::string_view foldedNeedle);
    bool textContains(std::string_view foldedNeedle);

private:
    void parse();
    void appendPartText(const mime::MimeEntity& entity, bool withHeaders, std::string& out, std::size_t depth) const;

    std::string m_raw;
    std::optional<mime::MimeEntity> m_root;
    mime::HeaderBlock m_header; // views into m_raw
    std::optional<std::string> m_foldedBody;
    std::optional<std::string> m_foldedText;
};

} // namespace cachet::bridge
