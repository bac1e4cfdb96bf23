#pragma once
// A message split into its documents, ready for the writer: the skeleton, the
// leaf bodies as parts, and everything derived from it once (ENVELOPE,
// BODYSTRUCTURE, the digest). Preparing touches no database, so it can run on
// any thread while the single writer stores the previous message.

#include "mime/MessageDigest.h"
#include "store/Compression.h"

#include <cstddef>
#include <string>
#include <vector>

namespace cachet::store {

struct PreparedPart {
    std::string hash;            // SHA-256 of the raw body bytes
    std::size_t size = 0;        // raw body bytes
    std::size_t skeletonOffset = 0; // where they go back into the skeleton
    Encoded encoded;
};

struct PreparedMessage {
    std::string hash;            // SHA-256 of the whole raw message
    std::size_t size = 0;
    std::size_t servedSize = 0;  // size with every bare LF counted as CRLF (RFC822.SIZE)
    std::size_t skeletonSize = 0;
    Encoded skeleton;
    std::vector<PreparedPart> parts; // in skeleton order
    std::string envelope;
    std::string bodyStructure;
    std::string body;
    mime::MessageDigest digest;
};

PreparedMessage prepareMessage(std::string_view raw);

} // namespace cachet::store
