// libFuzzer target for the IMAP command reader: the input is cut into chunks at
// the positions its first bytes choose (to reach every "need more" state), and
// whatever arrives, the reader neither crashes nor holds more than its limits.
// Each command read is also given to the grammars the bridge runs on arguments
// (sequence sets, FETCH items), which must refuse garbage without crashing.

#include "imap/CommandReader.h"
#include "imap/FetchItems.h"
#include "imap/SequenceSet.h"

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
        for (CommandReader::Status status; (status = reader.next()) != CommandReader::Status::NeedMore;) {
            if (status == CommandReader::Status::Command) {
                std::string error;
                for (const cachet::imap::CommandArg& arg : reader.command().args) {
                    if (arg.type == cachet::imap::CommandArg::Type::Atom)
                        (void)cachet::imap::SequenceSet::parse(arg.text, 64);
                    (void)cachet::imap::parseFetchItems(arg, error);
                }
            }
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
