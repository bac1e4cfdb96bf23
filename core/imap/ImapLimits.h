#pragma once
// Bounds on what one IMAP peer may make the other hold in memory. Given to a
// reader when it is created (Dovecot's lib-imap does the same), so the bridge
// and the sync client choose their own and tests can set tiny ones.

#include <cstddef>

namespace cachet::imap {

struct ImapLimits {
    // The text of a command or response without its literals (RFC 7162 §4 asks
    // servers for at least 8 KB).
    std::size_t maxLineBytes = 64 * 1024;
    // One literal: an APPENDed message. Proton Mail Bridge and Gmail take about 25-35 MB.
    std::size_t maxLiteralBytes = 50 * 1024 * 1024;
    // All literals of one command together (MULTIAPPEND sends several), or of one response.
    std::size_t maxCommandBytes = 200 * 1024 * 1024;
    // Nested parenthesised lists.
    std::size_t maxListDepth = 32;
    // Values in the whole command or response, lists included.
    std::size_t maxArguments = 100000;

    // What the sync client accepts from a provider. Larger than the bridge's:
    // a FETCH BODY[] of a 64 MB message; SEARCH and VANISHED answers that list
    // every UID of a large mailbox on one line (8 MB is about a million UIDs,
    // whose tree is then about 64 MB: the sync engine asks for ranges or ESEARCH
    // to stay well below); BODYSTRUCTURE as deep as Dovecot's 100 MIME levels.
    static constexpr ImapLimits forResponses()
    {
        ImapLimits limits;
        limits.maxLineBytes = 8 * 1024 * 1024;
        limits.maxLiteralBytes = 100 * 1024 * 1024;
        limits.maxCommandBytes = 128 * 1024 * 1024;
        limits.maxListDepth = 128;
        limits.maxArguments = 1000000;
        return limits;
    }
};

} // namespace cachet::imap
