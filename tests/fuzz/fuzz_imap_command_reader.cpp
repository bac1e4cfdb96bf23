// libFuzzer target for the IMAP command reader: the input is cut into chunks at
// the positions its first bytes choose (to reach every "need more" state), and
// whatever arrives, the reader neither crashes nor holds more than its limits.

#include "imap/CommandReader.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using cachet::imap::CommandReader;
    cachet::imap::ImapLimits limits;
    limits.maxLineBytes = 1024; // small, so that the fuzzer reaches the limits
    limits.maxLiteralBytes = 1024;
    limits.maxCommandBytes = 4096;
    CommandReader reader(limits);
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t chunk = size > 0 ? 1 + data[0] % 64 : 1;
    for (std::size_t pos = 0; pos < input.size(); pos += chunk) {
        reader.feed(input.substr(pos, chunk));
        std::size_t steps = 0;
        while (reader.next() != CommandReader::Status::NeedMore) {
            if (++steps > input.size() + 16) {
                std::fprintf(stderr, "reader does not converge\n");
                std::abort();
            }
        }
        if (reader.buffered() > limits.maxLineBytes + limits.maxLiteralBytes + chunk) {
            std::fprintf(stderr, "reader holds %zu bytes\n", reader.buffered());
            std::abort();
        }
    }
    return 0;
}
