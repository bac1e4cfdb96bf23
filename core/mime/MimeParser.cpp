// The MIME structure scanner. Hand-written rather than VMime's parser: the
// store and the bridge need exact byte offsets of every header and body in the
// original buffer, and Dovecot's answers on malformed input (prefix boundaries,
// missing close delimiters, boundaries inside headers). VMime 0.9.2 parses into
// copies and re-serialises, and tells neither. It still decodes what the
// search index and the reader show (Decoding.h).
//
// Linear in the message size: each line is looked at once per open multipart
// level, and the levels are capped (MimeLimits).

#include "mime/MimeParser.h"

#include "mime/BodyStructure.h"
#include "mime/ContentFields.h"
#include "mime/Envelope.h"
#include "mime/HeaderBlock.h"
#include "text/AsciiText.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace cachet::mime {

namespace {

// Where scanning stopped: at a boundary line of some open multipart, or at the end.
struct Stop {
    std::size_t lineStart = 0;
    std::size_t lineNext = 0;
    int level = -1; // index into the boundary stack; -1: end of the message
    bool close = false;
};

class Scanner {
public:
    Scanner(std::string_view raw, const MimeLimits& limits) : m_raw(raw), m_limits(limits) {}

    MimeEntity parseEntity(std::size_t begin, std::size_t depth, bool inDigest, Stop& stop)
    {
        ++m_parts;
        MimeEntity e;
        e.headerBegin = begin;
        if (!parseHeader(e, stop)) {
            applyHeader(e, inDigest);
            return e; // the header ran into a boundary or the end: no body
        }
        applyHeader(e, inDigest);

        // The root is the first level (Dovecot's count): a 100-deep limit opens 99 containers.
        const bool mayOpen = depth + 1 < m_limits.maxNestingDepth && m_parts < m_limits.maxParts;
        if (e.isMultipart() && mayOpen) {
            parseMultipartBody(e, depth, stop);
        } else if (e.isEmbeddedMessage() && mayOpen) {
            e.children.push_back(parseEntity(e.bodyBegin, depth + 1, false, stop));
            e.bodyEnd = e.children.front().bodyEnd;
        } else {
            stop = findBoundary(e.bodyBegin);
            e.bodyEnd = bodyEndBefore(stop, e.bodyBegin);
        }
        return e;
    }

private:
    // Reads header lines up to the empty line. False if a boundary line or the
    // end of the message came first (then the entity has an empty body there).
    bool parseHeader(MimeEntity& e, Stop& stop)
    {
        std::size_t pos = e.headerBegin;
        while (pos < m_raw.size()) {
            const std::size_t next = lineNext(pos);
            const std::size_t contentEnd = lineContentEnd(pos, next);
            if (contentEnd == pos) {
                e.headerEnd = pos;
                e.bodyBegin = next;
                return true;
            }
            if (matchBoundary(pos, next, stop)) {
                e.headerEnd = e.bodyBegin = e.bodyEnd = bodyEndBefore(stop, e.headerBegin);
                return false;
            }
            pos = next;
        }
        e.headerEnd = e.bodyBegin = e.bodyEnd = m_raw.size();
        stop = Stop{m_raw.size(), m_raw.size(), -1, false};
        return false;
    }

    void applyHeader(MimeEntity& e, bool inDigest)
    {
        const HeaderBlock header(m_raw.substr(e.headerBegin, e.headerEnd - e.headerBegin));
        if (const HeaderField* f = header.find("Content-Type")) {
            e.hasContentType = true;
            if (auto ct = parseContentType(f->rawValue)) {
                e.rawType = ct->type;
                e.rawSubtype = ct->subtype;
                e.type = text::asciiLower(ct->type);
                e.subtype = text::asciiLower(ct->subtype);
                e.params = std::move(ct->params);
            } else {
                e.rawType = e.rawSubtype = e.type = e.subtype = "";
            }
        } else if (inDigest) {
            // RFC 2046 §5.1.5: in a multipart/digest the default is message/rfc822.
            e.rawType = e.type = "message";
            e.rawSubtype = e.subtype = "rfc822";
        }
        if (const HeaderField* f = header.find("Content-Transfer-Encoding")) {
            std::string token = parseMimeToken(f->rawValue);
            if (!token.empty()) {
                e.rawTransferEncoding = token;
                e.transferEncoding = text::asciiLower(token);
            }
        }
        if (const HeaderField* f = header.find("Content-Disposition")) {
            if (auto cd = parseContentDisposition(f->rawValue)) {
                e.rawDisposition = cd->type;
                e.disposition = text::asciiLower(cd->type);
                e.dispositionParams = std::move(cd->params);
            }
        }
    }

    void parseMultipartBody(MimeEntity& e, std::size_t depth, Stop& stop)
    {
        const std::string* boundary = e.param("boundary");
        if (!boundary || boundary->empty()) {
            // No boundary: Dovecot reports one empty text/plain part.
            MimeEntity empty;
            empty.headerBegin = empty.headerEnd = empty.bodyBegin = empty.bodyEnd = e.bodyBegin;
            e.children.push_back(std::move(empty));
            stop = findBoundary(e.bodyBegin);
            e.bodyEnd = bodyEndBefore(stop, e.bodyBegin);
            return;
        }
        m_boundaries.push_back(*boundary);
        const int own = static_cast<int>(m_boundaries.size()) - 1;
        Stop s = findBoundary(e.bodyBegin); // past the preamble
        const bool digest = e.subtype == "digest";
        while (s.level == own && !s.close) {
            Stop childStop;
            e.children.push_back(parseEntity(s.lineNext, depth + 1, digest, childStop));
            s = childStop;
        }
        m_boundaries.pop_back();
        std::size_t closeLineEnd = 0;
        if (s.level == own && s.close) {
            // The close delimiter's own line break stays in this body even when an
            // outer boundary follows at once (Dovecot: BODY[n] of such a part).
            closeLineEnd = s.lineNext;
            s = findBoundary(s.lineNext); // past the epilogue, to an outer boundary or the end
        }
        if (e.children.empty()) {
            MimeEntity empty;
            empty.headerBegin = empty.headerEnd = empty.bodyBegin = empty.bodyEnd = e.bodyBegin;
            e.children.push_back(std::move(empty));
        }
        stop = s;
        // A last child with an empty body already took the line break before the
        // boundary as the end of its header; the parent ends no earlier than its
        // children (Dovecot counts it the same way in message/rfc822 sizes).
        e.bodyEnd = std::max({bodyEndBefore(stop, e.bodyBegin), e.children.back().bodyEnd, closeLineEnd});
    }

