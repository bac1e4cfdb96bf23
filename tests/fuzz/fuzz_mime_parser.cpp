// libFuzzer target for the MIME scanner and the digest: whatever the bytes, no
// crash, no sanitizer report, and a tree whose offsets the store can slice raw
// with. Violations abort so that libFuzzer keeps the input.

#include "mime/MessageDigest.h"
#include "mime/MimeParser.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

using cachet::mime::MimeEntity;

[[noreturn]] void fail(const char* what, const MimeEntity& e, std::size_t level)
{
    std::fprintf(stderr, "invariant broken at level %zu: %s (header [%zu,%zu) body [%zu,%zu))\n", level, what,
                 e.headerBegin, e.headerEnd, e.bodyBegin, e.bodyEnd);
    std::abort();
}

// Returns the depth below `e`, the root counting as level 1.
std::size_t checkTree(const MimeEntity& e, std::size_t rawSize, std::size_t level)
{
    if (!(e.headerBegin <= e.headerEnd && e.headerEnd <= e.bodyBegin && e.bodyBegin <= e.bodyEnd
          && e.bodyEnd <= rawSize))
        fail("offsets out of order or past the end", e, level);
    if (e.isEmbeddedMessage() && !e.children.empty()
        && (e.children.size() != 1 || e.children.front().headerBegin != e.bodyBegin))
        fail("message/rfc822 child does not start at the body", e, level);
    std::size_t depth = level;
    std::size_t previousEnd = e.bodyBegin;
    for (const MimeEntity& child : e.children) {
        if (child.headerBegin < previousEnd)
            fail("child starts before its parent's body or its previous sibling", child, level + 1);
        if (child.bodyEnd > e.bodyEnd)
            fail("child ends after its parent's body", child, level + 1);
        const std::size_t childDepth = checkTree(child, rawSize, level + 1);
        depth = childDepth > depth ? childDepth : depth;
        previousEnd = child.bodyEnd;
    }
    return depth;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    const cachet::mime::MimeLimits limits;

    (void)cachet::mime::notAMessageReason(raw);
    const cachet::mime::ParsedMessage parsed = cachet::mime::parseMessage(raw, limits);
    // A few levels above the cap: the root, the unopened container and its leaf.
    if (checkTree(parsed.root, size, 1) > limits.maxNestingDepth + 2)
        fail("tree deeper than MimeLimits::maxNestingDepth", parsed.root, 1);
    if (parsed.bodyStructure.empty() || parsed.body.empty() || parsed.envelope.empty())
        fail("empty ENVELOPE or BODYSTRUCTURE", parsed.root, 1);

    const cachet::mime::MessageDigest digest = cachet::mime::digestMessage(raw, parsed.root);
    if (digest.bodyText.size() > cachet::mime::kMaxDigestBodyTextBytes)
        fail("digest body text over its cap", parsed.root, 1);
    if (digest.attachmentNames.size() > cachet::mime::kMaxDigestAttachmentNames)
        fail("too many attachment names", parsed.root, 1);
    return 0;
}
