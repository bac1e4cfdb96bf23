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
// The text is made piece by piece (one piece per part's header, one per
// part's body) and only as far as a key needs: a word in the Subject is found
// without decoding a single body, a word in the first part without the
// attachments. Pieces made are kept, so several keys on one message parse
// and decode it once. A match never spans two pieces; Dovecot, too, matches
// within one header field or one body part.

#include "mime/HeaderBlock.h"
#include "mime/MimeEntity.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
    struct Piece {
        bool body; // a body piece is read by BODY and TEXT, a header piece by TEXT only
        std::string folded;
    };

    void parse();
    void walk(const mime::MimeEntity& entity, std::size_t depth);
    void makePiecesOf(const mime::MimeEntity& entity);
    bool piecesContain(std::string_view foldedNeedle, bool bodyOnly);

    std::string m_raw;
    std::optional<mime::MimeEntity> m_root;
    mime::HeaderBlock m_header; // views into m_raw
    std::vector<const mime::MimeEntity*> m_entities; // the tree in pre-order, the order TEXT reads it
    std::size_t m_nextEntity = 0;                   // the first whose pieces are not made yet
    std::vector<Piece> m_pieces;
};

} // namespace cachet::bridge
