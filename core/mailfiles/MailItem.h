#pragma once
// One message read from a mail file or folder, on its way into the store.

#include <cstdint>
#include <optional>
#include <string>

namespace cachet::mailfiles {

struct MailItem {
    std::string raw;              // the message bytes, exactly as stored on disk (mbox: unescaped)
    std::string origin;           // where it came from, for the import summary ("path" or "path#n")
    std::string mailbox;          // target mailbox name in the store
    std::uint32_t flags = 0;      // store::Flag bits
    std::int64_t internalDate = 0;
    std::optional<std::string> refusal; // set when the item could not even be read
};

// Larger messages are refused: no mail server accepts them, and holding one in
// memory must stay bounded.
constexpr std::uint64_t kMaxMessageSize = 256ull * 1024 * 1024;

} // namespace cachet::mailfiles
