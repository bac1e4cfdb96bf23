#pragma once
// Bounds on what one IMAP peer may make the other hold in memory. Given to a
// reader when it is created (Dovecot's lib-imap does the same), so the bridge
// and the sync client choose their own and tests can set tiny ones.

#include <cstddef>

namespace cachet::imap {

struct ImapLimits {
    // A command line without its literals (RFC 7162 §4 asks servers for at least 8 KB).
    std::size_t maxLineBytes = 64 * 1024;
    // One literal: an APPENDed message. Proton Mail Bridge and Gmail take about 25-35 MB.
    std::size_t maxLiteralBytes = 50 * 1024 * 1024;
    // All literals of one command together (MULTIAPPEND sends several).
    std::size_t maxCommandBytes = 200 * 1024 * 1024;
    // Nested parenthesised lists.
    std::size_t maxListDepth = 32;
    // Arguments in the whole command, lists included.
    std::size_t maxArguments = 100000;
};

} // namespace cachet::imap
