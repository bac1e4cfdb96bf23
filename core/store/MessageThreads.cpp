#include "store/MessageThreads.h"

#include "store/MessageOpenPgp.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cachet::store {

namespace {

struct Node {
    std::uint32_t uid = 0;
    std::int64_t date = 0;
    std::int64_t latest = 0; // newest date in the subtree (roots only need it)
    std::int64_t parent = -1;
    std::vector<std::size_t> children;
};

// The ids a message refers to, nearest ancestor first: In-Reply-To, then
// References from the last (the parent) back to the first (the thread's start).
std::vector<std::string> ancestorsNearestFirst(const std::string& inReplyTo, const std::string& references)
{
    std::vector<std::string> out;
    if (!inReplyTo.empty())
        out.push_back(inReplyTo);
    std::vector<std::string_view> refs;
    std::string_view rest = references;
    while (!rest.empty()) {
        const std::size_t space = rest.find(' ');
        const std::string_view id = rest.substr(0, space);
        if (!id.empty())
            refs.push_back(id);
        rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    }
    for (auto it = refs.rbegin(); it != refs.rend(); ++it)
        out.emplace_back(*it);
    return out;
}

} // namespace

std::vector<ThreadedUid> threadOrder(Database& db, std::int64_t mailboxId)
{
    // The shown document's ids: a decrypted message's protected headers are the real ones.
    Statement st = db.prepare("SELECT e.uid, coalesce(m.date, e.internaldate), m.message_id, m.in_reply_to,"
                              " m.references_ids FROM entry e JOIN message m ON m.id = "
                              + servedIdSql("e.message_id") + " WHERE e.mailbox_id = ? ORDER BY e.uid");
    st.bind(1, mailboxId);
    std::vector<Node> nodes;
    std::vector<std::pair<std::string, std::string>> links; // in_reply_to, references per node
    std::unordered_map<std::string, std::size_t> byMessageId;
    while (st.step()) {
        Node n;
        n.uid = static_cast<std::uint32_t>(st.columnInt(0));
        n.date = st.columnInt(1);
        n.latest = n.date;
        const std::string messageId = st.columnText(2);
        if (!messageId.empty())
            byMessageId.emplace(messageId, nodes.size()); // the first copy of a duplicate wins
        links.emplace_back(st.columnText(3), st.columnText(4));
        nodes.push_back(std::move(n));
    }

    for (std::size_t i = 0; i < nodes.size(); ++i) {
        for (const std::string& id : ancestorsNearestFirst(links[i].first, links[i].second)) {
            const auto found = byMessageId.find(id);
            if (found == byMessageId.end() || found->second == i)
                continue;
            // A loop (A refers to B, B to A) would hide both: walk up from the
            // candidate and refuse it if the path comes back here.
            bool loops = false;
            for (std::int64_t up = static_cast<std::int64_t>(found->second); up >= 0;
                 up = nodes[static_cast<std::size_t>(up)].parent) {
                if (static_cast<std::size_t>(up) == i) {
                    loops = true;
                    break;
                }
            }
            if (loops)
                continue;
            nodes[i].parent = static_cast<std::int64_t>(found->second);
            break;
        }
    }
    links.clear();
    links.shrink_to_fit();
    byMessageId.clear();

    std::vector<std::size_t> roots;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].parent < 0) {
            roots.push_back(i);
            continue;
        }
        nodes[static_cast<std::size_t>(nodes[i].parent)].children.push_back(i);
        // Carry the date up to the root, so a thread sorts by its newest message.
        for (std::int64_t up = nodes[i].parent; up >= 0; up = nodes[static_cast<std::size_t>(up)].parent) {
            Node& a = nodes[static_cast<std::size_t>(up)];
            if (a.latest >= nodes[i].date)
                break;
            a.latest = nodes[i].date;
        }
    }
    const auto olderFirst = [&](std::size_t a, std::size_t b) {
        return nodes[a].date != nodes[b].date ? nodes[a].date < nodes[b].date : nodes[a].uid < nodes[b].uid;
    };
    std::sort(roots.begin(), roots.end(), [&](std::size_t a, std::size_t b) {
        return nodes[a].latest != nodes[b].latest ? nodes[a].latest > nodes[b].latest : nodes[a].uid > nodes[b].uid;
    });

    std::vector<ThreadedUid> out;
    out.reserve(nodes.size());
    std::vector<std::pair<std::size_t, std::uint16_t>> stack; // explicit: a 10,000-reply chain must not overflow
    for (std::size_t root : roots) {
        stack.emplace_back(root, 0);
        while (!stack.empty()) {
            const auto [index, depth] = stack.back();
            stack.pop_back();
            Node& n = nodes[index];
            out.push_back({n.uid, std::min(depth, kMaxThreadDepth)});
            std::sort(n.children.begin(), n.children.end(), olderFirst);
            const auto childDepth = static_cast<std::uint16_t>(depth < 65535 ? depth + 1 : depth);
            for (auto it = n.children.rbegin(); it != n.children.rend(); ++it)
                stack.emplace_back(*it, childDepth);
        }
    }
    return out;
}

} // namespace cachet::store