    std::size_t lineNext(std::size_t pos) const
    {
        const void* nl = std::memchr(m_raw.data() + pos, '\n', m_raw.size() - pos);
        return nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - m_raw.data()) + 1 : m_raw.size();
    }

    // End of the line's content, without its CRLF or LF.
    std::size_t lineContentEnd(std::size_t pos, std::size_t next) const
    {
        std::size_t end = next;
        if (end > pos && m_raw[end - 1] == '\n')
            --end;
        if (end > pos && m_raw[end - 1] == '\r')
            --end;
        return end;
    }

    // A line "--boundary" of an open multipart, innermost first (RFC 2046 §5.1.1;
    // like Dovecot, a line that merely starts with the delimiter counts).
    bool matchBoundary(std::size_t pos, std::size_t next, Stop& stop) const
    {
        if (m_boundaries.empty() || next - pos < 3 || m_raw[pos] != '-' || m_raw[pos + 1] != '-')
            return false;
        // At the part limit no boundary counts any more: the last part runs to the
        // end of the message (Dovecot does the same, so sections stay comparable).
        if (m_parts >= m_limits.maxParts)
            return false;
        const std::string_view line = m_raw.substr(pos + 2, next - pos - 2);
        for (int level = static_cast<int>(m_boundaries.size()) - 1; level >= 0; --level) {
            const std::string& b = m_boundaries[static_cast<std::size_t>(level)];
            if (line.size() >= b.size() && line.compare(0, b.size(), b) == 0) {
                const std::string_view rest = line.substr(b.size());
                stop = Stop{pos, next, level, rest.size() >= 2 && rest[0] == '-' && rest[1] == '-'};
                return true;
            }
        }
        return false;
    }

    Stop findBoundary(std::size_t pos) const
    {
        Stop stop;
        if (!m_boundaries.empty()) {
            while (pos < m_raw.size()) {
                const std::size_t next = lineNext(pos);
                if (matchBoundary(pos, next, stop))
                    return stop;
                pos = next;
            }
        }
        return Stop{m_raw.size(), m_raw.size(), -1, false};
    }

    // The CRLF (or LF) before a boundary line belongs to the boundary (RFC 2046 §5.1.1).
    std::size_t bodyEndBefore(const Stop& stop, std::size_t floor) const
    {
        if (stop.level < 0)
            return m_raw.size();
        std::size_t end = stop.lineStart;
        if (end > floor && m_raw[end - 1] == '\n') {
            --end;
            if (end > floor && m_raw[end - 1] == '\r')
                --end;
        }
        return end;
    }

    std::string_view m_raw;
    const MimeLimits& m_limits;
    std::vector<std::string> m_boundaries;
    std::size_t m_parts = 0;
};

bool isFieldNameChar(unsigned char c)
{
    return c >= 33 && c <= 126 && c != ':';
}

// "Name:" at the start of `line` (whitespace before the colon tolerated).
bool startsWithField(std::string_view line)
{
    std::size_t i = 0;
    while (i < line.size() && isFieldNameChar(static_cast<unsigned char>(line[i])))
        ++i;
    if (i == 0)
        return false;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
        ++i;
    return i < line.size() && line[i] == ':';
}

} // namespace

std::optional<std::string> notAMessageReason(std::string_view raw)
{
    if (raw.empty())
        return std::string("empty file");
    std::size_t pos = 0;
    // An mbox "From " line before the header is kept with the message.
    if (raw.substr(0, 5) == "From ") {
        const std::size_t nl = raw.find('\n');
        if (nl == std::string_view::npos)
            return std::string("only an mbox \"From \" line, no message");
        pos = nl + 1;
    }
    const std::size_t nl = raw.find('\n', pos);
    const std::string_view first = raw.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (first.empty() || first == "\r")
        return std::nullopt; // an empty header: a body-only message, as Dovecot accepts
    if (!startsWithField(first))
        return std::string("not an RFC 5322 message: the first line is not a header field");
    return std::nullopt;
}

MimeEntity parseMimeTree(std::string_view raw, const MimeLimits& limits)
{
    Scanner scanner(raw, limits);
    Stop stop;
    return scanner.parseEntity(0, 0, false, stop);
}

ParsedMessage parseMessage(std::string_view raw, const MimeLimits& limits)
{
    ParsedMessage pm;
    pm.root = parseMimeTree(raw, limits);
    appendEnvelope(pm.envelope, HeaderBlock(raw.substr(pm.root.headerBegin, pm.root.headerEnd - pm.root.headerBegin)));
    appendBodyStructure(pm.bodyStructure, raw, pm.root, true);
    appendBodyStructure(pm.body, raw, pm.root, false);
    return pm;
}

} // namespace cachet::mime
