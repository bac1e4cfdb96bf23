// libFuzzer target for the IMAP response reader, what the sync client reads
// from a provider: the input is cut into chunks at the positions its first byte
// chooses (to reach every "need more" state), and whatever arrives, the reader
// neither crashes nor holds more than its limits, and goes on after errors.
// Each response read is also given to every reader of common responses
// (FETCH, LIST, STATUS, SEARCH, ESEARCH, VANISHED, CAPABILITY, the codes),
// which must refuse garbage without crashing.

#include "imap/Capabilities.h"
#include "imap/FetchResponse.h"
#include "imap/ListResponse.h"
#include "imap/ResponseCodes.h"
#include "imap/ResponseReader.h"
#include "imap/SearchResponse.h"
#include "imap/StatusResponse.h"
#include "imap/VanishedResponse.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

void readEveryWay(const cachet::imap::Response& response)
{
    using namespace cachet::imap;
    (void)readFetch(response);
    (void)readList(response, false);
    (void)readList(response, true);
    (void)readStatus(response);
    (void)readSearch(response);
    (void)readESearch(response);
    (void)readVanished(response);
    if (const auto capabilities = Capabilities::from(response))
        (void)capabilities->authMechanisms();
    (void)uidValidityCode(response);
    (void)uidNextCode(response);
    (void)highestModSeqCode(response);
    (void)permanentFlagsCode(response);
    (void)appendUidCode(response);
    if (const auto copy = copyUidCode(response))
        (void)copy->pairs(4096); // small: the fuzzer's sets may name billions of UIDs
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using cachet::imap::ResponseReader;
    cachet::imap::ImapLimits limits;
    limits.maxLineBytes = 1024; // small, so that the fuzzer reaches the limits
    limits.maxLiteralBytes = 1024;
    limits.maxCommandBytes = 2048;
    limits.maxListDepth = 16;
    limits.maxArguments = 512;
    ResponseReader reader(limits);
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t chunk = size > 0 ? 1 + data[0] % 64 : 1;
    for (std::size_t pos = 0; pos < input.size(); pos += chunk) {
        reader.feed(input.substr(pos, chunk));
        std::size_t steps = 0;
        for (ResponseReader::Status status; (status = reader.next()) != ResponseReader::Status::NeedMore;) {
            if (status == ResponseReader::Status::Response)
                readEveryWay(reader.response());
            if (++steps > input.size() + 16) {
                std::fprintf(stderr, "reader does not converge\n");
                std::abort();
            }
        }
        if (reader.buffered() > limits.maxLineBytes + chunk) {
            std::fprintf(stderr, "reader holds %zu bytes\n", reader.buffered());
            std::abort();
        }
    }
    return 0;
}
