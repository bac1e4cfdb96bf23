#include "store/PreparedMessage.h"

#include "mime/BodyStructure.h"
#include "mime/MimeParser.h"
#include "store/Sha256.h"

namespace cachet::store {

namespace {

struct BodyRange {
    std::size_t begin;
    std::size_t end;
};

// Leaf bodies in document order. Empty bodies stay in the skeleton: there is
// nothing to share.
void collectLeafBodies(const mime::MimeEntity& entity, std::vector<BodyRange>& out)
{
    if (entity.isLeaf()) {
        if (entity.bodyEnd > entity.bodyBegin)
            out.push_back({entity.bodyBegin, entity.bodyEnd});
        return;
    }
    for (const auto& child : entity.children)
        collectLeafBodies(child, out);
}

} // namespace

PreparedMessage prepareMessage(std::string_view raw)
{
    PreparedMessage pm;
    pm.hash = sha256(raw);
    pm.size = raw.size();
    pm.servedSize = mime::crlfSize(raw);

    mime::ParsedMessage parsed = mime::parseMessage(raw);
    pm.envelope = std::move(parsed.envelope);
    pm.bodyStructure = std::move(parsed.bodyStructure);
    pm.body = std::move(parsed.body);
    pm.digest = mime::digestMessage(raw, parsed.root);

    std::vector<BodyRange> ranges;
    collectLeafBodies(parsed.root, ranges);

    std::string skeleton;
    skeleton.reserve(raw.size() / 8 + 1024);
    std::size_t cursor = 0;
    for (const BodyRange& r : ranges) {
        // The parser promises ordered, non-overlapping, in-bounds ranges; a
        // range that breaks that is left in the skeleton rather than trusted.
        if (r.begin < cursor || r.end > raw.size())
            continue;
        skeleton.append(raw.substr(cursor, r.begin - cursor));
        std::string_view bytes = raw.substr(r.begin, r.end - r.begin);
        PreparedPart part;
        part.hash = sha256(bytes);
        part.size = bytes.size();
        part.skeletonOffset = skeleton.size();
        part.encoded = compressDocument(bytes);
        pm.parts.push_back(std::move(part));
        cursor = r.end;
    }
    skeleton.append(raw.substr(cursor));
    pm.skeletonSize = skeleton.size();
    pm.skeleton = compressDocument(skeleton);
    return pm;
}

} // namespace cachet::store
